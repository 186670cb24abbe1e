"""cosine_rows: the cosines of many sections against many that can reach a bar, bit for bit
those of the full product; and find_destinations decides the same through it as through every
cosine; past a size, candidate_rows gives approximate candidates with exact cosines, and the
destinations found through them agree with those of every cosine on the sample plans."""
from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import sample

import docdiff
from docdiff.comparison import destinations, similarity
from docdiff.comparison.cosine_rows import candidate_rows, cosine_at, cosine_rows
from docdiff.comparison.pipeline import compare
from docdiff.comparison.similarity import SectionVectors
from docdiff.model import Document, Span


def _paragraph_doc(text: str) -> tuple[Document, list[Span]]:
    doc = Document(path="x.txt", text=text)
    return doc, [span for _, span in doc.body_lines()]


def _vectors(seed: int, monkeypatch) -> SectionVectors:
    """Sections of sample sentences (shared words, some repeated), a few of them empty."""
    rng = random.Random(seed)
    sentences = [s for s in sample("luqiao").read_text(encoding="utf-8").split("。") if len(s) > 6][:300]
    def paragraphs(n: int) -> str:
        return "\n".join("" if rng.random() < 0.05 else "。".join(rng.sample(sentences, 2)) for _ in range(n))
    a, spans_a = _paragraph_doc(paragraphs(60))
    b, spans_b = _paragraph_doc(paragraphs(400))
    monkeypatch.setattr(similarity, "use_pure_python", lambda *args: False)  # numpy, as past the crossover
    return SectionVectors(a, spans_a, b, spans_b)


@pytest.mark.parametrize("threshold", [0.03, 0.08, 0.3])
def test_rows_hold_every_cosine_that_reaches_the_threshold_exactly(threshold: float, monkeypatch) -> None:
    vectors = _vectors(3, monkeypatch)
    n_a, n_b = len(vectors._a), len(vectors._b)
    full = vectors.cosine(list(range(n_a)), list(range(n_b)))  # 60 × 400 cells: the sparse product
    extra = {0: [5, 7], 3: [n_b - 1]}
    rows = list(cosine_rows(vectors, threshold, extra))
    assert len(rows) == n_a
    for i, (cols, values) in enumerate(rows):
        assert list(cols) == sorted(set(cols.tolist()))
        assert np.array_equal(values, full[i, cols])  # bit for bit
        reaching = set(np.flatnonzero(full[i] >= threshold).tolist())
        assert reaching <= set(cols.tolist())
        wanted = {j for j in extra.get(i, []) if full[i, j] > 0}
        assert wanted <= set(cols.tolist())
        for j in (0, 11, n_b - 1):
            assert cosine_at(vectors, i, j) == full[i, j]
    assert any(len(cols) < n_b for cols, _ in rows), "the filter kept every column: nothing tested"


@pytest.mark.parametrize("pair", [("luqiao", "linhai"), ("hailar-district-2018", "hailar-district-2019"),
                                  ("taizhou", "luqiao")])
def test_destinations_through_filtered_rows_are_those_of_every_cosine(monkeypatch, pair: tuple[str, str]) -> None:
    # The same comparison with only the cosines that can matter (cosine_rows, whatever the size)
    # and with every cosine (the dense product, whatever the size).
    a, b = (docdiff.load(str(sample(name))) for name in pair)
    monkeypatch.setattr(similarity, "use_pure_python", lambda *args: False)  # the numpy path, at any size
    monkeypatch.setattr(destinations, "_DENSE_CELLS", 0)
    filtered = compare(a, b).sections
    monkeypatch.setattr(destinations, "_DENSE_CELLS", 10**9)
    dense = compare(a, b).sections
    assert [(p.status, p.similarity, p.into) for p in filtered] == [(p.status, p.similarity, p.into) for p in dense]
    assert any(p.status in ("merged", "split") for p in dense)


@pytest.mark.parametrize("top_k, budget", [(1, 50), (4, 400), (16, 10**6)])
def test_candidate_rows_hold_exact_cosines_of_at_most_top_k_candidates_and_the_extra(
    top_k: int, budget: int, monkeypatch
) -> None:
    vectors = _vectors(5, monkeypatch)
    n_a, n_b = len(vectors._a), len(vectors._b)
    full = vectors.cosine(list(range(n_a)), list(range(n_b)))
    extra = {0: [5, 7], 3: [n_b - 1]}
    rows = list(candidate_rows(vectors, top_k, budget, extra))
    assert len(rows) == n_a
    empty_b = sum(len(ids) == 0 for ids, _ in vectors._b)
    for i, (cols, values) in enumerate(rows):
        assert list(cols) == sorted(set(cols.tolist()))
        assert np.array_equal(values, full[i, cols])  # bit for bit
        assert {j for j in extra.get(i, []) if full[i, j] > 0} <= set(cols.tolist())
        if len(vectors._a[i][0]):
            assert len(cols) <= top_k + len(extra.get(i, []))
        else:
            assert len(cols) == empty_b  # an empty section: the empty ones, as in cosine_rows
    if budget >= 10**6:  # every bigram looked up: each row's best column is among its candidates
        for i, (cols, _) in enumerate(rows):
            if full[i].max() > 0 and len(vectors._a[i][0]):
                assert int(np.argmax(full[i])) in set(cols.tolist()) or full[i, cols].max() == full[i].max()


def test_candidate_rows_retrieve_the_sections_a_section_was_copied_into(monkeypatch) -> None:
    # Each section of a is copied into one section of b among unrelated ones: its candidates
    # find it through the rare bigrams, whatever the budget leaves of the common ones.
    rng = random.Random(2)
    sentences = [s.strip() for s in sample("linhai").read_text(encoding="utf-8").split("。") if len(s.strip()) > 10]
    sentences = [s for s in sentences if "\n" not in s]
    rng.shuffle(sentences)
    own, filler = sentences[:20], sentences[20:]
    a, spans_a = _paragraph_doc("\n".join(own))
    b_lines = ["。".join(rng.sample(filler, 2)) for _ in range(300)]
    home = {i: rng.randrange(300) for i in range(len(own))}
    for i, j in home.items():
        b_lines[j] += "。" + own[i]
    b, spans_b = _paragraph_doc("\n".join(b_lines))
    monkeypatch.setattr(similarity, "use_pure_python", lambda *args: False)
    vectors = SectionVectors(a, spans_a, b, spans_b)
    for i, (cols, _) in enumerate(candidate_rows(vectors, 4, 256)):
        assert home[i] in set(cols.tolist())


@pytest.mark.parametrize("pair", [("luqiao", "linhai"), ("taizhou", "luqiao")])
def test_destinations_through_candidates_agree_with_every_cosine_and_say_so(monkeypatch, pair) -> None:
    # Past _EXACT_MAX_CELLS the candidates are approximate; on these plans (218 sections of B
    # for taizhou → luqiao, against 16 candidates) they find the same destinations.
    a, b = (docdiff.load(str(sample(name))) for name in pair)
    monkeypatch.setattr(similarity, "use_pure_python", lambda *args: False)
    exact = compare(a, b)
    assert not [n for n in exact.notes if n.startswith("destinations:")]
    monkeypatch.setattr(destinations, "_EXACT_MAX_CELLS", 0)
    approximate = compare(a, b)
    said = [n for n in approximate.notes if n.startswith("destinations:")]
    assert len(said) == 1 and "candidate sections" in said[0]
    assert [(p.status, p.similarity, p.into) for p in approximate.sections] == [
        (p.status, p.similarity, p.into) for p in exact.sections]
    assert any(p.status in ("merged", "split") for p in exact.sections)


def test_destinations_through_too_few_candidates_differ(monkeypatch) -> None:
    # The agreement above is the candidates' doing, not a path left untaken: one candidate
    # found from 20 entries of B loses destinations.
    a, b = (docdiff.load(str(sample(name))) for name in ("luqiao", "linhai"))
    monkeypatch.setattr(similarity, "use_pure_python", lambda *args: False)
    exact = compare(a, b).sections
    monkeypatch.setattr(destinations, "_EXACT_MAX_CELLS", 0)
    monkeypatch.setattr(destinations, "_TOP_K", 1)
    monkeypatch.setattr(destinations, "_BUDGET", 20)
    assert [(p.status, p.into) for p in compare(a, b).sections] != [(p.status, p.into) for p in exact]
