"""Document line arithmetic and span invariants (model.py, normalize.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.chinese import fold_width
from docdiff.model import Document, Span


def test_line_at_counts_like_splitlines():
    doc = Document(path="x", text="一、总体要求\n\n(一)指导思想\n到2025年")
    assert [doc.line_at(doc.text.index(s)) for s in ("一、", "(一)", "到2025")] == [1, 3, 4]
    assert doc.line_count == 4
    assert doc.slice(doc.line_span(3)) == "(一)指导思想"


def test_line_span_strips_only_the_line_break():
    doc = Document(path="x", text="a\u3000b\nc\n")
    assert doc.slice(doc.line_span(1)) == "a\u3000b"
    assert doc.line_count == 2


def test_debris_lines_are_kept_in_text_but_not_in_body():
    text = "索引号: 123\n政府工作报告\n各位代表："
    doc = Document(path="x", text=text, debris=(Span(0, text.index("\n") + 1),))
    assert doc.text == text
    assert "索引号" not in doc.body_text
    assert "各位代表" in doc.body_text
    assert [n for n, _ in doc.body_lines()] == [2, 3]


def test_body_lines_are_found_once_and_handed_out_as_copies():
    text = "索引号: 123\n政府工作报告\n各位代表："
    doc = Document(path="x", text=text, debris=(Span(0, text.index("\n") + 1),))
    first = doc.body_lines()
    first.clear()  # a caller's list: the next call is not affected
    assert doc.body_lines() == [(2, doc.line_span(2)), (3, doc.line_span(3))]
    assert doc.body_lines() is not doc.body_lines()


def test_span_rejects_reversed_range():
    with pytest.raises(ValueError):
        Span(3, 2)


def test_fold_width_maps_full_width_ascii_and_ideographic_space():
    assert fold_width("２０２５年，ＧＤＰ增长７％\u3000") == "2025年,GDP增长7% "


@settings(max_examples=200)
@given(st.text())
def test_fold_width_preserves_length(text):
    assert len(fold_width(text)) == len(text)


def test_fold_width_maps_every_character_as_the_table_says():
    from docdiff.chinese import _WIDTH

    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    assert fold_width(every) == every.translate(_WIDTH)
    assert fold_width("⼯业增加值，增长７％") == "工业增加值,增长7%"  # a PDF's radical folds to its ideograph


LINE_BREAKS = st.sampled_from(["\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u3000", "a", "年"])


@settings(max_examples=200)
@given(st.lists(LINE_BREAKS, max_size=30).map("".join))
def test_line_numbers_agree_with_line_feeds(text):
    """Lines as grep -n and editors count them: only \\n breaks (form feeds, U+2028 do not)."""
    doc = Document(path="x", text=text)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert doc.line_count == len(lines) == text.count("\n") + (not text.endswith("\n") and bool(text))
    for n, line in enumerate(lines, 1):
        assert doc.slice(doc.line_span(n)) == line
        span = doc.line_span(n)
        if line:
            assert doc.line_at(span.start) == n
