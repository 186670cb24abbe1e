"""Comparison → the terminal's target table: indicator, a → b values, status, direction, lines.

Laid out from the content: values, status and lines are never cut; the indicator wraps, and at
80 columns each pair is stacked (indicator, then its values and status indented below).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from docdiff.model import Comparison, Target, TargetPair
from docdiff.render.linebreak import wrap_text
from docdiff.render.term_cells import GAP as _GAP
from docdiff.render.term_cells import STATUS_STYLE
from docdiff.render.term_cells import fit_cell as _cell
from docdiff.render.term_cells import styled as _text
from docdiff.render.tiers import headline_first

if TYPE_CHECKING:
    from rich.text import Text

_COMPARATOR = {"=": "", ">=": "≥", "<=": "≤", "~": "≈", "range": ""}
_ARROW = {"raised": "↑", "lowered": "↓"}


def _value(target: Target | None) -> Text:
    if target is None:
        return _text("—", "dim")
    if target.value is None:
        shown = " ".join(target.text.split())  # "完成上级下达指标": the words stand for the value
        return _text(shown if len(shown) <= NO_VALUE_CHARS else shown[:NO_VALUE_CHARS - 1] + "…")
    v = _number(target.value)
    if str(target.comparator) == "range" and target.value_high is not None:
        v = f"{v}–{_number(target.value_high)}"
    t = _text(_COMPARATOR.get(str(target.comparator), ""))
    t.append(f"{v}")
    t.append(target.unit)
    if target.year:
        t.append(f" ({target.year})", "dim")
    return t


NO_VALUE_CHARS = 12  # a target without a number shows the start of its wording, not the whole sentence


def _number(v: float) -> str:
    if isinstance(v, int):
        return str(v)  # a value too large for a float, kept exact
    return f"{v:g}" if abs(v) < 1e15 else f"{v:.0f}"


def _lines(p: TargetPair) -> Text:
    bits = []
    if p.a is not None:
        bits.append(f"a:{p.a.line}")
    if p.b is not None:
        bits.append(f"b:{p.b.line}")
    return _text(" ".join(bits), "dim")


def target_table(c: Comparison, *, only_changed: bool = False, width: int = 100) -> Text:
    """indicator, a value → b value, status, direction arrow and lines: one row per target pair."""
    return _text("\n").join(target_rows(c, only_changed=only_changed, width=width))


MIN_INDICATOR_CELLS = 16  # 8 Chinese characters: narrower, and a table row reads worse than a stack
_INDENT = "  "


def _target_cells(p: TargetPair) -> tuple[Text, Text, Text, Text, Text]:
    either = p.b or p.a
    change = _value(p.a)
    change.append(" → ", "dim")
    change.append_text(_value(p.b))
    status = _text(str(p.status), STATUS_STYLE.get(str(p.status), ""))
    if p.changes:
        status.append(f" ({', '.join(p.changes)})", "dim")
    arrow = _text(_ARROW.get(p.direction or "", ""), "bold")
    return _text(either.indicator if either else ""), change, status, arrow, _lines(p)


def target_rows(c: Comparison, *, only_changed: bool = False, width: int = 100) -> list[Text]:
    """The lines of ``target_table``: title, header, then each target pair.

    Laid out from the content: the values, status and lines columns are as wide as their
    widest cell and never cut; the indicator takes the rest and wraps. When that leaves the
    indicator fewer than ``MIN_INDICATOR_CELLS`` (an 80-column terminal), each pair is stacked:
    the indicator on one line, values, status and lines indented below it.
    """
    from docdiff.render.cell_width import cell_len

    pairs = [p for p in headline_first(c.targets) if not (only_changed and p.status == "shared")]
    rows = [_target_cells(p) for p in pairs]
    heads = [_text(h, "bold") for h in ("indicator", "a → b", "status", "", "lines")]
    natural = [max([cell_len(h.plain)] + [cell_len(r[k].plain) for r in rows]) for k, h in enumerate(heads)]
    fixed = sum(natural[1:]) + 4 * len(_GAP)
    indicator_cells = min(natural[0], width - fixed)
    out = [_text("Targets", "bold")]
    if indicator_cells >= min(natural[0], MIN_INDICATOR_CELLS):
        widths = [indicator_cells] + natural[1:]
        out.append(_row(heads, widths))
        for r in rows:
            out.extend(_wrapped_row(list(r), widths))
        return out
    out.append(_text("indicator / a → b   status   lines", "bold"))
    for indicator, change, status, arrow, lines in rows:
        out.extend(wrap_text(indicator, width))
        if arrow.plain:
            status = status.copy()
            status.append(" ")
            status.append_text(arrow)
        pieces = [change, status, lines]
        joined = _text(_INDENT).join(pieces)
        if cell_len(joined.plain) + len(_INDENT) <= width:
            out.append(_text(_INDENT).append_text(joined))
        else:  # each piece whole on its own line; only a piece wider than the line wraps
            for piece in pieces:
                out.extend(_text(_INDENT).append_text(line) for line in wrap_text(piece, width - len(_INDENT)))
    return out


def _wrapped_row(cells: list[Text], widths: list[int]) -> list[Text]:
    """One table row, its first cell wrapped to its column; the other cells on the first line."""
    first = wrap_text(cells[0], widths[0]) or [_text()]
    lines = [_row([first[0]] + cells[1:], widths)]
    lines.extend(_row([more], widths[:1]) for more in first[1:])
    return lines


def _row(cells: list[Text], widths: list[int]) -> Text:
    row = _text()
    for k, (cell, cells_wide) in enumerate(zip(cells, widths)):
        if k:
            row.append(_GAP)
        row.append_text(_cell(cell, cells_wide) if k < len(cells) - 1 else cell)
    return row
