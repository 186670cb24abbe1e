"""A parent document's targets against each document's → verdicts: consistent, stronger (加码),
weaker, missing (a 约束性 parent target missing is flagged), local, or unjudged.

Targets meet on their folded key (the table's row key without its year). Values compare after
unit conversion and, when one side is a cumulative rate over a plan period and the other an
annual rate, after turning the cumulative one into its annual equivalent. The comparator is part
of the ambition: 5%以上 is firmer than 5%左右. Amounts that grow with a jurisdiction's size (亿元,
万人, 家) are not judged between levels: a county's part is not the city's whole.
"""
from __future__ import annotations

import math

from docdiff.comparison.quantity import convert, parse_unit
from docdiff.corpus.documents import DocRecord
from docdiff.corpus.report import ParentFinding, ParentReport, Verdict
from docdiff.corpus.table import row_keys
from docdiff.model import Comparator, Period, Target

DEFAULT_PERIOD_YEARS = 5  # a five-year plan, when the document does not say its period
_INTENSIVE_BASES = {"%", "个百分点", "倍", ""}  # rates, shares, ratios: the same whatever the scope
_INTENSIVE_WORDS = ("人均", "每", "率", "比重", "占比", "强度", "指数", "寿命", "年限", "浓度", "比例")
_REDUCTION_WORDS = ("下降", "降低", "减少", "削减", "压减")
# How firmly a comparator holds the ambition when the values are equal.
_FIRMNESS_UP = {Comparator.GE: 2, Comparator.EQ: 1, Comparator.RANGE: 1, Comparator.APPROX: 0, Comparator.LE: 0}
_FIRMNESS_DOWN = {Comparator.LE: 2, Comparator.EQ: 1, Comparator.RANGE: 1, Comparator.APPROX: 0, Comparator.GE: 0}
_WORDS = {Comparator.GE: "以上", Comparator.LE: "以内", Comparator.APPROX: "左右", Comparator.EQ: "=", Comparator.RANGE: "区间"}


def _base_key(t: Target, year: int | None) -> str:
    return row_keys(t, year)[0].split("@")[0]


def _intensive(t: Target) -> bool:
    base = parse_unit(t.unit).base
    return base in _INTENSIVE_BASES or "/" in t.unit or any(w in t.key for w in _INTENSIVE_WORDS)


def _period_years(rec: DocRecord) -> int:
    return rec.period[1] - rec.period[0] + 1 if rec.period else DEFAULT_PERIOD_YEARS


def _annual(t: Target, value: float, years: int) -> float:
    """A cumulative % change over ``years`` as its compound annual equivalent."""
    x = value / 100
    if any(w in t.key for w in _REDUCTION_WORDS):
        return 100 * (1 - (1 - x) ** (1 / years)) if x < 1 else value / years
    return 100 * ((1 + x) ** (1 / years) - 1)


def _level(t: Target, better: str) -> float | None:
    """The value that binds: the floor of an upward goal, the ceiling of a downward one."""
    if t.value is None:
        return None
    if t.comparator == Comparator.RANGE and t.value_high is not None:
        return t.value if better == "higher" else t.value_high
    return t.value


def judge(parent: Target, child: Target, parent_rec: DocRecord, child_rec: DocRecord) -> tuple[Verdict, float | None, str, str]:
    """Verdict of ``child`` against ``parent`` with the margin (child − parent), its unit and a note."""
    from docdiff.comparison.targetdiff import better_direction

    if not (_intensive(parent) and _intensive(child)):
        return Verdict.UNJUDGED, None, "", "an amount of another scope (a part is not the whole)"
    better = better_direction(parent) or better_direction(child)
    lp, lc = _level(parent, better or "higher"), _level(child, better or "higher")
    if lp is None or lc is None:
        return Verdict.UNJUDGED, None, "", "no value to compare"
    lc_in_p = convert(lc, child.unit, parent.unit)
    if lc_in_p is None:
        return Verdict.UNJUDGED, None, "", f"units differ ({child.unit or '—'} vs {parent.unit or '—'})"
    notes = []
    if parent.unit == "%" and {parent.period, child.period} == {Period.ANNUAL, Period.CUMULATIVE}:
        if parent.period == Period.CUMULATIVE:
            years = _period_years(parent_rec)
            lp = _annual(parent, lp, years)
            notes.append(f"parent cumulative over {years} years → {lp:.2f}% a year")
        else:
            years = _period_years(child_rec)
            lc_in_p = _annual(child, lc_in_p, years)
            notes.append(f"cumulative over {years} years → {lc_in_p:.2f}% a year")
    margin = round(lc_in_p - lp, 4)
    unit = "个百分点" if parent.unit == "%" else parent.unit
    if math.isclose(lc_in_p, lp, abs_tol=1e-9):
        margin = 0.0
        firm = _FIRMNESS_DOWN if better == "lower" else _FIRMNESS_UP
        fp, fc = firm[parent.comparator], firm[child.comparator]
        if fp != fc:
            notes.append(f"{_WORDS[child.comparator]} vs {_WORDS[parent.comparator]}")
        verdict = Verdict.CONSISTENT if fp == fc else (Verdict.STRONGER if fc > fp else Verdict.WEAKER)
        return verdict, margin, unit, "; ".join(notes)
    if better is None:
        return Verdict.UNJUDGED, margin, unit, "; ".join([*notes, "which way is more ambitious is unknown"])
    up = lc_in_p > lp
    verdict = Verdict.STRONGER if up == (better == "higher") else Verdict.WEAKER
    return verdict, margin, unit, "; ".join(notes)


def _pick(candidates: list[Target], p: Target) -> Target:
    """The child target in the parent's unit dimension, nearest in year (first in the document among equals)."""
    base = parse_unit(p.unit).base
    return min(candidates, key=lambda t: (parse_unit(t.unit).base != base,
                                          abs(t.year - p.year) if p.year and t.year else 0, t.span.start))


def compare_to_parent(parent_rec: DocRecord, records: list[DocRecord]) -> ParentReport:
    """Every document's findings against the parent, in document order, then the parent's order."""
    parent_targets = [t for t in parent_rec.targets or () if t.status == "target"]
    by_key: dict[str, Target] = {}
    for t in parent_targets:
        by_key.setdefault(_base_key(t, parent_rec.year), t)
    findings = []
    for d, rec in enumerate(records):
        child: dict[str, list[Target]] = {}
        for t in rec.targets or ():
            if t.status == "target":
                child.setdefault(_base_key(t, rec.year), []).append(t)
        for key, p in by_key.items():
            binding = p.binding == "约束性"
            if key not in child:
                findings.append(ParentFinding(document=d, key=key, verdict=Verdict.MISSING, parent=p, target=None,
                                              margin=None, margin_unit="", note="约束性" if binding else "", binding=binding))
                continue
            c = _pick(child[key], p)
            verdict, margin, unit, note = judge(p, c, parent_rec, rec)
            findings.append(ParentFinding(document=d, key=key, verdict=verdict, parent=p, target=c, margin=margin,
                                          margin_unit=unit, note=note, binding=binding))
        for key, ts in child.items():
            if key not in by_key:
                findings.append(ParentFinding(document=d, key=key, verdict=Verdict.LOCAL, parent=None, target=ts[0],
                                              margin=None, margin_unit="", note="", binding=False))
    return ParentReport(path=parent_rec.path, title=parent_rec.title, findings=tuple(findings))
