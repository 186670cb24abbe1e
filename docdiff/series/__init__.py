"""N reports of one government → a Ledger: one row per indicator, one cell per year.

Each cell holds the target that year's report set, the outcome the next report states, and a verdict.
"""
from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from docdiff.model import Document
from docdiff.series.model import (
    Cell,
    Change,
    Ledger,
    NoTarget,
    Outcome,
    Row,
    Streak,
    Verdict,
)

__all__ = ["Cell", "Change", "Ledger", "NoTarget", "Outcome", "Row", "Streak", "Verdict", "build_series"]


def build_series(documents: Sequence[Document]) -> Ledger:
    """Order ``documents`` by year and fold their targets and reviewed outcomes into rows."""
    from docdiff.outline import parse_outline
    from docdiff.series.notset import no_targets
    from docdiff.series.order import order_by_year
    from docdiff.series.outcomes import review_figures
    from docdiff.series.rows import fold_rows, own_year_targets
    from docdiff.targets import extract_targets
    from docdiff.targets.context import DocContext

    undated = {d.path for d in documents if d.meta.year is None or d.meta.year_read_from_body}
    docs, gaps = order_by_year(documents)
    notes = [f"{d.path}: year {d.meta.year} read from the text (no date line)" for d in docs if d.path in undated]
    targets, figures, unset = [], [], []
    for i, doc in enumerate(docs):
        outline = parse_outline(doc)
        ctx = DocContext.build(doc, outline)
        targets.append(extract_targets(doc, outline))
        figures.append(list(review_figures(doc, ctx)))
        unset.append([(key, NoTarget(indicator=doc.norm[s.start:s.end], document=i, text=doc.text[s.start:s.end],
                                     span=s, line=line)) for key, s, line in no_targets(doc, ctx, i)])
    if not docs:
        return Ledger(documents=(), years=(), gaps=(), rows=())
    for doc, found in zip(docs, targets):
        if not own_year_targets(doc, found):
            notes.append(f"{doc.path}: sets no targets for {doc.meta.year} (no goal section found)")
    first, last = docs[0].meta.year or 0, docs[-1].meta.year or 0
    years = list(range(first - 1, last + 1))
    rows = fold_rows(docs, targets, figures, unset, years)
    if not any(r.cells[0].outcome for r in rows):
        years = years[1:]  # no review figures for the year before the first report: no column for it
        rows = [replace(r, cells=r.cells[1:]) for r in rows]
    return Ledger(documents=docs, years=tuple(years), gaps=gaps, rows=tuple(rows), notes=tuple(notes))
