"""similarity's pure-Python path (``similarity_lists``): bigram codes read once per pair, vectors
and cosines — the same terms in the same order, every weight and cosine bit for bit those of the
previous implementation (bigram strings counted span by span), kept here as the oracle."""
from __future__ import annotations

import math
from array import array
from collections import Counter

import pytest
from conftest import sample
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align_support import make_doc

import docdiff
from docdiff.comparison import similarity
from docdiff.comparison.similarity_lists import (
    PairBigrams,
    clean_lists,
    cosine_lists,
    vectors_lists,
)
from docdiff.model import Document, Span


def _old_vectors(a: Document, spans_a: list[Span], b: Document, spans_b: list[Span]) -> list[tuple[list[str], array]]:
    rows: list[Counter[str]] = []
    for doc, spans in ((a, spans_a), (b, spans_b)):
        cleaned, kept_before = clean_lists(doc)
        for span in spans:
            start, end = kept_before(span.start), kept_before(span.end)
            text = cleaned[start:end]
            rows.append(Counter(map(str.__add__, text, text[1:])))
    n = len(rows)
    df: Counter[str] = Counter()
    for counts in rows:
        df.update(counts.keys())
    idf = {k: math.log((n + 1) / (d + 1)) + 1.0 for k, d in df.items()}
    most = max((max(counts.values(), default=0) for counts in rows), default=0)
    tf = [0.0] + [1.0 + math.log(c) for c in range(1, most + 1)]
    vectors = []
    for counts in rows:
        keys = sorted(counts)
        w = [tf[counts[k]] * idf[k] for k in keys]
        norm = math.sqrt(sum(x * x for x in w)) or 1.0
        vectors.append((keys, array("f", [x / norm for x in w])))
    return vectors


def _old_cosines(rows: list[tuple[list[str], array]], cols: list[tuple[list[str], array]]) -> list[list[float]]:
    postings: dict[str, tuple[list[int], list[float]]] = {}
    for c, (keys, weights) in enumerate(cols):
        for key, w in zip(keys, weights):
            at, ws = postings.setdefault(key, ([], []))
            at.append(c)
            ws.append(w)
    empty_cols = [c for c, (keys, _) in enumerate(cols) if not keys]
    sim = []
    for keys, weights in rows:
        acc = array("f", bytes(4 * len(cols)))
        for key, x in zip(keys, weights):
            for c, y in zip(*postings.get(key, ([], []))):
                acc[c] += x * y
        row = [min(max(v, 0.0), 1.0) for v in acc]
        if not keys:
            for c in empty_cols:
                row[c] = 1.0
        sim.append(row)
    return sim


def _code(bigram: str) -> int:
    return (ord(bigram[0]) << 21) | ord(bigram[1])


def _check(a: Document, spans_a: list[Span], b: Document, spans_b: list[Span]) -> None:
    old = _old_vectors(a, spans_a, b, spans_b)
    pair = PairBigrams(a, b)
    new = vectors_lists(pair.terms(0, spans_a) + pair.terms(1, spans_b))
    assert [([_code(k) for k in keys], list(w)) for keys, w in old] == [(keys, list(w)) for keys, w in new]
    n = len(spans_a)
    assert cosine_lists(new[:n], new[n:]) == _old_cosines(old[:n], old[n:])


_sentences = st.lists(st.text(alphabet="经济发展社会民生生态环境建设推进加快改革开放12，。、 a_", min_size=0, max_size=60),
                      min_size=1, max_size=5)


@settings(max_examples=80, deadline=None)
@given(st.lists(_sentences, min_size=1, max_size=4), st.lists(_sentences, min_size=1, max_size=4))
def test_vectors_and_cosines_are_the_previous_ones(secs_a: list[list[str]], secs_b: list[list[str]]) -> None:
    text_a = "".join(f"{'一二三四'[k]}、标题\n" + "\n".join(body) + "\n" for k, body in enumerate(secs_a))
    text_b = "".join(f"{'一二三四'[k]}、标题\n" + "\n".join(body) + "\n" for k, body in enumerate(secs_b))
    (da, oa), (db, ob) = make_doc(text_a), make_doc(text_b)
    spans_a, spans_b = [s.span for s in oa.walk()], [s.span for s in ob.walk()]
    _check(da, spans_a + [Span(0, 0), spans_a[0]], db, spans_b)  # an empty span, a span twice


@pytest.mark.parametrize("pair", [("hailar-district-2018", "hailar-district-2019"), ("luqiao", "linhai")])
def test_sample_vectors_and_cosines_are_the_previous_ones(pair: tuple[str, str]) -> None:
    a, b = docdiff.load(str(sample(pair[0]))), docdiff.load(str(sample(pair[1])))
    flat_a = [s.span for r in docdiff.parse_outline(a).sections for s in r.walk()]
    flat_b = [s.span for r in docdiff.parse_outline(b).sections for s in r.walk()]
    _check(a, flat_a, b, flat_b)


def test_a_shared_pair_reads_its_documents_once_and_each_span_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", 10**9)
    a, b = docdiff.load(str(sample("hailar-district-2018"))), docdiff.load(str(sample("hailar-district-2019")))
    flat_a = [s.span for r in docdiff.parse_outline(a).sections for s in r.walk()]
    flat_b = [s.span for r in docdiff.parse_outline(b).sections for s in r.walk()]
    apart = similarity.SectionVectors(a, flat_a[1::2], b, flat_b)
    with similarity.shared_bigrams():
        first = similarity.SectionVectors(a, flat_a, b, flat_b)
        second = similarity.SectionVectors(a, flat_a[1::2], b, flat_b)
        assert len(similarity._shared) == 1
        pair = similarity._shared[0]
        assert isinstance(pair, PairBigrams)
        assert pair.terms(0, flat_a[1::2])[0] is pair.terms(0, flat_a[1::2])[0]  # kept, not read again
    assert first.pure and second.pure
    assert [(k, list(w)) for k, w in second._a_lists + second._b_lists] == [(k, list(w)) for k, w in apart._a_lists + apart._b_lists]
