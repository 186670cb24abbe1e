"""The shipped CI examples work as written: the GitHub workflow's and the pre-commit hook's
docdiff command lines are taken from the YAML and run (as `python -m docdiff`) on real files."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML (test extra) is needed to read the examples")

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
ANNOTATION = re.compile(r"^::error file=draft\.txt,line=\d+,title=docdiff%3A target (changed|removed|added)%3A .+::.+$")


def _steps() -> list[dict]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    return job["steps"]


def _docdiff_runs() -> list[list[str]]:
    """Every `docdiff …` command of the workflow, split as the shell would."""
    return [shlex.split(s["run"]) for s in _steps() if s.get("run", "").startswith("docdiff ")]


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a documented `docdiff …` command line with this checkout's docdiff, never a PATH one
    (Debian ships an unrelated Ruby `docdiff`)."""
    assert argv[0] == "docdiff"
    return subprocess.run([sys.executable, "-m", "docdiff", *argv[1:]], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def documents(tmp_path: Path):
    """baseline.txt (a real work report) and a draft.txt writer."""
    from conftest import sample

    baseline = sample("hailar-district-2018").read_bytes().decode("utf-8")
    (tmp_path / "baseline.txt").write_text(baseline, encoding="utf-8")

    def draft(text: str) -> Path:
        (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
        return tmp_path

    return baseline, draft


def test_workflow_sets_up_python_311_and_installs_docdiff():
    steps = _steps()
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    # a repository of documents has no setup of its own: docdiff is installed as a package
    assert shlex.split(install["run"]) == ["python", "-m", "pip", "install", "$DOCDIFF_PACKAGE"]
    assert install["env"]["DOCDIFF_PACKAGE"].startswith("docdiff @ ")
    assert steps.index(install) < min(steps.index(s) for s in steps if s.get("run", "").startswith("docdiff "))
    gate = _docdiff_runs()[0]
    assert gate == ["docdiff", "check", "baseline.txt", "draft.txt", "--format", "github"]


def test_workflow_gate_fails_with_annotations_on_a_changed_draft(documents):
    baseline, draft = documents
    cwd = draft(baseline.replace("地区生产总值增长6%左右", "地区生产总值增长5%左右"))
    r = _run(_docdiff_runs()[0], cwd)
    assert r.returncode == 1, r.stderr
    errors = [line for line in r.stdout.splitlines() if line.startswith("::")]
    assert errors and all(ANNOTATION.match(line) for line in errors), r.stdout
    assert "(changed: value; lowered" in errors[0]
    assert r.stdout.splitlines()[-1].startswith("docdiff check: 1 flagged")


def test_workflow_gate_passes_an_unchanged_draft_and_writes_sarif(documents):
    baseline, draft = documents
    cwd = draft(baseline)
    gate, *others = _docdiff_runs()
    r = _run(gate, cwd)
    assert r.returncode == 0, r.stderr
    assert not any(line.startswith("::error") for line in r.stdout.splitlines())
    (sarif,) = others
    assert "--exit-zero" in sarif
    draft(baseline.replace("一般公共预算收入增长6%；", ""))
    r = _run(sarif, cwd)
    assert r.returncode == 0, r.stderr
    log = json.loads((cwd / sarif[sarif.index("-o") + 1]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert [x["ruleId"] for x in log["runs"][0]["results"]] == ["docdiff/target-removed"]


def test_pre_commit_hook_definition():
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "docdiff-check" and hook["language"] == "python"
    assert shlex.split(hook["entry"]) == ["docdiff", "check"]
    assert hook["pass_filenames"] is False  # check takes the two documents from args
    assert re.search(hook["files"], "docs/draft.txt") and not re.search(hook["files"], "src/app.py")


def test_pre_commit_hook_runs_with_its_documented_args(documents):
    baseline, draft = documents
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    documented = re.search(r"args: \[(.+?)\]", HOOKS.read_text(encoding="utf-8"))
    assert documented, "the hook file shows how to pass the two documents"
    args = [x.strip() for x in documented.group(1).split(",")]
    argv = shlex.split(hook["entry"]) + args
    assert _run(argv, draft(baseline)).returncode == 0
    r = _run(argv, draft(baseline.replace("地区生产总值增长6%左右", "地区生产总值增长7%左右")))
    assert r.returncode == 1
    assert re.match(r"draft\.txt:\d+: .*: ~6% → ~7% \(changed: value; raised", r.stdout), r.stdout
