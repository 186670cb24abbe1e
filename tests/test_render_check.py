"""Check renderers: text, json, GitHub workflow commands, JUnit XML, SARIF 2.1.0 (schema-validated)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from test_targetdiff import hailar_pair, make_doc, tgt

from docdiff.check.config import CheckConfig
from docdiff.check.gate import evaluate
from docdiff.comparison.targetdiff import match_targets
from docdiff.model import TargetStatus
from docdiff.render.check import render_check
from docdiff.render.check_words import describe, format_value
from docdiff.render.github import escape_data, escape_property, render_github
from docdiff.render.sarif import artifact_uri, render_sarif

SCHEMA = Path(__file__).parent / "data" / "gate" / "sarif-schema-2.1.0.json"
ALL = frozenset(TargetStatus)


def hailar_report(config: CheckConfig = CheckConfig()):
    a, ta, b, tb = hailar_pair()
    return evaluate(a, b, match_targets(a, ta, b, tb, ()), config)


def hostile_report(n: int = 1):
    """Targets whose text, indicator and path carry markup, workflow-command and XML syntax."""
    nasty = "<script>alert(1)</script>]]>&[bold]%0A::x,y:z\r"
    a = make_doc("".join(f"{nasty}指标{i}增长{i}%；" for i in range(n)), 2018, "dir,x:/a 100%.txt")
    b = make_doc("".join(f"{nasty}指标{i}增长{i + 1}%；" for i in range(n)), 2019, "dir,x:/b 100%.txt")
    ta = tuple(tgt(a, f"指标{i}增长{i}%", f"{nasty}指标{i}增长", i, "%", tid=f"a{i}") for i in range(n))
    tb = tuple(tgt(b, f"指标{i}增长{i + 1}%", f"{nasty}指标{i}增长", i + 1, "%", tid=f"b{i}") for i in range(n))
    return evaluate(a, b, match_targets(a, ta, b, tb, ()), CheckConfig())


# --- wording and text ------------------------------------------------------------------------


def test_format_value():
    d = make_doc("x")
    assert format_value(tgt(d, "x", "i", 7, "%", ">=")) == "≥7%"
    assert format_value(tgt(d, "x", "i", 5.5, "%", "<=")) == "≤5.5%"
    assert format_value(tgt(d, "x", "i", 6, "%", "~")) == "~6%"
    assert format_value(tgt(d, "x", "i", 5, "%", "range", value_high=6)) == "5–6%"
    assert format_value(tgt(d, "x", "i", None, "")) == "(no number)"
    assert format_value(None) == "—"


def test_text_one_line_per_finding_and_a_summary():
    out = render_check(hailar_report(), "text")
    lines = out.splitlines()
    assert lines[0] == "b.txt:1: 地区生产总值: 240亿元 → 282亿元 (changed: value; raised; stricter)"
    assert "a.txt:1: 城镇人均可支配收入: 23896元 → — (removed)" in lines
    assert lines[-1] == ("docdiff check: 6 flagged (changed 4, removed 2) of 8 target pairs "
                         "(4 changed, 2 removed, 2 shared); fail on changed, removed")
    assert len(lines) == 7


def test_text_when_nothing_is_flagged():
    out = render_check(hailar_report(CheckConfig(fail_on=frozenset({TargetStatus.ADDED}))), "text")
    assert out.splitlines() == ["docdiff check: nothing flagged of 8 target pairs (4 changed, 2 removed, 2 shared); "
                                "fail on added"]


def test_json_findings_are_contract_target_pairs():
    data = json.loads(render_check(hailar_report(), "json"))
    assert data["schema"] == "docdiff/1" and data["a"]["path"] == "a.txt"
    assert data["summary"] == {"flagged": 6, "pairs": 8, "changed": 4, "removed": 2, "added": 0, "shared": 2,
                               "ignored": 0, "tolerated": 0}
    f = data["findings"][0]
    assert {"status", "a", "b", "changes", "direction", "file", "line", "message"} <= set(f)
    assert (f["status"], f["changes"], f["direction"], f["a"]["value"], f["b"]["unit"]) == (
        "changed", ["value"], "raised", 240, "亿元")
    assert len(data["targets"]) == 8 and data["config"]["fail_on"] == ["changed", "removed"]


# --- GitHub ------------------------------------------------------------------------------------


def test_github_escaping():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_point_at_b_or_a_for_removed():
    lines = render_check(hailar_report(), "github").splitlines()
    errors = [x for x in lines if x.startswith("::error ")]
    assert len(errors) == 6
    assert errors[0] == ("::error file=b.txt,line=1,title=docdiff%3A target changed%3A 地区生产总值::"
                         "地区生产总值: 240亿元 → 282亿元 (changed: value; raised; stricter)")
    removed = [x for x in errors if "target removed" in x]
    assert len(removed) == 2 and all(x.startswith("::error file=a.txt,line=1,") for x in removed)
    assert lines[-1].startswith("docdiff check: 6 flagged")
    assert not any(x.startswith("::warning") for x in lines)


def test_github_hostile_text_stays_one_command_per_line():
    report = hostile_report()
    lines = render_github(report).splitlines()
    (err,) = [x for x in lines if x.startswith("::error")]
    props, _, message = err[len("::error "):].partition("::")
    assert props.startswith("file=dir%2Cx%3A/b 100%25.txt,line=2,title=")  # \r ends line 1
    assert "\r" not in err and "%0D" in message and "%250A" in message
    assert props.count(",") == 2  # file, line, title: no stray separator from the data


def test_github_warns_when_annotations_would_be_cut():
    lines = render_github(hostile_report(12)).splitlines()
    assert lines[0].startswith("::warning title=docdiff::12 targets flagged; GitHub annotates only 10")
    assert sum(x.startswith("::error ") for x in lines) == 12
    assert not render_github(hostile_report(10)).startswith("::warning")


# --- JUnit -------------------------------------------------------------------------------------


def test_junit_one_testcase_per_pair_with_failures():
    root = ET.fromstring(render_check(hailar_report(CheckConfig(ignore=("re:^农民",))), "junit"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 8 and suite.get("tests") == "8"
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == 5 and suite.get("failures") == "5" and root.get("failures") == "5"
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == 1 and suite.get("skipped") == "1"
    f = failures[0].find("failure")
    assert f.get("type") == "changed" and f.get("message").startswith("地区生产总值: 240亿元 → 282亿元")
    assert "B b.txt:1:" in f.text


def test_junit_escapes_hostile_text_and_shows_control_characters_escaped():
    report = hostile_report()
    bad = replace(report.pairs[0].b, indicator="坏\x00\x0b字符<&>")
    report = replace(report, pairs=(replace(report.pairs[0], b=bad),),
                     flagged=(replace(report.flagged[0], pair=replace(report.pairs[0], b=bad)),))
    xml = render_check(report, "junit")
    root = ET.fromstring(xml)  # parses: everything was escaped
    case = root.find("testsuite/testcase")
    assert "坏\\x00\\x0b字符<&>" in case.get("name") and "\x00" not in xml
    assert "<script>" not in xml


# --- SARIF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("make", [hailar_report, hostile_report, lambda: hailar_report(CheckConfig(fail_on=ALL))])
def test_sarif_validates_against_the_official_schema(sarif_validator, make):
    log = json.loads(render_check(make(), "sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_sarif_schema_validator_rejects_a_broken_log(sarif_validator):
    log = json.loads(render_check(hailar_report(), "sarif"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del log["version"]
    assert len(list(sarif_validator.iter_errors(log))) >= 2


def test_sarif_rules_results_and_locations():
    log = json.loads(render_sarif(hailar_report()))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["docdiff/target-changed", "docdiff/target-removed", "docdiff/target-added",
                                        "docdiff/target-shared"]
    results = run["results"]
    assert len(results) == 6
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    removed = [r for r in results if r["ruleId"] == "docdiff/target-removed"]
    loc = removed[0]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "a.txt"}, "region": {"startLine": 1}}
    changed = results[0]
    assert changed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    assert changed["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"


def test_sarif_fingerprints_survive_line_moves_and_differ_between_targets():
    report = hailar_report()
    moved_b = replace(report.b, text="\n\n\n" + report.b.text)
    moved = replace(
        report,
        b=moved_b,
        flagged=tuple(replace(f, line=f.line + 3) for f in report.flagged),
    )
    fps = [r["partialFingerprints"] for r in json.loads(render_sarif(report))["runs"][0]["results"]]
    fps_moved = [r["partialFingerprints"] for r in json.loads(render_sarif(moved))["runs"][0]["results"]]
    lines_moved = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                   for r in json.loads(render_sarif(moved))["runs"][0]["results"]]
    assert fps == fps_moved and lines_moved != [1] * 6
    values = [next(iter(fp.values())) for fp in fps]
    assert len(set(values)) == len(values)


def test_artifact_uri():
    assert artifact_uri("docs/报告 2025.txt") == "docs/%E6%8A%A5%E5%91%8A%202025.txt"
    assert artifact_uri("/tmp/a.txt") == "file:///tmp/a.txt"
    assert artifact_uri("docs\\a.txt") == "docs/a.txt"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown check format"):
        render_check(hailar_report(), "xml")


def test_describe_added():
    a = make_doc("", 2019)
    b = make_doc("社会消费品零售总额增长6.5%左右", 2019)
    (p,) = match_targets(a, (), b, (tgt(b, "社会消费品零售总额增长6.5%左右", "社会消费品零售总额增长", 6.5, "%", "~"),), ())
    assert describe(p) == "社会消费品零售总额增长: — → ~6.5% (added)"


def _unescape(s: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        s = s.replace(code, ch)
    return s


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="%:,\r\n\u2028a指0", max_size=30))
def test_github_escaping_round_trips_and_leaves_no_separator(s):
    prop = escape_property(s)
    assert not set(prop) & set(":,\r\n") and _unescape(prop) == s
    data = escape_data(s)
    assert "\r" not in data and "\n" not in data


def test_extracted_text_lines_are_not_file_lines(sarif_validator):
    """For a docx/PDF/HTML draft the line counts extracted text: no line= / region on the file."""
    a, ta, b, tb = hailar_pair()
    b = replace(b, path="draft.docx", format="docx")
    report = evaluate(a, b, match_targets(a, ta, b, tb, ()), CheckConfig())
    lines = render_github(report).splitlines()
    changed = [x for x in lines if x.startswith("::error file=draft.docx,")]
    assert changed and all(",line=" not in x.split("::")[1] for x in changed)
    assert all(x.endswith("[line 1 of the extracted text]") for x in changed)
    assert any(x.startswith("::error file=a.txt,line=1,") for x in lines)  # A is plain text
    log = json.loads(render_sarif(report))
    assert not list(sarif_validator.iter_errors(log))
    locs = [r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]]
    assert {"artifactLocation": {"uri": "draft.docx"}} in locs
    assert {"artifactLocation": {"uri": "a.txt"}, "region": {"startLine": 1}} in locs
