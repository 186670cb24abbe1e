"""render_compare_term: golden output on a small hand-built Comparison; markup-safe; plain markers."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from cpu_guard import hang_guard
from msgspec.structs import replace
from rich.console import Console
from test_align_support import make_doc

from docdiff.model import (
    Comparator,
    Comparison,
    DiffOp,
    Kind,
    Metadata,
    OpKind,
    Period,
    SectionPair,
    SectionStatus,
    SharedPassage,
    Similarity,
    Span,
    Target,
    TargetPair,
    TargetStatus,
)
from docdiff.render.compare_term import (
    _is_boundary,
    diff_text_view,
    print_compare,
    render_compare_term,
    target_table,
)

GOLDEN = Path(__file__).parent / "golden" / "compare_small.term"

TEXT_A = ("政府工作报告\n一、2018年工作回顾\n经济平稳增长。城市建设加快。生态持续改善。就业稳定。\n(一)三大攻坚战\n"
          "打好污染防治攻坚战。\n(二)[bold]旧章节\n这一节在新报告中删去。\n(三)保障措施\n加强组织领导。狠抓落实。\n")
TEXT_B = ("政府工作报告\n一、2019年工作回顾\n经济平稳增长。城市建设提速。生态持续改善。就业稳定。\n(一)保障措施\n"
          "狠抓落实。加强组织领导。\n(二)三大攻坚战\n打好污染防治攻坚战。\n(三)<script>alert(1)</script>\n全新的一节。\n")


def _target(doc_text: str, ident: str, indicator: str, value: float, unit: str, year: int, comparator: Comparator,
            line: int) -> Target:
    start = doc_text.index("经济")
    return Target(id=ident, indicator=indicator, key=indicator, value=value, value_high=None, unit=unit,
                  comparator=comparator, year=year, period=Period.ANNUAL, text="经济平稳增长。",
                  span=Span(start, start + 7), line=line, section="一、工作回顾")


def small_comparison() -> Comparison:
    a, oa = make_doc(TEXT_A, "samples/a-2018.txt")
    b, ob = make_doc(TEXT_B, "samples/b-2019.txt")
    a = type(a)(path=a.path, text=a.text, meta=Metadata(title="政府工作报告", kind=Kind.WORK_REPORT, year=2018))
    b = type(b)(path=b.path, text=b.text, meta=Metadata(title="政府工作报告", kind=Kind.WORK_REPORT, year=2019))
    (top_a,), (top_b,) = oa.sections, ob.sections
    pairs = (
        SectionPair(status=SectionStatus.CHANGED, a=top_a, b=top_b, similarity=0.42, diff=(
            DiffOp(OpKind.EQUAL, "一、201"), DiffOp(OpKind.DELETE, "8"), DiffOp(OpKind.INSERT, "9"),
            DiffOp(OpKind.EQUAL, "年工作回顾\n经济平稳增长。城市建设"), DiffOp(OpKind.DELETE, "加快"),
            DiffOp(OpKind.INSERT, "提速"), DiffOp(OpKind.EQUAL, "。生态持续改善。就业稳定。\n"))),
        SectionPair(status=SectionStatus.MOVED, a=top_a.children[2], b=top_b.children[0], similarity=0.93, diff=(
            DiffOp(OpKind.EQUAL, "(三)"), DiffOp(OpKind.DELETE, "三"), DiffOp(OpKind.INSERT, "一"),
            DiffOp(OpKind.EQUAL, "保障措施\n"), DiffOp(OpKind.INSERT, "狠抓落实。", moved=True),
            DiffOp(OpKind.EQUAL, "加强组织领导。"), DiffOp(OpKind.DELETE, "狠抓落实。", moved=True),
            DiffOp(OpKind.EQUAL, "\n"))),
        SectionPair(status=SectionStatus.MATCHED, a=top_a.children[0], b=top_b.children[1], similarity=1.0),
        SectionPair(status=SectionStatus.REMOVED, a=top_a.children[1], b=None, similarity=0.0),
        SectionPair(status=SectionStatus.ADDED, a=None, b=top_b.children[2], similarity=0.0),
    )
    t = lambda *args: _target(TEXT_A, *args)  # noqa: E731 - a short local builder
    targets = (
        TargetPair(status=TargetStatus.CHANGED, a=t("t1", "地区生产总值增长", 6.0, "%", 2018, Comparator.APPROX, 3),
                   b=t("t1", "地区生产总值增长", 3.5, "%", 2019, Comparator.APPROX, 3), changes=("value",),
                   direction="lowered"),
        TargetPair(status=TargetStatus.SHARED, a=t("t2", "城镇登记失业率", 4.0, "%", 2018, Comparator.LE, 3),
                   b=t("t2", "城镇登记失业率", 4.0, "%", 2019, Comparator.LE, 3)),
        TargetPair(status=TargetStatus.ADDED, a=None, b=t("t3", "[red]社会消费品零售总额增长", 6.5, "%", 2019,
                                                          Comparator.APPROX, 3)),
    )
    shared = "打好污染防治攻坚战。"
    passages = (SharedPassage(text=shared, span_a=Span(TEXT_A.index(shared), TEXT_A.index(shared) + len(shared)),
                              span_b=Span(TEXT_B.index(shared), TEXT_B.index(shared) + len(shared))),)
    return Comparison(a=a, b=b, outline_a=oa, outline_b=ob, targets_a=(), targets_b=(), sections=pairs,
                      shared_passages=passages,
                      targets=targets, similarity=Similarity(document=0.41, reuse_a_in_b=0.18, reuse_b_in_a=0.07),
                      notes=("一: 61,000-character pair diffed by sentence only [/]",))


def _golden_console() -> Console:
    return Console(width=100, file=io.StringIO(), color_system="truecolor")


def test_golden_small_comparison(update_golden: bool) -> None:
    console = _golden_console()
    print_compare(console, small_comparison(), context=1, only_changed=False, markers=False)
    out = console.file.getvalue()
    if update_golden or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_plain_output_keeps_document_text_literally_and_marks_changes() -> None:
    out = render_compare_term(small_comparison(), color=False, width=140, context=1, only_changed=False)
    assert "\x1b[" not in out
    assert "<script>alert(1)</script>" in out and "[bold]旧章节" in out and "[red]社会消费品" in out
    assert "[/]" in out  # a note's brackets are text, not a closing tag
    assert "[-加快-]{+提速+}" in out
    assert "↪{+狠抓落实。+}" in out and "↪[-狠抓落实。-]" in out
    assert "6% (2018) → ≈3.5% (2019)" in out.replace("≈6", "6") and "↓" in out


def test_colour_output_styles_instead_of_brackets() -> None:
    out = render_compare_term(small_comparison(), color=True, width=100, context=1, only_changed=False)
    assert "\x1b[" in out and "{+提速+}" not in out and "↪" in out


def test_context_and_only_changed() -> None:
    c = small_comparison()
    full = render_compare_term(c, color=False, width=100, context=5, only_changed=False)
    short = render_compare_term(c, color=False, width=100, context=0, only_changed=True)
    assert "生态持续改善" in full and "unchanged sentence" not in full
    assert "生态持续改善" not in short and "unchanged sentence" in short
    assert "城镇登记失业率" in full and "城镇登记失业率" not in short  # shared target hidden
    assert "三大攻坚战" in full.split("Targets")[1]  # the alignment follows the target table
    assert short.split("Sections")[1].split("Targets")[0].count("三大攻坚战") == 0  # unchanged pair hidden


def test_target_table_rows() -> None:
    lines = target_table(small_comparison(), width=100).plain.splitlines()
    assert lines[0] == "Targets" and lines[1].split()[:4] == ["indicator", "a", "→", "b"]
    assert len(lines) == 2 + 3
    assert "城镇登记失业率" in lines[3] and "shared" in lines[3]


def test_cjk_width_measured_by_rich() -> None:
    out = render_compare_term(small_comparison(), color=False, width=60, context=1, only_changed=False)
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 60


def test_width_only_changes_are_shown_as_unchanged_text() -> None:
    from msgspec.structs import replace

    c = small_comparison()
    pair = replace(c.sections[0], diff=(
        DiffOp(OpKind.EQUAL, "增长"), DiffOp(OpKind.DELETE, "７"), DiffOp(OpKind.INSERT, "7"), DiffOp(OpKind.EQUAL, "%"),
        DiffOp(OpKind.DELETE, ","), DiffOp(OpKind.INSERT, "，"), DiffOp(OpKind.DELETE, "左右"), DiffOp(OpKind.EQUAL, "。")))
    out = render_compare_term(replace(c, sections=(pair,), targets=()), color=False, width=100, context=1,
                              only_changed=False)
    assert "增长7%，[-左右-]。" in out


def test_header_says_when_no_targets_were_found() -> None:
    c = replace(small_comparison(), targets=())
    header = render_compare_term(c, color=False, width=100, context=1, only_changed=False).split("\n\n", 1)[0]
    assert "targets: none found in a or b" in header
    with_targets = render_compare_term(small_comparison(), color=False, width=100, context=1, only_changed=False)
    assert "none found" not in with_targets


@pytest.mark.parametrize(
    ("text", "boundary"),
    [
        ("", True), ("经济增长。", True), ("经济增长。」 \u3000", True), ("经济增长\n", True),
        ("经济增长 \n\t", True), ("经济\n」", True), ("经济增长", False), ("经济增长」", False),
        ("   ", False), ("」。x  ", False), ("\n" * 5 + "x", False),
    ],
)
def test_boundary_after_terminator_or_line_break_then_quotes_and_spaces(text: str, boundary: bool) -> None:
    assert _is_boundary(text) is boundary


def test_a_long_whitespace_run_before_the_end_takes_linear_time() -> None:
    """40,000 newlines then "x" took 22 s with the pattern searched back from \\Z."""
    run = "\n" * 40_000
    p = replace(small_comparison().sections[0], diff=(
        DiffOp(OpKind.EQUAL, "开头。" + run + "x"), DiffOp(OpKind.INSERT, "新增。"),
        DiffOp(OpKind.EQUAL, " " * 40_000 + "结尾" + run + "。")))
    with hang_guard(5):  # a few milliseconds of CPU now
        assert not _is_boundary(run + "x") and not _is_boundary(" " * 40_000 + "x")
        view = diff_text_view(p, context=1, markers=True)
    assert "{+新增。+}" in view.plain
