"""similarity's numpy path: ``_dense`` lays the rows of a cosine block over a column vocabulary
as placing each row by its own search does; a block's product runs over the bigrams its rows and
columns share (``_shared_ids``), within float32 summation of the product over every column bigram;
``shared_bigrams`` lets two sets of section vectors of one pair share their vocabulary and, for
small documents, their span counts, values unchanged."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison.similarity import _dense, _shared_ids


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


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=6), st.lists(ROW, max_size=6))
def test_shared_ids_are_the_bigrams_of_both_sides(rows: list[list[int]], cols: list[list[int]]) -> None:
    def vectors(lists: list[list[int]]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [(np.array(ids, dtype=np.int64), np.ones(len(ids), dtype=np.float32)) for ids in lists]

    got = _shared_ids(vectors(rows), vectors(cols), 41)
    assert got.tolist() == sorted({i for r in rows for i in r} & {i for c in cols for i in c})


def _cosine_over_column_bigrams(vectors, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
    """The previous block product: dense over every bigram any column holds."""
    from docdiff.comparison.similarity import sorted_unique

    cols = [vectors._b[j] for j in rows_b]
    local = sorted_unique(np.concatenate([ids for ids, _ in cols]))
    sim = _dense([vectors._a[i] for i in rows_a], local) @ _dense(cols, local).T
    return vectors._with_empty(sim.astype(np.float64), rows_a, rows_b)


@pytest.mark.parametrize("pair", [("hailar-district-2018", "hailar-district-2019"), ("luqiao", "linhai")])
def test_cosines_over_shared_bigrams_agree_with_those_over_column_bigrams(monkeypatch, pair) -> None:
    """Same terms (a bigram on one side adds 0), summed by BLAS over fewer zeros: equal within the
    rounding of k float32 additions (k: the row's bigrams)."""
    from conftest import sample

    import docdiff
    from docdiff.comparison import similarity

    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", 0)  # the numpy path
    a, b = docdiff.load(str(sample(pair[0]))), docdiff.load(str(sample(pair[1])))
    flat_a = [s.span for r in docdiff.parse_outline(a).sections for s in r.walk()]
    flat_b = [s.span for r in docdiff.parse_outline(b).sections for s in r.walk()]
    vectors = similarity.SectionVectors(a, flat_a, b, flat_b)
    rows, cols = list(range(len(flat_a))), list(range(len(flat_b)))
    got, want = vectors.cosine(rows, cols), _cosine_over_column_bigrams(vectors, rows, cols)
    bound = np.array([[(len(vectors._a[i][0]) + 1) * 2.0**-23] for i in rows])
    assert got.shape == want.shape and (np.abs(got - want) <= bound).all()
    assert ((got > 0) == (want > 0)).all()


def test_vectors_sharing_bigram_counts_are_those_counted_apart(monkeypatch) -> None:
    import docdiff
    from docdiff.comparison import similarity

    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", 0)  # the numpy path
    a = docdiff.load("samples/hailar-district-2018-work-report.txt")
    b = docdiff.load("samples/hailar-district-2019-work-report.txt")
    flat_a = [s.span for r in docdiff.parse_outline(a).sections for s in r.walk()]
    flat_b = [s.span for r in docdiff.parse_outline(b).sections for s in r.walk()]
    apart = [similarity.SectionVectors(a, flat_a, b, flat_b), similarity.SectionVectors(a, flat_a[1::2], b, flat_b)]
    from docdiff.comparison import bigram_counts

    counted = []
    real_vocabulary, real_counts = similarity._vocabulary, bigram_counts.span_counts
    monkeypatch.setattr(similarity, "_vocabulary", lambda *args: counted.append(1) or real_vocabulary(*args))
    monkeypatch.setattr(bigram_counts, "span_counts",
                        lambda ids, starts, *rest: counted.extend([1] * len(starts)) or real_counts(ids, starts, *rest))
    with similarity.shared_bigrams():
        shared = [similarity.SectionVectors(a, flat_a, b, flat_b),
                  similarity.SectionVectors(a, flat_a[1::2], b, flat_b)]
    # the vocabulary once; the first build counts its distinct spans, the second none (all kept)
    assert len(counted) == 1 + len(set(flat_a)) + len(set(flat_b))
    monkeypatch.setattr(similarity, "_KEEP_COUNTS", 0)  # large documents: no counts kept (memory)
    counted.clear()
    with similarity.shared_bigrams():
        kept_none = [similarity.SectionVectors(a, flat_a, b, flat_b),
                     similarity.SectionVectors(a, flat_a[1::2], b, flat_b)]
    assert len(counted) == 1 + len(set(flat_a)) + len(set(flat_b)) + len(set(flat_a[1::2])) + len(set(flat_b))
    for x, y in [*zip(apart, shared), *zip(apart, kept_none)]:
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


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8),
       st.sampled_from([31, 2**30 + 7]))
def test_span_counts_are_each_ranges_unique_counts(ids: list[int], ranges: list[tuple[int, int]], vocab: int) -> None:
    """32-bit keys (few ranges × vocabulary) or 64-bit ones (past 2**31): np.unique's answer per range."""
    from docdiff.comparison.bigram_counts import span_counts

    values = np.array(ids, dtype=np.int32)
    ranges = [(min(s, len(ids)), min(max(s, e), len(ids))) for s, e in ranges]
    starts = np.array([s for s, _ in ranges], dtype=np.int64)
    ends = np.array([e for _, e in ranges], dtype=np.int64)
    found, counts, bounds = span_counts(values, starts, ends, vocab)
    for k, (s, e) in enumerate(ranges):
        want_ids, want_counts = np.unique(values[s:e], return_counts=True)
        assert found[bounds[k] : bounds[k + 1]].tolist() == want_ids.tolist()
        assert counts[bounds[k] : bounds[k + 1]].tolist() == want_counts.tolist()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 2**42 - 1) | st.integers(0x4E00 << 21, (0x4E40 << 21) - 1), max_size=50),
       st.sampled_from(["argsort", "points", "sort"]))
def test_vocabulary_is_np_unique_with_inverse(codes: list[int], path: str) -> None:
    from unittest import mock

    from docdiff.comparison import similarity

    values = np.array(codes, dtype=np.int64)
    with mock.patch.object(similarity, "_ARGSORT_MAX", 1 << 20 if path == "argsort" else 0), \
            mock.patch.object(similarity, "_POINT_PAIRS_MAX", 1 << 24 if path == "points" else 0):
        vocab, inverse = similarity._vocabulary(values)
    want_vocab, want_inverse = np.unique(values, return_inverse=True)
    assert vocab.tolist() == want_vocab.tolist() and inverse.tolist() == want_inverse.tolist()


def test_vocabulary_by_points_numbers_a_document_s_bigrams_as_np_unique() -> None:
    from conftest import SAMPLES

    from docdiff.comparison import similarity
    from docdiff.ingest import load

    codes = np.concatenate([similarity._clean(load(str(p))).codes for p in sorted(SAMPLES.glob("*.txt"))[:4]])
    got = similarity._vocabulary_by_points(codes)
    assert got is not None
    want_vocab, want_inverse = np.unique(codes, return_inverse=True)
    assert got[0].dtype == want_vocab.dtype and got[1].dtype == np.int64
    assert got[0].tolist() == want_vocab.tolist() and got[1].tolist() == want_inverse.tolist()
