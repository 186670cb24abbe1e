"""Frozen data types shared by every stage: Document → Outline → Target → Comparison.

Every extracted thing carries a Span into ``Document.text``; line numbers are derived from
spans (``Document.line_at``), so every output can point back at the source.
"""
from __future__ import annotations

import bisect
import math
from enum import StrEnum
from functools import cached_property

from msgspec import Struct, field
from msgspec.structs import force_setattr


class Span(Struct, frozen=True):
    """Half-open character range [start, end) in Document.text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Kind(StrEnum):
    """What sort of government document this is."""

    WORK_REPORT = "work_report"  # 政府工作报告
    PLAN = "plan"  # 规划, 纲要 (five-year plans)
    IMPLEMENTATION_PLAN = "implementation_plan"  # 实施方案, 行动计划
    REPLY = "reply"  # 对…建议/提案的答复
    BULLETIN = "bulletin"  # 统计公报: no targets at all
    OTHER = "other"


class Metadata(Struct, frozen=True, kw_only=True):
    """What the document says about itself (portal rows, title, date line)."""

    title: str = ""
    issuer: str = ""  # 发布机构 / 来源
    date: str = ""  # ISO yyyy-mm-dd when known
    number: str = ""  # 文件编号 / 索引号 / 字号
    kind: Kind = Kind.OTHER
    year: int | None = None  # a work report's year; a plan's first year
    period: tuple[int, int] | None = None  # (2021, 2025) for a 十四五 plan
    year_read_from_body: bool = False  # no title, date line or portal row said it (ingest/body_clues)


class Document(Struct, frozen=True, kw_only=True, dict=True):  # dict: for cached_property
    """A document's extracted text and what ingest learned about it.

    ``text`` is the decoded text with line ends folded to ``\\n`` (the only line break counted:
    form feeds and U+2028 are characters of their line, as in editors); its lines are the file's lines
    (for HTML, docx and PDF: the lines of the extracted text). ``norm`` is the same text with
    full-width ASCII and ideographic spaces folded to half-width, character for character, so
    offsets into one are offsets into the other. ``debris`` spans (menus, ads, portal metadata)
    are kept in ``text`` so line numbers stay true, but no stage reads them as body.
    """

    path: str
    text: str
    format: str = "text"  # text, html, docx, pdf, doc, wps, odt, rtf, ofd
    encoding: str = "utf-8"
    meta: Metadata = field(default_factory=Metadata)
    debris: tuple[Span, ...] = ()
    # Where each line of the file starts in ``text`` when ingest rejoined a hard-wrapped or
    # sentence-per-line layout into paragraphs (ingest/layout.py); empty when text is the file's.
    line_origins: tuple[int, ...] = ()
    source_text: str = ""  # the text as the file (or the extraction) laid it out, when rejoined
    notes: tuple[str, ...] = ()  # how the text was got, when a reader should know (OCR confidence)

    @cached_property
    def norm(self) -> str:
        from docdiff.chinese import fold_width

        return fold_width(self.text)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Offsets where lines start: after each ``\n``, the only break editors count
        (``docdiff.lines``); a form feed or U+2028 is a character of its line."""
        text, starts = self.text, [0]
        if "\r" in text:  # ingest folds CR and CRLF to \n; a Document built by hand may hold them
            import re

            starts += [m.end() for m in re.finditer("\r\n?|\n", text)]
        else:
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
        if starts[-1] == len(text) and len(starts) > 1:
            starts.pop()  # no line after a final newline
        return tuple(starts)

    @property
    def line_count(self) -> int:
        return len(self.line_starts) if self.text else 0

    def line_at(self, offset: int) -> int:
        """1-based line number in the file of the character at ``offset``."""
        return bisect.bisect_right(self.line_origins or self.line_starts, offset)

    @cached_property
    def _file_line_starts(self) -> tuple[int, ...]:
        starts, pos = [], 0
        from docdiff.lines import split_lines

        for line in split_lines(self.source_text, keepends=True):
            starts.append(pos)
            pos += len(line)
        return tuple(starts)

    def file_offset(self, offset: int) -> int:
        """The offset in the file's own layout (``source_text``) of ``offset`` in ``text``:
        the same number unless ingest rejoined lines, when it counts the removed breaks too."""
        if not self.line_origins or not self.source_text:
            return offset
        k = self.line_at(offset) - 1
        return self._file_line_starts[k] + offset - self.line_origins[k]

    @property
    def file_line_count(self) -> int:
        """Lines of the file (``line_count`` counts the lines of ``text``, its paragraphs once rejoined)."""
        return len(self.line_origins) if self.line_origins else self.line_count

    def line_span(self, line: int) -> Span:
        """Span of 1-based ``line`` without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        if end > start and self.text[end - 1] == "\n":
            end -= 1
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return Span(start, end)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def __post_init__(self) -> None:
        # frozen: set once, here; bisection (is_debris, debris_from) needs the spans in order and
        # disjoint — ingest's are; overlapping ones given by a caller are merged
        spans: list[Span] = []
        for d in sorted(self.debris, key=lambda d: d.start):
            if spans and d.start < spans[-1].end:
                if d.end > spans[-1].end:
                    spans[-1] = Span(spans[-1].start, d.end)
            else:
                spans.append(d)
        force_setattr(self, "debris", tuple(spans))

    @cached_property
    def _debris_starts(self) -> tuple[int, ...]:
        return tuple(d.start for d in self.debris)

    def debris_from(self, offset: int) -> int:
        """Index of the first debris span that may hold ``offset`` or lie after it: the last one
        starting at or before it (those before end before it: the spans are sorted and disjoint)."""
        return max(0, bisect.bisect_right(self._debris_starts, offset) - 1)

    def is_debris(self, offset: int) -> bool:
        """Whether ``offset`` lies in a debris span (ingest keeps them sorted and disjoint)."""
        i = bisect.bisect_right(self._debris_starts, offset) - 1
        return i >= 0 and offset < self.debris[i].end

    def body_lines(self) -> list[tuple[int, Span]]:
        """(line number in the file, span) of every line of ``text`` that is not debris."""
        return list(self._body_lines)

    @cached_property
    def _body_lines(self) -> tuple[tuple[int, Span], ...]:
        """``body_lines``, found once: outline, targets and alignment each walk them."""
        out = []
        for n in range(1, self.line_count + 1):
            span = self.line_span(n)
            if not self.is_debris(span.start):
                out.append((self.line_at(span.start) if self.line_origins else n, span))
        return tuple(out)

    @property
    def body_text(self) -> str:
        """The body without debris lines, for reading and substring tests (offsets differ)."""
        return "\n".join(self.slice(s) for _, s in self.body_lines())


class SectionKind(StrEnum):
    HEADING = "heading"  # a heading line: 第一章, 一、, (一) …
    ITEM = "item"  # a numbered paragraph whose first sentence is its title
    LEAD = "lead"  # a lead phrase: ——综合实力显著增强。 / 过去的一年，面对…
    BOX = "box"  # 专栏N
    TABLE = "table"  # 表N


class Section(Struct, frozen=True, kw_only=True):
    """One node of the outline. ``span`` covers the heading and its whole body."""

    number: str  # "一", "(一)", "1", "第二章", "" for unnumbered lead sentences
    title: str  # without the number: "2017年工作回顾"
    level: int  # 1 = top
    kind: SectionKind
    span: Span  # heading + body up to the next section of the same or a higher level
    title_span: Span  # the title as written (number excluded)
    line: int  # 1-based line of the heading
    path: str  # numbers from the root joined by "/": "一/(二)"
    children: tuple[Section, ...] = ()

    def walk(self):
        """This section and all its descendants, in document order."""
        yield self
        for c in self.children:
            yield from c.walk()


class Cell(Struct, frozen=True):
    text: str
    span: Span
    line: int


class Table(Struct, frozen=True, kw_only=True):
    """A table rebuilt into rows and columns; every cell keeps its line."""

    title: str
    span: Span
    line: int
    header: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]  # aligned with header; None for an empty cell


class Outline(Struct, frozen=True, kw_only=True):
    """The section tree of a document and its tables."""

    sections: tuple[Section, ...]  # top-level sections
    tables: tuple[Table, ...] = ()

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def section_at(self, offset: int) -> tuple[Section, ...]:
        """The chain of sections (outermost first) that contain ``offset``."""
        chain: list[Section] = []
        nodes = self.sections
        while True:
            hit = next((s for s in nodes if s.span.start <= offset < s.span.end), None)
            if hit is None:
                return tuple(chain)
            chain.append(hit)
            nodes = hit.children


class Comparator(StrEnum):
    EQ = "="
    GE = ">="
    LE = "<="
    APPROX = "~"
    RANGE = "range"


class Period(StrEnum):
    POINT = "point"
    ANNUAL = "annual"
    CUMULATIVE = "cumulative"


class Target(Struct, frozen=True, kw_only=True, gc=False):
    """A quantified goal; field meanings are those of shared/gold/GUIDELINES.md."""

    id: str  # t1, t2 … in document order
    indicator: str  # as written: "数字经济核心产业增加值占GDP比重"
    key: str  # folded for matching across documents
    value: float | None  # None for "完成上级下达指标"
    value_high: float | None
    unit: str
    comparator: Comparator
    year: int | None
    period: Period
    text: str  # == document.text[span.start:span.end]
    span: Span
    line: int
    section: str  # "一、总体要求 / (二)发展目标"
    baseline: float | None = None
    baseline_year: int | None = None
    binding: str | None = None  # 预期性 / 约束性
    status: str = "target"  # or "past"
    tier: str = "task"  # "headline": a goal list (主要预期目标, 发展目标) or an indicator table row
    confidence: str = "high"  # "low": no indicator name was found, the nearest noun phrase stands in

    def __post_init__(self) -> None:
        # A float that is not finite is no value (``text`` keeps the digits): no renderer may
        # write Infinity (not JSON; the HTML report's script died on it). A whole number too
        # large for a float arrives as an exact int (``targets.numbers.to_float``) and stays.
        for name in ("value", "value_high", "baseline"):
            v = getattr(self, name)
            if isinstance(v, float) and not math.isfinite(v):
                force_setattr(self, name, None)


class SectionStatus(StrEnum):
    MATCHED = "matched"
    CHANGED = "changed"
    MOVED = "moved"
    ADDED = "added"
    REMOVED = "removed"
    MERGED = "merged"  # no one-to-one partner, but its topic continues inside one B section
    SPLIT = "split"  # … inside several B sections


class OpKind(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class DiffOp(Struct, frozen=True, gc=False):
    """One run of an inline diff. ``moved`` marks a sentence found elsewhere on the other side."""

    kind: OpKind
    text: str
    moved: bool = False


class SectionPair(Struct, frozen=True, kw_only=True):
    status: SectionStatus
    a: Section | None
    b: Section | None  # for merged/split: the B section most of it went into (into[0])
    similarity: float  # 0..1
    diff: tuple[DiffOp, ...] = ()  # empty when identical or one side is missing
    into: tuple[Destination, ...] = ()  # merged/split only: where the content went, largest share first


class Destination(Struct, frozen=True):
    """A B section that a merged or split A section's content continues in."""

    section: Section
    share: float  # this destination's share of the evidence (shares of one pair sum to 1)


class SharedPassage(Struct, frozen=True, kw_only=True):
    """A passage (≥ 12 characters) found in both documents. Reuse ignores whitespace, line
    breaks and character width, so the two spans read the same once those are folded away."""

    text: str  # as written in A
    span_a: Span
    span_b: Span


class Similarity(Struct, frozen=True, kw_only=True):
    document: float
    reuse_a_in_b: float  # share of A's text that appears verbatim in B
    reuse_b_in_a: float  # share of B's text that appears verbatim in A


class TargetStatus(StrEnum):
    SHARED = "shared"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class TargetPair(Struct, frozen=True, kw_only=True, gc=False):
    status: TargetStatus
    a: Target | None
    b: Target | None
    changes: tuple[str, ...] = ()  # of value, unit, comparator, year, period
    direction: str | None = None  # raised / lowered
    ambition: str | None = None  # stricter / looser, when the better direction is known


class Comparison(Struct, frozen=True, kw_only=True):
    """Everything one comparison found; the single input of every compare renderer."""

    a: Document
    b: Document
    outline_a: Outline
    outline_b: Outline
    targets_a: tuple[Target, ...]
    targets_b: tuple[Target, ...]
    sections: tuple[SectionPair, ...]
    targets: tuple[TargetPair, ...]
    similarity: Similarity
    shared_passages: tuple[SharedPassage, ...] = ()
    notes: tuple[str, ...] = ()  # fallbacks taken, limits hit
