"""Renamed indicators: a target left unmatched in A and one in B that a new year's report words
differently (建成水冲式公厕 → 新建环保式公共厕所) pair as one target when their section, unit and
wording agree.

Only targets the key-based assignment left unmatched take part; a pair needs the same deepest
aligned section, the same unit dimension, no conflicting qualifier (城镇 vs 农村) and indicators
that read alike once their action verbs are dropped; each target pairs once, with its mutual best.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from docdiff.comparison.quantity import parse_unit
from docdiff.comparison.target_keys import exclusive, match_form
from docdiff.model import Span, Target
from docdiff.targets.rules import ACTION_VERBS, COUNTING_VERBS

# Verb-stripped indicators must be at least this similar (RapidFuzz ratio, 0..1): 水冲式公厕 ~
# 环保式公共厕所 is 0.5; 森林覆盖率 ~ 污水处理率 is 0.2.
MIN_RENAMED_SIMILARITY = 0.5
_VERBS = tuple(sorted(set(ACTION_VERBS + COUNTING_VERBS + ("完成", "努力完成")), key=lambda w: (-len(w), w)))


# What an indicator measures of its subject: two indicators measuring different things (产量 vs 产值)
# are different, and a shared measure alone (鲜奶产量 ~ 蔬菜产量) makes no likeness.
_MEASURES = ("产量", "产值", "投资", "面积", "比重", "占比", "收入", "规模", "总额", "增加值", "增长", "增速",
             "人数", "数量", "覆盖率", "率")


def _content(form: str) -> str:
    """The indicator without its leading action verbs and a trailing 任务/目标: what is counted
    ('建成水冲式公厕' → '水冲式公厕', '完成改造任务' → '改造')."""
    for tail in ("任务", "目标"):
        form = form.removesuffix(tail)
    changed = True
    while changed:
        changed = False
        for v in _VERBS:
            if form.startswith(v) and len(form) > len(v):
                form, changed = form[len(v):], True
                break
    return form


def _bare(form: str) -> str:
    """The indicator without any action verb: '仓储库建成并投入使用' → '仓储库并投入使用'."""
    for v in _VERBS:
        form = form.replace(v, "")
    return form


def _measures(form: str) -> frozenset[str]:
    return frozenset(m for m in _MEASURES if m in form)


def _subject(form: str) -> str:
    for m in _MEASURES:
        form = form.replace(m, "")
    return form


_Reading = tuple[str, str, frozenset[str], tuple[str, str]]


class _Readings(dict[int, _Reading]):
    """A target's indicator as the pairing compares it, read once per target (not once per pair):
    its match form, content, measures, and the subjects of its content and of its bare form."""

    def __init__(self, targets: tuple[Target, ...]) -> None:
        super().__init__()
        self._targets = targets

    def __missing__(self, i: int) -> _Reading:
        t = self._targets[i]
        form = match_form(t.key or t.indicator)
        content = _content(form)
        self[i] = reading = (form, content, _measures(content), (_subject(content), _subject(_bare(form))))
        return reading


@lru_cache(maxsize=1024)
def _unit_base(unit: str) -> str:
    return parse_unit(unit).base


# A section with more unmatched targets than this on a side is no renaming: skip it rather than
# compare every pair of its targets (a 20 MB pair has sections of thousands).
MAX_PER_SECTION = 40


def renamed_pairs(
    targets_a: tuple[Target, ...], unmatched_a: list[int],
    targets_b: tuple[Target, ...], unmatched_b: list[int],
    home_a: Callable[[Target], tuple[Span, Span] | None],
    home_b: Callable[[Target], tuple[Span, Span] | None],
) -> list[tuple[int, int]]:
    """(i, j) pairs of unmatched targets that are one renamed indicator. ``home_a(t)`` is the
    deepest aligned section pair (A span, B span) holding A's target t, ``home_b`` the same
    (B span, A span) for B's: two targets can pair only under the same one."""
    from rapidfuzz import fuzz

    buckets: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for i in unmatched_a:
        h = home_a(targets_a[i])
        if h is not None and targets_a[i].value is not None:
            buckets.setdefault((h[0].start, h[1].start), ([], []))[0].append(i)
    for j in unmatched_b:
        h = home_b(targets_b[j])
        if h is not None and targets_b[j].value is not None:
            bucket = buckets.get((h[1].start, h[0].start))
            if bucket is not None:
                bucket[1].append(j)
    candidates: list[tuple[float, int, int]] = []
    reading_a, reading_b = _Readings(targets_a), _Readings(targets_b)
    for rows, cols in buckets.values():
        if not cols or len(rows) > MAX_PER_SECTION or len(cols) > MAX_PER_SECTION:
            continue
        for i in rows:
            ta = targets_a[i]
            if not ta.unit:
                continue
            base_a = _unit_base(ta.unit)
            fa, ca, measures_a, subjects_a = reading_a[i]
            for j in cols:
                tb = targets_b[j]
                if ta.status != tb.status or base_a != _unit_base(tb.unit):
                    continue
                fb, cb, measures_b, subjects_b = reading_b[j]
                if len(ca) < 2 or len(cb) < 2 or measures_a != measures_b or exclusive(fa, fb):
                    continue
                sim = max((fuzz.ratio(x, y) / 100 for x, y in zip(subjects_a, subjects_b)
                           if len(x) >= 2 and len(y) >= 2), default=0.0)
                if sim >= MIN_RENAMED_SIMILARITY:
                    candidates.append((sim, i, j))
    # mutual best: the best-scoring pairs first, each target once
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return out
