"""A year's target and the outcome the next report states → met / missed (rules in docs/CONTRACT.md).

The better direction decides what "met" means: a floor (以上) or an ordinary growth target is met
at or above it; a ceiling (以内, 失业率, 居民消费价格 3%左右) at or below it. 左右 allows a stated
tolerance (TOLERANCE_POINTS for rates, TOLERANCE_SHARE of the value otherwise); a range is met
inside it or on its better side.
"""
from __future__ import annotations

from docdiff.comparison.quantity import convert
from docdiff.comparison.target_direction import better_direction
from docdiff.model import Comparator, Target
from docdiff.series.keys import unit_family
from docdiff.series.model import Outcome, Verdict

TOLERANCE_POINTS = 0.5  # 6%左右 is met by 5.5%
TOLERANCE_SHARE = 0.05  # 5000人左右 is met by 4750人
_RATES = ("%", "‰", "个百分点", "百分点")


def direction_of(target: Target) -> str:
    """higher / lower: which way of the target is better (higher when the wording says nothing)."""
    return better_direction(target) or "higher"


def judge(target: Target | None, outcome: Outcome | None) -> Verdict:
    """The verdict for one cell; ``no_target`` / ``no_outcome`` when either side is missing."""
    if target is None:
        return Verdict.NO_TARGET
    if outcome is None or target.value is None:
        return Verdict.NO_OUTCOME
    got = convert(outcome.value, outcome.unit, target.unit)
    if got is None and unit_family(outcome.unit) == unit_family(target.unit) == "count":
        got = outcome.value  # 新增就业岗位5000个 against 新增就业5487人: one count of jobs
    if got is None:
        return Verdict.NO_OUTCOME  # 亿元 against %: not the same quantity
    lo, hi = target.value, target.value_high if target.value_high is not None else target.value
    better = direction_of(target)
    eps = 1e-9 * max(1.0, abs(hi))
    if target.comparator == Comparator.APPROX:
        tol = TOLERANCE_POINTS if target.unit in _RATES else abs(target.value) * TOLERANCE_SHARE
        lo, hi = lo - tol, hi + tol
    if target.comparator == Comparator.GE:
        return Verdict.MET if got >= lo - eps else Verdict.MISSED
    if target.comparator == Comparator.LE:
        return Verdict.MET if got <= hi + eps else Verdict.MISSED
    # =, ~ and range: met on the better side of the band (or inside it)
    if better == "lower":
        return Verdict.MET if got <= hi + eps else Verdict.MISSED
    return Verdict.MET if got >= lo - eps else Verdict.MISSED
