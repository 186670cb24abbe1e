"""Heading and numbering regexes as named data, each with an example it must match.

Every pattern runs on ``Document.norm`` (full-width ASCII folded to half-width, so "（一）" reads
"(一)" and "１．" reads "1."), anchored at the first non-blank character of a line. Group
``num`` holds the number as written (Chinese or Arabic numerals, or a circled digit).
Quantifiers are bounded and classes do not overlap, so no pattern can backtrack badly.
"""
from __future__ import annotations

import re

from msgspec import Struct

from docdiff.regex_cache import compile_regex

# Chinese numerals as used in heading numbers (〇/零 for 一百〇一, 两 never numbers a heading).
CN_DIGITS = "零〇一二三四五六七八九十百"
_CN = f"[{CN_DIGITS}]{{1,6}}"  # 六 characters reach 九十九 and 一百〇九
_AR = r"[0-9]{1,3}"  # headings never count past 999; longer digit runs are figures


class HeadingPattern(Struct, frozen=True):
    """One numbering style. Its level in a document is fixed by order of appearance."""

    name: str
    regex: re.Pattern[str]
    example: str
    numbered: bool = True  # False for captions (专栏, 表) that sit beside the numbered tree
    usual_rank: int = 99  # the conventional depth (篇 > 章 > 节 > 一、 > (一) > 1. > (1) > ①)
    # 第X章 says it is a heading in so many words: an excerpt that jumps from 第一章 to 第三章
    # is still numbered forward, while "3." after "1." in prose is a figure, not a heading.
    may_skip: bool = False


def _p(name: str, pattern: str, example: str, *, rank: int = 99, numbered: bool = True,
       may_skip: bool = False) -> HeadingPattern:
    return HeadingPattern(name, compile_regex(pattern), example, numbered, rank, may_skip)


# Order matters only where two patterns could match the same text: the first match wins.
HEADING_PATTERNS: tuple[HeadingPattern, ...] = (
    _p("chapter", rf"第(?P<num>{_CN}|{_AR})章[ \t\xa0]*", "第三章 建设现代产业体系", rank=2, may_skip=True),
    _p("part", rf"第(?P<num>{_CN}|{_AR})(?:部分|篇)[ \t\xa0]*", "第一篇 开启全面建设社会主义现代化国家新征程", rank=1,
       may_skip=True),
    _p("jie", rf"第(?P<num>{_CN}|{_AR})节[ \t\xa0]*", "第二节 推进数字产业化", rank=3, may_skip=True),
    _p("article", rf"第(?P<num>{_CN}|{_AR})条[ \t\xa0]*", "第五条 本办法自发布之日起施行", rank=4),
    # 一、 一. 一．(folded to ".") — the bare numeral must be followed by its separator.
    _p("cn", rf"(?P<num>{_CN})[ \t]?[、.][ \t\xa0]*", "一、2017年工作回顾", rank=5),
    _p("cn_paren", rf"\((?P<num>{_CN})\)[ \t\xa0、.]*", "(一)着力稳定宏观经济大盘。", rank=6),
    # 1. 1、 — a digit after the dot would make it a decimal figure (13.2), so forbid it.
    _p("arabic", rf"(?P<num>{_AR})(?:、|\.(?![0-9]))[ \t\xa0]*", "1.激发市场主体活力。", rank=7),
    _p("arabic_paren", rf"\((?P<num>{_AR})\)[ \t\xa0、.]*", "(1)加快数字产业化", rank=8),
    _p("circled", r"(?P<num>[\u2460-\u2473])[ \t\xa0、.]*", "①实施科技创新工程", rank=9),
    _p("box", rf"专栏[ \t\xa0]*(?P<num>{_AR}|{_CN})[ \t\xa0]*[::.、]?[ \t\xa0]*", "专栏1:数字经济产业发展导向",
       numbered=False),
    _p("table", rf"表[ \t\xa0]*(?P<num>{_AR}|{_CN})(?![0-9])[ \t\xa0:.、]*", "表2 路桥区“十四五”时期主要指标",
       numbered=False),
)

PATTERNS_BY_NAME = {p.name: p for p in HEADING_PATTERNS}
# Whether any heading pattern matches at a position: one regex call for the body paragraphs that
# open with no number at all (each pattern's own ``num`` group made non-capturing).
ANY_HEADING = compile_regex("|".join(f"(?:{p.regex.pattern.replace('(?P<num>', '(?:')})" for p in HEADING_PATTERNS))

# A lead phrase: "——综合实力显著增强。" (em dashes, or the two-hyphen/box-drawing stand-ins).
LEAD_DASH = compile_regex(r"(?:——|──|--|—)[ \t\xa0]*")
LEAD_DASH_EXAMPLE = "——综合实力显著增强。五年来，我们……"

# Where a first sentence (an item's title) ends.
SENTENCE_END = "。!?;"  # norm has folded ！？； to half-width
# Characters that make a short lead sentence a clause rather than a title.
CLAUSE_MARKS = ",、:;"

# Any CJK ideograph: a heading title without one is markup or a figure, not a heading.
CJK = compile_regex(r"[\u3400-\u9fff\uf900-\ufaff]")

# Leading blanks of an indented paragraph: spaces, tabs, no-break and ideographic spaces
# (the last is already a space in norm).
INDENT = " \t\xa0\u3000"
