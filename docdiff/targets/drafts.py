"""A target as one sentence's reading drafts it, and the small readers of what follows a number."""
from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from docdiff.model import Comparator
from docdiff.regex_cache import compile_regex
from docdiff.targets.candidates import suffix_len

ITEM_SEP = "、"
CONTEXT_CHARS = 40  # characters of the clause before a value that can say 累计/全年/保持 about it
_SPACES_RE = compile_regex(r" *")


class Draft(Struct, gc=False):
    """A target before it gets its id and key."""

    indicator: str
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    comparator: Comparator
    start: int  # offsets into the sentence
    end: int
    bracketed: bool = False
    context: str = ""


def text_after(text: str, pos: int) -> str:
    """The few characters after ``pos`` past any spaces: what ``text[pos:].lstrip(" ")`` starts
    with, without copying the rest of the sentence for every value (3 is the longest cue: 及以上)."""
    start = _SPACES_RE.match(text, pos).end()
    return text[start : start + 3]


def suffix_len_at(text: str, pos: int) -> int:
    """``suffix_len(text[pos:])`` reading only the spaces and the suffix after ``pos``."""
    start = _SPACES_RE.match(text, pos).end()
    return suffix_len(text[pos : start + 3])
