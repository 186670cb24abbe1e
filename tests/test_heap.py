"""heap.kept_heap: keep() freezes what exists, the block's end unfreezes it; a caller's own
frozen objects are left as they were."""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from docdiff.heap import kept_heap


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_keep_freezes_until_the_block_ends() -> None:
    with kept_heap(True) as keep:
        kept = [[] for _ in range(100)]
        assert gc.get_freeze_count() == 0
        keep()
        assert gc.get_freeze_count() >= 100
    assert gc.get_freeze_count() == 0 and kept


def test_nothing_when_disabled_or_when_the_caller_froze_first() -> None:
    with kept_heap(False) as keep:
        keep()
        assert gc.get_freeze_count() == 0
    gc.freeze()
    before = gc.get_freeze_count()
    with kept_heap(True) as keep:
        extra = [[] for _ in range(100)]
        keep()
        assert gc.get_freeze_count() == before  # not the caller's heap to manage
    assert gc.get_freeze_count() == before and extra


def test_an_error_inside_still_unfreezes() -> None:
    with pytest.raises(ValueError), kept_heap(True) as keep:
        keep()
        raise ValueError
    assert gc.get_freeze_count() == 0
