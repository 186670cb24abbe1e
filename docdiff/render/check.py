"""Render a CheckReport: `text` and `json` here, `github`, `junit` and `sarif` in their modules;
the wording they share is in ``check_words``.
"""
from __future__ import annotations

from typing import Any

from docdiff.check.gate import CheckReport, Finding
from docdiff.errors import escape_controls
from docdiff.render.check_words import STATUS_ORDER, describe, location, summary
from docdiff.render.json import SCHEMA, document_json, dumps, target_pair_json

FORMATS = ("text", "json", "github", "junit", "sarif")


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
        "fail_on": [str(s) for s in STATUS_ORDER if s in c.fail_on],
        "ignore": list(c.ignore),
        "abs_tol": c.abs_tol,
        "rel_tol": c.rel_tol,
    }


def finding_json(f: Finding, report: CheckReport | None = None) -> dict[str, Any]:
    docs = (report.a, report.b) if report is not None else (None, None)
    return {**target_pair_json(f.pair, *docs), "file": f.path, "line": f.line, "message": describe(f.pair)}


def render_check_json(report: CheckReport) -> str:
    counts = {str(s): sum(1 for p in report.pairs if p.status == s) for s in STATUS_ORDER}
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
        "findings": [finding_json(f, report) for f in report.flagged],
        "targets": [target_pair_json(p, report.a, report.b) for p in report.pairs],
        "notes": list(report.notes),
    })
