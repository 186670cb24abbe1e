"""reuse: the linear reuse finder agrees with brute force; similarity of a document with itself is 1."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import BASE, TOPICS, build
from test_align_support import make_doc

from docdiff.comparison import reuse
from docdiff.comparison.align import align_sections
from docdiff.comparison.reuse import (
    REUSE_MIN,
    common_runs,
    measure_similarity,
    reused_share,
)
from docdiff.model import Document, Span

# A small alphabet makes long common runs likely in short strings.
SMALL = st.text(alphabet="发展改革", min_size=0, max_size=60)


def _brute_share(x: str, y: str) -> float:
    """O(n·m·L): a character is reused if some common substring of length ≥ REUSE_MIN covers it."""
    covered = [False] * len(x)
    for i in range(len(x)):
        for j in range(len(y)):
            n = 0
            while i + n < len(x) and j + n < len(y) and x[i + n] == y[j + n]:
                n += 1
            if n >= REUSE_MIN:
                for k in range(i, i + n):
                    covered[k] = True
    return sum(covered) / len(x) if x else 0.0


@settings(max_examples=150, deadline=None)
@given(SMALL, SMALL)
def test_reused_share_matches_brute_force(x: str, y: str) -> None:
    assert reused_share(x, y) == _brute_share(x, y)


@settings(max_examples=150, deadline=None)
@given(SMALL, SMALL)
def test_common_runs_are_maximal_common_and_cover_every_hit(x: str, y: str) -> None:
    runs = common_runs(x, y)
    covered = set()
    for i, j, n in runs:
        assert n >= REUSE_MIN and x[i : i + n] == y[j : j + n]
        # maximal to the right: the next characters differ (or a text ends)
        assert i + n == len(x) or j + n == len(y) or x[i + n] != y[j + n]
        covered.update(range(i, i + n))
    # every 12-gram of x found in y starts inside some reported run
    grams = {y[k : k + REUSE_MIN] for k in range(len(y) - REUSE_MIN + 1)}
    for k in range(len(x) - REUSE_MIN + 1):
        if x[k : k + REUSE_MIN] in grams:
            assert k in covered


def test_a_document_with_itself_is_fully_similar() -> None:
    doc, outline = make_doc(build(BASE))
    pairs, _ = align_sections(doc, outline, doc, outline)
    sim, passages, notes = measure_similarity(doc, doc, pairs)
    assert (sim.document, sim.reuse_a_in_b, sim.reuse_b_in_a) == (1.0, 1.0, 1.0)
    assert notes == ()
    assert passages and passages[0].span_a == passages[0].span_b


def test_reuse_one_way_and_passage_points_at_both_texts() -> None:
    shared = TOPICS["生态保护"]
    a = Document(path="a", text=f"一、总体\n{shared}\n")
    b = Document(path="b", text=f"前言很长很长。\n　　{TOPICS['民生保障']}\n{shared}\n{TOPICS['城市建设']}\n")
    sim, passages, _ = measure_similarity(a, b, ())
    assert sim.reuse_a_in_b > 0.9  # nearly all of a is in b
    assert 0.2 < sim.reuse_b_in_a < 0.5  # a third of b is a's
    longest = passages[0]
    assert longest.text.startswith("大气污染防治") and longest.text.endswith("继续提高。")
    assert b.slice(longest.span_b) == longest.text == a.slice(longest.span_a)


def test_debris_is_not_counted() -> None:
    menu = "首页 新闻中心 政务公开 办事服务 互动交流 走进本市\n"
    text_a = menu + "今年工作安排如下。\n"
    a = Document(path="a", text=text_a, debris=(Span(0, len(menu)),))
    b = Document(path="b", text=menu + "完全不同的一段内容。\n", debris=(Span(0, len(menu)),))
    sim, passages, _ = measure_similarity(a, b, ())
    assert sim.reuse_a_in_b == 0.0 and passages == ()


def test_passages_capped_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(reuse, "MAX_PASSAGES", 2)
    topics = list(TOPICS.values())
    a = Document(path="a", text="\n".join(topics[:5]))
    b = Document(path="b", text="\n插入。\n".join(topics[:5]))
    _, passages, notes = measure_similarity(a, b, ())
    assert len(passages) == 2 and len(passages[0].text) >= len(passages[1].text)
    assert notes and "2 longest kept" in notes[0]


def test_width_folding_keeps_whitespace_whitespace() -> None:
    """The characters a section owns are counted on norm's body offsets: folding must map
    whitespace to whitespace and nothing else to it."""
    from docdiff.chinese import _WIDTH

    for cp, folded in _WIDTH.items():
        assert chr(cp).isspace() == chr(folded).isspace(), hex(cp)


def _own_chars_by_text(doc: Document, sec: object) -> int:
    """The definition: a section's own text (outside its subsections, no debris) less whitespace."""
    import re

    from docdiff.comparison.textdiff import own_text

    text = own_text(doc, sec)  # type: ignore[arg-type]
    return len(text) - sum(len(m) for m in re.findall(r"\s+", text))


def test_owned_characters_by_offsets_equal_the_own_text_count() -> None:
    from pathlib import Path

    import numpy as np

    from docdiff.ingest import load
    from docdiff.outline import parse_outline

    samples = Path(__file__).resolve().parent.parent / "samples"
    for name in ("luqiao-14th-five-year-plan", "hailar-district-2018-work-report", "taizhou-2022-government-work-report"):
        doc = load(str(samples / f"{name}.txt"))
        sections = [s for r in parse_outline(doc).sections for s in r.walk()] + [None]
        expected = [_own_chars_by_text(doc, s) if s is not None else 0 for s in sections]
        body, offsets = reuse._body(doc)
        assert reuse._own_chars(doc, sections, offsets) == expected
        assert reuse._own_chars(doc, sections, offsets.tolist()) == expected
        assert reuse._body_lists(doc)[1] == offsets.tolist()
        assert isinstance(offsets, np.ndarray)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="发展", max_size=300), st.text(alphabet="发展", max_size=300), st.data())
def test_extend_by_halving_blocks_equals_the_character_walk(x: str, y: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(x)))
    j = data.draw(st.integers(0, len(y)))
    known = reuse._extend_by_character(x, i, y, j, 0)
    known = data.draw(st.integers(0, known))  # any number of characters already known to match
    assert reuse._extend(x, i, y, j, known) == reuse._extend_by_character(x, i, y, j, known)
    long_x = "改" * 500 + x
    assert reuse._extend(long_x, 0, "改" * 400 + y, 0, 0) == reuse._extend_by_character(long_x, 0, "改" * 400 + y, 0, 0)


def _body_by_flags(doc: Document) -> tuple[str, list[int]]:
    """The previous ``_body_lists``: a keep flag per character (the oracle)."""
    norm = doc.norm
    keep = [not c.isspace() for c in norm]
    for d in doc.debris:
        keep[d.start : d.end] = [False] * len(keep[d.start : d.end])
    offsets = [i for i, k in enumerate(keep) if k]
    return "".join(norm[i] for i in offsets), offsets


def _runs_by_places(x: str, y: str, hits: list[int]) -> list[tuple[int, int, int]]:
    """The previous ``_runs_lists``: every gram's first places built one by one (the oracle)."""
    places: dict[str, list[int]] = {}
    for j, gram in enumerate(reuse._grams(y)):
        at = places.setdefault(gram, [])
        if len(at) < reuse.MAX_CANDIDATES:
            at.append(j)
    return reuse._walk(x, y, hits, lambda i: places.get(x[i : i + reuse.REUSE_MIN], ()))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="发展 \n\u3000a。", max_size=80),
       st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=4))
def test_body_by_runs_equals_the_flags(text: str, debris: list[tuple[int, int]]) -> None:
    spans = [Span(min(s, len(text)), min(s + n, len(text))) for s, n in sorted(debris)]
    doc = Document(path="x", text=text, debris=tuple(spans))
    assert reuse._body_lists(doc) == _body_by_flags(doc)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab", min_size=0, max_size=160), st.text(alphabet="ab", min_size=0, max_size=160))
def test_runs_from_first_places_equal_those_from_every_place(x: str, y: str) -> None:
    """Few letters: grams recur, up to and past MAX_CANDIDATES places."""
    grams_y = set(reuse._grams(y))
    hits = [i for i, g in enumerate(reuse._grams(x)) if g in grams_y]
    assert reuse._runs_lists(x, y, hits) == _runs_by_places(x, y, hits)
    assert reuse._runs_lists(x, y, hits, reuse._grams(y)) == _runs_by_places(x, y, hits)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab\n", min_size=0, max_size=160), st.text(alphabet="ab\n", min_size=0, max_size=160))
def test_numpy_reuse_equals_the_lists_on_recurring_grams(x: str, y: str) -> None:
    """Grams recur (a's sorted in any order among equals, b's in text order): the numpy path's
    reuse both ways and runs are the pure path's."""
    import pytest

    from docdiff.comparison import similarity

    a, b = Document(path="a", text=x), Document(path="b", text=y)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "PURE_MAX_CHARS", 10**9)
        pure = measure_similarity(a, b, ())
        patch.setattr(similarity, "PURE_MAX_CHARS", -1)
        fast = measure_similarity(a, b, ())
    assert fast == pure
