"""NestedRanges finds what a scan of every range would, innermost first."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison.nesting import NestedRanges


def _nested(draw_cuts: list[int], depth: int, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Ranges of a tree of sections: children split the parent's range after its heading."""
    if depth == 0 or end - start < 3 or not draw_cuts:
        return
    k = draw_cuts.pop() % 4
    points = sorted({start + 1 + (c % max(1, end - start - 1)) for c in draw_cuts[:k]} | {end})
    prev = start + 1
    for p in points:
        if p > prev:
            out.append((prev, p))
            _nested(draw_cuts, depth - 1, prev, p, out)
        prev = p


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=40), st.integers(0, 59), st.integers(1, 3))
def test_holding_equals_a_scan_sorted_by_length(cuts: list[int], offset: int, width: int) -> None:
    spans: list[tuple[int, int]] = [(0, 60)]
    _nested(list(cuts), 4, 0, 60, spans)
    spans += spans[:2]  # equal ranges: the lower index counts as innermost
    nest = NestedRanges([(s, e, i) for i, (s, e) in enumerate(spans)])
    start, end = offset, min(60, offset + width)
    scan = sorted((i for i, (s, e) in enumerate(spans) if s <= start and end <= e),
                  key=lambda i: (spans[i][1] - spans[i][0], i))
    assert [i for _, _, i in nest.holding(start, end)] == scan


def test_disjoint_and_empty():
    nest = NestedRanges([(0, 5, 0), (5, 9, 1)])
    assert [i for *_, i in nest.holding(5, 6)] == [1]
    assert list(nest.holding(9, 10)) == []
    assert list(NestedRanges([]).holding(0, 1)) == []
