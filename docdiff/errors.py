"""The only exceptions a user ever sees: bad input or bad config, reported as one line."""
from __future__ import annotations

import re
from functools import lru_cache

from docdiff.regex_cache import compile_regex


class DocdiffError(Exception):
    """Bad input or config. The CLI prints str(self) as one line and exits 2."""


def printable(text: str) -> str:
    """``text`` with control characters escaped (a\\nb), so a hostile file name stays on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def escape_controls(text: str, keep: str = "\t\n") -> str:
    """``text`` with C0/C1 control characters and DEL shown as ``\\xNN`` escapes, except those in
    ``keep``: what every text renderer (terminal, Markdown, CSV, check text, github) prints, so a
    document's ESC/OSC sequences cannot clear a screen or retitle a window. Other characters
    (CJK, ideographic space) are kept as they are."""
    pattern = _controls_re(keep)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: repr(m.group())[1:-1], text)  # \x1b, \t: as printable() shows them


@lru_cache(maxsize=8)
def _controls_re(keep: str) -> re.Pattern[str]:
    codes = [c for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in keep]
    return compile_regex("[" + "".join(f"\\x{c:02x}" for c in codes) + "]")


class InputError(DocdiffError):
    """A document that cannot be read: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{printable(path)}: {problem}")


class ConfigError(DocdiffError):
    """A bad option or configuration file."""
