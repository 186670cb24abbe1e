"""align_sparse: each row's best candidates taken in batches are those of a call per row."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison import align_sparse
from docdiff.comparison.align_sparse import TOP_K


def _top_sharing_row_by_row(shared) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The selection as it was made: one argpartition per row."""
    out = set()
    for i in range(shared.shape[0]):
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        found = shared.indices[lo:hi]
        if hi - lo > TOP_K:
            found = found[np.argpartition(-shared.data[lo:hi], TOP_K)[:TOP_K]]
        out |= {(i, int(c)) for c in found}
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), max_size=30), max_size=12), st.integers(0, 2**32 - 1))
def test_top_sharing_in_batches_is_row_by_row(rows: list[list[int]], seed: int) -> None:
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    width = 40
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.concatenate([[0]] + [rng.permutation(width)[: len(r)] for r in rows])[1:].astype(np.int32)
    data = np.array([v for r in rows for v in r], dtype=np.float32) / 3  # few values: ties at the cut
    shared = csr_matrix((data, indices, indptr), shape=(len(rows), width))
    rows_parts, cols_parts = align_sparse._top_sharing(shared)
    got = list(zip(np.concatenate([np.zeros(0, np.int64), *rows_parts]).tolist(),
                   np.concatenate([np.zeros(0, np.int64), *cols_parts]).tolist()))
    assert len(got) == len(set(got))
    assert set(got) == _top_sharing_row_by_row(shared)
