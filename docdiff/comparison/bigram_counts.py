"""Bigram counts of many sections at once: ``np.unique(ids[s:e], return_counts=True)`` of every
range by a few sorts instead of one call per section (60 µs each: 12 s for 200,000 sections of
100,000 sibling headings)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def span_counts(
    ids: np.ndarray, starts: np.ndarray, ends: np.ndarray, vocab: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(ids[s:e], return_counts=True)`` for every range [starts[k], ends[k]) (ids in
    0..vocab-1), laid end to end: (ids, counts, bounds), range k's at bounds[k]:bounds[k + 1].
    A batch of ranges per sort (a call per section cost 60 µs: 12 s for 200,000 sections)."""
    import numpy as np

    lengths = ends - starts
    before = np.cumsum(lengths) - lengths  # positions in the ranges before each
    cuts = np.flatnonzero(np.diff(before // _COUNT_BATCH)) + 1 if len(lengths) else np.zeros(0, dtype=np.int64)
    bounds, found, counts, done = [np.zeros(1, dtype=np.int64)], [], [], 0
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(lengths)]):
        batch_ids, batch_counts, batch_bounds = _batch_counts(ids, starts[lo:hi], lengths[lo:hi], max(1, vocab))
        found.append(batch_ids)
        counts.append(batch_counts)
        bounds.append(batch_bounds[1:] + done)  # shifted past the batches before
        done += len(batch_ids)
    empty = np.zeros(0, dtype=np.int64)
    return np.concatenate([empty, *found]), np.concatenate([empty, *counts]), np.concatenate(bounds)


# Bigram positions per sort in span_counts: bounds its memory (a few int64 arrays this long).
_COUNT_BATCH = 1 << 21


def _batch_counts(
    ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray, vocab: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``span_counts`` of one batch: every position of every range, keyed (range, bigram id), sorted."""
    import numpy as np

    offsets = np.concatenate(([0], np.cumsum(lengths)))
    at = np.arange(offsets[-1], dtype=np.int64) + np.repeat(starts - offsets[:-1], lengths)
    # 32-bit keys when they fit (a few hundred sections of a report): they sort ~40% faster
    key_type = np.int32 if len(lengths) * vocab < 2**31 else np.int64
    keys = np.sort(np.repeat(np.arange(len(lengths), dtype=key_type), lengths) * key_type(vocab) + ids[at])
    first = np.concatenate(([True], keys[1:] != keys[:-1])) if len(keys) else np.zeros(0, dtype=bool)
    counts = np.diff(np.concatenate((np.flatnonzero(first), [len(keys)])))
    row, bigram = np.divmod(keys[first], vocab)
    return bigram, counts, np.searchsorted(row, np.arange(len(lengths) + 1))
