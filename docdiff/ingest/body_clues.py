"""A document's kind and year from its body, for when its title, date line and portal rows are
missing (a report pasted from its first heading, a corpus that kept the text only).

A work report reviews the year before and plans its own: "一、2021年工作回顾" is in the 2022
report, and so is "二、2022年工作安排"; the speech line "——２０２３年１月１２日在…人民代表大会"
may be written in full-width digits. When no heading names a year, the year the review part
talks about most, plus one, is the report's year ("今年" plans, "去年" figures).
"""
from __future__ import annotations

from collections import Counter

from docdiff.chinese import fold_width
from docdiff.ingest.gated_regex import GatedRegex
from docdiff.model import Kind
from docdiff.regex_cache import compile_regex

_SP = r"[ \t\u3000]*"
# A heading's start: blanks, then perhaps its number and more blanks. Two runs of blanks never
# meet without a number between them, so a line of blanks is matched in linear time.
_HEAD = r"(?:^|\n)[ \t\u3000]*(?:(?:[一二三四五六七八九十]{1,3}[、.]|第[一二三四五六七八九十]{1,3}部分)[ \t\u3000]*)?"
# 一、2021年工作回顾 / 2025年和"十四五"时期工作回顾 / 2017年工作总结: the year before the report's.
_REVIEW_RE = compile_regex(_HEAD + r"((?:19|20)\d{2})" + _SP + r"年[^\n。]{0,14}?工作(?:回顾|总结)")
# 二、2022年工作安排 / 2022年主要任务 / 2022年政府工作的总体要求: the report's own year.
_PLAN_RE = compile_regex(
    _HEAD + r"((?:19|20)\d{2})" + _SP + r"年[^\n。]{0,6}?(?:工作安排|主要任务|重点工作|工作任务|主要工作|总体要求|目标任务)"
)
# ——2018年3月7日在…人民代表大会…: a speech dated in the report's year (full-width digits folded).
_SPEECH_RE = compile_regex(r"((?:19|20)\d{2})" + _SP + r"年" + _SP + r"\d{1,2}" + _SP + r"月" + _SP + r"\d{1,2}"
                        + _SP + r"日" + _SP + r"在[^\n]{0,60}?(?:代表大会|会议)")
_YEAR_RE = compile_regex(r"((?:19|20)\d{2})" + _SP + r"年")
_REPORT_CLUES = (  # each with the literals every match holds (a whole body is searched: gated)
    GatedRegex(r"工作回顾|过去(?:的)?一年|过去五年", ("工作回顾", "过去")),
    GatedRegex(r"(?:今年|明年)[^。\n]{0,12}(?:主要)?预期目标|主要预期目标", ("预期目标",)),
    GatedRegex(r"各位代表", ("各位代表",)),
    GatedRegex(r"\d{4}年工作安排|今年(?:的)?工作|政府自身建设", ("工作安排", "今年", "政府自身建设")),
)
MIN_REPORT_CLUES = 3  # of the four: one alone (各位代表, 过去一年) is said in other speeches too
HEAD_CHARS = 2000  # a speech's date line comes before its first chapter


def kind_from_body(text: str) -> Kind:
    """WORK_REPORT when the body reads like one (a review, this year's targets, the deputies
    addressed, this year's work), else OTHER."""
    folded = fold_width(text)
    found, missing = 0, 0
    for clue in _REPORT_CLUES:  # stops once the count is decided
        if clue.search(folded):
            found += 1
            if found >= MIN_REPORT_CLUES:
                return Kind.WORK_REPORT
        else:
            missing += 1
            if missing > len(_REPORT_CLUES) - MIN_REPORT_CLUES:
                return Kind.OTHER
    return Kind.OTHER


def year_from_body(text: str, kind: Kind) -> int | None:
    """A work report's own year from its speech line, its chapter headings or its review."""
    if kind != Kind.WORK_REPORT:
        return None
    folded = fold_width(text)
    if m := _SPEECH_RE.search(folded, 0, HEAD_CHARS):
        return int(m.group(1))
    if m := _PLAN_RE.search(folded):
        return int(m.group(1))
    if m := _REVIEW_RE.search(folded):
        return int(m.group(1)) + 1
    review = folded[: max(1, len(folded) // 3)]
    years = Counter(int(y) for y in _YEAR_RE.findall(review))
    if not years:
        return None
    reviewed, _ = years.most_common(1)[0]
    return reviewed + 1
