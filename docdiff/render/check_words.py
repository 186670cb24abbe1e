"""The wording every check format shares: a finding described in one line
(``indicator: a → b (changed: value; lowered)``) and the summary line, so that a CI log, an
annotation and a SARIF alert read the same.
"""
from __future__ import annotations

from docdiff.check.gate import CheckReport, Finding
from docdiff.model import Comparator, Target, TargetPair, TargetStatus

MISSING = "—"  # the side a removed or added target lacks
STATUS_ORDER = (TargetStatus.CHANGED, TargetStatus.REMOVED, TargetStatus.ADDED, TargetStatus.SHARED)


def _number(v: float) -> str:
    if isinstance(v, int):
        return str(v)  # a value too large for a float, kept exact
    return f"{v:.10g}"


def format_value(t: Target | None) -> str:
    """A target's value as a reader would write it: '≥7%', '~6%', '5–6%', '240亿元'."""
    if t is None:
        return MISSING
    if t.value is None:
        return "(no number)"
    if t.value_high is not None:
        return f"{_number(t.value)}–{_number(t.value_high)}{t.unit}"
    prefix = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.APPROX: "~"}.get(t.comparator, "")
    return f"{prefix}{_number(t.value)}{t.unit}"


def indicator_of(pair: TargetPair) -> str:
    """B's indicator as written (A's for a removed target)."""
    t = pair.b or pair.a
    return t.indicator if t is not None else ""


def describe(pair: TargetPair) -> str:
    """'地区生产总值增长: ~6% → ~3.5% (changed: value; lowered; looser)'."""
    return f"{indicator_of(pair)}: {format_value(pair.a)} → {format_value(pair.b)} ({verdict(pair)})"


def verdict(pair: TargetPair) -> str:
    """'changed: value, comparator; lowered; looser', or just the status."""
    parts = [f"{pair.status}: {', '.join(pair.changes)}" if pair.changes else str(pair.status)]
    parts += [x for x in (pair.direction, pair.ambition) if x]
    return "; ".join(parts)


def location(f: Finding) -> str:
    return f"{f.path}:{f.line}"


def summary(report: CheckReport) -> str:
    """'docdiff check: 2 flagged (changed 1, removed 1) of 5 target pairs; …'."""
    counts = {s: 0 for s in STATUS_ORDER}
    for p in report.pairs:
        counts[p.status] += 1
    flagged = {s: sum(1 for f in report.flagged if f.status == s) for s in STATUS_ORDER}
    fail_on = ", ".join(str(s) for s in STATUS_ORDER if s in report.config.fail_on)
    n = len(report.flagged)
    head = (f"{n} flagged ({', '.join(f'{s} {k}' for s, k in flagged.items() if k)})" if n
            else "nothing flagged")
    seen = ", ".join(f"{k} {s}" for s, k in counts.items() if k) or "none"
    line = f"docdiff check: {head} of {len(report.pairs)} target pairs ({seen}); fail on {fail_on}"
    if report.ignored:
        line += f"; {len(report.ignored)} ignored by config"
    if report.tolerated:
        line += f"; {len(report.tolerated)} value changes within tolerance"
    return line
