"""similarity._dense: the rows of a cosine block laid out over a column vocabulary, as placing
each row by its own search does (the product, and so every cosine, is then the same)."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison.similarity import _dense


def _dense_row_by_row(vectors: list[tuple[np.ndarray, np.ndarray]], local: np.ndarray) -> np.ndarray:
    dense = np.zeros((len(vectors), len(local)), dtype=np.float32)
    for k, (ids, w) in enumerate(vectors):
        at = np.searchsorted(local, ids)
        hit = (at < len(local)) & (local[np.minimum(at, len(local) - 1)] == ids) if len(local) else at < 0
        dense[k, at[hit]] = w[hit]
    return dense


ROW = st.lists(st.integers(0, 40), unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=8), st.lists(st.integers(0, 40), unique=True).map(sorted))
def test_dense_rows_are_those_placed_row_by_row(rows: list[list[int]], local: list[int]) -> None:
    vectors = [(np.array(ids, dtype=np.int64), np.arange(1, len(ids) + 1, dtype=np.float32) / 7) for ids in rows]
    local_ids = np.array(local, dtype=np.int64)
    got, want = _dense(vectors, local_ids), _dense_row_by_row(vectors, local_ids)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want)
