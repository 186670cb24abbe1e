"""render_outline_term: golden file on a small synthetic document; markup in text stays text."""
from __future__ import annotations

from pathlib import Path

from docdiff.model import Document
from docdiff.outline import parse_outline
from docdiff.render.outline_term import render_outline_term

GOLDEN = Path(__file__).parent / "golden" / "outline_small.txt"

SMALL = "\n".join(
    [
        "政 府 工 作 报 告",
        "一、2017年工作回顾",
        "过去的一年，面对经济下行压力，我们综合施策，发展质效持续提高。牢牢掌握发展主动权。",
        "过去的一年，面对城乡发展短板，我们多措并举，人居环境明显改善。坚持城乡统筹。",
        "过去的一年，面对发展活力不足，我们沉着应对，改革开放步伐加快。深化重要领域改革。",
        "二、2018年工作安排",
        "（一）在打好“三大攻坚战”上聚焦发力。打好“三大攻坚战”，是必须跨越的重大关口。",
        "专栏1:重点项目",
        "1.航空",
        "台州机场改扩建工程。",
        "2.港口",
        "表2 主要指标",
        "| 指标 | 2020年 | 2025年 |",
        "| 地区生产总值（亿元） | 669 | 1000 |",
    ]
) + "\n"


def render(text: str, *, color: bool = False, width: int = 100) -> str:
    doc = Document(path="small.txt", text=text)
    return render_outline_term(doc, parse_outline(doc), color=color, width=width)


def test_golden_small_outline(update_golden: bool) -> None:
    got = render(SMALL)
    if update_golden:
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_markup_in_titles_is_printed_as_written() -> None:
    got = render("一、[bold]加强[/bold]<script>alert(1)</script>建设\n二、[red]安排\n")
    assert "[bold]加强[/bold]<script>alert(1)</script>建设" in got
    assert "[red]安排" in got


def test_color_only_when_asked() -> None:
    assert "\x1b[" not in render(SMALL)
    assert "\x1b[" in render(SMALL, color=True)


def test_no_headings_says_so() -> None:
    assert "no headings found" in render("只有一段正文，没有任何标题。\n")


def test_narrow_width_wraps_instead_of_failing() -> None:
    lines = render(SMALL, width=40).splitlines()
    assert lines and all(len(line) <= 40 for line in lines)
