"""One body line → the targets its sentences set.

A line is split into sentences (。！？); each sentence is judged a goal or a result (by the part
of the document it sits in, and cue words: 已, 同比, 截至 versus 力争, 今年, 到2025年), and a
goal sentence is read by ``clauses.read_sentence``; the year comes from the sentence (到2025年),
else its section's title, else the document.
"""
from __future__ import annotations

import bisect
from typing import Any

from msgspec import Struct

from docdiff.chinese import parse_chinese_integer
from docdiff.model import Comparator, Kind, Span, Target
from docdiff.regex_cache import compile_regex
from docdiff.targets.background import is_background_count, is_policy_term
from docdiff.targets.candidates import SENTENCE_END, clause_bounds
from docdiff.targets.clauses import read_sentence
from docdiff.targets.context import BASE_YEAR_BEFORE, CN_YEAR_RE, YEAR_RE, DocContext
from docdiff.targets.drafts import Draft
from docdiff.targets.keys import fold_key
from docdiff.targets.memo import memo
from docdiff.targets.names import vet_indicator
from docdiff.targets.numbers import to_float
from docdiff.targets.prefilter import may_hold_target
from docdiff.targets.rules import ACHIEVEMENT_RE, STRONG_GOAL_RE, period_for
from docdiff.targets.tiers import GOAL_LIST_CUE_RE, sentence_tier

# 注: / 说明: / 资料来源: lines explain a table; they set nothing.
_NOTE_RE = compile_regex(r"\s*(?:注|说明|备注|资料来源|数据来源)\s*[:：(（\d]")
# A table-of-contents line ends in leader dots (……, ..., ···) or a tab and its page number.
_LEADERS = ("…", "...", "···", "---", "———", "\t")


def _is_contents_line(text: str) -> bool:
    """'三、重点任务（20项）…… 15': leaders, then a page number of at most 4 digits, at the end.
    (Read from the end, not by a regex search: a line of 100,000 leaders would be quadratic.)"""
    body = text.rstrip()
    page = len(body) - len(body.rstrip("0123456789"))
    if not 1 <= page <= 4:
        return False
    before = body[: len(body) - page]
    return before.endswith("\t") or before.rstrip(" ").endswith(_LEADERS)

_HTML_RE = compile_regex(r"<[a-zA-Z/][^<>]{0,200}>")
# A commitment outweighs a result cue in the same sentence: 力争在已有基础上…, 计划将….
_COMMITMENT_RE = compile_regex(r"力争|努力|争取|确保|计划|拟|将|今年(?!以来|前)|全年|到20\d\d年|预期目标|目标[是为]")
_WHOLE_YEAR_ONLY_RE = compile_regex(r"(?:全年)+")


class _Sentence(Struct, gc=False):
    start: int  # offset in doc.text
    text: str  # width-folded


# A sentence runs up to and including its end mark; the rest of a line after the last mark is one too.
_SENTENCE_RE = compile_regex(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]|[^{SENTENCE_END}]+\Z")


def _split_sentences(text: str, base: int) -> list[_Sentence]:
    return [_Sentence(base + m.start(), m.group()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]


_FORECAST_RE = compile_regex(r"预计(?:将|可|会)?(?:达到|达|超过|突破|完成|增长|为|有|在)")
_PLEDGE_RE = compile_regex(r"力争|确保|目标|计划|争取")
_PLAN_COMPARISON_RE = compile_regex(r"比上年|较上年|比去年")
# “十三五”期间, 十三五以来: a sentence about a five-year period that ended before the document's
_PERIOD_NAME_RE = compile_regex(r"(十[一二三四五六]五)”?(?:时期|期间|以来|末|中)")
_FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}


def _about_past_period(text: str, base_year: int | None) -> bool:
    """“十三五”期间,全省高新技术企业由3157家增加到8559家 in a 2021–2025 plan: a result."""
    if base_year is None or "五" not in text:
        return False
    return any(_FIVE_YEAR_END[m.group(1)] < base_year for m in _PERIOD_NAME_RE.finditer(text))


_THIS_YEAR_RE = compile_regex(r"今年|年内(?<![\d一二三四五六七八九十两几]年内)|当年|全年")  # not 5年内


def _deadlines(text: str, this_year: int | None) -> list[tuple[int, int]]:
    """(position, year) of every deadline the sentence writes (到2025年; 年内 → ``this_year``),
    skipping base years (比2020年, 2024年以来, 较2020年末); in text order."""
    if "年" not in text:
        return []  # every deadline is written with 年 (到2025年, 二〇二五年, 今年, 年内, 当年, 全年)
    found = [(m.start(), int(m.group(1))) for m in YEAR_RE.finditer(text) if not _is_base_year(text, *m.span())]
    if "二" in text:  # (二〇二五年: every year in Chinese numerals is written from 二)
        found += [(m.start(), 2000 + int(parse_chinese_integer(m.group(1)))) for m in CN_YEAR_RE.finditer(text)
                  if not _is_base_year(text, *m.span())]
    if this_year is not None:
        found += [(m.start(), this_year) for m in _THIS_YEAR_RE.finditer(text)
                  if not text.startswith(("以来", "前"), m.end())]
    return sorted(found)


def _is_base_year(text: str, start: int, end: int) -> bool:
    """Whether the year written at text[start:end] is a starting point: 比2020年, 2024年以来."""
    return (text.endswith(BASE_YEAR_BEFORE, max(0, start - 3), start)
            or text.startswith(("以来", "末", "底比", "相比"), end, end + 3))


# 到2025年, / 力争到2027年底, at a sentence's start: the year of what the paragraph goes on to list
_OPENING_DEADLINE_RE = compile_regex(r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.．、]\s*)?(?:力争|争取)?(?:到|至)(?:(?:19|20)\d\d|二[〇○零][〇○零一二三四五六七八九]{2})年(?:底|末)?[,，]")


def _year_before(deadlines: list[tuple[int, int]], pos: int) -> int | None:
    """The nearest deadline written before ``pos``."""
    i = bisect.bisect_left(deadlines, (pos, -1))
    return deadlines[i - 1][1] if i else None


# Indicators that say what is measured but not of what: 投资, 产值, 产量 alone
_GENERIC_RE = compile_regex(r"投资|产值|产量|收入|规模")
_NUMBERED_RE = compile_regex(r"\s*(?:第[一二三四五六七八九十百]+[章节篇]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])")
# (二)以物流园区建设为重点,…: the topic a numbered heading names
_WRAPPED_TOPIC_RE = compile_regex(r"^以(.{2,16}?)为(?:重点|核心|引领|抓手|主线|突破口|载体|龙头|牵引)")
# 全面加快东山组团建设: verbs before a lead's topic
_TOPIC_VERBS_RE = compile_regex(r"^(?:全面|加快|推进|抓好|着力|做强|做优|做精|做大|提升|坚持|强化|深化|围绕|全力|大力|积极|持续|进一步)+")
MAX_TOPIC = 16
_DIGIT_RE = compile_regex(r"\d")
_DIGIT_OR_YEAR_RE = compile_regex(r"\d|年")
_CLAUSE_MARK_RE = compile_regex(r"[,，;；:：]")


_PROJECT_AFTER_RE = compile_regex(r"[,，]\s*(?:实施|建设|推进|启动|开工建设|新建)([^,，;；。、]{2,20})(?=[,，;；。]|$)")


def _project_after(text: str, end: int) -> str:
    """'投资2.5亿元,实施俄罗斯风情精品街项目。' → '俄罗斯风情精品街项目' (the clause right after)."""
    m = _PROJECT_AFTER_RE.match(text, end)
    return m.group(1) if m and not _DIGIT_RE.search(m.group(1)) else ""


def _topic(chain: list[tuple[str, int]]) -> str:
    """The subject the innermost section names, when it names one plainly: a lead
    ('全面加快东山组团建设' → '东山组团建设') or a numbered heading's '以X为重点' ('物流园区建设');
    '' otherwise (a heading that is a whole slogan names no subject)."""
    if not chain:
        return ""
    title = chain[-1][0].strip()
    m = _NUMBERED_RE.match(title)
    if m:
        wrapped = _WRAPPED_TOPIC_RE.match(title[m.end():].strip())
        topic = wrapped.group(1) if wrapped else ""
    elif _CLAUSE_MARK_RE.search(title.rstrip("。")):
        return ""
    else:
        topic = _TOPIC_VERBS_RE.sub("", title.rstrip("。"))
    if _DIGIT_OR_YEAR_RE.search(topic) or not 2 <= len(topic) <= MAX_TOPIC:
        return ""
    return topic


def _goal_verdict(text: str, kind: Kind, mode: str | None, base_year: int | None,
                  state: str | None) -> tuple[bool, str | None]:
    """Whether a sentence is a goal, and the paragraph's goal/result state after it, from its
    text, its document's kind and base year, its section's regime (``mode``) and the state
    before it."""
    if _FORECAST_RE.search(text) and not _PLEDGE_RE.search(text):
        return False, state  # 今年高校毕业生预计达到1222万人: a forecast, not a goal
    # under a goal heading 比上年增加 compares the plan with last year, it reports nothing
    judged = _PLAN_COMPARISON_RE.sub("", text) if mode == "goal" else text
    achieved = bool(ACHIEVEMENT_RE.search(judged)) or _about_past_period(text, base_year)
    by_cues = (mode is None and kind == Kind.WORK_REPORT) or (kind in (Kind.REPLY, Kind.OTHER) and mode != "review")
    if by_cues:
        # Replies (and reports whose headings say nothing) mix results and plans within one
        # paragraph: a goal cue starts a run of goal sentences (接下来, …: everything after
        # it), a result cue ends it.
        if state is None and mode == "goal":
            state = "goal"  # under 下一步工作打算 a paragraph plans until a result cue
        if kind != Kind.WORK_REPORT and _WHOLE_YEAR_ONLY_RE.fullmatch("".join(STRONG_GOAL_RE.findall(text))):
            # Outside a work report, 全年 alone is the year a statistical report looks back on
            # as often as the year a reply looks forward to: only a result cue decides
            # (全年社会消费品零售总额1408亿元)
            if achieved:
                state = "review"
        elif STRONG_GOAL_RE.search(text) and not (achieved and not _COMMITMENT_RE.search(text)):
            state = "goal"
        elif achieved:
            state = "review"
        return state == "goal", state
    if mode == "review":
        return False, state
    if achieved and not _COMMITMENT_RE.search(text):
        return False, state
    return True, state


# A draft whose indicator is generic (投资 alone): named from outside its sentence, per target.
_GENERIC: tuple[str, str, str] = ("", "", "")
# What a goal sentence's text says, for every position it stands at (see _read_sentence_text).
_Reading = tuple[list[tuple[int, int]], int | None, list[tuple[Draft, tuple[str, str, str] | None]]]


def _memo_for(name: str, facts: object) -> dict[Any, Any] | None:
    """The open ``shared_readings`` block's memory ``name`` for documents sharing ``facts``
    (None when no block is open); found once per line, not per sentence."""
    memos = memo(name)
    return None if memos is None else memos.setdefault(facts, {})


_MISSING = object()


def _read_sentence_text(text: str, this_year: int | None) -> _Reading | None:
    """None when the goal sentence ``text`` cannot hold a target; else its deadlines, the year
    of an opening 到2025年 (None if none), and its drafts, each with (indicator, confidence, key)
    — None when the draft names no target, ``_GENERIC`` when its name depends on where the
    sentence stands. (Remembered within a ``shared_readings`` block, by text and ``this_year``.)"""
    if not may_hold_target(text):
        return None
    deadlines = _deadlines(text, this_year)
    opening_year = deadlines[0][1] if deadlines and _OPENING_DEADLINE_RE.match(text) else None
    drafts = read_sentence(text)
    named = [(d, _GENERIC if _GENERIC_RE.fullmatch(d.indicator) else _name_of(text, d, d.indicator))
             for d in drafts]
    return deadlines, opening_year, named


def _name_of(text: str, d: Draft, indicator: str) -> tuple[str, str, str] | None:
    """(name, confidence, key) of the target ``d`` of sentence ``text`` names as ``indicator``;
    None when it is none: a policy's rule or a background figure (减按25%计入, 户籍人口超过200万人),
    or no name at all (部分, 6项指标)."""
    clause = text[slice(*clause_bounds(text, max(d.start, d.end - 1)))]
    if is_policy_term(clause) or is_background_count(indicator, d.unit, text):
        return None
    vetted = vet_indicator(indicator)
    if vetted is None:
        return None
    return vetted[0], vetted[1], fold_key(vetted[0])


class _LineReader:
    """Reads the sentences of one line; keeps the goal/result state of a reply's paragraph."""

    def __init__(self, ctx: DocContext, line_no: int, span: Span) -> None:
        self.ctx = ctx
        self.line_no = line_no
        self.span = span
        self.state: str | None = None  # for replies: goal once a goal cue is read
        self.carried_year: int | None = None  # the last deadline of the paragraph's earlier sentences
        self.previous: str | None = None  # the paragraph before, read once when asked
        self.cues: list[tuple[int, str]] | None = None  # goal-list cues on this line, found once
        self.tiers: dict[tuple[str, tuple[str, ...]], str] = {}  # by cue before and section titles
        # Within a shared_readings block: the readings of sentences by text, for documents of
        # this year. (Goal verdicts are not remembered: remembering cost more than they do.)
        self.readings = _memo_for("sentence readings", ctx.year)

    def targets(self) -> list[Target]:
        doc = self.ctx.doc
        text = doc.norm[self.span.start : self.span.end]
        if not text.strip() or _HTML_RE.search(text) or _NOTE_RE.match(text) or _is_contents_line(text):
            return []  # (a contents line: 三、重点任务（20项）…… 15 names a chapter and its page)
        out: list[Target] = []
        for sent in _split_sentences(text, self.span.start):
            out.extend(self._sentence(sent))
        return out

    def _previous_paragraph(self) -> str:
        """The non-blank line before this one, when the same sections hold it ('' otherwise)."""
        if self.previous is None:
            doc = self.ctx.doc
            self.previous = ""
            here = bisect.bisect_right(doc.line_starts, self.span.start)  # its line in doc.text (rejoined
            for n in range(here - 1, max(0, here - 4), -1):  # layouts: not the file's line_no)
                span = doc.line_span(n)
                text = doc.norm[span.start : span.end]
                if text.strip():
                    if self.ctx.chain(span.start) == self.ctx.chain(self.span.start):
                        self.previous = text
                    break
        return self.previous

    # -- is this sentence a goal? --
    def _is_goal(self, sent: _Sentence) -> tuple[bool, int | None]:
        ctx = self.ctx
        if ctx.kind == Kind.BULLETIN:
            return False, None
        mode, sec_year = ctx.regime(sent.start)
        goal, self.state = _goal_verdict(sent.text, ctx.kind, mode, ctx.base_year, self.state)
        return goal, sec_year

    def _sentence(self, sent: _Sentence) -> list[Target]:
        goal, sec_year = self._is_goal(sent)
        if not goal:
            return []
        ctx = self.ctx
        if self.readings is None:
            reading = _read_sentence_text(sent.text, ctx.year)
        else:
            reading = self.readings.get(sent.text, _MISSING)
            if reading is _MISSING:
                reading = self.readings[sent.text] = _read_sentence_text(sent.text, ctx.year)
        if reading is None:
            return []
        deadlines, opening_year, drafts = reading
        carried = self.carried_year
        if opening_year is not None and (ctx.base_year is None or opening_year >= ctx.base_year):
            self.carried_year = opening_year  # a paragraph opened by 到2025年, holds for its next sentences
        out = []
        for d, named in drafts:
            year = _year_before(deadlines, d.start)
            if year is None:
                year = carried  # 到2025年,…。农村居民人均可支配收入年均增长7%—8%
            if year is not None and ctx.base_year is not None and year < ctx.base_year:
                continue  # 2020年,地区生产总值达669亿元: a result of the past
            if named is None:
                continue  # a policy's rule, a background figure, or no name (see _name_of)
            if named is _GENERIC:
                # 投资 alone names nothing: the project the next clause starts (投资2.5亿元,实施俄罗斯
                # 风情精品街项目), else the section's topic ((二)以物流园区建设为重点,…) says whose —
                # a guess from outside the clause, so the target is low-confidence
                indicator = (_project_after(sent.text, d.end) or _topic(ctx.chain(sent.start))) + d.indicator
                named = _name_of(sent.text, d, indicator)
                if named is None:
                    continue
                named = (named[0], "low", named[2])
            indicator, confidence, key = named
            if year is None:
                year = sec_year if sec_year is not None else ctx.default_year()
            annual_doc = (ctx.kind in (Kind.WORK_REPORT, Kind.REPLY, Kind.OTHER)
                          and (year is None or year == ctx.year))
            period = period_for(d.indicator, d.unit, annual_doc=annual_doc, bracketed=d.bracketed,
                                context=d.context)
            start, end = sent.start + d.start, sent.start + d.end
            raw = ctx.doc.text[start:end]
            section, titles = ctx.section_at(start)
            out.append(Target(
                id="", indicator=indicator, key=key, value=to_float(d.value),
                value_high=to_float(d.value_high), unit=d.unit,
                comparator=Comparator.RANGE if d.value_high is not None else d.comparator,
                year=year, period=period, text=raw, span=Span(start, end), line=ctx.doc.line_at(start),
                section=section, confidence=confidence, tier=self._tier(self._cue_before(start), titles),
            ))
        return out

    def _cue_before(self, start: int) -> str:
        """The first goal-list cue written on this line, when it ends before ``start`` ("" if
        not). The line is scanned once: slicing it up to every target was quadratic on a one-line
        document (25,000 target sentences on one line took 80 s of CPU)."""
        if self.cues is None:
            self.cues = [(m.end(), m.group()) for m in
                         GOAL_LIST_CUE_RE.finditer(self.ctx.doc.norm, self.span.start, self.span.end)]
        return self.cues[0][1] if self.cues and self.cues[0][0] <= start else ""

    def _tier(self, cue: str, titles: tuple[str, ...]) -> str:
        """``sentence_tier`` of a target on this line, once per cue and section chain."""
        tier = self.tiers.get((cue, titles))
        if tier is None:
            tier = self.tiers[cue, titles] = sentence_tier(cue, list(titles), self._previous_paragraph())
        return tier


def sentence_targets(ctx: DocContext, line_no: int, span: Span) -> list[Target]:
    """The targets set by the sentences of one body line."""
    return _LineReader(ctx, line_no, span).targets()


