"""Keep what a long computation holds out of the cyclic collector's full passes (``gc.freeze``).

Comparing two large documents builds millions of objects that live until the comparison ends
(outlines, sections, pairs); each full collection scans them all again: 19 full passes, 1.6 s
of the main process's time at 100,000 sibling headings. Frozen as each stage ends, they are
skipped; the block's end puts them back under the collector's care (``gc.unfreeze``).
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def kept_heap(enabled: bool) -> Iterator[Callable[[], None]]:
    """Within the block, ``keep()`` freezes every object made so far, when ``enabled`` and the
    caller has frozen nothing itself (its frozen objects would be released at the end too)."""
    active = enabled and gc.get_freeze_count() == 0
    try:
        yield gc.freeze if active else _nothing
    finally:
        if active:
            gc.unfreeze()


def _nothing() -> None:
    pass
