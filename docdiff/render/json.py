"""The JSON of shared/docs/CONTRACT.md, mapped field by field from the model.

Renaming a model field must never silently change the JSON: every key is written here.
"""
from __future__ import annotations

from typing import Any

from docdiff.model import (
    Comparison,
    Document,
    Outline,
    Section,
    SectionPair,
    Table,
    Target,
    TargetPair,
)

SCHEMA = "docdiff/1"


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)`` and a newline (Infinity
    is not JSON), through ``json_indent``'s faster encoder."""
    from docdiff.render.json_indent import indented_json

    return indented_json(data) + "\n"


def document_json(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {
        "path": doc.path,
        "title": m.title,
        "kind": str(m.kind),
        "year": m.year,
        "period": list(m.period) if m.period else None,
        "issuer": m.issuer,
        "date": m.date,
        "number": m.number,
        "format": doc.format,
        "encoding": doc.encoding,
        # For HTML, docx and PDF, line numbers count lines of the extracted text (see outline JSON).
        "lines": "file" if doc.format == "text" else "extracted_text",
    }


def _number(v: float | None) -> float | int | None:
    if v is None:
        return None
    if isinstance(v, int):
        return v  # a value too large for a float, kept exact (never Infinity)
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v


def target_json(t: Target, doc: Document | None = None) -> dict[str, Any]:
    """A target as the contract writes it; with ``doc``, offsets count the file's own layout."""
    start, end = t.span.start, t.span.end
    if doc is not None:
        start, end = doc.file_offset(start), doc.file_offset(end)
    return {
        "id": t.id,
        "indicator": t.indicator,
        "key": t.key,
        "value": _number(t.value),
        "value_high": _number(t.value_high),
        "unit": t.unit,
        "comparator": str(t.comparator),
        "year": t.year,
        "period": str(t.period),
        "baseline": _number(t.baseline),
        "baseline_year": t.baseline_year,
        "binding": t.binding,
        "status": t.status,
        "tier": t.tier,
        "confidence": t.confidence,
        "text": t.text,
        "line": t.line,
        "start": start,
        "end": end,
        "section": t.section,
    }


def render_targets_json(doc: Document, targets: tuple[Target, ...]) -> str:
    return dumps({"schema": SCHEMA, "document": document_json(doc), "targets": [target_json(t, doc) for t in targets]})


def _section_json(doc: Document, s: Section) -> dict[str, Any]:
    return {
        "number": s.number,
        "title": s.title,
        "level": s.level,
        "kind": str(s.kind),
        "path": s.path,
        "line": s.line,
        "end_line": doc.line_at(max(s.span.start, s.span.end - 1)),
        "start": doc.file_offset(s.span.start),
        "end": doc.file_offset(s.span.end),
        "children": [_section_json(doc, c) for c in s.children],
    }


def _table_json(doc: Document, t: Table) -> dict[str, Any]:
    at = doc.file_offset
    return {
        "title": t.title,
        "line": t.line,
        "start": at(t.span.start),
        "end": at(t.span.end),
        "header": list(t.header),
        "rows": [
            [None if c is None else {"text": c.text, "line": c.line, "start": at(c.span.start), "end": at(c.span.end)}
             for c in row]
            for row in t.rows
        ],
    }


def render_outline_json(doc: Document, outline: Outline) -> str:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "document": document_json(doc),
        "sections": [_section_json(doc, s) for s in outline.sections],
        "tables": [_table_json(doc, t) for t in outline.tables],
    }
    if doc.format != "text":
        data["text"] = doc.source_text or doc.text  # the extracted text whose lines every `line` counts
    return dumps(data)


def _section_ref(s: Section | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"title": s.title, "number": s.number, "line": s.line, "path": s.path, "level": s.level}


def section_pair_json(p: SectionPair) -> dict[str, Any]:
    out = {
        "status": str(p.status),
        "a": _section_ref(p.a),
        "b": _section_ref(p.b),
        "similarity": round(p.similarity, 4),
        "diff": [{"op": str(op.kind), "text": op.text, "moved": op.moved} for op in p.diff],
    }
    if p.into:  # merged / split only: the key is absent elsewhere, so other pairs read as before
        out["into"] = [{"path": d.section.path, "line": d.section.line, "share": round(d.share, 4)} for d in p.into]
    return out


def target_pair_json(p: TargetPair, a: Document | None = None, b: Document | None = None) -> dict[str, Any]:
    return {
        "status": str(p.status),
        "a": target_json(p.a, a) if p.a else None,
        "b": target_json(p.b, b) if p.b else None,
        "changes": list(p.changes),
        "direction": p.direction,
        "ambition": p.ambition,
    }


def comparison_json(c: Comparison, *, targets: bool = True) -> dict[str, Any]:
    """The comparison as the contract writes it (``targets`` false: an empty list stands in)."""
    data = _comparison_fields(c)
    data["sections"] = [section_pair_json(p) for p in c.sections]
    if targets:
        data["targets"] = [target_pair_json(p, c.a, c.b) for p in c.targets]
    return data


def _comparison_fields(c: Comparison) -> dict[str, Any]:
    """``comparison_json(c)`` with empty lists standing in for its sections and targets."""
    return {
        "schema": SCHEMA,
        "a": document_json(c.a),
        "b": document_json(c.b),
        "similarity": {
            "document": round(c.similarity.document, 4),
            "reuse_a_in_b": round(c.similarity.reuse_a_in_b, 4),
            "reuse_b_in_a": round(c.similarity.reuse_b_in_a, 4),
        },
        "sections": [],
        "targets": [],
        "shared_passages": [
            {"text": s.text, "a_line": c.a.line_at(s.span_a.start), "b_line": c.b.line_at(s.span_b.start)}
            for s in c.shared_passages
        ],
        "notes": list(c.notes),
    }


def render_comparison_json(c: Comparison) -> str:
    """``dumps(comparison_json(c))``, its section and target pairs (the large lists) encoded a
    batch at a time by msgspec (``json_indent.indented_json_plain_lists``)."""
    from docdiff.render.json_indent import PlainList, indented_json_plain_lists

    return indented_json_plain_lists(_comparison_fields(c), {
        "sections": PlainList(c.sections, section_pair_json, _plain_section_pair),
        "targets": PlainList(c.targets, lambda p: target_pair_json(p, c.a, c.b), _plain_pair),
    }) + "\n"


def _plain_section_pair(p: SectionPair) -> bool:
    """Whether every float of ``section_pair_json(p)`` is one msgspec writes as json.dumps does
    (its floats are the rounded similarity and shares)."""
    return _plain_rounded(p.similarity) and all(_plain_rounded(d.share) for d in p.into)


def _plain_rounded(x: float) -> bool:
    from docdiff.render.json_plain import plain_float

    v = round(x, 4)
    return type(v) is float and plain_float(v) or type(v) is int


def _plain_pair(p: TargetPair) -> bool:
    """Whether every float of ``target_pair_json(p)`` is one msgspec writes as json.dumps does
    (its only floats are the targets' values, as ``_number`` leaves them)."""
    from docdiff.render.json_plain import plain_float

    return all(type(v) is not float or plain_float(v)
               for t in (p.a, p.b) if t is not None for v in (t.value, t.value_high, t.baseline))
