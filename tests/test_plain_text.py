"""render.plain_text.PlainText does what rich's Text does to the characters, call for call."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from docdiff.render.plain_text import PlainText
from docdiff.render.term_cells import plain_styles, styled

# CJK (two cells), ASCII, tabs, newlines, the control characters rich drops, combining marks, emoji.
_CHARS = st.sampled_from(list("ab 1.%十四五规划，。（）…\t\n\x07\x08\x0b\x0c\r\x1b\u0301\u3000🙂"))
texts = st.text(_CHARS, max_size=40)
widths = st.integers(min_value=0, max_value=30)


@given(texts, widths, st.sampled_from([None, "fold", "crop", "ellipsis"]), st.booleans())
def test_truncate(s, width, overflow, pad):
    ours, theirs = PlainText(s), Text(s)
    ours.truncate(width, overflow=overflow, pad=pad)
    theirs.truncate(width, overflow=overflow, pad=pad)
    assert ours.plain == theirs.plain


@given(texts, st.lists(texts, max_size=4), texts)
def test_append_join_and_the_plain_setter(s, more, sep):
    ours, theirs = PlainText(s, "bold"), Text(s, "bold")
    for m in more:
        ours.append(m, "red")
        theirs.append(m, "red")
        ours.append_text(PlainText(m))
        theirs.append_text(Text(m))
    assert ours.plain == theirs.plain and len(ours) == len(theirs) and ours.cell_len == theirs.cell_len
    assert PlainText(sep).join(PlainText(m) for m in more).plain == Text(sep).join(Text(m) for m in more).plain
    ours.plain, theirs.plain = s + sep, s + sep
    assert ours.plain == theirs.plain


@given(texts, st.booleans(), st.lists(st.integers(min_value=0, max_value=40), max_size=4))
def test_split_divide_slices_rstrip(s, allow_blank, offsets):
    ours, theirs = PlainText(s), Text(s)
    assert [t.plain for t in ours.split("\n", allow_blank=allow_blank)] == [
        t.plain for t in theirs.split("\n", allow_blank=allow_blank)]
    cuts = sorted(min(o, len(theirs)) for o in offsets)
    assert [t.plain for t in ours.divide(cuts)] == [t.plain for t in theirs.divide(cuts)]
    if cuts:
        assert ours[cuts[0]:].plain == theirs[cuts[0]:].plain
    ours.rstrip()
    theirs.rstrip()
    assert ours.plain == theirs.plain


@given(texts, st.sampled_from([None, 4, 8]))
def test_expand_tabs(s, tab_size):
    ours, theirs = PlainText(s), Text(s)
    ours.expand_tabs(tab_size) if tab_size else ours.expand_tabs()
    theirs.expand_tabs(tab_size)
    assert ours.plain == theirs.plain


def test_styled_is_plain_only_inside_plain_styles():
    assert isinstance(styled("x", "bold"), Text)
    with plain_styles():
        t = styled("规划\x07", "bold")
        assert isinstance(t, PlainText) and t.plain == "规划"
    assert isinstance(styled("x"), Text)


def test_a_colourless_compare_does_not_import_rich_text(tmp_path):
    import subprocess
    import sys

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、总体要求\n到2025年，地区生产总值增长6%。\n", encoding="utf-8")
    b.write_text("一、总体要求\n到2025年，地区生产总值增长5%。\n", encoding="utf-8")
    code = ("import sys; from docdiff.cli import main\n"
            f"sys.argv = ['docdiff', 'compare', {str(a)!r}, {str(b)!r}, '--format', 'term', '-o', {str(tmp_path / 'o')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('rich.') and m != 'rich.cells' and not m.startswith('rich._')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert "5%" in (tmp_path / "o").read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab一\n\r\x07長 ", max_size=8), st.booleans()), max_size=12),
       st.integers(min_value=1, max_value=12))
def test_text_appended_in_pieces_reads_as_one_string(pieces: list[tuple[str, bool]], width: int) -> None:
    """PlainText keeps appended pieces and joins them when read: every reading is the joined
    string's, before and after further changes."""
    from unittest import mock

    from docdiff.render import plain_text

    for limit in (plain_text._CONCAT_MAX, 0, 5):  # pieces kept from the start, or past 5 characters
        with mock.patch.object(plain_text, "_CONCAT_MAX", limit):
            _check_appended(pieces, width)


def _check_appended(pieces: list[tuple[str, bool]], width: int) -> None:
    t = PlainText("x")
    for text, as_text in pieces:
        t.append(PlainText(text) if as_text else text)
    whole = PlainText("x" + "".join(text for text, _ in pieces))
    assert t.plain == whole.plain and len(t) == len(whole) and str(t) == str(whole)
    assert [p.plain for p in t.split("\n")] == [p.plain for p in whole.split("\n")]
    t.append(t)  # a text appended to itself
    whole.append(whole.copy())
    t.truncate(width, overflow="ellipsis", pad=True)
    whole.truncate(width, overflow="ellipsis", pad=True)
    assert t.plain == whole.plain
