"""A regex searched only in a text that holds one of the literals every match of it contains.

Metadata and body clues search whole lines, and a document pasted as one line is one 12 MB line:
a regex scan of it costs ~0.1 s, a substring test (C fast search) a few ms. When none of the
required literals is in the text the regex cannot match, so the answer is the same None.
"""
from __future__ import annotations

import re

from docdiff.regex_cache import compile_regex


class GatedRegex:
    """``search`` = ``re.compile(pattern).search``, skipped when no ``needles`` literal is in the
    text (every match must contain one of them: the caller states it, tests check it)."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: str, needles: tuple[str, ...]) -> None:
        self.pattern: re.Pattern[str] = compile_regex(pattern)
        self.needles = needles

    def search(self, text: str) -> re.Match[str] | None:
        if any(needle in text for needle in self.needles):
            return self.pattern.search(text)
        return None
