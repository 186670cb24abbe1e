"""Ledger → the JSON of docs/CONTRACT.md (`docdiff series --format json`), field by field."""
from __future__ import annotations

from typing import Any

from docdiff.render.json import SCHEMA, _number, dumps, target_json
from docdiff.series.model import Cell, Change, Ledger, NoTarget, Outcome, Row, Streak


def _document(ledger: Ledger, i: int) -> dict[str, Any]:
    doc = ledger.documents[i]
    return {"path": doc.path, "title": doc.meta.title, "kind": str(doc.meta.kind), "year": doc.meta.year,
            "lines": "file" if doc.format == "text" else "extracted_text"}


def _outcome(o: Outcome) -> dict[str, Any]:
    return {"indicator": o.indicator, "value": _number(o.value), "value_high": _number(o.value_high),
            "unit": o.unit, "comparator": str(o.comparator), "year": o.year, "document": o.document,
            "line": o.line, "start": o.span.start, "end": o.span.end, "text": o.text}


def _not_set(n: NoTarget) -> dict[str, Any]:
    return {"document": n.document, "line": n.line, "start": n.span.start, "end": n.span.end, "text": n.text}


def _cell(c: Cell) -> dict[str, Any]:
    return {"year": c.year, "document": c.document,
            "target": target_json(c.target) if c.target is not None else None,
            "outcome": _outcome(c.outcome) if c.outcome is not None else None,
            "verdict": str(c.verdict),
            "not_set": _not_set(c.not_set) if c.not_set is not None else None}


def _streak(s: Streak) -> dict[str, Any]:
    return {"from": s.start, "to": s.end, "years": s.years, "value": _number(s.value),
            "value_high": _number(s.value_high), "unit": s.unit, "comparator": str(s.comparator)}


def _change(c: Change) -> dict[str, Any]:
    return {"from": c.before_year, "to": c.year, "changes": list(c.changes), "direction": c.direction,
            "ambition": c.ambition}


def row_json(r: Row) -> dict[str, Any]:
    return {"key": r.key, "label": r.label, "tier": r.tier, "unit": r.unit, "better": r.better,
            "cells": [_cell(c) for c in r.cells], "streaks": [_streak(s) for s in r.streaks],
            "changes": [_change(c) for c in r.changes]}


def render_series_json(ledger: Ledger, rows: tuple[Row, ...] | None = None) -> str:
    """The ledger (or the chosen ``rows`` of it) as contract JSON."""
    shown = ledger.rows if rows is None else rows
    return dumps({
        "schema": SCHEMA,
        "documents": [_document(ledger, i) for i in range(len(ledger.documents))],
        "years": list(ledger.years),
        "gaps": list(ledger.gaps),
        "notes": list(ledger.notes),
        "indicators": [row_json(r) for r in shown],
    })
