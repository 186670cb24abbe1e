"""Render a CheckReport: `text` and `json` here, `github`, `junit` and `sarif` in their modules.

The one-line description of a finding (``indicator: a → b (changed: value; lowered)``) is built
here and shared by every format, so a CI log, an annotation and a SARIF alert read the same.
"""
from __future__ import annotations

from typing import Any

from docdiff.errors import escape_controls
from docdiff.gate import CheckReport, Finding
from docdiff.model import Comparator, Target, TargetPair, TargetStatus
from docdiff.render.json import SCHEMA, document_json, dumps, target_pair_json

FORMATS = ("text", "json", "github", "junit", "sarif")
MISSING = "—"  # the side a removed or added target lacks
_STATUS_ORDER = (TargetStatus.CHANGED, TargetStatus.REMOVED, TargetStatus.ADDED, TargetStatus.SHARED)


def render_check(report: CheckReport, fmt: str) -> str:
    """The report in ``fmt``: text, json, github, junit or sarif."""
    if fmt == "text":
        return render_text(report)
    if fmt == "json":
        return render_check_json(report)
    if fmt == "github":
        from docdiff.render.github import render_github

        return render_github(report)
    if fmt == "junit":
        from docdiff.render.junit import render_junit

        return render_junit(report)
    if fmt == "sarif":
        from docdiff.render.sarif import render_sarif

        return render_sarif(report)
    raise ValueError(f"unknown check format {fmt!r} (choose from {', '.join(FORMATS)})")


# --- shared wording --------------------------------------------------------------------------


def _number(v: float) -> str:
    return f"{v:.10g}"


def format_value(t: Target | None) -> str:
    """A target's value as a reader would write it: '≥7%', '~6%', '5–6%', '240亿元'."""
    if t is None:
        return MISSING
    if t.value is None:
        return "(no number)"
    if t.value_high is not None:
        return f"{_number(t.value)}–{_number(t.value_high)}{t.unit}"
    prefix = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.APPROX: "~"}.get(t.comparator, "")
    return f"{prefix}{_number(t.value)}{t.unit}"


def indicator_of(pair: TargetPair) -> str:
    """B's indicator as written (A's for a removed target)."""
    t = pair.b or pair.a
    return t.indicator if t is not None else ""


def describe(pair: TargetPair) -> str:
    """'地区生产总值增长: ~6% → ~3.5% (changed: value; lowered; looser)'."""
    return f"{indicator_of(pair)}: {format_value(pair.a)} → {format_value(pair.b)} ({verdict(pair)})"


def verdict(pair: TargetPair) -> str:
    """'changed: value, comparator; lowered; looser', or just the status."""
    parts = [f"{pair.status}: {', '.join(pair.changes)}" if pair.changes else str(pair.status)]
    parts += [x for x in (pair.direction, pair.ambition) if x]
    return "; ".join(parts)


def location(f: Finding) -> str:
    return f"{f.path}:{f.line}"


def summary(report: CheckReport) -> str:
    """'docdiff check: 2 flagged (changed 1, removed 1) of 5 target pairs; …'."""
    counts = {s: 0 for s in _STATUS_ORDER}
    for p in report.pairs:
        counts[p.status] += 1
    flagged = {s: sum(1 for f in report.flagged if f.status == s) for s in _STATUS_ORDER}
    fail_on = ", ".join(str(s) for s in _STATUS_ORDER if s in report.config.fail_on)
    n = len(report.flagged)
    head = (f"{n} flagged ({', '.join(f'{s} {k}' for s, k in flagged.items() if k)})" if n
            else "nothing flagged")
    seen = ", ".join(f"{k} {s}" for s, k in counts.items() if k) or "none"
    line = f"docdiff check: {head} of {len(report.pairs)} target pairs ({seen}); fail on {fail_on}"
    if report.ignored:
        line += f"; {len(report.ignored)} ignored by config"
    if report.tolerated:
        line += f"; {len(report.tolerated)} value changes within tolerance"
    return line


# --- text and json ---------------------------------------------------------------------------


def render_text(report: CheckReport) -> str:
    """One line per finding, `file:line: description`, then notes and a summary line."""
    lines = [f"{location(f)}: {describe(f.pair)}" for f in report.flagged]
    lines += [f"note: {n}" for n in report.notes]
    lines.append(summary(report))
    return escape_controls("\n".join(lines) + "\n")


def config_json(report: CheckReport) -> dict[str, Any]:
    c = report.config
    return {
        "source": c.source,
        "fail_on": [str(s) for s in _STATUS_ORDER if s in c.fail_on],
        "ignore": list(c.ignore),
        "abs_tol": c.abs_tol,
        "rel_tol": c.rel_tol,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {**target_pair_json(f.pair), "file": f.path, "line": f.line, "message": describe(f.pair)}


def render_check_json(report: CheckReport) -> str:
    counts = {str(s): sum(1 for p in report.pairs if p.status == s) for s in _STATUS_ORDER}
    return dumps({
        "schema": SCHEMA,
        "a": document_json(report.a),
        "b": document_json(report.b),
        "config": config_json(report),
        "summary": {
            "flagged": len(report.flagged),
            "pairs": len(report.pairs),
            **counts,
            "ignored": len(report.ignored),
            "tolerated": len(report.tolerated),
        },
        "findings": [finding_json(f) for f in report.flagged],
        "targets": [target_pair_json(p) for p in report.pairs],
        "notes": list(report.notes),
    })
