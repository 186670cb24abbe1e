"""Nested ranges (section spans, pane texts): the ones holding a place, innermost first, in O(depth).

A scan of every range per lookup is quadratic over a document (a target per section); sections
nest, so the last range starting at or before a place, then its enclosing ranges, are enough.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator


class NestedRanges:
    """Half-open ranges (start, end, index) that nest or are disjoint."""

    def __init__(self, ranges: list[tuple[int, int, int]]) -> None:
        # Equal ranges: the lowest index counts as the innermost, as a stable sort by length would.
        self.ranges = sorted(ranges, key=lambda r: (r[0], -r[1], -r[2]))
        self.starts = [r[0] for r in self.ranges]
        self.parent: list[int] = []
        stack: list[int] = []
        for k, (start, _, _) in enumerate(self.ranges):
            while stack and self.ranges[stack[-1]][1] <= start:
                stack.pop()
            self.parent.append(stack[-1] if stack else -1)
            stack.append(k)

    def holding(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(start, end, index) of every range holding the non-empty [start, end), innermost first."""
        k = bisect_right(self.starts, start) - 1
        while k >= 0:
            r = self.ranges[k]
            if r[0] <= start and end <= r[1]:
                yield r
            k = self.parent[k]
