"""PlainConsole: the colourless terminal report is byte for byte what rich's Console prints."""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from docdiff.comparison import compare
from docdiff.ingest import load
from docdiff.model import Comparison
from docdiff.render.compare_term import print_compare, render_compare_term
from docdiff.render.console import SafeConsole
from docdiff.render.plain_console import PlainConsole, rule_line

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAIRS = (
    ("hailar-district-2018-work-report.txt", "hailar-district-2019-work-report.txt"),
    ("tiantai-2025-proposal-reply.txt", "quzhou-2022-deputy-suggestion-reply.txt"),
)


def _rich_plain(width: int) -> Console:
    """The Console render_compare_term used for colourless output before PlainConsole."""
    return SafeConsole(file=io.StringIO(), width=width, color_system=None, force_terminal=False, markup=False,
                   highlight=False, emoji=False, soft_wrap=False)


@cache
def _comparison(a: str, b: str) -> Comparison:
    return compare(load(str(SAMPLES / a)), load(str(SAMPLES / b)))


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("width", [40, 80, 137])
@pytest.mark.parametrize("full", [True, False])
def test_plain_report_equals_rich_console_output(pair: tuple[str, str], width: int, full: bool) -> None:
    c = _comparison(*pair)
    console = _rich_plain(width)
    print_compare(console, c, context=1, only_changed=False, markers=True, full=full)
    expected = console.file.getvalue()  # type: ignore[attr-defined]
    assert render_compare_term(c, color=False, width=width, context=1, only_changed=False, full=full) == expected


def test_plain_report_imports_no_rich_console() -> None:
    import subprocess
    import sys

    a, b = (str(SAMPLES / n) for n in PAIRS[1])
    code = (
        "import sys\n"
        "from docdiff.comparison import compare\nfrom docdiff.ingest import load\n"
        "from docdiff.render.compare_term import render_compare_term\n"
        f"render_compare_term(compare(load({a!r}), load({b!r})), color=False, width=80, context=1,"
        " only_changed=False)\n"
        "print('rich.console' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def _rich_rule(title: Text, width: int) -> str:
    console = _rich_plain(width)
    console.print(Rule(title))
    return console.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 一二章节（）\t\n〇長")), max_size=60),
       st.integers(min_value=5, max_value=120))
def test_rule_line_equals_rich_rule(title: str, width: int) -> None:
    plain = PlainConsole(width)
    plain.rule(Text(title))
    assert plain.getvalue() == _rich_rule(Text(title), width)


def test_rows_wider_than_the_console_are_cropped_as_rich_crops_them() -> None:
    text = "一二三四五六七八九十" * 3 + "\n" + "abc\x1b]0;title\x07\x9b2J\n" + "\n"
    plain = PlainConsole(15)
    plain.write_lines(text)
    console = _rich_plain(15)
    from rich.segment import Segment, Segments

    console.print(Segments([Segment(text)]), end="")
    assert plain.getvalue() == console.file.getvalue()  # type: ignore[attr-defined]
    assert rule_line(Text(""), 10) == "─" * 10


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 一二\n\t長")), max_size=80),
       st.integers(min_value=1, max_value=30))
def test_lines_equal_rich_cropping_of_one_segment(text: str, width: int) -> None:
    """write_lines splits the text into one segment a line (rich's split of one big segment
    is quadratic); the lines are those rich makes of the text as one segment."""
    from rich.segment import Segment

    plain = PlainConsole(width)
    plain.write_lines(text)
    expected = "".join("".join(s.text for s in line)
                       for line in Segment.split_and_crop_lines([Segment(text)], width, pad=False))
    assert plain.getvalue() == expected


def test_control_characters_are_escaped_after_cropping() -> None:
    plain = PlainConsole(80)
    plain.write_lines("a\x1b[2Jb\n")
    assert plain.getvalue() == "a\\x1b[2Jb\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 一二\n\t長\x1b\x07\x85")), max_size=80),
       st.integers(min_value=1, max_value=30))
def test_lines_are_cropped_then_escaped_line_by_line(text: str, width: int) -> None:
    """write_lines escapes its joined lines at once: the same as escaping each cropped line."""
    from rich.segment import Segment

    from docdiff.errors import escape_controls

    plain = PlainConsole(width)
    plain.write_lines(text)
    expected = "".join(escape_controls("".join(s.text for s in line))
                       for line in Segment.split_and_crop_lines([Segment(text)], width, pad=False))
    assert plain.getvalue() == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 一二，。長\n\u200d\ufe0f😀")), max_size=120),
       st.integers(min_value=1, max_value=40))
def test_wrapped_rows_print_as_when_measured(text: str, width: int) -> None:
    """Rows wrap_text cut to the width need no measuring: the same output either way."""
    from docdiff.render.linebreak import wrap_text
    from docdiff.render.plain_text import PlainText

    rows = "".join(row.plain + "\n" for row in wrap_text(PlainText(text), width))
    trusted, measured = PlainConsole(width), PlainConsole(width)
    trusted.write_lines(rows, fitted=True)
    measured.write_lines(rows)
    assert trusted.getvalue() == measured.getvalue()
