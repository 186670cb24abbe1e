"""Documents → the same documents in year order, and the years missing between them.

A report's year comes from ingest's metadata (the speech's date line, the title), else from the
body (2019年工作安排, 今年是…); two documents of one year, or one whose year cannot be told, are
an error that names the files.
"""
from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from docdiff.errors import DocdiffError, InputError
from docdiff.model import Document
from docdiff.regex_cache import compile_regex

# 二、2019年工作安排 / 2019年政府工作的总体要求 / 2019年主要预期目标: the year a report plans
_PLAN_YEAR_RE = compile_regex(r"((?:19|20)\d\d)年(?:的)?(?:工作安排|工作任务|政府工作|主要预期目标|主要目标|经济社会发展)")
_HEAD_CHARS = 20000


def document_year(doc: Document) -> int | None:
    """The year a work report plans for: metadata first, then the body's 20XX年工作安排."""
    if doc.meta.year is not None:
        return doc.meta.year
    years = [int(m.group(1)) for m in _PLAN_YEAR_RE.finditer(doc.norm[:_HEAD_CHARS])]
    return max(set(years), key=years.count) if years else None


def order_by_year(documents: Sequence[Document]) -> tuple[tuple[Document, ...], tuple[int, ...]]:
    """(documents sorted by year, each with ``meta.year`` set; the years without a report)."""
    dated: list[Document] = []
    seen: dict[int, Document] = {}
    for doc in documents:
        year = document_year(doc)
        if year is None:
            raise InputError(doc.path, "cannot tell which year this report is for (no date line or 20XX年工作安排)")
        if year in seen:
            raise DocdiffError(f"{seen[year].path} and {doc.path}: both are reports for {year}; "
                               "a series takes one report per year")
        seen[year] = doc
        dated.append(doc if doc.meta.year == year else replace(doc, meta=replace(doc.meta, year=year)))
    dated.sort(key=lambda d: d.meta.year or 0)
    years = sorted(seen)
    gaps = tuple(y for y in range(years[0], years[-1] + 1) if y not in seen) if years else ()
    return tuple(dated), gaps
