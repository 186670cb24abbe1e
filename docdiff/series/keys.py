"""Indicator → series key: the target key folded further so one trajectory is one row.

Across years a government renames what it measures (农民人均纯收入 → 农村常住居民人均可支配收入,
公共财政预算收入 → 一般公共预算收入, 经济增长 → 地区生产总值增长); ``data/series_synonyms.tsv`` lists
those renamings. They apply on top of ``indicators.fold_key`` and only to series: two documents
of one year keep the target keys ``compare`` uses.
"""
from __future__ import annotations

from functools import lru_cache

from docdiff.chinese import fold_width
from docdiff.comparison.quantity import parse_unit
from docdiff.package_data import read_data
from docdiff.regex_cache import compile_regex
from docdiff.targets.keys import fold_key, parse_rules

_URBAN_RURAL = ("城镇", "农村")
_SPACES_RE = compile_regex(r"\s+")


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """(substring rules, longest first; whole-key rules) from data/series_synonyms.tsv."""
    text = read_data("series_synonyms.tsv")
    subs, whole = [], {}
    for variant, canonical in parse_rules(text, "series_synonyms.tsv"):
        if variant.startswith("="):
            whole[variant[1:]] = canonical
        else:
            subs.append((variant, canonical))
    return tuple(sorted(subs, key=lambda r: -len(r[0]))), whole


@lru_cache(maxsize=65536)
def series_key(indicator: str) -> str:
    """'农民人均纯收入增长' → '农村居民人均可支配收入增长'; idempotent."""
    subs, whole = _rules()
    key = _SPACES_RE.sub("", fold_width(indicator))
    for _ in range(8):  # to a fixed point, as fold_key does
        before = key
        for variant, canonical in subs:
            if variant in key:
                key = key.replace(variant, canonical)
        key = fold_key(key)
        key = whole.get(key, key)
        if key == before:
            break
    return key


def split_urban_rural(key: str) -> tuple[str, ...]:
    """'城乡居民人均可支配收入增长' → the 城镇 and the 农村 key (one value holds for both)."""
    if key.startswith("城乡居民"):
        return tuple(series_key(u + key[2:]) for u in _URBAN_RURAL)
    return (key,)


# Units one row may hold: a rate, a change of a rate, or a count of people or things (5000人 of
# 新增就业 one year, 5000个 of 新增就业岗位 the next); otherwise the unit's own dimension.
_COUNTS = frozenset({"个", "人", "人次", "户", ""})


def unit_family(unit: str) -> str:
    """'亿元' and '万元' → '元'; '人' and '个' → 'count'; '%' → '%'."""
    base = parse_unit(unit).base
    return "count" if base in _COUNTS else base
