"""Which way a target moved (raised / lowered) and which way is more ambitious for it."""
from __future__ import annotations

import re
from functools import lru_cache

from docdiff.chinese import fold_width
from docdiff.comparison.quantity import convert, same_quantity
from docdiff.model import Comparator, Target
from docdiff.regex_cache import compile_regex

# Better direction of an indicator, when the wording says it. The value of a 下降/降低 indicator
# is a reduction (单位GDP能耗降低13.5%), so more is better there, before any ceiling word.
_REDUCTION_WORDS = ("下降", "降低", "减少", "削减", "压减", "减排")
_LOWER_IS_BETTER = (
    "失业率", "能耗", "排放", "PM2.5", "PM10", "浓度", "死亡率", "发生率", "事故", "赤字",
    "负债率", "债务率", "价格涨幅", "价格总水平", "CPI", "耗水", "耗地", "不良贷款率", "贫困",
)
_HIGHER_IS_BETTER = (
    "增长", "提高", "提升", "增加", "新增", "达到", "突破", "比重", "占比", "覆盖率", "普及率",
    "收入", "总值", "总额", "增加值", "产值", "投资", "营业收入", "利润", "人数", "率", "比例", "优良",
    "寿命", "年限", "人均", "拥有", "外资", "出口", "税收", "销售",
    # Task verbs of a work plan: building, finishing or attracting more is more ambitious.
    "新建", "建成", "建设", "完成", "实施", "推进", "改造", "培育", "引进", "招引", "开工", "创建", "打造",
)


def _midpoint(t: Target) -> float | None:
    if t.value is None:
        return None
    return t.value if t.value_high is None else (t.value + t.value_high) / 2


def value_direction(ta: Target, tb: Target) -> str | None:
    """raised / lowered by value (a range by its midpoint), compared in B's unit."""
    mid_a, mid_b = _midpoint(ta), _midpoint(tb)
    if mid_a is None or mid_b is None:
        return None
    a_in_b = convert(mid_a, ta.unit, tb.unit)
    if a_in_b is None or same_quantity(a_in_b, tb.unit, mid_b, tb.unit):
        return None
    return "raised" if mid_b > a_in_b else "lowered"


def better_direction(t: Target) -> str | None:
    """'higher' or 'lower' when the target's wording says which way is more ambitious, else None.

    单位GDP能耗降低13.5% → higher (a bigger cut); 失业率控制在5%以内 → lower (a ceiling);
    生产总值增长7% → higher.
    """
    return _better_direction(t.key or t.indicator, t.comparator)


@lru_cache(maxsize=4096)
def _better_direction(key: str, comparator: Comparator) -> str | None:
    """``better_direction`` of a key (or indicator) and comparator: a document repeats them."""
    key = fold_width(key).upper()
    if _REDUCTION_RE.search(key):
        return "higher"
    if comparator == Comparator.LE or _LOWER_IS_BETTER_RE.search(key):
        return "lower"
    if comparator == Comparator.GE or _HIGHER_IS_BETTER_RE.search(key):
        return "higher"
    return None


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``words`` is (one scan, not one per word)."""
    return compile_regex("|".join(re.escape(w) for w in sorted(set(words))))


_REDUCTION_RE = _any_of(_REDUCTION_WORDS)
_LOWER_IS_BETTER_RE = _any_of(tuple(w.upper() for w in _LOWER_IS_BETTER))
_HIGHER_IS_BETTER_RE = _any_of(_HIGHER_IS_BETTER)
