"""similarity's numpy path: ``_dense`` lays the rows of a cosine block over a column vocabulary
as placing each row by its own search does (the product, and so every cosine, is then the same);
``shared_bigrams`` lets two sets of section vectors of one pair share their counts, values
unchanged."""
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


def test_vectors_sharing_bigram_counts_are_those_counted_apart(monkeypatch) -> None:
    import docdiff
    from docdiff.comparison import similarity

    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", 0)  # the numpy path
    a = docdiff.load("samples/hailar-district-2018-work-report.txt")
    b = docdiff.load("samples/hailar-district-2019-work-report.txt")
    flat_a = [s.span for r in docdiff.parse_outline(a).sections for s in r.walk()]
    flat_b = [s.span for r in docdiff.parse_outline(b).sections for s in r.walk()]
    apart = [similarity.SectionVectors(a, flat_a, b, flat_b), similarity.SectionVectors(a, flat_a[1::2], b, flat_b)]
    counted = []
    real_unique = np.unique
    monkeypatch.setattr(np, "unique", lambda *args, **kw: counted.append(1) or real_unique(*args, **kw))
    with similarity.shared_bigrams():
        shared = [similarity.SectionVectors(a, flat_a, b, flat_b),
                  similarity.SectionVectors(a, flat_a[1::2], b, flat_b)]
    assert len(counted) == 1 + len(set(flat_a)) + len(set(flat_b))  # the vocabulary, then each span once
    for x, y in zip(apart, shared):
        assert x._vocab_size == y._vocab_size
        for (ids_x, w_x), (ids_y, w_y) in zip(x._a + x._b, y._a + y._b, strict=True):
            assert np.array_equal(ids_x, ids_y) and w_x.dtype == w_y.dtype and np.array_equal(w_x, w_y)


def test_blas_is_limited_through_threadpoolctl_unless_openblas_was_asked_for_one_thread(monkeypatch) -> None:
    from docdiff.comparison import similarity

    limited = []

    class Controller:
        def limit(self, *, limits: int, user_api: str):
            limited.append((limits, user_api))
            from contextlib import nullcontext

            return nullcontext()

    monkeypatch.setattr(similarity, "_blas_controller", lambda: Controller())
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")  # as the command sets it
    with similarity._one_blas_thread():
        pass
    assert limited == []
    monkeypatch.delenv("OPENBLAS_NUM_THREADS")  # a library user's process
    with similarity._one_blas_thread():
        pass
    assert limited == [(1, "blas")]


def test_the_command_on_a_numpy_pair_loads_no_threadpoolctl() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    run = ("import runpy, sys\nsys.argv = ['docdiff', *sys.argv[1:]]\ntry:\n"
           "    runpy.run_module('docdiff', run_name='__main__')\nexcept SystemExit:\n    pass\n"
           "print('numpy' in sys.modules, 'threadpoolctl' in sys.modules, file=sys.stderr)")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", run, "compare", "samples/hailar-district-2018-work-report.txt",
                           "samples/hailar-district-2019-work-report.txt", "--format", "json"],
                          capture_output=True, text=True, cwd=root, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"})
    assert done.stderr.strip().splitlines()[-1] == "True False"
