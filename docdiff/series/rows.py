"""Targets, outcomes and no-target statements of N reports → one Row per indicator.

A target's row is its series key (``keys.series_key``) with its unit's family; 城乡居民… splits
into the 城镇 and the 农村 row. A report's own-year targets fill its year's cell (the first one
in the document when it names the same indicator twice); the next report's review fills the
outcome of the same row. Headline rows (a key in ``data/series_headline.txt``, or a target in
the report's 主要预期目标 sentence) come first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from msgspec import Struct, field

from docdiff.chinese import fold_width
from docdiff.comparison.quantity import convert
from docdiff.model import Document, Period, Target
from docdiff.package_data import read_data
from docdiff.regex_cache import compile_regex
from docdiff.series.keys import series_key, split_urban_rural, unit_family
from docdiff.series.model import Cell, NoTarget, Outcome, Row, Verdict
from docdiff.series.outcomes import Figure
from docdiff.series.streaks import changes, streaks
from docdiff.series.verdict import direction_of, judge

_RATE_FAMILIES = ("%", "个百分点", "倍")
_CUE_WINDOW = 600
_HEADLINE_CUES = ("主要预期目标", "主要目标", "预期目标", "主要指标")


@lru_cache(maxsize=1)
def headline_keys() -> frozenset[str]:
    text = read_data("series_headline.txt")
    return frozenset(series_key(w.strip()) for w in text.splitlines() if w.strip() and not w.startswith("#"))


RowId = tuple[str, str]  # (series key, unit family)


class _Draft(Struct):
    targets: dict[int, Target] = field(default_factory=dict)  # year → target
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    not_set: dict[int, NoTarget] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    headline_cue: bool = False
    first: tuple[int, int] = (1 << 30, 0)  # (year, offset) of its first target: the row's order


def _larger(f: Figure, held: Outcome) -> bool:
    """Whether ``f`` replaces the figure already held for its row and year. A review that states
    one amount twice (新增就业3000人 in the commerce paragraph, 新增就业5650人 under 就业) gives a
    part and the total, and the total is the larger; for rates the first statement, the review's
    summary, is kept."""
    if f.family in _RATE_FAMILIES:
        return False
    got = convert(f.value, f.unit, held.unit)
    return got is not None and got > held.value


# 年均增长5%左右 in a work report is a five-year plan's average (十五五时期…), not this year's goal.
_MULTI_YEAR_TARGET_RE = compile_regex(r"年均|平均每年|累计")


def _in_headline_list(norm: str, offset: int) -> bool:
    """Whether the sentence holding ``offset`` names the report's main targets (主要预期目标是：…).
    The sentence is read back to its last 。/！/？, across line breaks, so that a list laid out one
    item per line still belongs to the sentence that opens it; at most _CUE_WINDOW characters."""
    lo = max(0, offset - _CUE_WINDOW)
    before = norm[lo:offset]
    cut = max(before.rfind(ch) for ch in "。！？!?")
    return any(c in before[cut + 1 :] for c in _HEADLINE_CUES)


def own_year_targets(doc: Document, targets: Sequence[Target]) -> list[Target]:
    """The targets a report sets for its own year (a plan's 2020 goal in a 2018 report is not,
    nor a five-year average written among this year's goals)."""
    year = doc.meta.year
    return [t for t in targets if t.status == "target" and (t.year is None or t.year == year)
            and not _MULTI_YEAR_TARGET_RE.search(t.indicator) and t.period != Period.CUMULATIVE]


def fold_rows(
    documents: Sequence[Document],
    targets: Sequence[Sequence[Target]],
    figures: Sequence[Sequence[Figure]],
    unset: Sequence[Sequence[tuple[str, NoTarget]]],
    years: Sequence[int],
) -> list[Row]:
    """One Row per (series key, unit family) that some report set a target for."""
    drafts: dict[RowId, _Draft] = {}
    for i, doc in enumerate(documents):
        year = doc.meta.year or 0
        norm = doc.norm
        for t in own_year_targets(doc, targets[i]):
            for key in split_urban_rural(series_key(t.indicator)):
                d = drafts.setdefault((key, unit_family(t.unit)), _Draft())
                if year in d.targets:
                    continue  # the first statement of the year is the target; later ones repeat it
                d.targets[year] = t
                d.names[t.indicator] += 1
                d.first = min(d.first, (year, t.span.start))
                d.headline_cue |= _in_headline_list(norm, t.span.start)
    by_key: dict[str, list[RowId]] = {}
    for rid in drafts:
        by_key.setdefault(rid[0], []).append(rid)
    for i, doc in enumerate(documents):
        for f in figures[i]:
            rid = (f.key, f.family)
            d = drafts.get(rid)
            if d is None:
                continue
            year = (doc.meta.year or 0) - 1
            if year in d.outcomes and not _larger(f, d.outcomes[year]):
                continue
            d.outcomes[year] = Outcome(indicator=f.indicator, value=f.value, value_high=f.value_high, unit=f.unit,
                                       comparator=f.comparator, year=year, document=i,
                                       text=doc.text[f.span.start : f.span.end], span=f.span, line=f.line)
        for key, nt in unset[i]:
            year = doc.meta.year or 0
            for rid in by_key.get(key, ()):
                if year not in drafts[rid].targets:
                    drafts[rid].not_set.setdefault(year, nt)
    doc_of_year = {d.meta.year: i for i, d in enumerate(documents)}
    headline = headline_keys()
    rows = []
    for (key, _family), d in drafts.items():
        cells = []
        for year in years:
            t, o, nt = d.targets.get(year), d.outcomes.get(year), d.not_set.get(year)
            verdict = Verdict.NOT_SET if t is None and nt is not None else judge(t, o)
            cells.append(Cell(year=year, document=doc_of_year.get(year), target=t, outcome=o, verdict=verdict,
                              not_set=nt if t is None else None))
        cell_tuple = tuple(cells)
        some = next(iter(d.targets.values()))
        label = max(d.names.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
        units = Counter(t.unit for t in d.targets.values())
        tier = "headline" if (key in headline or (d.headline_cue and len(d.targets) >= 2)) else "other"
        rows.append((0 if tier == "headline" else 1, d.first, Row(
            key=key, label=fold_width(label), tier=tier, unit=units.most_common(1)[0][0],
            better=direction_of(some), cells=cell_tuple, streaks=streaks(cell_tuple), changes=changes(cell_tuple))))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]
