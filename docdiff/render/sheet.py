"""Comparison or targets → a sheet (header and rows of typed cells) for CSV, xlsx and the HTML
report's download: one row per target pair, numbers kept as numbers.
"""
from __future__ import annotations

import csv
import io

from msgspec import Struct

from docdiff.model import Comparison, SectionPair, Target, TargetPair
from docdiff.render.cells import text_cell
from docdiff.render.json import target_json

Cell = str | int | float | None

# One row per target pair. ``tier`` is read with getattr: the Target field is being added (issue 11).
PAIR_COLUMNS = (
    "indicator", "key", "a_value", "a_value_high", "a_unit", "b_value", "b_value_high", "b_unit",
    "a_comparator", "b_comparator", "a_year", "b_year", "status", "changes", "direction", "ambition",
    "tier", "a_line", "b_line", "a_section", "b_section", "a_text", "b_text",
)
SECTION_COLUMNS = ("a_section", "a_title", "a_line", "b_section", "b_title", "b_line", "similarity", "status")
# The target fields of docs/CONTRACT.md, in its order (as render/csv.py writes them).
TARGET_COLUMNS = ("id", "indicator", "key", "value", "value_high", "unit", "comparator", "year", "period",
                  "baseline", "baseline_year", "binding", "status", "text", "line", "section")
NUMBER_COLUMNS = frozenset({"a_value", "a_value_high", "b_value", "b_value_high", "a_year", "b_year", "a_line",
                            "b_line", "similarity", "value", "value_high", "year", "baseline", "baseline_year",
                            "line"})
STATUS_COLUMN = "status"
# Closed vocabularies written as the contract spells them ("=", ">=", "~"): a bare "=" runs nothing.
VOCABULARY_COLUMNS = frozenset({"a_comparator", "b_comparator", "comparator"})


class Sheet(Struct, frozen=True):
    """A named table: ``rows`` hold str, int, float or None (an empty cell)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, int):
        return v  # a value too large for a float, kept exact
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else float(v)


def _tier(t: Target | None) -> str | None:
    tier = getattr(t, "tier", None) if t is not None else None
    return None if tier is None else str(tier)


_NO_SIDE: tuple[Cell, ...] = (None,) * 8


def _side(t: Target | None) -> tuple[Cell, ...]:
    """value, value_high, unit, comparator, year, line, section, text of one side of a pair."""
    if t is None:
        return _NO_SIDE
    return (_num(t.value), _num(t.value_high), t.unit, str(t.comparator), t.year, t.line, t.section, t.text)


def _pair_row(p: TargetPair) -> tuple[Cell, ...]:
    """One row in PAIR_COLUMNS order."""
    a, b = p.a, p.b
    either = b or a
    assert either is not None  # a pair always has one side
    (a_value, a_high, a_unit, a_cmp, a_year, a_line, a_section, a_text) = _side(a)
    (b_value, b_high, b_unit, b_cmp, b_year, b_line, b_section, b_text) = _side(b)
    return (either.indicator, either.key, a_value, a_high, a_unit, b_value, b_high, b_unit, a_cmp, b_cmp,
            a_year, b_year, str(p.status), ", ".join(p.changes), p.direction, p.ambition, _tier(b) or _tier(a),
            a_line, b_line, a_section, b_section, a_text, b_text)


def _section_row(p: SectionPair) -> tuple[Cell, ...]:
    def side(s: object) -> tuple[Cell, Cell, Cell]:
        if s is None:
            return None, None, None
        return s.path or s.number, s.title, s.line  # type: ignore[attr-defined]

    return (*side(p.a), *side(p.b), round(p.similarity, 4), str(p.status))


def comparison_sheets(c: Comparison) -> tuple[Sheet, Sheet]:
    """The target pairs, then the section pairs, of a comparison."""
    return _targets_sheet(c), Sheet("sections", SECTION_COLUMNS, tuple(_section_row(p) for p in c.sections))


def _targets_sheet(c: Comparison) -> Sheet:
    return Sheet("targets", PAIR_COLUMNS, tuple(_pair_row(p) for p in c.targets))


def targets_sheet(targets: tuple[Target, ...]) -> Sheet:
    """One document's targets, the contract's fields as columns (as ``targets --format json``)."""
    rows = []
    for t in targets:
        data = target_json(t)
        rows.append(tuple(data[col] for col in TARGET_COLUMNS))
    return Sheet("targets", TARGET_COLUMNS, tuple(rows))


BOM = "\ufeff"  # Excel on Chinese Windows reads a CSV without it as GBK


def sheet_csv(sheet: Sheet) -> str:
    """CSV text: UTF-8 byte-order mark, header row, RFC 4180 quoting, \\r\\n row ends; text cells
    defused against formulas, numbers as written by the JSON renderer."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(sheet.columns)
    for row in sheet.rows:
        writer.writerow(["" if v is None else v if isinstance(v, int | float) or col in VOCABULARY_COLUMNS
                         else text_cell(str(v)) for col, v in zip(sheet.columns, row)])
    return BOM + out.getvalue()


def render_comparison_csv(c: Comparison) -> str:
    """``compare --format csv``: the target pairs (the first of ``comparison_sheets``)."""
    return sheet_csv(_targets_sheet(c))
