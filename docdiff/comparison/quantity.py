"""Comparing target values: (value, unit as written) → a Quantity in a base unit of one dimension.

Parsing numbers out of text is ``docdiff.targets.numbers``' job; this module only decides whether two
already-parsed values are the same amount: 1000亿元 == 0.1万亿元 == 10000000万元, 5‰ == 0.5%, but
7% and 7个百分点 are different dimensions (a rate versus a change of a rate), as are 人 and 人次.
"""
from __future__ import annotations

import math
from decimal import Decimal, localcontext
from functools import lru_cache

from msgspec import Struct

from docdiff.chinese import fold_width
from docdiff.measure_words import COUNT_CLASSIFIERS

# Magnitude prefixes, longest first so 万亿 wins over 万 and 亿. A bare 百/十 is left out: "百
# 亩" does not occur, while 十 and 百 begin no unit we would want to split.
_PREFIXES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
)

# Units written differently for the same scale of the same thing: unit → (factor, base unit).
_SYNONYMS: dict[str, tuple[float, str]] = {
    "%": (1.0, "%"),
    "‰": (0.1, "%"),  # per mille: 5‰ is 0.5%
    "成": (10.0, "%"),  # 三成 = 30%
    "个百分点": (1.0, "个百分点"),
    "百分点": (1.0, "个百分点"),
    "pp": (1.0, "个百分点"),
    "公里": (1e3, "米"),
    "km": (1e3, "米"),
    "平方公里": (1e6, "平方米"),
    "平方千米": (1e6, "平方米"),
    "km2": (1e6, "平方米"),
    "公顷": (1e4, "平方米"),
    "公斤": (1e3, "克"),
    "kg": (1e3, "克"),
    "块": (1.0, "元"),
    "美金": (1.0, "美元"),
    "倍": (1.0, "倍"),
    "番": (2.0, "倍"),  # 翻一番 = 2倍 (numbers.py normally already writes value 2, unit 倍)
    "名": (1.0, "人"),
    "位": (1.0, "人"),
}

# Generic measure words: 150家 and 150个 of the same indicator count the same things. 人, 户 and
# 人次 are not in the list: people, households and visits are different things.
_CLASSIFIERS = COUNT_CLASSIFIERS
COUNT = "个"


class Unit(Struct, frozen=True):
    """A unit as written, understood as ``factor`` × ``base`` (the dimension)."""

    written: str
    factor: float
    base: str


class Quantity(Struct, frozen=True):
    """An amount in a base unit: 0.1万亿元 → Quantity(1e11, "元")."""

    amount: float
    base: str


# Target diff compares units of every candidate pair (n × m calls on a few dozen distinct units):
# cached, a 20,000-character line of look-alike targets pairs in seconds rather than a minute.
@lru_cache(maxsize=4096)
def parse_unit(unit: str) -> Unit:
    """'万亿元' → Unit('万亿元', 1e12, '元'); '％' → (1, '%'); '个百分点' → (1, '个百分点')."""
    written = unit
    u = fold_width(unit).strip().replace(" ", "").lower()
    factor = 1.0
    while True:
        if u in _SYNONYMS:
            f, base = _SYNONYMS[u]
            return Unit(written, factor * f, base)
        if len(u) == 1 and u in _CLASSIFIERS:
            return Unit(written, factor, COUNT)
        # Strip one magnitude prefix and look again: 万千瓦 → 万 × 千 × 瓦.
        hit = next(((p, f) for p, f in _PREFIXES if u.startswith(p)), None)
        if hit is None:
            return Unit(written, factor, u)
        if u == hit[0]:  # a bare 万 or 亿: a plain number written in 万s (3万 = 30000)
            return Unit(written, factor * hit[1], "")
        factor *= hit[1]
        u = u[len(hit[0]):]


def same_dimension(unit_a: str, unit_b: str) -> bool:
    """亿元 ~ 万元 ~ 元 are one dimension; % and 个百分点 are not; "" only matches ""."""
    return parse_unit(unit_a).base == parse_unit(unit_b).base


def _as_float(value: float) -> float:
    """A value as a float for arithmetic: an exact int too large for one (400 digits) is ±inf."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def to_quantity(value: float | None, unit: str) -> Quantity | None:
    """The amount in the unit's base: (1000, '亿元') → Quantity(1e11, '元'); None stays None."""
    if value is None:
        return None
    u = parse_unit(unit)
    return Quantity(_as_float(value) * u.factor, u.base)


def convert(value: float, unit_from: str, unit_to: str) -> float | None:
    """``value`` in ``unit_from`` expressed in ``unit_to`` (1000, 亿元, 万亿元 → 0.1); None across dimensions."""
    a, b = parse_unit(unit_from), parse_unit(unit_to)
    if a.base != b.base:
        return None
    return _as_float(value) * a.factor / b.factor


def _same_exact(value_a: float, unit_a: str, value_b: float, unit_b: str, *, abs_tol: float, rel_tol: float) -> bool:
    """same_quantity in exact decimal arithmetic, for a value too large for a float."""
    with localcontext() as ctx:
        ctx.prec = 1200  # a 1,000-digit number and its scale, exactly
        a = Decimal(value_a) * Decimal(parse_unit(unit_a).factor) / Decimal(parse_unit(unit_b).factor)
        b = Decimal(value_b)
        return abs(a - b) <= Decimal(max(rel_tol, 1e-9)) * max(abs(a), abs(b)) + Decimal(abs_tol)


def same_quantity(
    value_a: float | None, unit_a: str, value_b: float | None, unit_b: str,
    *, abs_tol: float = 0.0, rel_tol: float = 0.0,
) -> bool:
    """Whether two values are the same amount, within tolerance measured in ``unit_b``.

    Both None is the same (完成上级下达指标 twice); one None, or two dimensions, is not.
    Tolerances are in B's unit as written because that is what a reader of B compares.
    """
    if value_a is None or value_b is None:
        return value_a is None and value_b is None
    a_in_b = convert(value_a, unit_a, unit_b)
    if a_in_b is None:
        return False
    if math.isinf(a_in_b) or isinstance(value_b, int):
        return _same_exact(value_a, unit_a, value_b, unit_b, abs_tol=abs_tol, rel_tol=rel_tol)
    # A floor of 1e-9 relative absorbs float noise from scaling (0.1万亿元 → 1000亿元).
    return math.isclose(a_in_b, _as_float(value_b), rel_tol=max(rel_tol, 1e-9), abs_tol=max(abs_tol, 1e-12))
