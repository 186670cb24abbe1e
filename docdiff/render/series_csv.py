"""Ledger → CSV in long form: one line per indicator and year (fields: ``series_table.FIELDS``).

A text cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
apostrophe; numbers are written as the JSON writes them.
"""
from __future__ import annotations

import csv
import io

from docdiff.render.cells import defuse_formula
from docdiff.render.series_table import FIELDS, long_records
from docdiff.series.model import Ledger, Row

# Fields holding text from the documents (or their paths); the others are numbers or the
# contract's own words (comparator "=", verdict), written as the JSON writes them.
_DOCUMENT_TEXT = frozenset({"indicator", "key", "document", "text", "outcome_document", "outcome_text",
                            "target_unit", "outcome_unit"})


def neutralise(value: object, field: str) -> object:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)" in a document-text field; everything else unchanged."""
    if value is None:
        return ""
    if field in _DOCUMENT_TEXT and isinstance(value, str):
        return defuse_formula(value)
    return value


def render_series_csv(ledger: Ledger, rows: tuple[Row, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for rec in long_records(ledger, rows):
        writer.writerow([neutralise(rec[f], f) for f in FIELDS])
    return out.getvalue()
