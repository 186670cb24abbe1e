"""cosine_rows: the cosines of many sections against many that can reach a bar, bit for bit
those of the full product; and find_destinations decides the same through it as through every
cosine."""
from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import sample

import docdiff
from docdiff.comparison import destinations, similarity
from docdiff.comparison.cosine_rows import cosine_at, cosine_rows
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
