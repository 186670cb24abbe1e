"""A sentence → could it hold a target at all? A quick test before the sentence is read.

``clauses.read_sentence`` builds targets only from candidate quantities, and those come from
three patterns: a number (``numbers.NUMBER_RE``: Arabic or Chinese numerals, which also covers
百分之…, ranges and years), a doubling (``candidates._DOUBLING_RE``: 翻番, 双倍增) and a draft's
blank (``candidates._PLACEHOLDER_RE``: XX个). A sentence none of them matches yields no target
and no deadline year (到2025年 is a number too), so the reading can be skipped; whether it is a
goal is still decided, since that carries over to the next sentences of a reply's paragraph.
In a plan about half the sentences hold no number.
"""
from __future__ import annotations

from docdiff.chinese import CN_NUMERAL_CHARS
from docdiff.regex_cache import compile_regex
from docdiff.targets.candidates import _DOUBLING_RE, _PLACEHOLDER_RE
from docdiff.targets.numbers import NUMBER_RE

_MAY_HOLD_RE = compile_regex("|".join(f"(?:{p.pattern})" for p in (NUMBER_RE, _DOUBLING_RE, _PLACEHOLDER_RE)))
# A character every match of _MAY_HOLD_RE starts with. A pattern opening with a character class
# is scanned for it at C speed; the alternation above is tried branch by branch at every
# position, which made the test of a long sentence without a number its slowest case.
_FIRST_CHAR_RE = compile_regex(f"[\\d{CN_NUMERAL_CHARS}翻双Xx×*]")


def may_hold_target(sentence: str) -> bool:
    """False when no number, doubling or blank is written in ``sentence`` (then it holds no target)."""
    first = _FIRST_CHAR_RE.search(sentence)
    return first is not None and _MAY_HOLD_RE.search(sentence, first.start()) is not None
