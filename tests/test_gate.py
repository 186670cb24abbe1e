"""The CI gate: --fail-on, config discovery and errors, tolerance, ignore, exit statuses."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_targetdiff import hailar_pair, make_doc, revise, tgt

import docdiff.check.gate as gate
from docdiff.check.config import CheckConfig, is_ignored, load_config, parse_fail_on
from docdiff.check.gate import evaluate, run_check
from docdiff.cli import cli
from docdiff.comparison.targetdiff import match_targets
from docdiff.errors import ConfigError
from docdiff.model import TargetStatus

ALL = frozenset(TargetStatus)
ANY = frozenset({TargetStatus.CHANGED, TargetStatus.REMOVED, TargetStatus.ADDED})


# --- --fail-on -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("changed,removed", {TargetStatus.CHANGED, TargetStatus.REMOVED}),
        ("added", {TargetStatus.ADDED}),
        (" Changed , added ", {TargetStatus.CHANGED, TargetStatus.ADDED}),
        ("any", ANY),
        ("removed,any", ANY),
        ("shared,any", ALL),
    ],
)
def test_parse_fail_on(text, expected):
    assert parse_fail_on(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["changd", "changed,bogus", ""])
def test_parse_fail_on_rejects_unknown_words_by_name(text):
    with pytest.raises(ConfigError) as e:
        parse_fail_on(text)
    msg = str(e.value)
    assert "--fail-on" in msg and "\n" not in msg
    if text:
        assert text.split(",")[-1] in msg


# --- config files ----------------------------------------------------------------------------


def test_defaults_without_any_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    c = load_config(None, fail_on=None)
    assert c == CheckConfig() and c.fail_on == {TargetStatus.CHANGED, TargetStatus.REMOVED}


def test_pyproject_table_then_dotfile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".docdiff.toml").write_text('fail_on = ["added"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(None, fail_on=None).fail_on == {TargetStatus.ADDED}  # no [tool.docdiff]: dotfile
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docdiff]\nignore = ["生产总值*", "re:^城镇"]\nabs_tol = 0.5\nrel_tol = 0.01\nfail_on = ["any"]\n',
        encoding="utf-8")
    c = load_config(None, fail_on=None)
    assert (c.ignore, c.abs_tol, c.rel_tol, c.fail_on, c.source) == (
        ("生产总值*", "re:^城镇"), 0.5, 0.01, ANY, "pyproject.toml")
    assert load_config(None, fail_on="removed").fail_on == {TargetStatus.REMOVED}  # the CLI wins


def test_explicit_config_file(tmp_path):
    p = tmp_path / "gate.toml"
    p.write_text('ignore = "新增*"\nfail_on = "changed, added"\n', encoding="utf-8")
    c = load_config(str(p), fail_on=None)
    assert c.ignore == ("新增*",) and c.fail_on == {TargetStatus.CHANGED, TargetStatus.ADDED}
    pp = tmp_path / "pyproject.toml"
    pp.write_text('[tool.docdiff]\nabs_tol = 1\n', encoding="utf-8")
    assert load_config(str(pp), fail_on=None).abs_tol == 1.0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("ignroe = []\nfoo = 1\n", ["unknown key(s) ignroe, foo"]),
        ("abs_tol = -1\n", ["abs_tol"]),
        ("rel_tol = true\n", ["rel_tol"]),
        ("ignore = [1]\n", ["ignore"]),
        ('ignore = ["re:("]\n', ["re:(", "regex"]),
        ('fail_on = ["changed", "nope"]\n', ["fail_on", "nope"]),
        ("abs_tol = 0.5\nrel_tol = \n", ["invalid TOML", "line 2"]),
    ],
)
def test_bad_config_is_one_line_naming_the_file(tmp_path, content, words):
    p = tmp_path / "c.toml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(str(p), fail_on=None)
    msg = str(e.value)
    assert msg.startswith(str(p)) and "\n" not in msg
    for w in words:
        assert w in msg


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="nope.toml: no such config file"):
        load_config(str(tmp_path / "nope.toml"), fail_on=None)
    with pytest.raises(ConfigError, match="no \\[tool.docdiff\\] table"):
        (tmp_path / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
        load_config(str(tmp_path / "pyproject.toml"), fail_on=None)


# --- evaluating pairs ------------------------------------------------------------------------


def _hailar_pairs():
    a, ta, b, tb = hailar_pair()
    return a, b, match_targets(a, ta, b, tb, ())


def test_flagged_and_fail_on():
    a, b, pairs = _hailar_pairs()
    report = evaluate(a, b, pairs, CheckConfig())
    assert [str(f.status) for f in report.flagged] == ["changed"] * 4 + ["removed"] * 2
    removed = [f for f in report.flagged if f.status == TargetStatus.REMOVED]
    assert all(f.path == "a.txt" and f.line == 1 for f in removed)  # removed points at A
    assert all(f.path == "b.txt" for f in report.flagged if f.status == TargetStatus.CHANGED)
    assert evaluate(a, b, pairs, CheckConfig(fail_on=frozenset({TargetStatus.ADDED}))).flagged == ()
    assert len(evaluate(a, b, pairs, CheckConfig(fail_on=ALL)).flagged) == len(pairs)


def test_tolerance_absorbs_small_value_changes_only():
    a, b, pairs = _hailar_pairs()
    # 地区生产总值增长 21 → 20 (%), 固定资产投资增长 25 → 23; 地区生产总值 240 → 282 (亿元)
    report = evaluate(a, b, pairs, CheckConfig(abs_tol=1.0))
    left = {f.pair.a.indicator for f in report.flagged if f.status == TargetStatus.CHANGED}
    assert "地区生产总值增长" not in left and {"固定资产投资增长", "地区生产总值"} <= left
    assert [p.a.indicator for p in report.tolerated] == ["地区生产总值增长"]
    shared_now = next(p for p in report.pairs if p.a and p.a.indicator == "地区生产总值增长")
    assert shared_now.status == TargetStatus.SHARED and shared_now.direction is None
    rel = evaluate(a, b, pairs, CheckConfig(rel_tol=0.2))  # 240 → 282 is 15% of 282
    assert "地区生产总值" not in {f.pair.a.indicator for f in rel.flagged if f.pair.a}


def test_tolerance_keeps_other_changes():
    a = make_doc("增长6%", 2018)
    b = make_doc("增长6.2%以上", 2018)
    pairs = match_targets(a, (tgt(a, "增长6%", "生产总值增长", 6, "%"),),
                          b, (tgt(b, "增长6.2%以上", "生产总值增长", 6.2, "%", ">="),), ())
    (f,) = evaluate(a, b, pairs, CheckConfig(abs_tol=0.5)).flagged
    assert f.pair.changes == ("comparator",)


@pytest.mark.parametrize(
    ("pattern", "hit"),
    [
        ("地区生产总值", True),  # a key, exactly
        ("地区生产总", False),  # not a prefix match
        ("*生产总值*", True),  # a glob
        ("re:^地区", True),  # a regex, searched
        ("re:投资$", False),
        ("GDP", False),
    ],
)
def test_ignore_patterns(pattern, hit):
    a, b, pairs = _hailar_pairs()
    gdp = next(p for p in pairs if p.a and p.a.id == "a1")
    assert is_ignored(gdp, (pattern,)) is hit


def test_ignored_findings_are_reported_apart():
    a, b, pairs = _hailar_pairs()
    report = evaluate(a, b, pairs, CheckConfig(ignore=("re:收入", "*固定资产投资*")))
    assert [f.pair.a.indicator for f in report.flagged] == ["地区生产总值", "地区生产总值增长"]
    assert len(report.ignored) == 4


def test_ignore_by_a_synonym_when_keys_fold():
    from docdiff.targets.keys import fold_key

    a = make_doc("GDP增长6%", 2018)
    b = make_doc("GDP增长7%", 2018)
    key = fold_key("GDP增长")
    pairs = match_targets(a, (tgt(a, "GDP增长6%", "GDP增长", 6, "%", key=key),),
                          b, (tgt(b, "GDP增长7%", "GDP增长", 7, "%", key=key),), ())
    assert is_ignored(pairs[0], ("地区生产总值增长",)) is (fold_key("地区生产总值增长") == key)


# --- the CLI: exit statuses --------------------------------------------------------------------


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Two small files the fake matcher below ignores, and a clean working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("2012年目标\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2013年目标\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def fake_match(monkeypatch):
    """run_check with the Hailar pairs, so exit statuses do not depend on extraction."""
    def use(pairs_of):
        monkeypatch.setattr(gate, "_match", lambda a, b, **_: (pairs_of(), ()))
    return use


def _invoke(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_exit_1_when_flagged_0_when_not_and_exit_zero(files, fake_match):
    fake_match(lambda: _hailar_pairs()[2])
    r = _invoke("a.txt", "b.txt")
    assert r.exit_code == 1, r.output
    assert r.output.splitlines()[0].startswith("b.txt:1: 地区生产总值: 240亿元 → 282亿元 (changed: value; raised")
    assert _invoke("a.txt", "b.txt", "--fail-on", "added").exit_code == 0
    assert _invoke("a.txt", "b.txt", "--exit-zero").exit_code == 0
    fake_match(lambda: tuple(p for p in _hailar_pairs()[2] if p.status == TargetStatus.SHARED))
    r = _invoke("a.txt", "b.txt")
    assert r.exit_code == 0 and "nothing flagged" in r.output


def test_exit_2_on_config_and_input_errors(files, fake_match):
    fake_match(lambda: _hailar_pairs()[2])
    (files / ".docdiff.toml").write_text("colour = 1\n", encoding="utf-8")
    for args, word in [
        (("a.txt", "b.txt"), ".docdiff.toml: unknown key(s) colour"),
        (("a.txt", "b.txt", "--config", "missing.toml"), "missing.toml: no such config file"),
        (("a.txt", "missing.txt", "--exit-zero"), "missing.txt"),
        (("a.txt", "b.txt", "--fail-on", "everything", "--config", "missing.toml"), "missing.toml"),
    ]:
        r = _invoke(*args)
        assert r.exit_code == 2, (args, r.output)
        assert word in r.output and "Traceback" not in r.output
    (files / ".docdiff.toml").unlink()
    r = _invoke("a.txt", "b.txt", "--fail-on", "everything")
    assert r.exit_code == 2 and "--fail-on: unknown status everything" in r.output


def test_config_ignore_and_tolerance_through_the_cli(files, fake_match):
    fake_match(lambda: _hailar_pairs()[2])
    (files / "pyproject.toml").write_text(
        '[tool.docdiff]\nignore = ["re:收入", "*固定资产投资*", "地区生产总值"]\nabs_tol = 1\n', encoding="utf-8")
    r = _invoke("a.txt", "b.txt")
    assert r.exit_code == 0, r.output
    assert "5 ignored by config" in r.output and "1 value changes within tolerance" in r.output


def test_compare_fail_on_flags_like_check(files, monkeypatch):
    """`compare --fail-on` exits 1 exactly when a pair has a named status the config does not ignore."""
    import docdiff.comparison as compare_mod
    from docdiff.model import Comparison, Outline, Similarity

    a, b, pairs = _hailar_pairs()
    result = Comparison(a=a, b=b, outline_a=Outline(sections=()), outline_b=Outline(sections=()), targets_a=(),
                        targets_b=(), sections=(), targets=pairs,
                        similarity=Similarity(document=0, reuse_a_in_b=0, reuse_b_in_a=0))
    monkeypatch.setattr(compare_mod, "compare", lambda x, y, **_: result)
    base = ["compare", "a.txt", "b.txt", "--format", "json"]
    assert CliRunner().invoke(cli, base + ["--fail-on", "removed"]).exit_code == 1
    assert CliRunner().invoke(cli, base + ["--fail-on", "added"]).exit_code == 0
    assert CliRunner().invoke(cli, base).exit_code == 0
    bad = CliRunner().invoke(cli, base + ["--fail-on", "nonsense", "-o", "out.json"])
    assert bad.exit_code == 2 and not (files / "out.json").exists()  # checked before any output
    (files / ".docdiff.toml").write_text('ignore = ["re:."]\n', encoding="utf-8")
    assert CliRunner().invoke(cli, base + ["--fail-on", "removed"]).exit_code == 0  # all ignored


# --- end to end on real samples (needs extraction) ---------------------------------------------


def _real(name: str):
    from conftest import sample

    from docdiff.ingest import load

    return load(str(sample(name)))


def test_run_check_on_a_real_report_and_a_revised_copy():
    a = _real("hailar-district-2018")
    same = run_check(a, a, CheckConfig())
    assert same.pairs and same.flagged == ()
    b = revise(a, [("地区生产总值增长6%左右", "地区生产总值增长5%左右")])
    report = run_check(a, b, CheckConfig())
    assert [(str(f.status), f.pair.changes, f.pair.direction, f.line) for f in report.flagged] == [
        ("changed", ("value",), "lowered", f.pair.b.line) for f in report.flagged]
    assert len(report.flagged) == 1 and "5%左右" in report.flagged[0].pair.b.text
    assert run_check(a, b, CheckConfig(abs_tol=1)).flagged == ()


def test_check_cli_on_real_files(tmp_path, monkeypatch):
    a = _real("hailar-district-2018")
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(a.text, encoding="utf-8")
    Path("b.txt").write_text(a.text.replace("一般公共预算收入增长6%；", ""), encoding="utf-8")
    assert _invoke("a.txt", "a.txt").exit_code == 0
    r = _invoke("a.txt", "b.txt", "--format", "json")
    assert r.exit_code == 1
    import json

    data = json.loads(r.output)
    assert [(f["status"], f["file"], f["a"]["value"]) for f in data["findings"]] == [("removed", "a.txt", 6)]


def test_pairs_keep_their_identity_in_the_report():
    a, b, pairs = _hailar_pairs()
    report = evaluate(a, b, pairs, CheckConfig())
    kept = {id(p) for p in report.pairs}
    assert all(id(f.pair) in kept for f in report.flagged)


def test_unknown_keys_message_is_exact(tmp_path):
    p = tmp_path / ".docdiff.toml"
    p.write_text('foo = 1\nignore = []\nbar = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(str(p), fail_on=None)
    assert str(e.value) == f"{p}: unknown key(s) foo, bar"
