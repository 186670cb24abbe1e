"""Indicator → key: the name folded so the same quantity matches across documents.

'地区生产总值(GDP)增长' → '生产总值增长'; 'R&D经费支出占GDP比重' → '研发经费支出占生产总值比重'.
Rules come from the package's ``data/synonyms.tsv`` plus an optional user file named by the
environment variable ``DOCDIFF_SYNONYMS`` (same format: VARIANT<TAB>CANONICAL per line).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from docdiff.chinese import fold_width
from docdiff.errors import ConfigError
from docdiff.package_data import read_data
from docdiff.regex_cache import compile_regex

ENV_VAR = "DOCDIFF_SYNONYMS"

# Brackets that only repeat a synonym or a unit: 地区生产总值(GDP), 城镇新增就业人数(万人).
_BRACKET_RE = compile_regex(r"\((?:GDP|R&D|万?[元人户亩吨个家项%]|亿元|万元|%)\)")
# Quote marks and spaces carry no meaning for matching.
_DROP_RE = compile_regex(r"[\s“”\"'‘’「」《》]")


def parse_rules(text: str, source: str) -> list[tuple[str, str]]:
    """VARIANT<TAB>CANONICAL lines (# comments, blank lines skipped), width-folded; ConfigError naming
    ``source`` and the line for anything else."""
    rules = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise ConfigError(f"{source}:{n}: expected VARIANT<TAB>CANONICAL, got {line!r}")
        rules.append((fold_width(parts[0].strip()), fold_width(parts[1].strip())))
    return rules


@lru_cache(maxsize=4)
def load_rules(extra_path: str | None = None) -> tuple[tuple[str, str], ...]:
    """The shipped rules, then the user's; longest variant first within each file."""
    shipped = read_data("synonyms.tsv")
    rules = sorted(parse_rules(shipped, "synonyms.tsv"), key=lambda r: -len(r[0]))
    if extra_path:
        try:
            with open(extra_path, encoding="utf-8") as f:
                extra = f.read()
        except OSError as e:
            raise ConfigError(f"{ENV_VAR}={extra_path}: cannot read ({e.strerror or e})") from None
        rules += sorted(parse_rules(extra, extra_path), key=lambda r: -len(r[0]))
    return tuple(rules)


@lru_cache(maxsize=4)
def _variant_finder(extra_path: str | None) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``load_rules(extra_path)`` would change it."""
    variants = sorted({v for v, c in load_rules(extra_path) if v != c})
    return compile_regex("|".join(re.escape(v) for v in variants) or "(?!)")


def _apply(text: str, rules: tuple[tuple[str, str], ...], finder: re.Pattern[str]) -> str:
    if not finder.search(text):
        return text  # most indicators: no rule applies (one search, not a test per rule)
    for variant, canonical in rules:
        if variant in text and variant != canonical:
            text = text.replace(variant, canonical)
    return text


def fold_key(indicator: str) -> str:
    """Fold an indicator into its matching key; ``fold_key(fold_key(k)) == fold_key(k)``."""
    return _fold_key(indicator, os.environ.get(ENV_VAR) or None)


@lru_cache(maxsize=4096)
def _fold_key(indicator: str, extra_path: str | None) -> str:
    """fold_key with the user's rules file named. Cached, as ``load_rules`` reads a file once: a
    document names an indicator many times, and two versions of it mostly the same ones."""
    rules, finder = load_rules(extra_path), _variant_finder(extra_path)
    key = _DROP_RE.sub("", fold_width(indicator)).replace("（", "(").replace("）", ")")
    # Repeat until nothing changes: a replacement may create a variant another rule folds
    # (GDP inside 地区GDP), and a fixed point is what makes the fold idempotent.
    for _ in range(8):
        folded = _apply(_BRACKET_RE.sub("", key), rules, finder)
        if folded == key:
            break
        key = folded
    return key
