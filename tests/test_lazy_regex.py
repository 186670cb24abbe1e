"""lazy_regex: a LazyPattern compiles on first use and then behaves as the compiled pattern."""
from __future__ import annotations

import re

from docdiff.lazy_regex import LazyPattern, lazy_compile


def test_compiles_on_first_use_only() -> None:
    p = lazy_compile(r"(?P<n>\d+)年", re.I)
    assert isinstance(p, LazyPattern) and p._compiled is None  # type: ignore[attr-defined]
    assert p.pattern == r"(?P<n>\d+)年" and p._compiled is None  # type: ignore[attr-defined]  # no compile
    m = p.search("到2025年")
    assert m is not None and m.group("n") == "2025"
    assert p._compiled == re.compile(r"(?P<n>\d+)年", re.I)  # type: ignore[attr-defined]


def test_every_method_is_the_compiled_patterns() -> None:
    p, q = lazy_compile(r"[\u3400-\u9fff]+"), re.compile(r"[\u3400-\u9fff]+")
    text = "GDP增长6%左右, 居民收入同步增长"
    assert p.findall(text) == q.findall(text)
    assert p.sub("#", text) == q.sub("#", text)
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in q.finditer(text)]
    assert p.fullmatch("增长") is not None and p.match("GDP") is None
    assert p.groups == q.groups and p.flags == q.flags
