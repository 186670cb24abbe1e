"""Restated targets: a document that states a goal and later repeats it (the goal list, then an
explanation "今年预期目标设定为6%以上") sets one target, not two.

A target diff reports an unmatched statement only when it restates no other statement of its
document: no matched one, and no earlier unmatched one.
"""
from __future__ import annotations

from docdiff.comparison.quantity import parse_unit, to_quantity
from docdiff.comparison.target_keys import match_form
from docdiff.model import Target

# A key this short (投资, 产值) names no indicator by itself: two 投资 of 5亿元 may be two projects.
MIN_RESTATED_KEY = 4


def restatement_key(t: Target) -> tuple[object, ...] | None:
    """What makes two targets of one document the same statement; None for one never merged
    (no value, a past row, a key too short to name an indicator)."""
    form = match_form(t.key or t.indicator)
    if t.value is None or t.status == "past" or len(form) < MIN_RESTATED_KEY:
        return None
    return (form, parse_unit(t.unit).base, _amount(t.value, t.unit), _amount(t.value_high, t.unit),
            str(t.comparator), t.year)


def _amount(value: float | None, unit: str) -> str | None:
    """The amount in the unit's base, to 9 significant digits (1000亿元 == 0.1万亿元)."""
    q = to_quantity(value, unit)
    return None if q is None else f"{q.amount:.9g}"


def unmatched_statements(targets: tuple[Target, ...], matched: set[int]) -> list[Target]:
    """The targets whose index is not in ``matched`` and that restate none of the matched
    targets nor an earlier unmatched one, in order."""
    seen: set[tuple[object, ...]] | None = None  # the matched targets' keys, once one is asked for
    out: list[Target] = []
    for i, t in enumerate(targets):
        if i in matched:
            continue
        k = restatement_key(t)
        if k is not None:
            if seen is None:  # (when every target is matched, no key is ever made)
                seen = {m for j in matched if (m := restatement_key(targets[j])) is not None}
            if k in seen:
                continue
            seen.add(k)
        out.append(t)
    return out
