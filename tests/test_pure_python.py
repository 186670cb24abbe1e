"""The pure-Python paths of `compare` (small documents, no numpy) agree with their numpy twins."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, sample
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align_support import make_doc

from docdiff import load
from docdiff.comparison import matrix_path, similarity
from docdiff.comparison.align import align_sections, assign
from docdiff.comparison.hungarian import (
    _hungarian,
    hungarian_lists,
    linear_assignment,
    linear_assignment_lists,
)
from docdiff.comparison.similarity import to_float32

# Costs drawn from few values, so that ties (where tie-breaking decides) are common.
_costs = st.integers(1, 7).flatmap(
    lambda n: st.integers(n, 8).flatmap(
        lambda m: st.lists(st.lists(st.sampled_from([-1.0, 0.0, 0.25, 0.5, 1.0, 0.1 + 0.2]), min_size=m, max_size=m),
                           min_size=n, max_size=n)))


@settings(max_examples=200, deadline=None)
@given(_costs)
def test_hungarian_lists_gives_the_numpy_assignment(cost: list[list[float]]) -> None:
    assert hungarian_lists(cost, len(cost[0])) == _hungarian(np.array(cost)).tolist()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 6), st.integers(0, 6), st.booleans(), st.integers(0, 2**32 - 1))
def test_linear_assignment_lists_gives_the_numpy_pairs(n: int, m: int, maximize: bool, seed: int) -> None:
    weights = np.random.default_rng(seed).integers(-2, 3, size=(n, m)).astype(float)
    rows, cols = linear_assignment(weights, maximize=maximize)
    assert linear_assignment_lists(weights.tolist(), m, maximize=maximize) == list(zip(rows.tolist(), cols.tolist()))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.integers(1, 8), st.integers(0, 2**32 - 1), st.sampled_from([0.15, 0.3, 0.8]))
def test_assign_on_lists_gives_the_numpy_pairs(n: int, m: int, seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    score = np.round(rng.random((n, m)), 1)  # coarse: ties
    assert assign(score.tolist(), threshold) == assign(score, threshold)
    single = score.astype(np.float32)  # rapidfuzz's cdist scores: numpy works in float32
    assert assign(single.tolist(), threshold, rounding=to_float32) == assign(single, threshold)


_sentences = st.lists(st.text(alphabet="经济发展社会民生生态环境建设推进加快改革开放12，。、", min_size=0, max_size=60),
                      min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(st.lists(_sentences, min_size=1, max_size=4), st.lists(_sentences, min_size=1, max_size=4))
def test_cosine_lists_agree_with_numpy_within_float32_summation(secs_a: list[list[str]], secs_b: list[list[str]]) -> None:
    """Same float32 weights; each cosine summed in float32 by both (BLAS in its kernel's order,
    pure Python term by term): they differ by at most the rounding of k float32 additions."""
    text_a = "".join(f"{'一二三四'[k]}、标题\n" + "\n".join(body) + "\n" for k, body in enumerate(secs_a))
    text_b = "".join(f"{'一二三四'[k]}、标题\n" + "\n".join(body) + "\n" for k, body in enumerate(secs_b))
    (da, oa), (db, ob) = make_doc(text_a), make_doc(text_b)
    spans_a, spans_b = [s.span for s in oa.walk()], [s.span for s in ob.walk()]
    rows, cols = list(range(len(spans_a))), list(range(len(spans_b)))
    old = similarity.PURE_MAX_CHARS
    try:
        similarity.PURE_MAX_CHARS = 10**9
        pure = similarity.SectionVectors(da, spans_a, db, spans_b)
        similarity.PURE_MAX_CHARS = -1
        dense = similarity.SectionVectors(da, spans_a, db, spans_b)
    finally:
        similarity.PURE_MAX_CHARS = old
    assert pure.pure and not dense.pure
    weights = [[float(w) for w in ws] for _, ws in dense._a + dense._b]
    assert weights == [list(ws) for _, ws in pure._a_lists + pure._b_lists]
    got, want = pure.cosine(rows, cols), dense.cosine(rows, cols)
    for r in rows:
        for c in cols:
            terms = len(pure._a_lists[r][0]) + 1
            assert abs(got[r][c] - want[r, c]) <= terms * 2.0**-23, (r, c)


def test_title_and_sentence_ratios_equal_cdist(monkeypatch: pytest.MonkeyPatch) -> None:
    from docdiff.comparison.textdiff import _ratios

    monkeypatch.setattr(matrix_path, "lists_for", lambda cells, limit: True)

    titles_a = ["（一）2017年工作回顾", "二、今年主要目标", "加快推进美丽乡村建设", ""]
    titles_b = ["（二）2018年工作回顾", "三、主要任务", "全面加快新区建设", "加快乡村建设"]
    assert similarity.title_similarity_lists(titles_a, titles_b) == similarity.title_similarity(titles_a, titles_b).tolist()
    from rapidfuzz import fuzz, process

    assert _ratios(titles_a, titles_b) == (process.cdist(titles_a, titles_b, scorer=fuzz.ratio) / 100.0).tolist()


def _force(monkeypatch: pytest.MonkeyPatch, pure: bool) -> None:
    limit = 10**9 if pure else -1
    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", limit)
    monkeypatch.setattr(matrix_path, "lists_for", lambda cells, limit: pure)


@pytest.mark.parametrize("pair", [("hailar-district-2018", "hailar-district-2019"),
                                  ("tiantai", "quzhou"), ("luqiao", "linhai")])
def test_pure_and_numpy_paths_give_the_same_comparison(monkeypatch: pytest.MonkeyPatch, pair: tuple[str, str]) -> None:
    from docdiff.comparison.pipeline import compare
    from docdiff.render.json import comparison_json

    a, b = load(str(sample(pair[0]))), load(str(sample(pair[1])))
    _force(monkeypatch, pure=True)
    pure = comparison_json(compare(a, b))
    _force(monkeypatch, pure=False)
    assert comparison_json(compare(a, b)) == pure


def test_the_pure_path_of_align_is_taken_for_small_documents() -> None:
    da, oa = make_doc("一、经济发展\n生产总值增长。\n二、民生保障\n新建学校。\n")
    db, ob = make_doc("一、经济发展\n生产总值稳步增长。\n二、民生保障\n新建学校三所。\n")
    assert similarity.use_pure_python(da, db, 2, 2)
    pairs, _ = align_sections(da, oa, db, ob)
    assert [(p.a.title, p.b.title) for p in pairs if p.a and p.b] == [("经济发展", "经济发展"), ("民生保障", "民生保障")]


_RUN = """
import runpy, sys
sys.argv = ["docdiff", *sys.argv[1:]]
try:
    runpy.run_module("docdiff", run_name="__main__")
except SystemExit:
    pass
print("numpy" in sys.modules, "scipy" in sys.modules, "threadpoolctl" in sys.modules, file=sys.stderr)
"""


def _loaded(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("command", ["compare", "check"])
def test_a_small_pair_runs_without_numpy(command: str) -> None:
    a, b = sample("tiantai"), sample("quzhou")
    assert len(load(str(a)).norm) + len(load(str(b)).norm) <= similarity.PURE_MAX_CHARS
    assert _loaded(command, str(a), str(b), "--format", "json") == "False False False"


def test_a_pair_above_the_threshold_takes_the_numpy_path() -> None:
    a, b = sample("luqiao"), sample("linhai")
    assert len(load(str(a)).norm) + len(load(str(b)).norm) > similarity.PURE_MAX_CHARS
    assert _loaded("compare", str(a), str(b), "--format", "json").startswith("True")


def test_sample_paths_exist() -> None:
    assert Path(sample("tiantai")).exists()
