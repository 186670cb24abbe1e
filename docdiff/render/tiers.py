"""Headline targets first: the order in which every view lists targets and target pairs."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from docdiff.model import Target, TargetPair

T = TypeVar("T", Target, TargetPair)


def is_headline(item: Target | TargetPair) -> bool:
    """A headline target, or a pair with one on either side."""
    if isinstance(item, Target):
        return item.tier == "headline"
    return any(t is not None and t.tier == "headline" for t in (item.a, item.b))


def headline_first(items: Iterable[T]) -> list[T]:
    """``items`` with headline targets (pairs) first, each group in its own order."""
    items = list(items)
    return [x for x in items if is_headline(x)] + [x for x in items if not is_headline(x)]
