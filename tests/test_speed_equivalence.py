"""The fast paths of similarity, reuse, targetdiff, target_context and target_rules give what the
plain formulation they replace gives (regex character classes, numpy set operations, linear scans)."""
from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison import reuse, similarity, similarity_lists, targetdiff
from docdiff.model import Span, Target, TargetPair, TargetStatus
from docdiff.targets.rules import LEADING_FILLERS, TRAILING_VERBS, _by_length


def _all_chars() -> np.ndarray:
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    return np.frombuffer(text.encode("utf-32-le"), dtype="<U1")


def test_numpy_character_tests_equal_the_regex_classes_on_every_code_point() -> None:
    chars = _all_chars()
    alnum = np.strings.isalnum(chars)
    space = np.strings.isspace(chars)
    # sample the regex side (a full pass takes seconds): every 97th code point plus all of ASCII
    for i in list(range(128)) + list(range(128, len(chars), 97)):
        ch = str(chars[i])
        assert alnum[i] == bool(similarity_lists._WORD_RUN.fullmatch(ch)), hex(ord(ch))
        assert space[i] == bool(re.fullmatch(r"\s", ch)), hex(ord(ch))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=40), st.lists(st.integers(0, 30), max_size=40))
def test_isin_and_sorted_unique_equal_numpy(values: list[int], pool: list[int]) -> None:
    v, p = np.array(values, dtype=np.uint64), np.array(pool, dtype=np.uint64)
    assert reuse._isin(v, np.sort(p)).tolist() == np.isin(v, p).tolist()
    assert similarity.sorted_unique(v).tolist() == np.unique(v).tolist()


def _old_strip_words(text: str, words: tuple[str, ...], *, leading: bool) -> int:
    for w in words:
        if (text.startswith(w) if leading else text.endswith(w)) and len(text) > len(w):
            return len(w)
    return 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="今年力争确保达到突破为在将同时全年提高控制在以上的了分别", max_size=8))
def test_length_buckets_find_the_word_the_ordered_scan_finds(text: str) -> None:
    for words, leading in ((LEADING_FILLERS, True), (TRAILING_VERBS, False)):
        table = _by_length(words)
        if leading:
            n = next((n for n, ws in table if len(text) > n and text[:n] in ws), 0)
        else:
            n = next((n for n, ws in table if len(text) > n and text[-n:] in ws), 0)
        assert n == _old_strip_words(text, words, leading=leading)


def _target(start: int) -> Target:
    return Target(id="", indicator="x", key="x", value=1.0, value_high=None, unit="", comparator="=",
                  year=None, period="point", text="1", span=Span(start, start + 1), line=1, section="")


def _old_reading_order(pairs: list[TargetPair]) -> tuple[TargetPair, ...]:
    with_a = sorted((p for p in pairs if p.a is not None), key=lambda p: (p.a.span.start, targetdiff._b_start(p)))
    added = sorted((p for p in pairs if p.a is None), key=targetdiff._b_start)
    out = list(with_a)
    for p in added:
        at = 0
        for n, q in enumerate(out):
            if q.b is not None and q.b.span.start <= p.b.span.start:
                at = n + 1
        out.insert(at, p)
    return tuple(out)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 20)), st.one_of(st.none(), st.integers(0, 20))),
                max_size=12))
def test_reading_order_by_bisection_equals_the_insertion_scan(spans: list[tuple[int | None, int | None]]) -> None:
    pairs = []
    for a, b in spans:
        if a is None and b is None:
            continue
        status = TargetStatus.SHARED if a is not None and b is not None else (
            TargetStatus.REMOVED if b is None else TargetStatus.ADDED)
        pairs.append(TargetPair(status=status, a=None if a is None else _target(a),
                                b=None if b is None else _target(b)))
    assert targetdiff._in_reading_order(pairs) == _old_reading_order(pairs)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=4, max_size=4), min_size=1, max_size=5))
def test_assignment_per_group_reaches_the_whole_problem_optimum(rows: list[list[float | None]]) -> None:
    from docdiff.comparison.hungarian import linear_assignment

    score = np.array([[np.nan if v is None else v for v in r] for r in rows])
    gain = np.where(np.isnan(score), -1.0, score - targetdiff.SCORE_FLOOR)
    r, c = linear_assignment(gain, maximize=True)
    whole = [(i, j) for i, j in zip(r.tolist(), c.tolist()) if not np.isnan(score[i, j])]
    sparse = {(i, j): float(score[i, j]) for i, j in zip(*np.nonzero(~np.isnan(score)))}
    grouped = targetdiff._assign(sparse, *score.shape)

    def value(pairs: list[tuple[int, int]]) -> float:
        return sum(score[i, j] - targetdiff.SCORE_FLOOR + 1 for i, j in pairs)

    assert len({i for i, _ in grouped}) == len(grouped) == len({j for _, j in grouped})
    assert all(not np.isnan(score[i, j]) for i, j in grouped)
    assert abs(value(grouped) - value(whole)) < 1e-9


def test_context_chain_and_regime_per_stretch_equal_the_direct_reading() -> None:
    """Cached per stretch between section boundaries, by bisection: the same as asking the
    outline (section_at) and reading the titles for every offset, on real documents."""
    from pathlib import Path

    from docdiff.ingest import load
    from docdiff.outline import parse_outline
    from docdiff.targets.context import DocContext

    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "samples").glob("*.txt"))[:6] + sorted((root / "tests/data/unseen").glob("*.txt"))[:3]
    assert paths
    for path in paths:
        doc = load(str(path))
        outline = parse_outline(doc)
        ctx = DocContext.build(doc, outline)
        for offset in range(0, len(doc.text), 37):
            assert ctx._sections_at(offset) == list(outline.section_at(offset)), (path.name, offset)
            assert ctx.chain(offset) == ctx._chain(offset), (path.name, offset)
            assert ctx.regime(offset) == ctx._regime(offset), (path.name, offset)


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: Span(p[0], p[0] + p[1])), max_size=8)


@settings(max_examples=150, deadline=None)
@given(_spans, st.integers(0, 60))
def test_table_test_by_bisection_equals_the_scan(spans: list[Span], offset: int) -> None:
    from docdiff.targets.extract import _table_test

    assert _table_test(spans)(offset) == any(t.start <= offset < t.end for t in spans)


@settings(max_examples=150, deadline=None)
@given(_spans, st.integers(0, 50), st.integers(0, 30))
def test_body_pieces_stopping_at_the_span_end_equal_the_full_scan(debris: list[Span], start: int, length: int) -> None:
    from docdiff.model import Document

    doc = Document(path="x.txt", text="字" * 100, debris=tuple(debris))
    span = Span(start, start + length)
    pieces, pos = [], span.start
    for d in sorted(debris, key=lambda s: s.start):
        if d.end <= pos or d.start >= span.end:
            continue
        if d.start > pos:
            pieces.append((pos, d.start))
        pos = max(pos, d.end)
    if pos < span.end:
        pieces.append((pos, span.end))
    assert similarity.body_pieces(doc, span) == pieces


@settings(max_examples=150, deadline=None)
@given(_spans, st.integers(0, 60))
def test_document_debris_are_sorted_disjoint_and_debris_from_skips_only_spans_before(debris: list[Span], offset: int) -> None:
    from docdiff.model import Document

    doc = Document(path="x.txt", text="字" * 100, debris=tuple(debris))
    covered = {i for d in debris for i in range(d.start, d.end)}
    assert {i for d in doc.debris for i in range(d.start, d.end)} == covered
    assert all(x.end <= y.start for x, y in zip(doc.debris, doc.debris[1:]))
    first = doc.debris_from(offset)
    assert all(d.end <= offset for d in doc.debris[:first])
    assert first == 0 or doc.debris[first].start <= offset


def _pieces_by_loop(text: str) -> list[str]:
    """The previous ``target_sentences._pieces``: a loop per character (the oracle)."""
    from docdiff.render.target_sentences import _CLOSERS, _TERMINATORS

    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] in _TERMINATORS:
            while i < n and text[i] in _TERMINATORS:
                i += 1
            while i < n and text[i] in _CLOSERS:
                i += 1
            out.append(text[start:i])
            start = i
        else:
            i += 1
    if start < n:
        out.append(text[start:])
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。！？；!?;\n”’」』）)经济a \t", max_size=40))
def test_target_sentence_pieces_by_regex_equal_the_loop(text: str) -> None:
    from docdiff.render.target_sentences import _pieces

    assert _pieces(text) == _pieces_by_loop(text)
