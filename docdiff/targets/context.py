"""The frame of a document for target extraction: which parts look forward, to which year.

Document + Outline → DocContext: the section chain around any offset (from the outline, or from
numbered heading lines when the outline found none), the year a section title points at
(2022年工作安排, 2035年远景目标, 十四五, 今后五年) and whether it reviews or plans.
"""
from __future__ import annotations

import bisect
import itertools
import re

from msgspec import Struct, field

from docdiff.chinese import parse_chinese_integer
from docdiff.lazy_regex import lazy_compile
from docdiff.model import Document, Kind, Outline, Section, Span
from docdiff.regex_cache import compile_regex
from docdiff.targets.rules import GOAL_TITLE_RE, REVIEW_TITLE_RE

_PERIOD_RE = compile_regex(r"((?:19|20)\d\d)\s*[-—–~～至到]+\s*((?:19|20)\d\d)")
_FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
              "十四五": (2021, 2025), "十五五": (2026, 2030)}
CN_YEAR_RE = compile_regex(r"二[〇○零]([〇○零一二三四五六七八九]{2})年")
YEAR_RE = compile_regex(r"((?:19|20)\d\d)\s*年")
_NEXT_FIVE_YEARS_RE = compile_regex(r"今后五年|未来五年")
# Words after a year that make it a starting point, not a deadline: 2020年以来, 2020年末(比…).
BASE_YEAR_BEFORE = ("比", "较", "与", "同", "从", "自", "于", "截至", "截止", "相比")


class _Heading(Struct, frozen=True):
    level: int
    title: str
    start: int
    end: int


# Only for a document whose outline found no sections (_fallback_headings): compiled on first use.
_HEADING_RES = (
    (1, lazy_compile(r"\s*第[一二三四五六七八九十百]+[章篇部分]+")),
    (2, lazy_compile(r"\s*第[一二三四五六七八九十百]+节")),
    (2, lazy_compile(r"\s*[一二三四五六七八九十]+\s*[、.．]")),
    (3, lazy_compile(r"\s*[(（][一二三四五六七八九十]+[)）]")),
)


def _fallback_headings(doc: Document, lines: list[tuple[int, Span]]) -> list[_Heading]:
    """Numbered heading lines among ``lines``, for documents whose outline found no sections."""
    found: list[_Heading] = []
    for _, span in lines:
        line = doc.norm[span.start:span.end]
        for level, rx in _HEADING_RES:
            m = rx.match(line)
            if m:
                title = re.split(r"[。；;]", line, maxsplit=1)[0].strip()  # number included, as written
                found.append(_Heading(level, title, span.start, span.end))
                break
    return found


class DocContext(Struct):
    """What every sentence needs to know about its document and where it sits in it."""

    doc: Document
    outline: Outline
    kind: Kind
    year: int | None
    period: tuple[int, int] | None
    headings: list[_Heading] = field(default_factory=list)
    body_lines: list[tuple[int, Span]] = field(default_factory=list)  # doc.body_lines(), read once
    # Every sentence asks for its chain and regime; both change only where a section (or heading)
    # starts or ends, so they are computed once per stretch between such boundaries, found by
    # bisection: no walk over all sections per sentence.
    _bounds: list[int] = field(default_factory=list)
    _chains: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    _regimes: dict[int, tuple[str | None, int | None]] = field(default_factory=dict)
    _sections: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    _title_years: dict[str, int | None] = field(default_factory=dict)
    _title_modes: dict[str, str | None] = field(default_factory=dict)
    # id of a tuple of sibling sections → their starts (None: not in order, scanned instead)
    _level_starts: dict[int, list[int] | None] = field(default_factory=dict)
    # Without an outline: the chain after each heading (its own, with the headings above it),
    # built in one pass, and the headings' starts to find the last heading before an offset by
    # bisection (None when the headings are not in text order: then scanned per offset)
    _heading_chains: list[tuple[tuple[str, int], ...]] = field(default_factory=list)
    _heading_starts: list[int] | None = field(default_factory=list)

    @classmethod
    def build(cls, doc: Document, outline: Outline) -> DocContext:
        m = doc.meta  # kind, year and period come from ingest
        kind, year, period = m.kind, m.year, m.period
        lines = doc.body_lines()
        # Without an outline, numbered heading lines give the frame (the outline found none).
        headings = [] if outline.sections else _fallback_headings(doc, lines)
        if year is None and kind == Kind.WORK_REPORT:
            year = _plan_year(outline)
        return cls(doc=doc, outline=outline, kind=kind, year=year, period=period, headings=headings,
                   body_lines=lines)

    def __post_init__(self) -> None:
        if self._uses_outline():
            points = {p for s in self.outline.walk() for p in (s.span.start, s.span.end)}
        else:
            points = {h.start for h in self.headings}
            self._index_headings()
        self._bounds = sorted(points)

    def _index_headings(self) -> None:
        """Each heading's chain, once: a heading closes the open ones at its level or below."""
        starts = [h.start for h in self.headings]
        if any(a > b for a, b in itertools.pairwise(starts)):
            self._heading_starts = None
            return
        stack: list[_Heading] = []
        for h in self.headings:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            self._heading_chains.append(tuple((x.title, x.start) for x in stack))
        self._heading_starts = starts

    def _sections_at(self, offset: int) -> list[Section]:
        """``outline.section_at(offset)``, finding each level's section by bisection when its
        sections are in order and disjoint (as an outline's are), else by a scan."""
        chain: list[Section] = []
        nodes = self.outline.sections
        while True:
            if id(nodes) not in self._level_starts:
                ordered = all(x.span.end <= y.span.start for x, y in itertools.pairwise(nodes))
                self._level_starts[id(nodes)] = [s.span.start for s in nodes] if ordered else None
            starts = self._level_starts[id(nodes)]
            if starts is None:
                hit = next((s for s in nodes if s.span.start <= offset < s.span.end), None)
            else:
                k = bisect.bisect_right(starts, offset) - 1
                hit = nodes[k] if k >= 0 and offset < nodes[k].span.end else None
            if hit is None:
                return chain
            chain.append(hit)
            nodes = hit.children

    def _uses_outline(self) -> bool:
        return bool(self.outline.sections) and not self.headings

    def _stretch(self, offset: int) -> int:
        """Index of the stretch between boundaries that holds ``offset``."""
        return bisect.bisect_right(self._bounds, offset)

    def chain(self, offset: int) -> list[tuple[str, int]]:
        """(title as written, start) of the sections holding ``offset``, outermost first."""
        k = self._stretch(offset)
        if k not in self._chains:
            self._chains[k] = self._chain(offset)
        return list(self._chains[k])

    def _chain(self, offset: int) -> list[tuple[str, int]]:
        if self._uses_outline():
            return [(_heading_text(self.doc, s), s.span.start) for s in self._sections_at(offset)]
        if self._heading_starts is not None:
            k = bisect.bisect_right(self._heading_starts, offset)  # the headings at or before offset
            return list(self._heading_chains[k - 1]) if k else []
        chain: list[_Heading] = []
        for h in self.headings:
            if h.start > offset:
                break
            while chain and chain[-1].level >= h.level:
                chain.pop()
            chain.append(h)
        return [(h.title, h.start) for h in chain if h.start <= offset]

    def section_at(self, offset: int) -> tuple[str, tuple[str, ...]]:
        """The section path a target at ``offset`` is written under ("一、总体要求 / (二)发展目标")
        and the titles it joins, outermost first; once per stretch, as ``chain``."""
        k = self._stretch(offset)
        found = self._sections.get(k)
        if found is None:
            titles = tuple(t for t, _ in self.chain(offset))
            found = self._sections[k] = (" / ".join(t for t in titles if t), titles)
        return found

    @property
    def base_year(self) -> int | None:
        return self.period[0] if self.period else self.year

    def default_year(self) -> int | None:
        if self.kind in (Kind.PLAN, Kind.IMPLEMENTATION_PLAN) and self.period:
            return self.period[1]
        return self.year

    def title_year(self, title: str) -> int | None:
        """The year a section title points at: 2022年工作安排, 2035年远景目标, 十四五, 今后五年."""
        if title not in self._title_years:
            self._title_years[title] = self._title_year(title)
        return self._title_years[title]

    def _title_year(self, title: str) -> int | None:
        m = CN_YEAR_RE.search(title)
        if m:
            return 2000 + int(parse_chinese_integer(m.group(1)))
        m = _PERIOD_RE.search(title)
        if m:
            return int(m.group(2))
        m = YEAR_RE.search(title)
        if m:
            return int(m.group(1))
        for name, (_, end) in _FIVE_YEAR.items():
            if name in title:
                return end
        if _NEXT_FIVE_YEARS_RE.search(title) and self.year:
            return self.year + 4
        return None

    def regime(self, offset: int) -> tuple[str | None, int | None]:
        """('goal' | 'review' | None, section year) for the section chain around ``offset``.

        The outermost title that says so decides (一、2017年工作回顾 covers its (一)…(六));
        the innermost title with a year gives the year.
        """
        k = self._stretch(offset)
        if k not in self._regimes:
            self._regimes[k] = self._regime(offset)
        return self._regimes[k]

    def _regime(self, offset: int) -> tuple[str | None, int | None]:
        mode, year = None, None
        for title, _ in self.chain(offset):
            t_year = self.title_year(title)
            if t_year is not None:
                year = t_year
            if mode is None:
                mode = self._title_mode(title)
        return mode, year

    def _title_mode(self, title: str) -> str | None:
        """'review' or 'goal' when ``title`` says which (None if not): once per title, as a
        section's title is read again for every stretch below it."""
        if title not in self._title_modes:
            self._title_modes[title] = self._read_title_mode(title)
        return self._title_modes[title]

    def _read_title_mode(self, title: str) -> str | None:
        t_year, base = self.title_year(title), self.base_year
        if t_year is not None and base is not None and t_year < base:
            return "review"
        if _looks_back_then_forward(title):
            return None  # 过去五年工作回顾和今后五年目标任务: each sentence says which half it is in
        if REVIEW_TITLE_RE.search(title):
            return "review"
        if GOAL_TITLE_RE.search(title) or (t_year is not None and base is not None):
            return "goal"
        return None


# 三、2026年工作安排 / 2026年主要预期目标: the year a work report plans for, in its own headings
_PLAN_HEADING_RE = compile_regex(r"((?:19|20)\d\d)年(?:的)?(?:工作安排|工作任务|重点工作|主要预期目标|经济社会发展)")


def _plan_year(outline: Outline) -> int | None:
    """The year a work report plans for, when ingest found none: the latest year a top-level
    heading plans (三、2026年工作安排), or None."""
    years = [int(m.group(1)) for s in outline.sections if (m := _PLAN_HEADING_RE.search(s.title))]
    return max(years) if years else None


def _looks_back_then_forward(title: str) -> bool:
    """A title naming a past part, then a future one: '过去五年工作回顾和今后五年目标任务'."""
    review = REVIEW_TITLE_RE.search(title)
    return bool(review and GOAL_TITLE_RE.search(title, review.end()) and _FUTURE_RE.search(title, review.end()))


# A future period named in a title: 今后五年, 未来五年, 2026年, 十五五, 目标任务
_FUTURE_RE = lazy_compile(r"今后|未来|明年|今年|下一步|(?:19|20)\d\d年|十[一二三四五六]五|目标")


def _heading_text(doc: Document, s: Section) -> str:
    """The heading as written, number included: '(二)发展目标'."""
    if s.span.start <= s.title_span.start and doc.line_at(s.span.start) == doc.line_at(s.title_span.end):
        text = doc.norm[s.span.start : s.title_span.end].strip()
        if text:
            return text
    return f"{s.number}{s.title}"
