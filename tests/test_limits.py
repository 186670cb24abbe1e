"""Unusual but valid input is not an error: every command exits 0 and says what it found.

No headings, thousands of headings, one 5 MB line, English, no targets at all — run through
the real CLI (click's CliRunner on docdiff.cli.cli). Time and memory at 20 MB are measured by
benchmarks/bench_limits.py, not here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import stderr_apart_runner as _runner
from click.testing import Result

from docdiff.cli import cli

CN = "一二三四五六七八九十"
PROSE = "推进重点项目建设，加强协调配合，确保按期完成各项任务。"



def run(*args: str) -> Result:
    result = _runner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    assert result.stderr == ""
    return result


def write(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- no headings: compared paragraph by paragraph, and every format says so ---


@pytest.fixture
def no_headings(tmp_path: Path) -> tuple[str, str]:
    paras = [f"{PROSE}第{i}段。" for i in range(30)]
    a = write(tmp_path, "a.txt", "\n\n".join(paras) + "\n")
    paras[7] = "到2025年,地区生产总值增长6%。"
    b = write(tmp_path, "b.txt", "\n\n".join(paras) + "\n")
    return a, b


def test_outline_without_headings_says_so(no_headings: tuple[str, str]) -> None:
    out = run("outline", no_headings[0]).output
    assert "no headings found" in out
    data = json.loads(run("outline", no_headings[0], "--format", "json").output)
    assert data["sections"] == []


@pytest.mark.parametrize("fmt", ["term", "md", "html"])
def test_compare_without_headings_says_it_compared_paragraphs(no_headings: tuple[str, str], fmt: str) -> None:
    out = run("compare", *no_headings, "--format", fmt).output
    assert "no headings found in a and b; aligned paragraph by paragraph" in out


def test_compare_json_without_headings_notes_the_fallback(no_headings: tuple[str, str]) -> None:
    data = json.loads(run("compare", *no_headings, "--format", "json").output)
    assert any("no headings" in n for n in data["notes"])
    assert data["sections"], "paragraphs stand in for sections"
    assert [t["status"] for t in data["targets"]] == ["added"]


# --- thousands of headings ---


def _many_headings(n: int, changed: int | None = None) -> str:
    lines = ["关于推进重点工作的实施方案", ""]
    for i in range(n):
        body = "到2025年,完成投资50亿元以上。" if i == changed else PROSE
        lines.append(f"({CN[i % 10]})第{i + 1}项工作。{body}")
    return "\n".join(lines) + "\n"


def test_five_thousand_headings_outline_and_targets(tmp_path: Path) -> None:
    path = write(tmp_path, "many.txt", _many_headings(5000, changed=4321))
    data = json.loads(run("outline", path, "--format", "json").output)
    assert len(data["sections"]) == 5000
    assert data["sections"][-1]["line"] == 5002
    targets = json.loads(run("targets", path, "--format", "json").output)["targets"]
    assert [(t["value"], t["unit"], t["line"]) for t in targets] == [(50, "亿元", 4324)]  # two title lines, then heading i on line i + 3


def test_two_thousand_headings_compare(tmp_path: Path) -> None:
    # 2,000, not 5,000: section alignment scores every pair (5,000² takes ~15 s and 1 GB; see
    # benchmarks/bench_limits.py), and this test is about correctness, not the limit.
    a = write(tmp_path, "a.txt", _many_headings(2000))
    b = write(tmp_path, "b.txt", _many_headings(2000, changed=1500))
    data = json.loads(run("compare", a, b, "--format", "json").output)
    statuses = [s["status"] for s in data["sections"]]
    assert len(statuses) == 2000 and statuses.count("matched") == 1999
    assert [t["status"] for t in data["targets"]] == ["added"]


# --- one 5 MB line ---


def _one_line(size: int, value: str) -> str:
    return PROSE * (size // len(PROSE.encode("utf-8")) + 1) + f"到2025年,地区生产总值增长{value}%。"


def test_a_single_5mb_line(tmp_path: Path) -> None:
    path = write(tmp_path, "line.txt", _one_line(5 * 1024 * 1024, "6"))
    assert Path(path).stat().st_size > 5 * 1024 * 1024
    outline = json.loads(run("outline", path, "--format", "json").output)
    assert outline["sections"] == []
    targets = json.loads(run("targets", path, "--format", "json").output)["targets"]
    assert [(t["value"], t["line"]) for t in targets] == [(6, 1)]


def test_compare_a_single_1mb_line(tmp_path: Path) -> None:
    # 1 MB keeps the test fast; compare on the 5 MB line takes ~14 s and 260 MB.
    a = write(tmp_path, "a.txt", _one_line(1024 * 1024, "6"))
    b = write(tmp_path, "b.txt", _one_line(1024 * 1024, "7"))
    data = json.loads(run("compare", a, b, "--format", "json").output)
    assert [(t["status"], t["changes"]) for t in data["targets"]] == [("changed", ["value"])]


# --- English, and no targets at all ---

ENGLISH = ("Annual Report\n\nThe committee reviewed the annual budget. Revenue grew by 5% in 2023.\n"
           "Spending on schools rose, and the plan for next year was approved.\n")


@pytest.mark.parametrize("fmt", ["term", "json", "csv"])
def test_english_document_has_no_targets_and_says_so(tmp_path: Path, fmt: str) -> None:
    out = run("targets", write(tmp_path, "en.txt", ENGLISH), "--format", fmt).output
    if fmt == "term":
        assert "No quantified targets found." in out
    elif fmt == "json":
        assert json.loads(out)["targets"] == []
    else:
        assert out.splitlines()[0].startswith("\ufeffid,indicator,key,value")  # BOM: Excel reads UTF-8
        assert len(out.splitlines()) == 1


def test_english_documents_compare(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", ENGLISH)
    b = write(tmp_path, "b.txt", ENGLISH.replace("approved", "rejected"))
    data = json.loads(run("compare", a, b, "--format", "json").output)
    assert data["targets"] == []
    changed = [s for s in data["sections"] if s["similarity"] < 1]
    assert len(changed) == 1 and changed[0]["a"]["line"] == 4, data["sections"]


def test_check_with_no_targets_passes_and_says_so(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", "一、总体要求\n" + PROSE + "\n")
    out = run("check", a, a).output
    assert "no quantified targets found in either document" in out, out


def test_compare_term_says_when_no_targets_were_found(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", "一、总体要求\n" + PROSE + "\n")
    b = write(tmp_path, "b.txt", "一、总体要求\n" + PROSE + "再补充一句。\n")
    header = run("compare", a, b, "--format", "term").output.split("\n\n", 1)[0]
    assert "target" in header.lower(), header
