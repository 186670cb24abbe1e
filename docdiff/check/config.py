"""The gate's settings: --fail-on statuses, tolerances and the ignore list, read from
``--config FILE``, ``[tool.docdiff]`` in ./pyproject.toml or ./.docdiff.toml; every problem is a
ConfigError naming the file and the key.
"""
from __future__ import annotations

import fnmatch
import math
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from docdiff.errors import ConfigError
from docdiff.model import TargetPair, TargetStatus

DEFAULT_FAIL_ON = frozenset({TargetStatus.CHANGED, TargetStatus.REMOVED})
CONFIG_KEYS = ("ignore", "abs_tol", "rel_tol", "fail_on", "include_past", "tier")
TIERS = ("headline", "task")
REGEX_PREFIX = "re:"  # an ignore entry "re:…" is a regular expression; any other is a glob


class CheckConfig(Struct, frozen=True, kw_only=True):
    """What the gate flags. Tolerances are in B's unit as written (0.5 with % = half a point)."""

    fail_on: frozenset[TargetStatus] = DEFAULT_FAIL_ON
    ignore: tuple[str, ...] = ()  # keys, globs (生产总值*) or "re:" regexes of indicators
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    source: str | None = None  # the file the settings came from, None for the defaults
    include_past: bool = False  # also compare a past period's rows (--include-past)
    tier: str | None = None  # compare this tier alone (--tier headline)


def parse_fail_on(text: str) -> frozenset[TargetStatus]:
    """'changed,removed' → {CHANGED, REMOVED}; 'any' → every difference (changed, removed, added)."""
    return _statuses(re.split(r"[,\s]+", text.strip()), "--fail-on")


ANY_DIFFERENCE = frozenset({TargetStatus.CHANGED, TargetStatus.REMOVED, TargetStatus.ADDED})


def _statuses(words: list[str], where: str) -> frozenset[TargetStatus]:
    known = {s.value: s for s in TargetStatus}
    out: set[TargetStatus] = set()
    bad = []
    for word in (w.strip().lower() for w in words):
        if not word:
            continue
        if word == "any":  # any difference; an unchanged (shared) target is never a finding
            out.update(ANY_DIFFERENCE)
        elif word in known:
            out.add(known[word])
        else:
            bad.append(word)
    if bad:
        raise ConfigError(
            f"{where}: unknown status {', '.join(bad)} (choose from changed, removed, added, shared, any)"
        )
    if not out:
        raise ConfigError(f"{where}: no status given (choose from changed, removed, added, shared, any)")
    return frozenset(out)


def load_config(path: str | None, *, fail_on: str | None) -> CheckConfig:
    """Settings from ``--config FILE``, else [tool.docdiff] in ./pyproject.toml, else
    ./.docdiff.toml, else the defaults; ``fail_on`` (the CLI option) overrides the file's."""
    table, source = _find_table(path)
    config = _config_from_table(table, source) if table is not None else CheckConfig()
    if fail_on is not None:
        config = replace(config, fail_on=parse_fail_on(fail_on))
    return config


def _find_table(path: str | None) -> tuple[dict[str, Any] | None, str | None]:
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"{path}: no such config file" if not p.exists() else f"{path}: not a file")
        data = _read_toml(p)
        if p.name == "pyproject.toml" or "tool" in data:
            table = _tool_table(data, path).get("docdiff")
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: no [tool.docdiff] table")
            return table, path
        return data, path
    pyproject = Path("pyproject.toml")
    if pyproject.is_file():
        table = _tool_table(_read_toml(pyproject), "pyproject.toml").get("docdiff")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError("pyproject.toml: [tool.docdiff] must be a table")
            return table, "pyproject.toml"
    dotfile = Path(".docdiff.toml")
    if dotfile.is_file():
        return _read_toml(dotfile), ".docdiff.toml"
    return None, None


def _tool_table(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The file's [tool] table; a ``tool`` that is a number, string or array is an error."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{source}: tool must be a table ([tool.docdiff]), not a {type(tool).__name__}")
    return tool


def _read_toml(p: Path) -> dict[str, Any]:
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(f"{p}: cannot read config: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: config is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # tomllib's message already ends "(at line N, column M)": one line naming file and line.
        raise ConfigError(f"{p}: invalid TOML: {e}") from None
    except RecursionError:  # tomllib recurses per nested array or inline table
        raise ConfigError(f"{p}: invalid TOML: arrays or tables nested too deeply") from None


def _config_from_table(table: dict[str, Any], source: str) -> CheckConfig:
    unknown = [k for k in table if k not in CONFIG_KEYS]  # in the file's order
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}")
    ignore = table.get("ignore", [])
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise ConfigError(f"{source}: ignore must be a list of strings")
    for pattern in ignore:
        _compile(pattern, source)
    fail_on = table.get("fail_on", None)
    if isinstance(fail_on, str):
        fail_on = re.split(r"[,\s]+", fail_on)
    if fail_on is not None and (not isinstance(fail_on, list) or not all(isinstance(x, str) for x in fail_on)):
        raise ConfigError(f"{source}: fail_on must be a list of statuses")
    include_past = table.get("include_past", False)
    if not isinstance(include_past, bool):
        raise ConfigError(f"{source}: include_past must be true or false")
    tier = table.get("tier", None)
    if tier is not None and tier not in TIERS:
        raise ConfigError(f"{source}: tier must be one of {', '.join(TIERS)}, not {tier!r}")
    return CheckConfig(
        include_past=include_past,
        tier=tier,
        fail_on=_statuses(fail_on, f"{source}: fail_on") if fail_on is not None else DEFAULT_FAIL_ON,
        ignore=tuple(ignore),
        abs_tol=_tolerance(table, "abs_tol", source),
        rel_tol=_tolerance(table, "rel_tol", source),
        source=source,
    )


def _tolerance(table: dict[str, Any], name: str, source: str) -> float:
    value = table.get(name, 0.0)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ConfigError(f"{source}: {name} must be a number ≥ 0, not {value!r}")
    return float(value)


@lru_cache(maxsize=256)
def _compile(pattern: str, source: str = "ignore") -> Any:
    """An ignore entry as a regex: "re:…" as written, anything else as a whole-string glob.

    A "re:" pattern comes from a config and runs on text a document supplies, so it is compiled
    by RE2 (google-re2), which matches in linear time: Python's backtracking engine took forever
    on ``(a+)+$`` against 32 a's. RE2 has no backreferences or lookaround; such a pattern is an
    error that says so."""
    if pattern.startswith(REGEX_PREFIX):
        import re2

        try:
            return re2.compile(pattern[len(REGEX_PREFIX):])
        except re2.error as e:
            raise ConfigError(f"{source}: ignore pattern {pattern!r} is not a valid regex "
                              f"(RE2 syntax: no backreferences or lookaround): {e}") from None
    return re.compile(fnmatch.translate(pattern))


def is_ignored(pair: TargetPair, patterns: tuple[str, ...]) -> bool:
    """Whether a pattern matches the key or the indicator of either side's target."""
    if not patterns:
        return False
    names = {n for t in (pair.a, pair.b) if t is not None for n in (t.key, t.indicator) if n}
    for pattern in patterns:
        rx = _compile(pattern)
        if pattern.startswith(REGEX_PREFIX):
            if any(rx.search(n) for n in names):
                return True
        elif any(rx.match(n) for n in names) or _folded(pattern) in names:
            return True
    return False


def _folded(name: str) -> str:
    """The indicator key of a name in the config (GDP增长 → 地区生产总值增长), when keys fold."""
    try:
        from docdiff.targets.keys import fold_key
    except ImportError:  # the folding stage is optional here: plain names still match exactly
        return name
    return fold_key(name)
