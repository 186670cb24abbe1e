"""Regexes compiled once per machine, not once per run: ``compile_regex`` keeps the compiled form on disk.

re's compiler is pure Python. docdiff's ~220 patterns, many with CJK classes ([\\u3400-\\u9fff]
builds a 64 KiB bitmap in a Python loop), took ~57 ms to compile in every run — more than
Python's own start-up. The compiled form is a list of integers that ``_sre.compile`` turns into
a pattern in microseconds; this module stores those lists beside docdiff's bytecode (in the same
``__pycache__`` folder, honouring ``PYTHONPYCACHEPREFIX`` and ``PYTHONDONTWRITEBYTECODE``) and
reads them back on the next run.

The stored form is private to one interpreter build: the file name carries the interpreter's
cache tag and the regex engine's magic number, and the file itself the full ``sys.version``; any
mismatch, unreadable or corrupt file, or missing internal API falls back to ``re.compile``. The
file is written once at exit when a run compiled something new, atomically (temporary file +
rename); a failure to write is ignored — the cache only ever saves time.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from pathlib import Path

try:  # the pieces of re.compile, so the compiled code can be kept (CPython 3.11+)
    import _sre
    from re import _compiler, _parser

    _INTERNALS = hasattr(_sre, "compile") and hasattr(_compiler, "_code") and hasattr(_parser, "parse")
except ImportError:  # pragma: no cover - other interpreters
    _INTERNALS = False

_Key = tuple[str, int]
_Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_MAX_ENTRIES = 4000  # old patterns (edited since) are dropped beyond this many

_entries: dict[_Key, _Compiled] | None = None
_dirty = False


def cache_file() -> Path:
    """Where this interpreter keeps docdiff's compiled regexes (beside this module's bytecode)."""
    from importlib.util import cache_from_source

    tag = sys.implementation.cache_tag or "none"
    magic = getattr(_sre, "MAGIC", 0) if _INTERNALS else 0
    return Path(cache_from_source(__file__)).with_name(f"docdiff-regexes.{tag}-{magic}.marshal")


def _stamp() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', 0)}|{getattr(_sre, 'CODESIZE', 0)}"


def _load() -> dict[_Key, _Compiled]:
    try:
        data = marshal.loads(cache_file().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != _stamp() or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def _entries_now() -> dict[_Key, _Compiled]:
    global _entries
    if _entries is None:
        _entries = _load()
    return _entries


def _compiled_form(pattern: str, flags: int) -> _Compiled:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, computed the same way."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the on-disk cache when this interpreter has compiled it before."""
    global _dirty
    flags = int(flags)
    if not _INTERNALS or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    entries = _entries_now()
    form = entries.get((pattern, flags))
    if form is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = form
            return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
        except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile afresh
            pass
    form = _compiled_form(pattern, flags)  # raises re.error for a bad pattern, like re.compile
    compiled = _sre.compile(pattern, *form)
    entries[(pattern, flags)] = form
    if not _dirty:
        _dirty = True
        atexit.register(save)
    return compiled


def save() -> None:
    """Write the cache if this run added patterns (atomic; nothing left behind; errors ignored)."""
    global _dirty
    if not _dirty or _entries is None or sys.dont_write_bytecode:
        return
    _dirty = False
    entries = _entries
    if len(entries) > _MAX_ENTRIES:  # keep the newest (dicts keep insertion order)
        entries = dict(list(entries.items())[-_MAX_ENTRIES:])
    path = cache_file()
    tmp_name = None
    try:
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".docdiff-regexes.", suffix=".tmp")
        os.chmod(tmp_name, 0o644)  # readable like the .pyc files beside it
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps({"stamp": _stamp(), "entries": entries}))
        os.replace(tmp_name, path)
        tmp_name = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass

