"""Targets → a terminal report: one rich table per section (indicator, value, comparator, year,
period, line). Document text only ever enters rich as ``Text`` objects, never as markup.
"""
from __future__ import annotations

import io
from itertools import groupby

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from docdiff.model import Comparator, Document, Target
from docdiff.render.console import SafeConsole
from docdiff.render.linebreak import wrap_text
from docdiff.render.tiers import headline_first

_COMPARATOR_SHOWN = {Comparator.EQ: "=", Comparator.GE: "≥", Comparator.LE: "≤", Comparator.APPROX: "≈",
                     Comparator.RANGE: "range"}


def _number(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if isinstance(v, int) or float(v).is_integer() else f"{v:g}"


def _value(t: Target) -> Text:
    shown = _number(t.value)
    if t.value_high is not None:
        shown += f"–{_number(t.value_high)}"
    text = Text(shown, style="bold")
    text.append(t.unit)
    if t.baseline is not None:
        text.append(f" (from {_number(t.baseline)}", style="dim")
        text.append(f" in {t.baseline_year})" if t.baseline_year else ")", style="dim")
    return text


def _section_table(targets: list[Target]) -> Table:
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
        indicator = Text(t.indicator)
        if t.status == "past":
            indicator.append(" (past)", style="dim italic")
        if t.confidence == "low":
            indicator.append(" (?)", style="dim italic")  # no proper name found: check this row
        if t.binding:
            indicator.append(f" [{t.binding}]", style="dim")
        table.add_row(indicator, value, Text(_COMPARATOR_SHOWN[t.comparator]),
                      Text("" if t.year is None else str(t.year)), Text(str(t.period)), Text(str(t.line)))
    return table


def render_targets_term(doc: Document, targets: tuple[Target, ...], *, color: bool, width: int) -> str:
    """The targets of ``doc`` grouped by section, as terminal text (ANSI colours when ``color``)."""
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system="truecolor" if color else None,
                      force_terminal=color, highlight=False, emoji=False)
    title = Text(doc.meta.title or doc.path, style="bold")
    title.append(f"  {len(targets)} target{'s' if len(targets) != 1 else ''}", style="dim")
    if doc.format != "text":  # the line numbers below count the extracted text, not the file
        title.append(f" · lines of the text extracted from the {doc.format.upper()}", style="dim")
    for line in wrap_text(title, width):
        console.print(line)
    if not targets:
        console.print(Text("No quantified targets found.", style="dim"))
    for section, group in groupby(headline_first(targets), key=lambda t: t.section):
        console.print()
        for line in wrap_text(Text(section or "(no section)", style="bold cyan"), width):
            console.print(line)
        console.print(_section_table(list(group)))
    return out.getvalue()
