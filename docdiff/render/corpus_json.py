"""CorpusReport → the corpus JSON of docs/CONTRACT.md, field by field."""
from __future__ import annotations

from typing import Any

from docdiff.corpus.report import CorpusReport, ParentFinding
from docdiff.render.json import SCHEMA, dumps, target_json


def _finding_json(f: ParentFinding) -> dict[str, Any]:
    return {
        "document": f.document,
        "key": f.key,
        "verdict": str(f.verdict),
        "margin": f.margin,
        "margin_unit": f.margin_unit,
        "binding": f.binding,
        "note": f.note,
        "parent": target_json(f.parent) if f.parent else None,
        "target": target_json(f.target) if f.target else None,
    }


def corpus_json(report: CorpusReport) -> dict[str, Any]:
    """The contract's dict (the CSV and XLSX renderers read the same rows)."""
    return {
        "schema": SCHEMA,
        "documents": [
            {"path": d.path, "title": d.title, "kind": d.kind, "year": d.year, "issuer": d.issuer,
             "period": list(d.period) if d.period else None, "sha256": d.sha, "chars": d.chars}
            for d in report.documents
        ],
        "indicators": [
            {"key": r.key, "label": r.label, "tier": r.tier,
             "cells": [{"document": c.document, "others": c.others, "target": target_json(c.target)} for c in r.cells]}
            for r in report.indicators
        ],
        "similarity": [
            {"a": s.a, "b": s.b, "similarity": s.similarity, "reuse_a_in_b": s.reuse_a_in_b, "reuse_b_in_a": s.reuse_b_in_a}
            for s in report.similarity
        ],
        "passages": [
            {"a": p.a, "a_line": p.a_line, "a_end_line": p.a_end_line, "a_start": p.a_start, "a_end": p.a_end,
             "b": p.b, "b_line": p.b_line, "b_end_line": p.b_end_line, "b_start": p.b_start, "b_end": p.b_end,
             "chars": p.chars, "text": p.text, "text_b": p.text_b}
            for p in report.passages
        ],
        "clusters": [list(c) for c in report.clusters],
        "closest": [list(c) for c in report.closest],
        "parent": None if report.parent is None else {
            "path": report.parent.path, "title": report.parent.title,
            "findings": [_finding_json(f) for f in report.parent.findings],
        },
        "boilerplate_dropped": report.boilerplate_dropped,
        "notes": list(report.notes),
    }


def render_corpus_json(report: CorpusReport) -> str:
    return dumps(corpus_json(report))
