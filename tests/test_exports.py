"""Spreadsheet exports: `compare --format csv|xlsx`, `targets --format xlsx|csv`.

CSV is UTF-8 with a byte-order mark, one row per target pair, formula-safe; xlsx (XlsxWriter)
is read back with openpyxl for types, widths, the frozen header, the autofilter and colours; the
CSV is converted by LibreOffice (when installed) with the Chinese intact.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sample
from msgspec.structs import replace
from render_fixtures import small_comparison

from docdiff.render.cells import defuse_formula, display_width
from docdiff.render.sheet import (
    BOM,
    PAIR_COLUMNS,
    SECTION_COLUMNS,
    TARGET_COLUMNS,
    comparison_sheets,
    sheet_csv,
)
from docdiff.render.xlsx import MAX_COLUMN_WIDTH, STATUS_FILL, render_xlsx

openpyxl = pytest.importorskip("openpyxl")

EVIL = ("=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR")


def hostile_pairs():
    """The small comparison with indicators a spreadsheet would run as formulas."""
    c = small_comparison()
    pairs = []
    for p, evil in zip(c.targets, EVIL):
        side = p.b or p.a
        side = replace(side, indicator=evil + side.indicator)
        pairs.append(replace(p, b=side) if p.b is not None else replace(p, a=side))
    return replace(c, targets=tuple(pairs))


def _rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


@pytest.mark.parametrize("evil", EVIL)
def test_defuse_formula(evil: str) -> None:
    assert defuse_formula(evil) == "'" + evil
    assert defuse_formula("地区生产总值") == "地区生产总值" and defuse_formula("") == ""


def test_display_width_counts_cjk_as_two() -> None:
    assert display_width("GDP") == 3 and display_width("生产总值") == 8 and display_width("a\n生产") == 4


def test_comparison_csv_one_row_per_target_pair_formula_safe() -> None:
    c = hostile_pairs()
    rows = _rows(sheet_csv(comparison_sheets(c)[0]))
    assert tuple(rows[0]) == PAIR_COLUMNS and len(rows) == 1 + len(c.targets)
    col = {name: k for k, name in enumerate(PAIR_COLUMNS)}
    for row in rows[1:]:
        assert row[col["indicator"]].startswith("'") and row[col["indicator"]][1] in "=+-@\\"  # \\t: tab shown escaped
    changed = rows[2]
    assert changed[col["status"]] == "changed" and changed[col["a_value"]] == "3" and changed[col["b_value"]] == "5"
    assert changed[col["changes"]] == "value" and changed[col["direction"]] == "raised"
    assert changed[col["a_line"]].isdigit() and changed[col["a_text"]] == "一般公共预算收入增长3%"
    assert changed[col["a_comparator"]] == "=" and changed[col["tier"]] == "task"  # tier of the fixture's targets (issue 11)
    removed = rows[4]
    assert removed[col["status"]] == "removed" and removed[col["b_value"]] == "" and removed[col["b_text"]] == ""


def test_xlsx_types_widths_header_filter_and_colours(tmp_path: Path) -> None:
    c = hostile_pairs()
    path = tmp_path / "c.xlsx"
    path.write_bytes(render_xlsx(comparison_sheets(c)))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["targets", "sections"]
    ws = book["targets"]
    assert [cell.value for cell in ws[1]] == list(PAIR_COLUMNS)
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:W{1 + len(c.targets)}"
    col = {name: k + 1 for k, name in enumerate(PAIR_COLUMNS)}
    row = 3  # the changed revenue target
    assert ws.cell(row, col["a_value"]).value == 3 and ws.cell(row, col["a_value"]).data_type == "n"
    assert ws.cell(row, col["a_year"]).value == 2018 and ws.cell(row, col["a_line"]).data_type == "n"
    for r in range(2, 2 + len(c.targets)):  # text that looks like a formula is stored as text
        cell = ws.cell(r, col["indicator"])
        assert cell.data_type == "s" and cell.value[:1] in "=+-@\\"
    status = ws.cell(row, col["status"])
    assert status.value == "changed" and status.fill.fgColor.rgb.endswith(STATUS_FILL["changed"][1:])

    def width(name: str) -> float:
        letter = ws.cell(1, col[name]).column_letter
        return ws.column_dimensions[letter].width

    widest_indicator = max(display_width(p.b.indicator if p.b else p.a.indicator) for p in c.targets)
    assert width("indicator") >= widest_indicator  # CJK counted as two, not one
    assert width("a_text") <= MAX_COLUMN_WIDTH + 1
    assert [cell.value for cell in book["sections"][1]] == list(SECTION_COLUMNS)
    sim = book["sections"].cell(2, SECTION_COLUMNS.index("similarity") + 1)
    assert sim.data_type == "n" and 0 <= sim.value <= 1


def _docdiff(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "docdiff", *args], capture_output=True, timeout=120)


PAIR = (str(sample("hailar-district-2018")), str(sample("hailar-district-2019")))


def test_cli_compare_csv_and_xlsx(tmp_path: Path) -> None:
    out = _docdiff("compare", *PAIR, "--format", "csv")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8")
    rows = _rows(text)
    assert tuple(rows[0]) == PAIR_COLUMNS and any(r[0] == "地区生产总值增长" for r in rows[1:])
    xlsx = tmp_path / "h.xlsx"
    assert _docdiff("compare", *PAIR, "--format", "xlsx", "-o", str(xlsx)).returncode == 0
    assert openpyxl.load_workbook(xlsx)["targets"].max_row == len(rows)


def test_cli_targets_xlsx_and_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert _docdiff("targets", PAIR[1], "--format", "xlsx", "-o", str(path)).returncode == 0
    ws = openpyxl.load_workbook(path)["targets"]
    assert [c.value for c in ws[1]] == list(TARGET_COLUMNS)
    values = [ws.cell(r, TARGET_COLUMNS.index("value") + 1) for r in range(2, ws.max_row + 1)]
    assert values and all(v.data_type == "n" for v in values if v.value is not None)
    text = _docdiff("targets", PAIR[1], "--format", "csv").stdout.decode("utf-8")
    assert text.startswith(BOM + "id,indicator,")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_csv_converts_in_libreoffice_with_chinese_intact(tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    src = tmp_path / "pairs.csv"
    src.write_text(sheet_csv(comparison_sheets(hostile_pairs())[0]), encoding="utf-8", newline="")
    run = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(src)],
        capture_output=True, text=True, timeout=180)
    converted = tmp_path / "out" / "pairs.xlsx"
    if not converted.exists() and "could not be loaded" in run.stderr + run.stdout:
        pytest.skip("LibreOffice has no Calc here (apt-get install libreoffice-calc-nogui)")
    assert converted.exists(), run.stderr
    ws = openpyxl.load_workbook(converted).active
    assert [c.value for c in ws[1]] == list(PAIR_COLUMNS)  # the BOM is read as a BOM, not as text
    col = {name: k + 1 for k, name in enumerate(PAIR_COLUMNS)}
    indicators = [ws.cell(r, col["indicator"]).value for r in range(2, ws.max_row + 1)]
    assert any("地区生产总值增长" in v for v in indicators)  # Chinese intact
    assert all(v.startswith("'") for v in indicators)  # formulas stayed text
    assert ws.cell(3, col["a_value"]).value == 3  # numbers are numbers
    assert ws.cell(3, col["a_text"]).value == "一般公共预算收入增长3%"


def test_a_workbook_needs_an_output_file(tmp_path: Path) -> None:
    for args in (("compare", *PAIR), ("targets", PAIR[0])):
        out = _docdiff(*args, "--format", "xlsx")
        assert out.returncode == 2 and out.stdout == b""
        assert out.stderr.decode().strip() == "docdiff: --format xlsx writes a binary workbook: name the file with -o FILE.xlsx"


def test_pair_rows_follow_pair_columns_field_by_field() -> None:
    """Each cell of a target pair's row sits under its own column (the row is a flat tuple)."""
    import docdiff
    from docdiff.render.sheet import PAIR_COLUMNS, _pair_row

    c = docdiff.compare(docdiff.load("samples/hailar-district-2018-work-report.txt"),
                        docdiff.load("samples/hailar-district-2019-work-report.txt"))
    p = next(p for p in c.targets if p.a is not None and p.b is not None and p.changes)
    row = dict(zip(PAIR_COLUMNS, _pair_row(p), strict=True))
    assert (row["a_value"], row["b_value"], row["a_unit"], row["b_unit"]) == (p.a.value, p.b.value, p.a.unit, p.b.unit)
    assert (row["a_line"], row["b_line"], row["a_text"], row["b_text"]) == (p.a.line, p.b.line, p.a.text, p.b.text)
    assert (row["a_year"], row["b_year"], row["a_section"], row["b_section"]) == (p.a.year, p.b.year, p.a.section,
                                                                                  p.b.section)
    assert (row["status"], row["changes"], row["indicator"]) == (str(p.status), ", ".join(p.changes), p.b.indicator)
    assert (row["a_comparator"], row["b_comparator"]) == (str(p.a.comparator), str(p.b.comparator))
