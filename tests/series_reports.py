"""Constructed work reports for the series tests: a review of last year, then this year's goals.

Not corpus sentences: each report is written from parts, so a test says exactly which class of
document it builds (a gap, a year without a growth target, ranges, full-width digits, one
sentence per line, a five-year review).
"""
from __future__ import annotations

from pathlib import Path

ZH_DIGITS = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def report(
    year: int,
    *,
    review: list[str] | None = None,
    goals: list[str] | None = None,
    per_line: bool = False,
    full_width: bool = False,
    title: bool = True,
) -> str:
    """A work report for ``year``: '一、上年工作回顾' with ``review`` sentences, '二、今年工作安排'
    with ``goals`` (None: no goal section at all). ``per_line`` puts every sentence on its own
    line; ``full_width`` writes the digits and % full-width."""
    def para(sentences: list[str]) -> str:
        return ("\n" if per_line else "").join(sentences)

    lines = []
    if title:
        lines += ["政府工作报告", "", f"——{year}年2月20日在示范区第二届人民代表大会第三次会议上", "",
                  "示范区人民政府区长  王明", ""]
    lines += ["各位代表：", "现在，我代表区人民政府向大会报告工作，请予审议。", "", f"一、{year - 1}年工作回顾", ""]
    lines.append(para(review or ["过去的一年，全区上下团结奋斗，各项工作取得新进展。"]))
    lines.append("")
    if goals is not None:
        lines += [f"二、{year}年工作安排", "", para(goals), ""]
    lines += ["三、加强政府自身建设", "", "我们将坚持依法行政，建设人民满意的政府。", ""]
    text = "\n".join(lines)
    return text.translate(ZH_DIGITS) if full_width else text


def standard_review(gdp: str = "6.6", revenue: str = "5.2", jobs: str = "5200", unemployment: str = "3.8") -> list[str]:
    return [
        "过去的一年，面对复杂严峻的形势，全区经济运行稳中有进。",
        f"地区生产总值完成300亿元，同比增长{gdp}%；一般公共预算收入完成20亿元，同比增长{revenue}%。",
        f"城镇新增就业{jobs}人，城镇登记失业率为{unemployment}%。",
    ]


def standard_goals(gdp: str = "6.5%左右", revenue: str = "6%", jobs: str = "5000人以上",
                   unemployment: str = "4%以内") -> list[str]:
    return [
        "今年经济社会发展的主要预期目标是：",
        f"地区生产总值增长{gdp}；一般公共预算收入增长{revenue}；",
        f"城镇新增就业{jobs}，城镇登记失业率控制在{unemployment}。",
        "为实现上述目标，重点抓好以下工作。",
    ]


def write_reports(folder: Path, reports: dict[str, str]) -> list[str]:
    """Write each text as folder/NAME.txt; the paths, in the given order."""
    paths = []
    for name, text in reports.items():
        p = folder / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths
