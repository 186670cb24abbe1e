"""`check --format sarif`: a SARIF 2.1.0 log for code-scanning dashboards (GitHub, Azure DevOps).

One rule per target status (`docdiff/target-changed`, …), one result per finding at B's line (A's
for a removed target). `partialFingerprints` hash the indicator key and status, not the line,
so an alert survives edits that only move the target and re-runs do not duplicate it.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from docdiff.check.gate import CheckReport, Finding
from docdiff.model import TargetStatus
from docdiff.render.check_words import describe, format_value

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "docdiffTarget/v1"  # bump the suffix if what is hashed ever changes

_RULES: dict[TargetStatus, tuple[str, str]] = {
    TargetStatus.CHANGED: (
        "TargetChanged", "A target of the baseline has a different value, unit, comparator, year or period."),
    TargetStatus.REMOVED: ("TargetRemoved", "A target of the baseline is missing from the new document."),
    TargetStatus.ADDED: ("TargetAdded", "The new document sets a target the baseline does not have."),
    TargetStatus.SHARED: ("TargetShared", "A target is the same in both documents."),
}
_ORDER = (TargetStatus.CHANGED, TargetStatus.REMOVED, TargetStatus.ADDED, TargetStatus.SHARED)


def rule_id(status: TargetStatus) -> str:
    return f"docdiff/target-{status}"


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative (to the checkout), with '/'."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def fingerprint(key: str, status: TargetStatus, occurrence: int) -> str:
    """Stable across runs and line moves; ``occurrence`` tells apart repeats of one key."""
    return hashlib.sha256(f"{key}\x00{status}\x00{occurrence}".encode()).hexdigest()[:32]


def _location(
    path: str, line: int | None, message: str | None = None, ident: int | None = None
) -> dict[str, Any]:
    """A physicalLocation; without a region when ``line`` is None (a line of extracted text)."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if line is not None:
        physical["region"] = {"startLine": max(line, 1)}
    loc: dict[str, Any] = {"physicalLocation": physical}
    if ident is not None:
        loc["id"] = ident
    if message:
        loc["message"] = {"text": message}
    return loc


def _result(report: CheckReport, f: Finding, occurrence: int) -> dict[str, Any]:
    pair = f.pair
    result: dict[str, Any] = {
        "ruleId": rule_id(pair.status),
        "ruleIndex": _ORDER.index(pair.status),
        "level": "error",
        "message": {"text": describe(pair)},
        "locations": [_location(f.path, f.line if f.line_in_file else None)],
        "partialFingerprints": {FINGERPRINT: fingerprint(f.target.key or f.target.indicator, pair.status, occurrence)},
        "properties": {
            "status": str(pair.status),
            "key": f.target.key,
            "changes": list(pair.changes),
            "direction": pair.direction,
            "ambition": pair.ambition,
            "a": format_value(pair.a) if pair.a else None,
            "b": format_value(pair.b) if pair.b else None,
            "line": f.line,  # in the extracted text when the file is HTML, docx or PDF
        },
    }
    if pair.a is not None and pair.b is not None:  # point back at the baseline's wording too
        line = pair.a.line if report.a.format == "text" else None
        result["relatedLocations"] = [_location(report.a.path, line, f"baseline: {pair.a.text}", 1)]
    return result


def render_sarif(report: CheckReport) -> str:
    from docdiff import __version__

    seen: Counter[tuple[str, TargetStatus]] = Counter()
    results = []
    for f in report.flagged:
        k = (f.target.key or f.target.indicator, f.status)
        results.append(_result(report, f, seen[k]))
        seen[k] += 1
    rules = [
        {
            "id": rule_id(s),
            "name": _RULES[s][0],
            "shortDescription": {"text": f"Target {s}"},
            "fullDescription": {"text": _RULES[s][1]},
            "defaultConfiguration": {"level": "error" if s in report.config.fail_on else "note"},
            "help": {"text": _RULES[s][1] + " Configure with --fail-on and [tool.docdiff] ignore / abs_tol / rel_tol."},
        }
        for s in _ORDER
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "docdiff", "version": __version__, "rules": rules}},
                "results": results,
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"message": {"text": n}, "level": "note"} for n in report.notes
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
