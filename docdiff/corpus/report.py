"""The types a corpus run hands to the renderers: CorpusReport and what it holds."""
from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from docdiff.model import Target


class CorpusDocument(Struct, frozen=True, kw_only=True):
    """One document of the corpus, as the report lists it (index = position in the report)."""

    path: str
    sha: str  # sha256 of the file's bytes: the store's key
    title: str
    kind: str
    year: int | None
    issuer: str
    period: tuple[int, int] | None
    chars: int  # body characters (debris and whitespace dropped), the base of reuse shares


class Cell(Struct, frozen=True, kw_only=True):
    document: int
    target: Target
    others: int = 0  # further targets of this document on the same row (first one shown)


class IndicatorRow(Struct, frozen=True, kw_only=True):
    """One indicator across the corpus: the folded key, a label as written, one cell per document."""

    key: str  # the row key: the folded indicator, with "@2030" when it is a later year's goal
    label: str  # the most common wording
    tier: str  # "headline" (set by at least half of the documents) or "other"
    cells: tuple[Cell, ...]


class PairSimilarity(Struct, frozen=True, kw_only=True):
    a: int
    b: int
    similarity: float  # shared passage characters over both bodies
    reuse_a_in_b: float  # share of a's body inside passages shared with b
    reuse_b_in_a: float


class Passage(Struct, frozen=True, kw_only=True):
    """A shared passage; runs are (offset in a, offset in b, length) relative to its starts, so
    what lies between runs is an edit (a swapped place name, a changed number)."""

    a: int
    b: int
    a_start: int  # [a_start, a_end) in document a's text (the source, whitespace included)
    a_end: int
    b_start: int
    b_end: int
    a_line: int
    a_end_line: int
    b_line: int
    b_end_line: int
    chars: int  # characters of a's side
    text: str  # a's side
    text_b: str
    runs: tuple[tuple[int, int, int], ...]


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    STRONGER = "stronger"  # 加码: more ambitious than the parent
    WEAKER = "weaker"
    MISSING = "missing"  # the parent sets it, the document does not
    LOCAL = "local"  # the document sets it, the parent does not
    UNJUDGED = "unjudged"  # both set it, but as amounts of different scope or dimension


class ParentFinding(Struct, frozen=True, kw_only=True):
    document: int
    key: str
    verdict: Verdict
    parent: Target | None
    target: Target | None
    margin: float | None  # child − parent, in the parent's unit (个百分点 for %), after normalising
    margin_unit: str
    note: str  # "以上 vs 左右", "cumulative [5 years] → annual", …
    binding: bool  # a 约束性 parent target (flagged when missing)


class ParentReport(Struct, frozen=True, kw_only=True):
    path: str
    title: str
    findings: tuple[ParentFinding, ...]


class CorpusReport(Struct, frozen=True, kw_only=True):
    documents: tuple[CorpusDocument, ...]
    indicators: tuple[IndicatorRow, ...]
    similarity: tuple[PairSimilarity, ...]  # every verified pair, best first
    passages: tuple[Passage, ...]
    clusters: tuple[tuple[int, ...], ...]
    closest: tuple[tuple[int, ...], ...]  # per document, its closest others, best first
    parent: ParentReport | None
    boilerplate_dropped: int  # passages (and chunks) dropped as boilerplate
    notes: tuple[str, ...]
