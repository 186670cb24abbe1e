"""Terminal layout: Chinese line breaking (禁则, numbers, diff markers), the content-driven target
table, the summary view, and golden reports at 80, 120 and 200 columns with and without colour."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_fixtures import (
    Part,
    build_document,
    diff_ops,
    find_section,
    make_target,
    own_text,
)
from rich.cells import cell_len
from rich.text import Text

from docdiff.model import (
    Comparator,
    Comparison,
    Kind,
    Metadata,
    SectionPair,
    SectionStatus,
    Similarity,
    TargetPair,
    TargetStatus,
)
from docdiff.render.compare_term import render_compare_term
from docdiff.render.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    break_allowed,
    wrap_offsets,
    wrap_text,
)
from docdiff.render.target_table_term import _value

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (80, 120, 200)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN_START = "，。、；：？！）」』》"

A_BODY = ("今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；全年累计化解政府债务12.43亿元，"
          "建成区10蒸吨及以下燃煤锅炉全部拆除，空气优良天数比例达到99.2%，同比提高0.8个百分点；"
          "城乡常住居民人均可支配收入分别增长7.5%、8%。（一）数字经济核心产业增加值占地区生产总值比重达到"
          "10%以上，完成1,080亩绿化修复，新建“智慧城市”平台。城市建设加快推进。\n")
B_BODY = ("今年经济社会发展的主要预期目标是：地区生产总值增长3.5%左右；全年累计化解政府债务7.89亿元，"
          "建成区10蒸吨及以下燃煤锅炉全部拆除，空气优良天数达到350天，同比提高0.8个百分点；"
          "城乡常住居民人均可支配收入分别增长7%和8%左右。（一）数字经济核心产业增加值占地区生产总值比重达到"
          "12%以上，完成3,300亩绿化修复，新建“智慧城市”二期平台。城市建设提速推进。\n")


def layout_comparison() -> Comparison:
    """One long paragraph that changed in many places, and targets with long indicators and
    statuses: what wraps, at every width, where the layout rules matter."""
    meta_a = Metadata(title="2018年海拉尔区政府工作报告", kind=Kind.WORK_REPORT, year=2018)
    meta_b = Metadata(title="2019年海拉尔区政府工作报告", kind=Kind.WORK_REPORT, year=2019)
    a, oa = build_document("samples/layout-2018.txt", "海拉尔区政府工作报告\n\n",
                           (Part("一、", "2018年工作安排", A_BODY), Part("二、", "旧的一节", "新建公立幼儿园2所。\n")), meta_a)
    b, ob = build_document("samples/layout-2019.txt", "海拉尔区政府工作报告\n\n",
                           (Part("一、", "2019年工作安排", B_BODY), Part("二、", "新的一节", "新建公共厕所24座。\n")), meta_b)
    sa, sb = find_section(oa, "一、"), find_section(ob, "一、")
    sections = (
        SectionPair(status=SectionStatus.CHANGED, a=sa, b=sb, similarity=0.71,
                    diff=diff_ops(own_text(a, sa), own_text(b, sb))),
        SectionPair(status=SectionStatus.REMOVED, a=find_section(oa, "二、"), b=None, similarity=0.0),
        SectionPair(status=SectionStatus.ADDED, a=None, b=find_section(ob, "二、"), similarity=0.0),
    )
    share = "数字经济核心产业增加值占地区生产总值比重"
    targets = (
        TargetPair(status=TargetStatus.CHANGED, changes=("value",), direction="lowered",
                   a=make_target(a, oa, "t1", "地区生产总值增长6%左右", "地区生产总值增长", 6, "%", Comparator.APPROX,
                                 year=2018),
                   b=make_target(b, ob, "t1", "地区生产总值增长3.5%左右", "地区生产总值增长", 3.5, "%",
                                 Comparator.APPROX, year=2019)),
        TargetPair(status=TargetStatus.CHANGED, changes=("value", "unit"), direction=None,
                   a=make_target(a, oa, "t2", "空气优良天数比例达到99.2%", "空气优良天数比例", 99.2, "%", year=2018),
                   b=make_target(b, ob, "t2", "空气优良天数达到350天", "空气优良天数", 350, "天", year=2019)),
        TargetPair(status=TargetStatus.CHANGED, changes=("value", "comparator"), direction="raised",
                   a=make_target(a, oa, "t3", f"{share}达到10%以上", f"{share}（按新口径计算的全市统一指标）", 10, "%",
                                 Comparator.GE, year=2018),
                   b=make_target(b, ob, "t3", f"{share}达到12%以上", f"{share}（按新口径计算的全市统一指标）", 12, "%",
                                 Comparator.GE, year=2019)),
        TargetPair(status=TargetStatus.SHARED,
                   a=make_target(a, oa, "t4", "同比提高0.8个百分点", "同比提高", 0.8, "个百分点", year=2018),
                   b=make_target(b, ob, "t4", "同比提高0.8个百分点", "同比提高", 0.8, "个百分点", year=2019)),
        TargetPair(status=TargetStatus.REMOVED, a=make_target(a, oa, "t5", "新建公立幼儿园2所", "新建公立幼儿园", 2, "所",
                                                               year=2018), b=None),
        TargetPair(status=TargetStatus.ADDED, a=None, b=make_target(b, ob, "t5", "新建公共厕所24座", "新建公共厕所", 24,
                                                                     "座", year=2019)),
    )
    return Comparison(a=a, b=b, outline_a=oa, outline_b=ob, targets_a=tuple(p.a for p in targets if p.a),
                      targets_b=tuple(p.b for p in targets if p.b), sections=sections, targets=targets,
                      similarity=Similarity(document=0.6, reuse_a_in_b=0.5, reuse_b_in_a=0.5), notes=())


def _check_layout(out: str, c: Comparison, width: int) -> None:
    """Every status and value whole on one line, no line wider than the terminal or starting with
    closing punctuation, no number or diff marker split across two lines."""
    plain = ANSI.sub("", out)
    lines = plain.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for p in c.targets:
        if p.status == "shared":
            continue
        value = f"{_value(p.a).plain} → {_value(p.b).plain}"
        status = str(p.status) + (f" ({', '.join(p.changes)})" if p.changes else "")
        assert any(value in line for line in lines), value
        assert any(status in line for line in lines), status
    for k, line in enumerate(lines):
        assert not line[:1] or line[0] not in FORBIDDEN_START, f"line {k + 1} starts with {line[0]}: {line}"
        assert not line.rstrip()[-1:] or line.rstrip()[-1] not in "（「『《“", line
        assert not line.rstrip().endswith(("[-", "{+", "[", "{")), line
        assert not line.startswith(("-]", "+}", "]", "}")), line
        if k + 1 < len(lines) and line and lines[k + 1]:
            joint = line[-1] + lines[k + 1][0]
            assert not re.fullmatch(r"[0-9.][0-9.%]", joint), f"number split: {line!r} / {lines[k + 1]!r}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_golden_summary_at_each_width(width: int, color: bool, update_golden: bool) -> None:
    c = layout_comparison()
    out = render_compare_term(c, color=color, width=width, context=1, only_changed=False, full=False)
    _check_layout(out, c, width)
    golden = GOLDEN / f"compare_layout.{width}.{'color' if color else 'plain'}.term"
    if update_golden or not golden.exists():
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_full_view_keeps_the_layout_rules(width: int, color: bool) -> None:
    c = layout_comparison()
    out = render_compare_term(c, color=color, width=width, context=1, only_changed=False, full=True)
    _check_layout(out, c, width)
    assert ("{+" in out) is not color  # markers only without colour


def test_stacked_at_80_table_at_120_and_200() -> None:
    c = layout_comparison()
    at = {w: ANSI.sub("", render_compare_term(c, color=False, width=w, context=1, only_changed=False, full=False))
          for w in WIDTHS}
    assert "indicator / a → b" in at[80] and "  ≈6% (2018) → ≈3.5% (2019)  changed (value) ↓  a:" in at[80]
    for w in (120, 200):
        header = next(line for line in at[w].splitlines() if line.startswith("indicator"))
        assert header.split() == ["indicator", "a", "→", "b", "status", "lines"]
    # at 200 the long indicator fits on its row; at 120 it wraps inside its column
    assert "数字经济核心产业增加值占地区生产总值比重（按新口径计算的全市统一指标）" in at[200]


def test_summary_shows_only_changed_sentences_that_hold_targets() -> None:
    c = layout_comparison()
    out = render_compare_term(c, color=False, width=200, context=1, only_changed=False, full=False)
    summary = out.split("Changed sentences holding targets")[1]
    assert "地区生产总值增长[-6-]{+3.5+}%左右" in summary.replace("\n", "")
    assert "[-新建公立幼儿园2所-]" in summary and "{+新建公共厕所24座+}" in summary  # removed/added sections
    assert "城市建设" not in summary  # a changed sentence with no target
    assert "--full shows every text change" in summary
    full = render_compare_term(c, color=False, width=200, context=5, only_changed=False, full=True)
    assert "Changed sentences holding targets" not in full and "城市建设[-加快-]{+提速+}" in full


def test_colour_does_not_rely_on_green_and_red_alone() -> None:
    out = render_compare_term(layout_comparison(), color=True, width=120, context=1, only_changed=False, full=True)
    assert "\x1b[9;31m" in out or "\x1b[31;9m" in out  # deletion: red and struck through
    assert "\x1b[4;32m" in out or "\x1b[32;4m" in out  # insertion: green and underlined


# Line breaking on its own.

@pytest.mark.parametrize("text", ["化解政府债务12.43亿元", "完成1,080亩", "增长7.5%。", "R&D经费支出占GDP比重"])
def test_no_break_inside_a_number_or_latin_word(text: str) -> None:
    ok = break_allowed(text)
    for m in re.finditer(r"[0-9][0-9.,%]*[0-9%]|[A-Za-z]+", text):
        assert not any(ok[i] for i in range(m.start() + 1, m.end())), m.group()


def test_markers_stay_whole_and_stick_to_their_text() -> None:
    s = "增长[-6-]{+3.5+}%左右"
    ok = break_allowed(s)
    for mark in ("[-", "-]", "{+", "+}"):
        i = s.index(mark)
        assert not ok[i + 1]
    assert not ok[s.index("[-") + 2] and not ok[s.index("-]")]  # opener to what follows, closer to what precedes
    assert not any(ok[s.index("6"):s.index("左")])  # 6 → 3.5% is one number, markers and all


@given(st.text(alphabet="经济增长，。、；：（）「」“”12.5%亿元 [-]{+}abc\n", max_size=200), st.integers(4, 40))
def test_wrap_keeps_every_character_and_fits(s: str, width: int) -> None:
    lines = wrap_text(Text(s), width)
    assert all(cell_len(line.plain) <= width for line in lines)
    rebuilt = "".join(line.plain for line in lines)
    assert rebuilt.replace(" ", "").replace("\u3000", "") == s.replace("\n", "").replace(" ", "")


@given(st.text(alphabet="经济增长发展，。、；：（）「」“”", min_size=1, max_size=300), st.integers(6, 40))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(s: str, width: int) -> None:
    cuts = wrap_offsets(s, width)
    for cut in cuts:
        # a forced cut (no allowed break in a whole line) is the only exception, and needs a
        # run of prohibited characters longer than the line
        if s[cut] in NO_LINE_START or s[cut - 1] in NO_LINE_END:
            line_start = max([0] + [c for c in cuts if c < cut])
            assert not any(break_allowed(s)[line_start + 1:cut + 1])




@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="经济增长，。、；：（）「」“”12.5%亿元 [-]{+}abc\u3000\u200d\ufe0f😀é", max_size=300),
       st.integers(1, 60))
def test_wrap_offsets_by_bisection_equal_the_character_walk(s: str, width: int) -> None:
    """The running-sum search cuts where the walk one character at a time cuts."""
    from docdiff.render.linebreak import _wrap_offsets_by_character

    assert wrap_offsets(s, width) == _wrap_offsets_by_character(s, width)


def _no_break_rules(s: str) -> list[bool]:
    """The character rules of break_allowed, one character pair at a time (the definition)."""
    from docdiff.render.linebreak import _DIGITS, _NUMBER_INNER, _PAIRED

    def word(ch: str) -> bool:
        return ch.isascii() and ch.isalnum() or ch in _DIGITS

    ok = [True] * (len(s) + 1)
    ok[0] = ok[len(s)] = False
    for i in range(1, len(s)):
        prev, ch = s[i - 1], s[i]
        if (ch in NO_LINE_START or prev in NO_LINE_END or ch.isspace() and prev.isspace()
                or ch in _PAIRED and prev == ch or word(prev) and word(ch)
                or ch in _NUMBER_INNER and prev in _DIGITS or prev in ".．" and ch in _DIGITS
                or prev in _NUMBER_INNER and ch in _DIGITS and i >= 2 and s[i - 2] in _DIGITS):
            ok[i] = False
    return ok


@given(st.text(alphabet="ab1２.,．，%—…（）。，、 \u3000\u00a0\n\tXY规划", max_size=30))
def test_break_rules_found_by_regex_are_the_character_rules(s: str) -> None:
    from docdiff.render.linebreak import _NO_BREAK_BEFORE

    ok = [True] * (len(s) + 1)
    ok[0] = ok[len(s)] = False
    for m in _NO_BREAK_BEFORE.finditer(s):
        ok[m.start()] = False
    assert ok == _no_break_rules(s)


@pytest.fixture(scope="module")
def hailar() -> Comparison:
    from conftest import sample

    import docdiff

    return docdiff.compare(docdiff.load(str(sample("hailar-district-2018"))), docdiff.load(str(sample("hailar-district-2019"))))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("full", [False, True], ids=["summary", "full"])
def test_real_report_keeps_the_layout_rules(hailar: Comparison, width: int, full: bool) -> None:
    """Hailar 2018 → 2019: 42 lines used to start with ，。、 and numbers split (12⏎.43亿元)."""
    for color in (False, True):
        out = render_compare_term(hailar, color=color, width=width, context=1, only_changed=False, full=full)
        _check_layout(out, hailar, width)
    if not full:
        assert len(out.splitlines()) < 200  # the summary, not the 556-line report


def test_summary_keeps_hostile_text_literal() -> None:
    from render_fixtures import hostile_comparison

    c = hostile_comparison()
    out = render_compare_term(c, color=False, width=100, context=1, only_changed=False, full=False)
    flat = out.replace("\n", "")
    assert "<script>alert(1)</script>" in flat and "[bold]红[/bold]" in flat
    assert "Changed sentences holding targets (1)" in out and "1[-0-]{+2+}%" in flat


@pytest.mark.parametrize("width", (60, 80, 120))
def test_targets_view_never_wraps_a_value(width: int) -> None:
    from conftest import sample

    import docdiff
    from docdiff.render.targets_term import _value as target_value
    from docdiff.render.targets_term import render_targets_term

    doc = docdiff.load(str(sample("luqiao")))
    found = docdiff.extract_targets(doc, docdiff.parse_outline(doc))
    out = render_targets_term(doc, found, color=False, width=width)
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for t in found:
        assert any(target_value(t).plain in line for line in lines), target_value(t).plain


@pytest.mark.parametrize("unit", ["1", "1[-2-]", "1.", "12[-", "，", "（", "a", " "])
def test_line_breaking_is_linear(unit: str) -> None:
    """A run of 40,000 digits took 28 s when the number-across-markers pattern was tried from
    every digit; every rule is now one pass."""
    from cpu_guard import hang_guard

    s = (unit * (40_000 // len(unit) + 1))[:40_000]
    with hang_guard(5):  # tens of milliseconds of CPU now
        lines = wrap_text(Text(s), 80)
    assert "".join(line.plain for line in lines).replace(" ", "") == s.replace(" ", "")
