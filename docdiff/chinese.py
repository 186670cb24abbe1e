"""Chinese text basics every stage shares: width folding and Chinese numerals.

``fold_width`` is length-preserving (full-width ASCII → half-width, 　 → space, a CJK radical
as PDF producers emit it → its ideograph: ⼯ → 工, ⻓ → 长): it maps one character to one
character, so an offset into the folded text is an offset into the original and shown text and
line numbers never change.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from docdiff.package_data import read_data
from docdiff.regex_cache import compile_regex


def _radicals() -> dict[int, int]:
    """CJK Radicals Supplement and Kangxi radicals → ideographs (data/radicals.tsv, from Unicode)."""
    out = {}
    for line in read_data("radicals.tsv").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")
            out[ord(radical)] = ord(ideograph)
    return out


RADICALS = _radicals()
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | RADICALS


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars``, as ranges of escaped code points (any character is
    safe in it, "-" and "]" too; a compact class compiles and runs faster)."""
    codes = sorted({ord(c) for c in chars})
    out, k = [], 0
    while k < len(codes):
        j = k
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(f"\\U{codes[k]:08x}" + (f"-\\U{codes[j]:08x}" if j > k else ""))
        k = j + 1
    return "[" + "".join(out) + "]"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so the longest word that fits is
    the one matched; words of one length cannot both match, ties go by the word for a stable
    pattern string — the regex cache keys on it)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Runs of characters that fold: str.translate looks every character up in a dict (~90 ns each);
# the regex skips the rest in C, so a report (a comma in ten characters) folds ~6× faster.
_FOLDABLE_RE = compile_regex(char_class(map(chr, _WIDTH)) + "+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_WIDTH)


def fold_width(text: str) -> str:
    """'２０２５年，ＧＤＰ增长７％' → '2025年,GDP增长7%' (same length)."""
    return _FOLDABLE_RE.sub(_fold_run, text)


CN_DIGIT_VALUES = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}

CN_NUMERAL_CHARS = "".join(CN_DIGIT_VALUES) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
CN_DECIMAL_DIGITS = "〇零一二三四五六七八九"


def parse_chinese_integer(text: str) -> Decimal:
    """三千五百 → 3500, 一万零一十二 → 10012, 两百 → 200, 百 → 100, 十二 → 12, 二〇三五 → 2035."""
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in CN_DIGIT_VALUES for c in text):  # digit-by-digit: 二〇三五
        return Decimal("".join(str(CN_DIGIT_VALUES[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in CN_DIGIT_VALUES:
            digit = CN_DIGIT_VALUES[c]
        elif c in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[c]  # 百 alone = 一百
            digit = None
        else:  # 万 / 亿 close a section
            big = CN_BIG_UNITS[c]
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万 alone = 一万
            if big == 10**8:
                total = (total + section) * big
            else:
                # 万 after 亿 (一亿二千万) scales only what follows the 亿
                high, low = divmod(total, 10**8)
                total = high * 10**8 + (low + section) * big
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def parse_chinese_decimal(text: str) -> Decimal:
    """五点五 → 5.5, 一点五六 → 1.56, 二十三点八 → 23.8 (an integer part, 点, then digits)."""
    whole, dot, frac = text.partition("点")
    if not dot or not frac or any(c not in CN_DECIMAL_DIGITS for c in frac):
        raise ValueError(f"not a Chinese decimal: {text!r}")
    return parse_chinese_integer(whole) + Decimal("0." + "".join(str(CN_DIGIT_VALUES[c]) for c in frac))
