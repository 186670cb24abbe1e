"""`check --format github`: GitHub Actions workflow commands, one `::error` per finding.

GitHub turns `::error file=…,line=…,title=…::message` lines of a step's log into annotations
on the pull request's diff. It shows at most 10 error annotations per step, so with more
findings a `::warning` says how many are not annotated.
"""
from __future__ import annotations

from docdiff.check.gate import CheckReport, Finding
from docdiff.errors import escape_controls
from docdiff.render.check_words import describe, indicator_of, summary

ANNOTATION_CAP = 10  # GitHub's limit of error annotations shown per step


def escape_data(s: str) -> str:
    """The message part of a workflow command: %, CR and LF are percent-encoded, other control
    characters shown as ``\\xNN`` (a CI log is a terminal too)."""
    return escape_controls(s, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A property value (file=, title=): also ':' and ',', which end a property."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    title = f"docdiff: target {f.status}: {indicator_of(f.pair)}"
    message = describe(f.pair)
    if f.line_in_file:
        props = f"file={escape_property(f.path)},line={f.line},title={escape_property(title)}"
    else:  # HTML/docx/PDF: the line counts extracted text, so annotate the file as a whole
        props = f"file={escape_property(f.path)},title={escape_property(title)}"
        message += f" [line {f.line} of the extracted text]"
    return f"::error {props}::{escape_data(message)}"


def render_github(report: CheckReport) -> str:
    lines = []
    n = len(report.flagged)
    if n > ANNOTATION_CAP:
        # First, so it is annotated before the cap is reached; the log below still lists all.
        lines.append(
            "::warning title=docdiff::"
            + escape_data(f"{n} targets flagged; GitHub annotates only {ANNOTATION_CAP} errors per step, "
                          f"so {n - ANNOTATION_CAP} appear only in this log (or use --format sarif)")
        )
    lines += [annotation(f) for f in report.flagged]
    lines += [f"::notice title=docdiff::{escape_data(note)}" for note in report.notes]
    lines.append(summary(report))  # a plain log line, not a command
    return "\n".join(lines) + "\n"
