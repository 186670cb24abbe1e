"""`check --format junit`: a JUnit XML report, one testcase per target pair.

A flagged pair is a `<failure>`, a pair the config ignores is `<skipped>`; every other pair
passes. Built with xml.etree, which escapes text and attributes; characters XML 1.0 forbids
(control characters from a bad scan) are shown as ``\\xNN`` escapes, as in the text formats.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from docdiff.check.gate import CheckReport
from docdiff.errors import escape_controls
from docdiff.model import TargetPair
from docdiff.regex_cache import compile_regex
from docdiff.render.check_words import describe, indicator_of, summary, verdict

_NOT_XML = compile_regex("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    return _NOT_XML.sub("", escape_controls(s, keep="\t\n\r"))


def render_junit(report: CheckReport) -> str:
    flagged = {id(f.pair): f for f in report.flagged}
    ignored = {id(p) for p in report.ignored}
    suite_name = f"docdiff check {report.a.path} → {report.b.path}"
    root = ET.Element("testsuites", name="docdiff check")
    suite = ET.SubElement(root, "testsuite", name=_clean(suite_name))
    failures = skipped = 0
    for n, pair in enumerate(report.pairs, 1):
        t = pair.b or pair.a
        assert t is not None
        path = report.b.path if pair.b is not None else report.a.path
        case = ET.SubElement(
            suite, "testcase",
            classname=_clean(f"docdiff.{pair.status}"),
            name=_clean(f"{n:03d} {indicator_of(pair)} ({path}:{t.line})"),
            file=_clean(path), line=str(t.line), time="0",
        )
        finding = flagged.get(id(pair))
        if finding is not None:
            failures += 1
            fail = ET.SubElement(case, "failure", message=_clean(describe(pair)), type=str(pair.status))
            fail.text = _clean(_details(report, pair))
        elif id(pair) in ignored:
            skipped += 1
            ET.SubElement(case, "skipped", message="ignored by docdiff config")
    for elem in (root, suite):
        elem.set("tests", str(len(report.pairs)))
        elem.set("failures", str(failures))
        elem.set("errors", "0")
    suite.set("skipped", str(skipped))
    out = ET.SubElement(suite, "system-out")
    out.text = _clean(summary(report) + "".join(f"\nnote: {n}" for n in report.notes))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _details(report: CheckReport, pair: TargetPair) -> str:
    lines = [verdict(pair)]
    if pair.a is not None:
        lines.append(f"A {report.a.path}:{pair.a.line}: {pair.a.text}")
    if pair.b is not None:
        lines.append(f"B {report.b.path}:{pair.b.line}: {pair.b.text}")
    return "\n".join(lines)
