"""Sentences and table rows → Target: the quantified goals (指标) a document sets.

``extract_targets(doc, outline)`` reads every body sentence outside tables and every row of a
target table. A number becomes a target when the part of the document it sits in looks forward
(目标, 安排, a plan's chapters) and the sentence does not report a result (已, 同比, 截至…); the
wording rules live in ``target_rules.py``, the document's frame (sections, their years, review
or plan) in ``target_context.py``, goal-or-result per sentence in ``sentences.py``, reading one
sentence in ``clauses.py``, and indicator tables in ``target_tables.py``.
"""
from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from msgspec.structs import force_setattr

from docdiff.model import Document, Outline, Span, Target
from docdiff.targets.context import DocContext
from docdiff.targets.keys import fold_key
from docdiff.targets.sentences import sentence_targets
from docdiff.targets.tables import table_targets


def extract_targets(doc: Document, outline: Outline | None = None) -> tuple[Target, ...]:
    """Every target ``doc`` sets, in document order, with ids t1, t2, …"""
    if outline is None:
        from docdiff.outline import parse_outline

        outline = parse_outline(doc)
    ctx = DocContext.build(doc, outline)
    found: list[Target] = list(table_targets(doc, outline, ctx))
    in_table = _table_test([t.span for t in outline.tables])
    for line_no, span in ctx.body_lines:
        if in_table(span.start):
            continue  # table cells are read row by row above, not as sentences
        found.extend(sentence_targets(ctx, line_no, span))
    found.sort(key=lambda t: (t.span.start, t.span.end))
    # Each target was made above for this list alone: its id (and a missing key) is set in
    # place, not by a copy of every target (a copy cost 3 µs a target, 0.6 s for 200,000).
    for i, t in enumerate(found, 1):
        force_setattr(t, "id", f"t{i}")
        if not t.key:
            force_setattr(t, "key", fold_key(t.indicator))
    return tuple(found)


def _table_test(spans: list[Span]) -> Callable[[int], bool]:
    """Whether an offset lies in one of ``spans``: among the spans starting at or before it (by
    bisection), the furthest end says, so a long report with many tables is not scanned per line."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    furthest = list(itertools.accumulate((s.end for s in ordered), max))

    def test(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset)
        return k > 0 and furthest[k - 1] > offset

    return test
