"""Printed lines → paragraphs (ingest/page_lines.py): the rules, and that no character is lost."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docdiff.ingest.page_lines import (
    Glyph,
    PrintedLine,
    PrintedPage,
    join_pages,
    lines_from_glyphs,
)

H = 10.0  # line height
WIDTH = 200.0  # page width; the column runs from 20 to 180


def _line(text: str, x0: float, x1: float, row: int) -> PrintedLine:
    return PrintedLine(text, x0, x1, row * 14.0, row * 14.0 + H)


def test_a_wrapped_paragraph_is_rejoined_and_an_indented_line_starts_a_new_one() -> None:
    page = PrintedPage(WIDTH, [
        _line("过去的一年，地区生产总值", 40, 180, 0),  # indented first line, full
        _line("增长6%，城乡居民收入稳步", 20, 178, 1),  # runs on, full
        _line("提高。", 20, 50, 2),  # runs on, short: the paragraph ends
        _line("一、主要目标", 40, 100, 3),  # indented: a new paragraph
    ])
    assert join_pages([page]) == "过去的一年，地区生产总值增长6%，城乡居民收入稳步提高。\n一、主要目标\n"


def test_a_short_line_a_gap_or_an_indent_ends_a_paragraph() -> None:
    page = PrintedPage(WIDTH, [
        _line("短行。", 20, 60, 0),
        _line("下一段", 20, 180, 1),
        _line("隔了一行的新段", 20, 120, 3),  # a blank line's gap above
    ])
    assert join_pages([page]) == "短行。\n下一段\n隔了一行的新段\n"


def test_a_paragraph_runs_on_across_a_page_break() -> None:
    first = PrintedPage(WIDTH, [_line("前一页的最后一行写满了", 20, 180, 0)])
    second = PrintedPage(WIDTH, [_line("下一页接着写。", 20, 90, 0)])
    assert join_pages([first, second]) == "前一页的最后一行写满了下一页接着写。\n"


def test_a_page_of_short_lines_has_no_full_line() -> None:
    # two lines of similar length on a wide page: the right margin mirrors the left one
    page = PrintedPage(612, [_line("Annual report", 72, 150, 0), _line("GDP grew by 5%", 72, 155, 1)])
    assert join_pages([page]) == "Annual report\nGDP grew by 5%\n"


def test_glyphs_become_lines_in_reading_order_with_latin_spaces_but_no_cjk_autospace() -> None:
    glyphs = [  # given in drawing order, second line first
        Glyph("第", 20, 30, 20, 30), Glyph("二", 30, 40, 20, 30),
        Glyph("增", 20, 30, 0, 10), Glyph("长", 30, 40, 0, 10),
        Glyph("6", 43, 48, 0, 10),  # a quarter-em CJK/Latin gap: no space
        Glyph("%", 48, 53, 0, 10),
        Glyph("G", 57, 62, 0, 10), Glyph("D", 62, 67, 0, 10),  # a word gap: a space
    ]
    assert [ln.text for ln in lines_from_glyphs(glyphs)] == ["增长6% GD", "第二"]


@given(st.lists(st.tuples(st.text(alphabet="地区生产总值增长6%。，一二三", min_size=1, max_size=20),
                          st.floats(20, 60), st.floats(60, 180), st.integers(0, 3)), max_size=30))
def test_rejoining_never_loses_or_adds_a_character(rows) -> None:
    lines, y = [], 0.0
    for text, x0, x1, gap in rows:
        lines.append(PrintedLine(text, x0, max(x0, x1), y, y + H))
        y += H + gap * 4.0
    out = join_pages([PrintedPage(WIDTH, lines)])
    assert out.replace("\n", "") == "".join(text for text, *_ in rows)


def test_table_cells_side_by_side_become_a_row() -> None:
    glyphs = [Glyph(ch, x, x + 10, 0, 10) for ch, x in (("地", 20), ("区", 30), ("亿", 60), ("元", 70), ("1", 100))]
    assert [ln.text for ln in lines_from_glyphs(glyphs)] == ["地区 | 亿元 | 1"]
