"""render.cell_width: rich.cells' widths and crops, summed in C (the terminal report's hot path)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len
from rich.cells import set_cell_size as rich_set_cell_size

from docdiff.render.cell_width import cell_len, set_cell_size

# CJK, full-width punctuation, ASCII, rule and box characters, controls, combining marks,
# zero-width joiner and variation selector 16 (emoji sequences), wide emoji.
_TEXT = st.text(alphabet=st.sampled_from(list("中文，。（）“”ab 1%─━…\t\x1b\x00\u0301\u200d\ufe0f\u3000")
                                         + ["\U0001F468", "\u2764", "\uff21"]), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_cell_len_is_richs(text: str) -> None:
    assert cell_len(text) == rich_cell_len(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(-3, 90))
def test_set_cell_size_is_richs(text: str, total: int) -> None:
    assert set_cell_size(text, total) == rich_set_cell_size(text, total)


def test_a_rule_cropped_at_its_end_is_cut_here_not_by_rich() -> None:
    rule = "─" * 10 + " 第一项重点工作 " + "─" * 12
    assert rich_cell_len(rule) == 38
    assert set_cell_size(rule, 30) == rich_set_cell_size(rule, 30) == rule[:-8]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文，。（）“”ab 1%─…\u3000\uff21") + ["\U0001F468"]), max_size=60),
       st.integers(1, 70))
def test_a_crop_of_one_and_two_cell_characters_is_richs(text: str, total: int) -> None:
    """The crop done here (no zero-width character, no joiner) is rich's, a split wide character
    becoming a space."""
    assert set_cell_size(text, total) == rich_set_cell_size(text, total)
    assert cell_len(set_cell_size(text, total)) == total


def test_one_characters_cells_are_richs_cell_len() -> None:
    from docdiff.render.cell_width import char_cells

    # every 13th code point (all of them agree with rich 15: checked once, ~6 s) and the specials
    points = [*range(0, 0x110000, 13), *range(0x2FF), 0x200D, 0xFE0F, 0x3000, 0xFF0C, 0x1F468]
    for c in points:
        if not 0xD800 <= c <= 0xDFFF:
            assert char_cells(chr(c)) == rich_cell_len(chr(c)), hex(c)
