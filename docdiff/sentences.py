"""One body line → the targets its sentences set.

A line is split into sentences (。；!?) and clauses (,：); every number with a unit is read with
the words around it: the indicator before it (or, after a bare verb, the thing counted after
it: 新建2所公立幼儿园), the comparator (以上, 控制在), the year (到2025年, the section's year,
the document's) and whether the sentence sets a goal or reports a result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from docdiff.indicators import fold_key
from docdiff.model import Comparator, Document, Kind, Outline, Period, Section, Span, Target
from docdiff.numbers import Quantity, find_quantities, parse_chinese_integer, to_float
from docdiff.target_rules import (
    ACHIEVEMENT_RE,
    ACTION_VERBS,
    GOAL_TITLE_RE,
    REVIEW_TITLE_RE,
    STRONG_GOAL_RE,
    SUFFIX_COMPARATORS,
    comparator_for,
    leading_verb,
    period_for,
    strip_indicator,
)

# --- the document's frame: kind, year, period, and which parts look forward -----------------

_DATE_RE = re.compile(r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|((?:19|20)\d\d)-\d\d-\d\d")
_PERIOD_RE = re.compile(r"((?:19|20)\d\d)\s*[-—–~～至到]+\s*((?:19|20)\d\d)")
_FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
              "十四五": (2021, 2025), "十五五": (2026, 2030)}
_CN_YEAR_RE = re.compile(r"二[〇○零]([〇○零一二三四五六七八九]{2})年")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
# Words after a year that make it a starting point, not a deadline: 2020年以来, 2020年末(比…).
_BASE_YEAR_BEFORE = ("比", "较", "与", "同", "从", "自", "于", "截至", "截止", "相比")


def _guess_kind(head: str) -> Kind:
    """Kind from the document's first lines, for when ingest gave no metadata."""
    h = re.sub(r"\s", "", head)
    if "统计公报" in h:
        return Kind.BULLETIN
    if re.search(r"答复|提案|代表建议|建议的复函", h):
        return Kind.REPLY
    if "政府工作报告" in h:
        return Kind.WORK_REPORT
    if re.search(r"实施方案|行动计划|行动方案|工作方案", h):
        return Kind.IMPLEMENTATION_PLAN
    if re.search(r"规划|纲要", h):
        return Kind.PLAN
    return Kind.OTHER


def _guess_frame(doc: Document) -> tuple[Kind, int | None, tuple[int, int] | None]:
    """(kind, year, period) when ingest has not filled ``doc.meta`` (a small, cautious fallback)."""
    lines = [doc.norm[s.start:s.end] for _, s in doc.body_lines()[:80]]
    head = "\n".join(lines)
    kind = doc.meta.kind if doc.meta.kind != Kind.OTHER else _guess_kind(head + doc.path)
    period = doc.meta.period
    if period is None:
        for name, span in _FIVE_YEAR.items():
            if name in head[:3000]:
                period = span
                break
        m = _PERIOD_RE.search(head)
        if m and period is None and kind in (Kind.PLAN, Kind.IMPLEMENTATION_PLAN):
            period = (int(m.group(1)), int(m.group(2)))
        if m and kind == Kind.IMPLEMENTATION_PLAN:
            period = (int(m.group(1)), int(m.group(2)))
        if kind not in (Kind.PLAN, Kind.IMPLEMENTATION_PLAN):
            period = None
    year = doc.meta.year
    if year is None:
        if period:
            year = period[0]
        else:
            dates = [int(m.group(1) or m.group(2)) for m in _DATE_RE.finditer(head)]
            path_years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", doc.path.rsplit("/", 1)[-1])
            if kind == Kind.WORK_REPORT and dates:
                year = dates[0]
            elif path_years:
                year = int(path_years[0])
            elif dates:
                year = max(dates)
    return kind, year, period


@dataclass(frozen=True, slots=True)
class _Heading:
    level: int
    title: str
    start: int
    end: int


_HEADING_RES = (
    (1, re.compile(r"\s*第[一二三四五六七八九十百]+[章篇部分]+")),
    (2, re.compile(r"\s*第[一二三四五六七八九十百]+节")),
    (2, re.compile(r"\s*[一二三四五六七八九十]+\s*[、.．]")),
    (3, re.compile(r"\s*[(（][一二三四五六七八九十]+[)）]")),
)


def _fallback_headings(doc: Document) -> list[_Heading]:
    """Numbered heading lines, for documents whose outline found no sections."""
    found: list[_Heading] = []
    for _, span in doc.body_lines():
        line = doc.norm[span.start:span.end]
        for level, rx in _HEADING_RES:
            m = rx.match(line)
            if m:
                title = re.split(r"[。；;]", line[m.end():], maxsplit=1)[0].strip()
                found.append(_Heading(level, line[: m.end()].strip() + title, span.start, span.end))
                break
    return found


@dataclass
class DocContext:
    """What every sentence needs to know about its document and where it sits in it."""

    doc: Document
    outline: Outline
    kind: Kind
    year: int | None
    period: tuple[int, int] | None
    headings: list[_Heading] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Document, outline: Outline) -> DocContext:
        kind, year, period = _guess_frame(doc)
        headings = [] if outline.sections else _fallback_headings(doc)
        return cls(doc=doc, outline=outline, kind=kind, year=year, period=period, headings=headings)

    def chain(self, offset: int) -> list[tuple[str, int]]:
        """(title as written, start) of the sections holding ``offset``, outermost first."""
        if self.outline.sections:
            return [(_heading_text(self.doc, s), s.span.start) for s in self.outline.section_at(offset)]
        chain: list[_Heading] = []
        for h in self.headings:
            if h.start > offset:
                break
            while chain and chain[-1].level >= h.level:
                chain.pop()
            chain.append(h)
        return [(h.title, h.start) for h in chain if h.start <= offset]

    @property
    def base_year(self) -> int | None:
        return self.period[0] if self.period else self.year

    def default_year(self) -> int | None:
        if self.kind in (Kind.PLAN, Kind.IMPLEMENTATION_PLAN) and self.period:
            return self.period[1]
        return self.year

    def title_year(self, title: str) -> int | None:
        """The year a section title points at: 2022年工作安排, 2035年远景目标, 十四五, 今后五年."""
        m = _CN_YEAR_RE.search(title)
        if m:
            return 2000 + int(parse_chinese_integer(m.group(1)))
        m = _PERIOD_RE.search(title)
        if m:
            return int(m.group(2))
        m = _YEAR_RE.search(title)
        if m:
            return int(m.group(1))
        for name, (_, end) in _FIVE_YEAR.items():
            if name in title:
                return end
        if re.search(r"今后五年|未来五年", title) and self.year:
            return self.year + 4
        return None

    def regime(self, offset: int) -> tuple[str | None, int | None]:
        """('goal' | 'review' | None, section year) for the section chain around ``offset``.

        The outermost title that says so decides (一、2017年工作回顾 covers its (一)…(六));
        the innermost title with a year gives the year.
        """
        mode, year = None, None
        for title, _ in self.chain(offset):
            t_year = self.title_year(title)
            if t_year is not None:
                year = t_year
            if mode is None:
                base = self.base_year
                if t_year is not None and base is not None and t_year < base:
                    mode = "review"
                elif REVIEW_TITLE_RE.search(title):
                    mode = "review"
                elif GOAL_TITLE_RE.search(title) or (t_year is not None and base is not None):
                    mode = "goal"
        return mode, year


def _heading_text(doc: Document, s: Section) -> str:
    """The heading as written, number included: '(二)发展目标'."""
    if s.span.start <= s.title_span.start and doc.line_at(s.span.start) == doc.line_at(s.title_span.end):
        text = doc.norm[s.span.start : s.title_span.end].strip()
        if text:
            return text
    return f"{s.number}{s.title}"


# --- sentences -------------------------------------------------------------------------------

_SENTENCE_END = "。！？；;!?"
_CLAUSE_SEP = ",，:：;；"
_ITEM_SEP = "、"
_HTML_RE = re.compile(r"<[a-zA-Z/][^<>]{0,200}>")
# After a number: what makes it a date, ordinal, name or duration rather than an amount.
_NOT_AMOUNT_AFTER = re.compile(r"月|日|号|周年|届|次会议|世纪|多年|年代|时期|后|前|以来|来|期间|时间|内[,，。;；]")
_SEPARATOR_WORDS = ("和", "与", "及", "或", "、", "以及", "至")
_DOUBLING_RE = re.compile(r"翻一番|翻两番|翻番|双倍增|翻了一番")
_DISTRIBUTE_RE = re.compile(r"分别|均")
_URBAN_RURAL = ("城镇", "农村")


@dataclass
class _Sentence:
    start: int  # offset in doc.text
    text: str  # width-folded


def _split_sentences(text: str, base: int) -> list[_Sentence]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            out.append(_Sentence(base + start, text[start : i + 1]))
            start = i + 1
    if start < len(text):
        out.append(_Sentence(base + start, text[start:]))
    return [s for s in out if s.text.strip()]


def _quote_depth(text: str) -> list[int]:
    """Nesting depth inside “…”, 《…》 and 「…」 at every position (names live there)."""
    depth, out = 0, []
    for ch in text:
        if ch in "“《「":
            depth += 1
        out.append(depth)
        if ch in "”》」" and depth:
            depth -= 1
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _suffix_len(after: str) -> int:
    """Length of 以上/左右/以内 (and a space before it) right after a number."""
    stripped = after.lstrip(" ")
    for word, _ in SUFFIX_COMPARATORS:
        if stripped.startswith(word):
            return len(after) - len(stripped) + len(word)
    return 0


@dataclass
class _Draft:
    """A target before it gets its id and key."""

    indicator: str
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    comparator: Comparator
    start: int  # offsets into the sentence
    end: int
    bracketed: bool = False
    context: str = ""


def _year_before(text: str, pos: int) -> tuple[int | None, bool]:
    """The deadline year written before ``pos`` in the sentence, and whether one is a past base."""
    best, base_only = None, False
    for m in list(_YEAR_RE.finditer(text[:pos])) + list(_CN_YEAR_RE.finditer(text[:pos])):
        year = int(m.group(1)) if m.re is _YEAR_RE else 2000 + int(parse_chinese_integer(m.group(1)))
        before = text[max(0, m.start() - 3) : m.start()]
        after = text[m.end() : m.end() + 3]
        if before.endswith(_BASE_YEAR_BEFORE) or after.startswith(("以来", "末", "底比", "相比")):
            base_only = True
            continue
        best = year
    return best, base_only


class _LineReader:
    """Reads the sentences of one line; keeps the goal/result state of a reply's paragraph."""

    def __init__(self, ctx: DocContext, line_no: int, span: Span) -> None:
        self.ctx = ctx
        self.line_no = line_no
        self.span = span
        self.state: str | None = None  # for replies: goal once a goal cue is read

    def targets(self) -> list[Target]:
        doc = self.ctx.doc
        text = doc.norm[self.span.start : self.span.end]
        if not text.strip() or _HTML_RE.search(text):
            return []
        out: list[Target] = []
        for sent in _split_sentences(text, self.span.start):
            out.extend(self._sentence(sent))
        return out

    # -- is this sentence a goal? --
    def _is_goal(self, sent: _Sentence) -> tuple[bool, int | None]:
        ctx = self.ctx
        if ctx.kind == Kind.BULLETIN:
            return False, None
        mode, sec_year = ctx.regime(sent.start)
        text = sent.text
        achieved = bool(ACHIEVEMENT_RE.search(text))
        if ctx.kind in (Kind.REPLY, Kind.OTHER) and mode != "review":
            # Replies mix results and plans within one paragraph: a goal cue starts a run of
            # goal sentences (接下来, …: everything after it), a result cue ends it.
            if STRONG_GOAL_RE.search(text) and not (achieved and not re.search(r"力争|计划|将|今年|全年", text)):
                self.state = "goal"
            elif achieved:
                self.state = "review"
            return self.state == "goal", sec_year
        if mode == "review":
            return False, sec_year
        if mode is None and ctx.kind == Kind.WORK_REPORT:
            return False, sec_year  # a report's opening and review come before its goals
        if achieved and not re.search(r"力争|确保|到20\d\d年", text):
            return False, sec_year
        return True, sec_year

    def _sentence(self, sent: _Sentence) -> list[Target]:
        goal, sec_year = self._is_goal(sent)
        if not goal:
            return []
        drafts = _read_sentence(sent.text)
        if not drafts:
            return []
        ctx = self.ctx
        out = []
        for d in drafts:
            year, base_only = _year_before(sent.text, d.start)
            if year is not None and ctx.base_year is not None and year < ctx.base_year:
                continue  # 2020年,地区生产总值达669亿元: a result of the past
            if year is None:
                year = sec_year if sec_year is not None else ctx.default_year()
            annual_doc = (ctx.kind in (Kind.WORK_REPORT, Kind.REPLY, Kind.OTHER)
                          and (year is None or year == ctx.year))
            period = period_for(d.indicator, d.unit, annual_doc=annual_doc, bracketed=d.bracketed,
                                context=d.context)
            start, end = sent.start + d.start, sent.start + d.end
            raw = ctx.doc.text[start:end]
            out.append(Target(
                id="", indicator=d.indicator, key=fold_key(d.indicator), value=to_float(d.value),
                value_high=to_float(d.value_high), unit=d.unit,
                comparator=Comparator.RANGE if d.value_high is not None else d.comparator,
                year=year, period=period, text=raw, span=Span(start, end), line=self.line_no,
                section=" / ".join(t for t, _ in ctx.chain(start)),
            ))
        return out


def sentence_targets(ctx: DocContext, line_no: int, span: Span) -> list[Target]:
    """The targets set by the sentences of one body line."""
    return _LineReader(ctx, line_no, span).targets()


# --- reading one sentence --------------------------------------------------------------------

def _plausible(q: Quantity, text: str, depth: list[int]) -> bool:
    """False for dates, ordinals, names and enumerations: 2025年, 第3, “152”, 三大攻坚战."""
    if depth[q.start] and not _DOUBLING_RE.fullmatch(text[q.start:q.end]):
        return False
    before = text[max(0, q.start - 2) : q.start]
    after = text[q.end : q.end + 4]
    if before.endswith(("第", "前", "近", "每")) or (q.start and (text[q.start - 1].isascii() and text[q.start - 1].isalnum())):
        return False
    if q.end < len(text) and text[q.end].isascii() and text[q.end].isalpha() and not q.unit:
        return False  # 5G, 4A级
    if text[q.end : q.end + 1] in ("+", "·", "-", "/") or before.endswith("+"):
        return False  # 1+N, 6+1
    if q.unit == "年" and q.value_high is None and 1900 <= q.value <= 2100:
        return False
    if not q.unit and 1900 <= q.value <= 2100 and q.value == q.value.to_integral_value():
        return False
    if _NOT_AMOUNT_AFTER.match(after) and q.unit in ("", "个", "年", "天"):
        return False
    if q.chinese:
        numeral = text[q.start:q.number_end]
        bare = all(c in "十百千万亿" for c in numeral)
        if bare:
            # 突破千亿元, 跃上万亿元台阶, 五百亿级: a round magnitude is an amount only after a
            # comparator verb or before 级; elsewhere it is a name (百县千碗, 千亩低洼地).
            if not (q.unit[:1] in ("万", "亿") and (before.endswith(("突破", "跃上", "超", "达到", "达"))
                                                   or after.startswith("级"))):
                return False
        elif q.value < 10 and q.unit[:1] not in ("万", "亿") and q.unit not in ("倍", "个百分点"):
            return False  # 三大, 两处, 一批: enumerations, not amounts
    if not q.unit and not q.bracketed:
        stripped = after.lstrip(" ")
        if not stripped.startswith(("以上", "以下", "以内", "左右")) and not before.endswith(("至", "到", "在", "于")):
            return False
    return True


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max((text.rfind(c, 0, pos) for c in _CLAUSE_SEP), default=-1) + 1
    ends = [i for i in (text.find(c, pos) for c in _CLAUSE_SEP + _SENTENCE_END) if i != -1]
    return start, min(ends) if ends else len(text)


def _noun_after(text: str, pos: int, clause_end: int, quants_after: list[int]) -> int:
    """End of the noun phrase after a number (新建2所|公立幼儿园): up to a separator."""
    stop = min([clause_end] + [q for q in quants_after if q >= pos])
    end = pos
    while end < stop and text[end] not in _ITEM_SEP + _CLAUSE_SEP + _SENTENCE_END:
        end += 1
    return end


def _doubling(text: str, depth: list[int]) -> list[Quantity]:
    out = []
    for m in _DOUBLING_RE.finditer(text):
        if text.startswith(("计划", "行动", "工程"), m.end()):
            continue  # 倍增计划: a programme's name
        if depth[m.start()] and not (text[m.start() - 1 : m.start()] == "“" and text[m.end() : m.end() + 1] == "”"):
            continue
        value = Decimal(4) if "两" in m.group(0) else Decimal(2)
        out.append(Quantity(value=value, value_high=None, unit="倍", start=m.start(), end=m.end(),
                            number_end=m.end(), chinese=False))
    return out


def _read_sentence(text: str) -> list[_Draft]:
    """Number → indicator, value, unit, comparator for one goal sentence."""
    depth = _quote_depth(text)
    quants = [q for q in find_quantities(text) if _plausible(q, text, depth)] + _doubling(text, depth)
    quants.sort(key=lambda q: q.start)
    drafts: list[_Draft] = []
    region_start = 0  # where the current indicator may begin
    last_clause = -1
    lead_verb = ""
    for i, q in enumerate(quants):
        c_start, c_end = _clause_bounds(text, q.start)
        if c_start != last_clause:
            region_start, last_clause = c_start, c_start
            lead_verb = ""
        after_pos = q.end + _suffix_len(text[q.end :])
        later = [p.start for p in quants[i + 1 :] if p.start < c_end]
        nxt = text[after_pos : after_pos + 1]
        nxt = text[after_pos + 1 : after_pos + 2] if nxt == "的" else nxt
        region = text[region_start : q.start]
        core = strip_indicator(region)
        bare = not core or core in ACTION_VERBS or len(core) <= 2
        followed_by_noun = bool(nxt) and _is_cjk(nxt) and not text.startswith(_SEPARATOR_WORDS, after_pos)
        if q.unit == "倍" and not q.chinese and _DOUBLING_RE.fullmatch(text[q.start:q.end]):
            followed_by_noun = False
        if followed_by_noun and not bare:
            continue  # 投资5000万元以上|医疗项目9个: a qualifier of what is counted later
        if followed_by_noun and bare and later and not text[after_pos:later[0]].strip("、和及与 "):
            continue
        comp = comparator_for(text[max(0, q.start - 3) : q.start], text[q.end :].lstrip(" "))
        span_start = region_start + (len(region) - len(region.lstrip(" ,，、:：;；")))
        if followed_by_noun and bare:
            noun_end = _noun_after(text, after_pos, c_end, later)
            noun = text[after_pos:noun_end].lstrip("的")
            verb = core if core in ACTION_VERBS else ""
            indicator = (verb or lead_verb) + noun
            if not noun:
                continue
            end = noun_end
        else:
            indicator = core
            end = after_pos
            if not indicator:
                continue
        # A shared verb carries over to the later items of a list: 新增A300家、B800家.
        if lead_verb and not leading_verb(indicator) and drafts and drafts[-1].start >= c_start:
            indicator = lead_verb + indicator
        if not lead_verb:
            lead_verb = leading_verb(indicator)
        # The start of the text: the indicator as written (skip leading fillers)
        shown = text[span_start:end]
        offset = shown.find(indicator[:2]) if indicator[:2] in shown else 0
        d = _Draft(indicator=indicator, value=q.value, value_high=q.value_high, unit=_unit(q, text),
                   comparator=comp, start=span_start + max(offset, 0), end=end, bracketed=q.bracketed,
                   context=text[c_start:c_end])
        drafts.extend(_distribute(d, text, c_start, quants, drafts))
        region_start = after_pos
    return drafts


def _unit(q: Quantity, text: str) -> str:
    if q.unit in ("万", "亿", "百亿", "千亿") and text.startswith("级", q.end):
        return q.unit + "元"  # 五百亿级产业集群: an output of 500 亿元
    return q.unit


def _distribute(d: _Draft, text: str, c_start: int, quants: list[Quantity], done: list[_Draft]) -> list[_Draft]:
    """A subject list shared by one value: 城乡居民人均可支配收入分别增长7.5% → 城镇…, 农村….

    Only the simple shapes: one value for a 、-list before 分别/均 or 翻一番; 城乡 split in two.
    """
    region = text[c_start : d.start] + d.indicator
    has_marker = bool(_DISTRIBUTE_RE.search(text[c_start : d.end])) or d.unit == "倍"
    if not has_marker:
        return [d]
    subject = _DISTRIBUTE_RE.split(d.indicator)[0] if _DISTRIBUTE_RE.search(d.indicator) else d.indicator
    subject = re.split(r"(?:比|较)(?:20\d\d年)", subject)[0]
    items = [s for s in re.split(r"、|和", subject) if s]
    if len(items) == 1 and items[0].startswith("城乡") and "分别" in text[c_start : d.end + 4]:
        items = [items[0].replace("城乡", u, 1) for u in _URBAN_RURAL]
    if len(items) <= 1:
        return [d]
    # how many values this clause gives after the marker: one → shared by all items
    values_here = [q for q in quants if d.start <= q.start and q.start < text.find(",", d.start) if "," in text[d.start:]]
    if len(values_here) > 1:
        return [d]
    del region
    return [_Draft(indicator=strip_indicator(it), value=d.value, value_high=d.value_high, unit=d.unit,
                   comparator=d.comparator, start=d.start, end=d.end, bracketed=d.bracketed, context=d.context)
            for it in items]
