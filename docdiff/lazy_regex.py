"""Module-level regexes compiled on first use, for patterns most runs never need.

re's compiler is pure Python: a pattern with a CJK class ([\\u3400-\\u9fff]) takes about a
millisecond. ``regex_cache.compile_regex`` saves that after the first run; ``lazy_compile`` also
skips the cache lookup for a pattern a run never uses. It returns a stand-in that compiles (via
the cache) on the first method call; every attribute of the compiled pattern (``search``,
``sub``, ``pattern`` …) is reached through it. The stand-in costs one extra Python call per use,
so keep ``compile_regex`` for patterns run in a tight loop on every document.
"""
from __future__ import annotations

import re
from typing import Any

from docdiff.regex_cache import compile_regex


class LazyPattern:
    """A ``re.Pattern`` compiled when one of its attributes is first read."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_regex(self._pattern, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:  # read to build other patterns: no need to compile this one
        return self._pattern

    def __getattr__(self, name: str) -> Any:  # called only for names not in __slots__
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._pattern!r}, {self._flags})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (typed as the pattern)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
