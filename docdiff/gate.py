"""The CI gate behind `docdiff check A B`: config + --fail-on + the target diff → a CheckReport.

A (the baseline) and B (the new draft) are outlined, their targets extracted and matched; pairs
whose status is in ``fail_on`` become findings, except those the config ignores or whose only
change is a value within the configured tolerance.
"""
from __future__ import annotations

import fnmatch
import math
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from docdiff.errors import ConfigError
from docdiff.model import Document, SectionPair, Target, TargetPair, TargetStatus
from docdiff.quantity import same_quantity

DEFAULT_FAIL_ON = frozenset({TargetStatus.CHANGED, TargetStatus.REMOVED})
CONFIG_KEYS = ("ignore", "abs_tol", "rel_tol", "fail_on")
REGEX_PREFIX = "re:"  # an ignore entry "re:…" is a regular expression; any other is a glob


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckConfig:
    """What the gate flags. Tolerances are in B's unit as written (0.5 with % = half a point)."""

    fail_on: frozenset[TargetStatus] = DEFAULT_FAIL_ON
    ignore: tuple[str, ...] = ()  # keys, globs (生产总值*) or "re:" regexes of indicators
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    source: str | None = None  # the file the settings came from, None for the defaults


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A flagged target pair and where to point at it: B's line, or A's for a removed target."""

    pair: TargetPair
    path: str
    line: int
    # False for HTML, docx and PDF, whose line numbers count lines of the extracted text: an
    # annotation must not point at that line of the file itself.
    line_in_file: bool = True

    @property
    def status(self) -> TargetStatus:
        return self.pair.status

    @property
    def target(self) -> Target:
        """The target shown: B's, or A's when B has none."""
        t = self.pair.b or self.pair.a
        assert t is not None  # a TargetPair always has one side
        return t


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    """Everything `check` found; the single input of every check renderer."""

    a: Document
    b: Document
    config: CheckConfig
    pairs: tuple[TargetPair, ...]  # every pair, a within-tolerance value change counted shared
    flagged: tuple[Finding, ...]
    ignored: tuple[TargetPair, ...] = ()  # pairs the config's ignore list skipped
    tolerated: tuple[TargetPair, ...] = ()  # pairs (as matched) whose value change was tolerated
    notes: tuple[str, ...] = ()


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


# --- configuration ---------------------------------------------------------------------------


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
    return CheckConfig(
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
        from docdiff.indicators import fold_key
    except ImportError:  # the folding stage is optional here: plain names still match exactly
        return name
    return fold_key(name)


# --- the check -------------------------------------------------------------------------------


def run_check(a: Document, b: Document, config: CheckConfig) -> CheckReport:
    """Outline, extract, align and match (no text diff: the gate needs only the targets)."""
    pairs, notes = _match(a, b)
    return evaluate(a, b, pairs, config, notes=notes)


def _match(a: Document, b: Document) -> tuple[tuple[TargetPair, ...], tuple[str, ...]]:
    # The full compare() also diffs every section's text and measures reuse, the slow part on
    # long plans; the gate needs only the section alignment, as evidence for matching targets.
    from docdiff.align import align_sections
    from docdiff.outline import parse_outline
    from docdiff.targetdiff import match_targets
    from docdiff.targets import extract_targets

    outline_a, outline_b = parse_outline(a), parse_outline(b)
    targets_a, targets_b = extract_targets(a, outline_a), extract_targets(b, outline_b)
    sections: tuple[SectionPair, ...]
    sections, notes = align_sections(a, outline_a, b, outline_b)
    notes = tuple(notes)
    if not targets_a and not targets_b:
        notes += ("no quantified targets found in either document",)
    return match_targets(a, targets_a, b, targets_b, sections), notes


def evaluate(
    a: Document, b: Document, pairs: tuple[TargetPair, ...], config: CheckConfig, *, notes: tuple[str, ...] = ()
) -> CheckReport:
    """Apply tolerance, ignore list and fail_on to matched pairs."""
    kept: list[TargetPair] = []
    tolerated: list[TargetPair] = []
    ignored: list[TargetPair] = []
    findings: list[Finding] = []
    for pair in pairs:
        adjusted = _tolerate(pair, config)
        if adjusted is not pair:
            tolerated.append(pair)
        kept.append(adjusted)
        if adjusted.status not in config.fail_on:
            continue
        if is_ignored(adjusted, config.ignore):
            ignored.append(adjusted)
            continue
        findings.append(_finding(a, b, adjusted))
    return CheckReport(
        a=a, b=b, config=config, pairs=tuple(kept), flagged=tuple(findings),
        ignored=tuple(ignored), tolerated=tuple(tolerated), notes=notes,
    )


def _tolerate(pair: TargetPair, config: CheckConfig) -> TargetPair:
    """The pair without its value change when both values agree within the tolerance."""
    if "value" not in pair.changes or not (config.abs_tol or config.rel_tol):
        return pair
    ta, tb = pair.a, pair.b
    assert ta is not None and tb is not None  # a changed pair has both sides
    close = same_quantity(ta.value, ta.unit, tb.value, tb.unit, abs_tol=config.abs_tol, rel_tol=config.rel_tol)
    if close and (ta.value_high is not None or tb.value_high is not None):
        close = same_quantity(ta.value_high, ta.unit, tb.value_high, tb.unit,
                              abs_tol=config.abs_tol, rel_tol=config.rel_tol)
    if not close:
        return pair
    changes = tuple(c for c in pair.changes if c != "value")
    return replace(
        pair,
        status=TargetStatus.CHANGED if changes else TargetStatus.SHARED,
        changes=changes,
        direction=None,
        ambition=None,
    )


def _finding(a: Document, b: Document, pair: TargetPair) -> Finding:
    doc, target = (b, pair.b) if pair.b is not None else (a, pair.a)
    assert target is not None  # a pair always has one side
    return Finding(pair=pair, path=doc.path, line=target.line, line_in_file=doc.format == "text")
