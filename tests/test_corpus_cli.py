"""`docdiff corpus` end to end: every format on the samples (golden files), the JSON contract,
XLSX opened with openpyxl, --fail-on exit codes, and each bad input as one line with exit 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SHARED

from docdiff.cli import cli

GOLDEN = ROOT / "tests" / "golden"
FILES = ["samples/hailar-district-2018-work-report.txt", "samples/hailar-district-2019-work-report.txt",
         "samples/tiantai-2025-proposal-reply.txt"]


def _run(args: list[str]):
    return CliRunner().invoke(cli, ["corpus", *args, "--workers", "1"], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative paths in the reports, so golden files hold no machine's folders


@pytest.mark.parametrize("fmt", ["json", "term", "csv", "html"])
def test_golden(fmt: str, update_golden: bool):
    result = _run([*FILES, "--format", fmt])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"corpus-hailar.{fmt}"
    if update_golden or not golden.exists():
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_json_contract():
    data = json.loads(_run([*FILES, "--format", "json"]).output)
    assert data["schema"] == "docdiff/1"
    assert set(data) >= {"documents", "indicators", "similarity", "passages", "clusters", "parent"}
    assert {"path", "title", "kind", "year", "issuer"} <= set(data["documents"][0])
    row = data["indicators"][0]
    assert {"key", "label", "tier", "cells"} <= set(row) and row["tier"] == "headline"
    assert {"document", "target"} <= set(row["cells"][0]) and "line" in row["cells"][0]["target"]
    # the successive Hailar reports share text: the first pair, with passages of ≥ 50 characters
    best = data["similarity"][0]
    assert {best["a"], best["b"]} == {0, 1} and best["similarity"] > 0
    assert all(p["chars"] >= 50 for p in data["passages"])
    hailar_2019 = (ROOT / FILES[1]).read_text(encoding="utf-8").splitlines()
    p = next(p for p in data["passages"] if p["a"] == 0 and p["b"] == 1)
    assert p["text_b"][:10] in hailar_2019[p["b_line"] - 1].replace(" ", "").replace("\u3000", "")
    assert data["parent"] is None


def test_xlsx_opens_with_openpyxl_one_sheet_per_table(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "corpus.xlsx"
    result = _run([*FILES, "--parent", "samples/taizhou-2022-government-work-report.txt", "--format", "xlsx",
                   "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["targets", "similarity", "passages", "clusters", "parent"]
    assert book["targets"]["A1"].value == "key" and book["targets"].max_column == 4 + len(FILES)
    assert (tmp_path / "docdiff-corpus.sqlite").exists()  # the default store sits beside -o


@pytest.mark.skipif(not (SHARED / "corpus" / "provinces-2026").is_dir(), reason="shared corpus not present")
def test_provinces_xlsx_opens(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "provinces.xlsx"
    result = _run([str(SHARED / "corpus" / "provinces-2026"), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["targets"]
    assert sheet.max_column == 4 + 15
    assert {sheet.cell(row=r, column=1).value for r in range(2, 6)} >= {"生产总值增长", "城镇新增就业"}


def test_fail_on_weaker_exits_1_and_without_it_0():
    args = ["samples/luqiao-14th-five-year-plan.txt", "--parent", "samples/taizhou-2022-government-work-report.txt",
            "--format", "json"]
    assert _run(args).exit_code == 0
    assert _run([*args, "--fail-on", "missing,weaker"]).exit_code == 1


@pytest.mark.parametrize("args, words", [
    (["samples/nope.txt"], "samples/nope.txt: no such file"),
    (["tests/golden/empty-folder-does-not-exist/"], "no such file"),
    (FILES + ["--fail-on", "weaker"], "--fail-on needs --parent"),
    (FILES + ["--parent", "samples/tiantai-2025-proposal-reply.txt", "--fail-on", "worse"], "unknown verdict 'worse'"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path: Path, args: list[str], words: str):
    out = tmp_path / "out.json"
    result = _run([*args, "--format", "json", "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.output
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_empty_folder_exit_2(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    result = _run([str(tmp_path / "docs")])
    assert result.exit_code == 2 and "folder has no documents" in result.output


def test_hostile_text_is_escaped_in_every_format(tmp_path: Path):
    # (a whole tag in a .txt is removed at ingest; an unclosed one stays text and must be escaped)
    body = ("一、总体要求\n到2025年，地区生产总值增长<script src=x onerror=alert(1)//6%以上，=cmd|' /C calc'!A0 [bold]红[/bold]\x1b[31m"
            "。坚持创新驱动发展，全面塑造发展新优势，研发经费支出占生产总值比重达到3%，高新技术企业达到500家。\n")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(body, encoding="utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    html = _run([*files, "--format", "html"]).output
    assert "<script src=x" not in html and "&lt;script src=x onerror=alert(1)" in html
    term = _run([*files, "--format", "term"]).output
    assert "\x1b[31m" not in term
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(_run([*files, "--format", "csv"]).output)) for c in row]
    assert any("=cmd" in c for c in cells) and not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    data = json.loads(_run([*files, "--format", "json"]).output)
    assert any("<script" in p["text"] for p in data["passages"])  # JSON keeps the text as it is


def test_csv_neutralises_formula_cells():
    from docdiff.render.corpus_csv import safe_cell

    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and safe_cell("-3") == "'-3"
    assert safe_cell("生产总值") == "生产总值" and safe_cell(None) == "" and safe_cell(5) == 5
