"""Where a target stands among the aligned section pairs: its "home" pairs, for the section
evidence of a pair's score (``targetdiff``)."""
from __future__ import annotations

import bisect

from docdiff.comparison.nesting import NestedRanges
from docdiff.model import Span, Target


def home_pairs(t: Target, aligned: list[tuple[Span, Span]], nest: NestedRanges) -> list[tuple[Span, Span]]:
    """The aligned section pairs whose first side holds ``t``, deepest (shortest) first."""
    return [aligned[k] for _, _, k in nest.holding(t.span.start, t.span.start + 1)]


def nest_of(aligned: list[tuple[Span, Span]]) -> NestedRanges:
    return NestedRanges([(pa.start, pa.end, k) for k, (pa, _) in enumerate(aligned)])


class Homes:
    """``home_pairs`` of many targets of one side, found once per stretch between two section
    bounds: every target in a stretch has the same homes (a long section holds thousands)."""

    def __init__(self, aligned: list[tuple[Span, Span]]) -> None:
        self.aligned = aligned
        self.nest = nest_of(aligned)
        self.cuts = sorted({x for pa, _ in aligned for x in (pa.start, pa.end)})
        self.found: dict[int, list[tuple[Span, Span]]] = {}

    def of(self, t: Target) -> list[tuple[Span, Span]]:
        """``home_pairs(t, …)``; the same list for targets of one stretch (read it, never change it)."""
        k = bisect.bisect_right(self.cuts, t.span.start)
        found = self.found.get(k)
        if found is None:
            found = self.found[k] = home_pairs(t, self.aligned, self.nest)
        return found


def section_evidence(home: list[tuple[Span, Span]], tb: Target) -> float:
    """1 when the other target lies in the other side of the deepest aligned section holding
    this one, 0.5 when it lies in an ancestor's."""
    for n, (_, pb) in enumerate(home):
        if pb.start <= tb.span.start < pb.end:
            return 1.0 if n == 0 else 0.5
    return 0.0
