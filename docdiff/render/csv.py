"""Targets → CSV: one row per target, the contract's target fields as the header row.

Values are written as the JSON renderer writes them (whole numbers without ".0", empty cells
for null), so a spreadsheet and a script read the same figures. Text a spreadsheet would run as
a formula (a cell starting with = + - @, tab or CR) gets OWASP's ``'`` prefix; the comparator
column keeps its closed vocabulary (a bare ``=`` runs nothing).
"""
from __future__ import annotations

import csv
import io

from docdiff.errors import escape_controls
from docdiff.model import Document, Target
from docdiff.render.cells import defuse_formula
from docdiff.render.json import target_json

__all__ = ["FIELDS", "defuse_formula", "render_targets_csv"]
# The target fields of shared/docs/CONTRACT.md, in its order.
FIELDS = ("id", "indicator", "key", "value", "value_high", "unit", "comparator", "year", "period",
          "baseline", "baseline_year", "binding", "status", "tier", "confidence", "text", "line", "section")


def render_targets_csv(doc: Document, targets: tuple[Target, ...]) -> str:
    """CSV text (RFC 4180 quoting, \\r\\n row ends as the csv module writes them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for t in targets:
        data = target_json(t)
        writer.writerow([data[f] if f == "comparator" else _cell(data[f]) for f in FIELDS])
    return out.getvalue()


def _cell(value: object) -> object:
    """A cell as written: null empty; text defused and its control characters shown escaped."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_controls(defuse_formula(value))
    return value
