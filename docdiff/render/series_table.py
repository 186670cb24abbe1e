"""Ledger → long-form records (one per indicator and year) for the CSV and XLSX views."""
from __future__ import annotations

from typing import Any

from docdiff.render.json import _number
from docdiff.series.model import Ledger, Row

# indicator, key, year, target value/high/unit/comparator, outcome value/unit, verdict, document, line, text
FIELDS = (
    "indicator", "key", "tier", "year", "target_value", "target_value_high", "target_unit", "target_comparator",
    "outcome_value", "outcome_unit", "verdict", "document", "line", "text",
    "outcome_document", "outcome_line", "outcome_text",
)
NUMERIC = frozenset({"year", "target_value", "target_value_high", "outcome_value", "line", "outcome_line"})


def long_records(ledger: Ledger, rows: tuple[Row, ...]) -> list[dict[str, Any]]:
    """One record per row and year that has a target, an outcome or a no-target statement."""
    out = []
    for r in rows:
        for c in r.cells:
            t, o, n = c.target, c.outcome, c.not_set
            if t is None and o is None and n is None:
                continue
            source = t or n
            doc_index = c.document if source is not None else None
            out.append({
                "indicator": r.label, "key": r.key, "tier": r.tier, "year": c.year,
                "target_value": _number(t.value) if t else None,
                "target_value_high": _number(t.value_high) if t else None,
                "target_unit": t.unit if t else None,
                "target_comparator": str(t.comparator) if t else None,
                "outcome_value": _number(o.value) if o else None,
                "outcome_unit": o.unit if o else None,
                "verdict": str(c.verdict),
                "document": ledger.documents[doc_index].path if doc_index is not None else None,
                "line": source.line if source is not None else None,
                "text": source.text if source is not None else None,
                "outcome_document": ledger.documents[o.document].path if o else None,
                "outcome_line": o.line if o else None,
                "outcome_text": o.text if o else None,
            })
    return out
