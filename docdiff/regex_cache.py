"""Regexes compiled once per machine, not once per run: ``compile_regex`` keeps the compiled form on disk.

re's compiler is pure Python. docdiff's ~220 patterns, many with CJK classes ([\\u3400-\\u9fff]
builds a 64 KiB bitmap in a Python loop), took ~57 ms to compile in every run — more than
Python's own start-up. The compiled form is a list of integers that ``_sre.compile`` turns into
a pattern in microseconds; this module stores that code beside docdiff's bytecode (in the same
``__pycache__`` folder, honouring ``PYTHONPYCACHEPREFIX`` and ``PYTHONDONTWRITEBYTECODE``; in the
user's cache folder when an install is not writable) and reads them back on the next run.

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
from array import array
from pathlib import Path

try:  # the pieces of re.compile, so the compiled code can be kept (CPython 3.11+)
    import _sre
    from re import _compiler, _parser

    _INTERNALS = hasattr(_sre, "compile") and hasattr(_compiler, "_code") and hasattr(_parser, "parse") \
        and array("I").itemsize == getattr(_sre, "CODESIZE", 0)
except ImportError:  # pragma: no cover - other interpreters
    _INTERNALS = False

_Key = tuple[str, int]
# The code is kept as the bytes of an array of C unsigned ints (_sre's code words): marshal reads
# 210 patterns' 57,000 words as bytes in ~0.1 ms against ~2 ms as a list of ints, and only the
# patterns a run compiles become lists.
_Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# docdiff compiles ~220 patterns; beyond this many the least recently used are dropped, so the
# file (read whole by every run) cannot grow with patterns edited or built from
# data. Every pattern must be the same string in every run: built from a set, sort it by the
# words themselves too, or each hash seed adds another copy.
_MAX_ENTRIES = 600

_entries: dict[_Key, _Compiled] | None = None
_used: set[_Key] = set()
_dirty = False


def cache_files() -> list[Path]:
    """Where this interpreter keeps docdiff's compiled regexes: beside this module's bytecode, or,
    where that is not writable (a system-wide install), in the user's cache folder."""
    from importlib.util import cache_from_source

    tag = sys.implementation.cache_tag or "none"
    magic = getattr(_sre, "MAGIC", 0) if _INTERNALS else 0
    name = f"docdiff-regexes.{tag}-{magic}.marshal"
    places = []
    try:
        places.append(Path(cache_from_source(__file__)).with_name(name))
    except NotImplementedError:  # an interpreter without bytecode caching
        pass
    user_cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    places.append(Path(user_cache) / "docdiff" / name)
    return places


def _stamp() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', 0)}|{getattr(_sre, 'CODESIZE', 0)}|code-bytes"


def _load() -> dict[_Key, _Compiled]:
    """The entries of every readable cache file of this interpreter (beside the bytecode wins)."""
    entries: dict[_Key, _Compiled] = {}
    for path in reversed(cache_files()):
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if isinstance(data, dict) and data.get("stamp") == _stamp() and isinstance(data.get("entries"), dict):
            entries.update(data["entries"])
    return entries


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
    return flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the on-disk cache when this interpreter has compiled it before."""
    global _dirty
    flags = int(flags)
    if not _INTERNALS or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    entries = _entries_now()
    key = (pattern, flags)
    _used.add(key)
    form = entries.get(key)
    if form is not None:
        try:
            return _compile(pattern, form)
        except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile afresh
            pass
    form = _compiled_form(pattern, flags)  # raises re.error for a bad pattern, like re.compile
    compiled = _compile(pattern, form)
    entries[key] = form
    if not _dirty:
        _dirty = True
        atexit.register(save)
    return compiled


def _compile(pattern: str, form: _Compiled) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = form
    return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)


def save() -> None:
    """Write the cache if this run added patterns (atomic; nothing left behind; errors ignored)."""
    global _dirty
    if not _dirty or _entries is None or sys.dont_write_bytecode:
        return
    _dirty = False
    # This run's patterns last (dicts keep insertion order), then keep the newest _MAX_ENTRIES.
    entries = {k: v for k, v in _entries.items() if k not in _used}
    entries.update((k, _entries[k]) for k in _entries if k in _used)
    if len(entries) > _MAX_ENTRIES:
        entries = dict(list(entries.items())[-_MAX_ENTRIES:])
    try:
        data = marshal.dumps({"stamp": _stamp(), "entries": entries})
    except ValueError:  # an entry marshal cannot hold: keep no cache rather than fail
        return
    for path in cache_files():  # the first place that takes it
        if _write_atomically(path, data):
            return


def _write_atomically(path: Path, data: bytes) -> bool:
    """``data`` into ``path`` through a temporary file and a rename; False (and nothing left
    behind) when the place is not writable."""
    from docdiff.new_file import create_new

    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = create_new(path.parent, ".docdiff-regexes.", ".tmp")
        os.chmod(tmp_name, 0o644)  # readable like the .pyc files beside it
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp_name, path)
        tmp_name = None
        return True
    except OSError:
        return False
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
