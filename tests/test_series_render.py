"""Golden files and escaping for every series view (term, JSON, CSV, XLSX, HTML) on constructed reports."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from render_fixtures import HOSTILE
from series_reports import report, standard_goals, standard_review, write_reports

import docdiff
from docdiff.render.series_csv import render_series_csv
from docdiff.render.series_html import render_series_html
from docdiff.render.series_json import render_series_json
from docdiff.render.series_table import FIELDS
from docdiff.render.series_term import render_series_term
from docdiff.render.series_xlsx import render_series_xlsx
from docdiff.series import Ledger, build_series

GOLDEN = Path(__file__).resolve().parent / "golden"
# The target reader skips lines holding HTML tags, so the indicator carries what survives it
# (markup of rich, a formula, a control character, an unclosed "<b"); the paths carry the tags.
EVIL = "=cmd|' /C calc' A0[bold]\x1b[31m&<b"


def _ledger(folder: Path, hostile: bool = False) -> Ledger:
    extra = [f"今年{EVIL}指标增长8%。"] if hostile else []
    reports = {
        "r2019": report(2019, review=standard_review(), goals=standard_goals(gdp="6%－6.5%") + extra),
        "r2020": report(2020, review=standard_review(gdp="6.1", jobs="4800"),
                        goals=["今年不设全年经济增速具体目标，一般公共预算收入增长4%；城镇新增就业5000人以上，城镇登记失业率控制在4%以内。"] + extra),
        "r2022": report(2022, review=standard_review(gdp="8.1", unemployment="4.2"), goals=standard_goals(gdp="5.5%左右")),
    }
    paths = write_reports(folder, reports)
    docs = [docdiff.load(p) for p in paths]
    # paths are shown in every view: make them the same on every machine
    from msgspec.structs import replace
    prefix = "".join(HOSTILE[:4]) if hostile else ""
    return build_series([replace(d, path=prefix + Path(d.path).name) for d in docs])


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return _ledger(tmp_path_factory.mktemp("series"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return _ledger(tmp_path_factory.mktemp("hostile"), hostile=True)


def _check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    with open(path, encoding="utf-8", newline="") as f:
        assert text == f.read(), f"{name} differs (pytest --update-golden, then read the diff)"


def test_term_golden(ledger: Ledger, update_golden: bool) -> None:
    _check("series_small.term", render_series_term(ledger, ledger.rows, color=False, width=100), update_golden)


def test_json_golden(ledger: Ledger, update_golden: bool) -> None:
    _check("series_small.json", render_series_json(ledger), update_golden)


def test_csv_golden(ledger: Ledger, update_golden: bool) -> None:
    _check("series_small.csv", render_series_csv(ledger, ledger.rows), update_golden)


def test_html_golden(ledger: Ledger, update_golden: bool) -> None:
    _check("series_small.html", render_series_html(ledger, ledger.rows), update_golden)


def test_json_follows_the_contract(ledger: Ledger) -> None:
    data = json.loads(render_series_json(ledger))
    assert data["schema"] == "docdiff/1"
    assert [d["year"] for d in data["documents"]] == [2019, 2020, 2022]
    assert data["gaps"] == [2021]
    gdp = next(r for r in data["indicators"] if r["key"] == "生产总值增长")
    assert set(gdp) >= {"key", "label", "tier", "cells", "streaks"}
    by_year = {c["year"]: c for c in gdp["cells"]}
    assert by_year[2019]["target"]["comparator"] == "range" and by_year[2019]["target"]["value_high"] == 6.5
    assert by_year[2019]["outcome"] | {"text": None} == {
        "indicator": by_year[2019]["outcome"]["indicator"], "value": 6.1, "value_high": None, "unit": "%",
        "comparator": "=", "year": 2019, "document": 1, "line": by_year[2019]["outcome"]["line"],
        "start": by_year[2019]["outcome"]["start"], "end": by_year[2019]["outcome"]["end"], "text": None}
    assert [by_year[y]["verdict"] for y in (2019, 2020, 2021, 2022)] == ["met", "not_set", "no_target", "no_outcome"]
    assert by_year[2021]["document"] is None and by_year[2021]["outcome"]["value"] == 8.1


def test_csv_is_long_form(ledger: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(render_series_csv(ledger, ledger.rows))))
    assert tuple(rows[0]) == FIELDS
    gdp = [r for r in rows if r["key"] == "生产总值增长"]
    assert [(r["year"], r["target_value"], r["target_value_high"], r["verdict"]) for r in gdp] == [
        ("2018", "", "", "no_target"), ("2019", "6", "6.5", "met"), ("2020", "", "", "not_set"),
        ("2021", "", "", "no_target"), ("2022", "5.5", "", "no_outcome")]


def _xlsx_strings(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s for s in sheets), "no cell may hold a formula"
    return re.findall(r"<t[^>]*>([^<]*)</t>", shared)


def test_xlsx_has_the_long_and_the_wide_sheet(ledger: Ledger) -> None:
    data = render_series_xlsx(ledger, ledger.rows)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    assert 'name="long"' in workbook and 'name="targets"' in workbook
    strings = _xlsx_strings(data)
    assert "生产总值增长" in strings and "not_set" in strings


def test_hostile_text_is_escaped_everywhere(hostile: Ledger) -> None:
    assert any("[bold]" in r.label for r in hostile.rows), "the fixture must reach the ledger"
    term = render_series_term(hostile, hostile.rows, color=True, width=200)
    assert "[bold]" in term, "document text must not be read as rich markup"
    assert "\x1b[31m&" not in term and "\\x1b" in term  # a control character is shown, not obeyed
    page = render_series_html(hostile, hostile.rows)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "&amp;&lt;b" in page and "<img" not in page
    assert page.count("<script") == 1  # only the page's own script
    assert page.count("</style>") == 1
    data = json.loads(render_series_json(hostile))
    assert any("[bold]" in r["label"] for r in data["indicators"])
    assert data["documents"][0]["path"].startswith("<script>")
    rows = list(csv.DictReader(io.StringIO(render_series_csv(hostile, hostile.rows))))
    evil = [r for r in rows if "[bold]" in r["indicator"]]
    assert evil and all(r["indicator"].startswith("'=") for r in evil)
    assert all(not v.startswith(("=", "+", "@", "-")) for r in rows for k, v in r.items()
               if k in ("indicator", "key", "text", "outcome_text", "document"))
    strings = _xlsx_strings(render_series_xlsx(hostile, hostile.rows))
    assert any(s.startswith("=cmd") for s in strings)  # kept as text, never a formula (see _xlsx_strings)
