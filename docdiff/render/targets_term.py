"""Targets → a terminal report: one table per section (indicator, value, comparator, year,
period, line). In colour, rich tables (document text only ever enters rich as ``Text`` objects,
never as markup); without colour the same tables laid out as rich lays them out
(``plain_table``), so a piped report needs no rich Console (~20 ms of its start-up).
"""
from __future__ import annotations

import io
from itertools import groupby
from typing import TYPE_CHECKING

from docdiff.errors import escape_controls
from docdiff.model import Comparator, Document, Target
from docdiff.render.cell_width import cell_len
from docdiff.render.linebreak import wrap_text
from docdiff.render.term_cells import based, plain_styles
from docdiff.render.tiers import headline_first

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

_COMPARATOR_SHOWN = {Comparator.EQ: "=", Comparator.GE: "≥", Comparator.LE: "≤", Comparator.APPROX: "≈",
                     Comparator.RANGE: "range"}


def _number(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if isinstance(v, int) or float(v).is_integer() else f"{v:g}"


def _value(t: Target) -> Text:
    """The value cell: "60亿元 (from 38.39 in 2020)"."""
    shown = _number(t.value)
    if t.value_high is not None:
        shown += f"–{_number(t.value_high)}"
    text = based(shown, "bold")
    text.append(t.unit)
    if t.baseline is not None:
        text.append(f" (from {_number(t.baseline)}", style="dim")
        text.append(f" in {t.baseline_year})" if t.baseline_year else ")", style="dim")
    return text


def _indicator(t: Target) -> Text:
    """The indicator cell, with its "(past)", "(?)", "[binding]" marks."""
    text = based(t.indicator)
    if t.status == "past":
        text.append(" (past)", style="dim italic")
    if t.confidence == "low":
        text.append(" (?)", style="dim italic")  # no proper name found: check this row
    if t.binding:
        text.append(f" [{t.binding}]", style="dim")
    return text


def _cells(t: Target) -> list[str]:
    """The row's cells after the indicator and the value: comparator, year, period, line."""
    return [_COMPARATOR_SHOWN[t.comparator], "" if t.year is None else str(t.year), str(t.period), str(t.line)]


def _title(doc: Document, targets: tuple[Target, ...]) -> Text:
    title = based(doc.meta.title or doc.path, "bold")
    title.append(f"  {len(targets)} target{'s' if len(targets) != 1 else ''}", style="dim")
    if doc.format != "text":  # the line numbers below count the extracted text, not the file
        title.append(f" · lines of the text extracted from the {doc.format.upper()}", style="dim")
    return title


def _section_table(targets: list[Target]) -> Table:
    from rich.table import Table
    from rich.text import Text

    values = [_value(t) for t in targets]
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column("indicator", ratio=3, overflow="fold")
    # The value is never wrapped or cut: the indicator column gives way instead.
    table.add_column("value", justify="right", no_wrap=True, min_width=max(cell_len(v.plain) for v in values))
    table.add_column("cmp", justify="center")
    table.add_column("year", justify="right")
    table.add_column("period")
    table.add_column("line", justify="right", style="dim")
    for t, value in zip(targets, values):
        table.add_row(_indicator(t), value, *map(Text, _cells(t)))
    return table


def _plain_table(targets: list[Target], width: int) -> list[str]:
    """``_section_table`` without colour, laid out as rich does (``plain_table``)."""
    from docdiff.render.plain_table import Column, table_lines

    values = [_value(t).plain for t in targets]
    columns = [Column("indicator", overflow="fold"),
               Column("value", justify="right", no_wrap=True, min_width=max(map(cell_len, values))),
               Column("cmp", justify="center"), Column("year", justify="right"), Column("period"),
               Column("line", justify="right")]
    rows = [[_indicator(t).plain, value, *_cells(t)] for t, value in zip(targets, values)]
    return table_lines(columns, rows, width)


# Narrower pages are left to rich (tests/test_plain_layout.py compares the two from 20 cells up).
MIN_PLAIN_WIDTH = 20


def render_targets_term(doc: Document, targets: tuple[Target, ...], *, color: bool, width: int) -> str:
    """The targets of ``doc`` grouped by section, as terminal text (ANSI colours when ``color``)."""
    if not color and width >= MIN_PLAIN_WIDTH:
        with plain_styles():
            return _render_plain(doc, targets, width)
    from rich.text import Text

    from docdiff.render.console import SafeConsole

    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system="truecolor" if color else None,
                          force_terminal=color, highlight=False, emoji=False)
    for line in wrap_text(_title(doc, targets), width):
        console.print(line)
    if not targets:
        console.print(Text("No quantified targets found.", style="dim"))
    for section, group in groupby(headline_first(targets), key=lambda t: t.section):
        console.print()
        for line in wrap_text(based(section or "(no section)", "bold cyan"), width):
            console.print(line)
        console.print(_section_table(list(group)))
    return out.getvalue()


def _render_plain(doc: Document, targets: tuple[Target, ...], width: int) -> str:
    """``render_targets_term`` without colour: the same characters, without rich's Console."""
    from docdiff.render.plain_wrap import render_lines

    lines: list[str] = []
    for line in wrap_text(_title(doc, targets), width):
        lines += render_lines(line.plain, width)
    if not targets:
        lines += render_lines("No quantified targets found.", width)
    for section, group in groupby(headline_first(targets), key=lambda t: t.section):
        lines.append("")
        for line in wrap_text(based(section or "(no section)", "bold cyan"), width):
            lines += render_lines(line.plain, width)
        lines += _plain_table(list(group), width)
    return escape_controls("".join(line + "\n" for line in lines))
