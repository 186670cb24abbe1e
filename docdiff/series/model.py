"""The ledger's frozen types: one Row per indicator, one Cell per year, streaks and changes."""
from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from docdiff.model import Comparator, Document, Span, Target


class Verdict(StrEnum):
    """What the next year's review says about a year's target (rules in docs/CONTRACT.md)."""

    MET = "met"
    MISSED = "missed"
    NO_OUTCOME = "no_outcome"  # a target, but no figure for that year to judge it by
    NO_TARGET = "no_target"  # no target that year
    NOT_SET = "not_set"  # the report says in words that it sets no target


class Outcome(Struct, frozen=True, kw_only=True):
    """A year's result as the next report's review states it: 去年…地区生产总值增长6.6%."""

    indicator: str
    value: float
    value_high: float | None
    unit: str
    comparator: Comparator
    year: int  # the year the figure is for
    document: int  # index into Ledger.documents of the report that states it
    text: str  # == documents[document].text[span.start:span.end]
    span: Span
    line: int


class NoTarget(Struct, frozen=True, kw_only=True):
    """A report's words that it sets no number for an indicator: 不设具体增长目标."""

    indicator: str
    document: int
    text: str
    span: Span
    line: int


class Cell(Struct, frozen=True, kw_only=True):
    """One indicator in one year: the target that year's report set, its outcome, the verdict."""

    year: int
    document: int | None  # index of that year's report; None for a year without one (a gap)
    target: Target | None
    outcome: Outcome | None
    verdict: Verdict
    not_set: NoTarget | None = None


class Streak(Struct, frozen=True, kw_only=True):
    """The same value and comparator set in consecutive reported years, ``start``..``end``."""

    start: int
    end: int
    years: int
    value: float | None
    value_high: float | None
    unit: str
    comparator: Comparator


class Change(Struct, frozen=True, kw_only=True):
    """A target that differs from the one set for the year before it."""

    before_year: int
    year: int
    direction: str | None  # raised / lowered (a range by its midpoint); None: not comparable
    ambition: str | None  # stricter / looser when the better direction is known
    changes: tuple[str, ...]  # of value, unit, comparator


class Row(Struct, frozen=True, kw_only=True):
    """One indicator across the years, however the reports named it."""

    key: str  # the series key: 生产总值增长
    label: str  # the name the reports use most: 地区生产总值增长
    tier: str  # headline / other
    unit: str
    better: str | None  # higher / lower
    cells: tuple[Cell, ...]  # one per ledger year, in year order
    streaks: tuple[Streak, ...]
    changes: tuple[Change, ...]


class Ledger(Struct, frozen=True, kw_only=True):
    """N reports of one government, ordered by year, folded into rows of indicators."""

    documents: tuple[Document, ...]  # in year order
    years: tuple[int, ...]  # every column, gaps included
    gaps: tuple[int, ...]  # years between the first and last report without a report
    rows: tuple[Row, ...]  # headline rows first
    notes: tuple[str, ...] = ()

    def year_of(self, document: int) -> int:
        return self.documents[document].meta.year or 0
