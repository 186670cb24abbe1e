"""`docdiff series` end to end on the bundled Hailar reports, and its errors."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from cli_runner import stderr_apart_runner as _runner
from conftest import SAMPLES
from series_reports import report, standard_goals, write_reports

from docdiff.cli import cli

HAILAR = sorted(str(p) for p in SAMPLES.glob("hailar-district-20*.txt"))



@pytest.fixture(scope="module")
def hailar_json() -> dict:
    result = _runner().invoke(cli, ["series", *reversed(HAILAR), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_hailar_ledger(hailar_json: dict) -> None:
    assert [d["year"] for d in hailar_json["documents"]] == list(range(2012, 2020))
    assert hailar_json["gaps"] == []
    rows = {r["key"]: r for r in hailar_json["indicators"]}
    gdp = {c["year"]: c for c in rows["生产总值增长"]["cells"]}
    assert [gdp[y]["target"]["value"] for y in range(2012, 2020)] == [21, 20, 11, 8, 7.5, 7.5, 6, 3.5]
    assert gdp[2018]["outcome"]["value"] == 6 and gdp[2018]["verdict"] == "met"
    assert gdp[2012]["outcome"]["value"] == 18.5 and gdp[2012]["verdict"] == "missed"
    assert gdp[2017]["outcome"] is None and gdp[2017]["verdict"] == "no_outcome"  # 2018 says only 稳中有升
    assert {"from": 2016, "to": 2017, "years": 2, "value": 7.5, "value_high": None, "unit": "%",
            "comparator": "="} in rows["生产总值增长"]["streaks"]
    # 农民人均纯收入 (2012–2015) and 农村(牧区)常住居民人均可支配收入 (2016–2019): one row
    rural = {c["year"]: c for c in rows["农村居民人均可支配收入增长"]["cells"]}
    assert all(rural[y]["target"] is not None for y in range(2012, 2020))
    jobs = {c["year"]: c for c in rows["新增就业"]["cells"]}
    assert jobs[2015]["outcome"]["value"] == 5650  # the district total, not the commerce paragraph's 3000


def test_every_format_writes_a_file(tmp_path: Path) -> None:
    for fmt, check in (("term", lambda b: "地区生产总值增长" in b.decode()),
                       ("csv", lambda b: next(csv.reader(io.StringIO(b.decode()))) [0] == "indicator"),
                       ("html", lambda b: b.startswith(b"<!DOCTYPE html>")),
                       ("xlsx", lambda b: zipfile.is_zipfile(io.BytesIO(b)))):
        out = tmp_path / f"series.{fmt}"
        result = _runner().invoke(cli, ["series", *HAILAR, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, (fmt, result.stderr)
        assert check(out.read_bytes()), fmt
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_tier_chooses_the_rows(tmp_path: Path) -> None:
    def keys(*args: str) -> list[str]:
        result = _runner().invoke(cli, ["series", *HAILAR[-3:], "--format", "json", *args])
        return [r["key"] for r in json.loads(result.stdout)["indicators"]]

    headline, every = keys("--tier", "headline"), keys()
    assert "生产总值增长" in headline and len(every) > len(headline)
    assert set(headline) < set(every)


def test_two_reports_of_one_year_exit_2_naming_both(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, {"a": report(2020, goals=standard_goals()), "b": report(2020, goals=standard_goals())})
    out = tmp_path / "out.json"
    result = _runner().invoke(cli, ["series", *paths, "--format", "json", "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and paths[0] in lines[0] and paths[1] in lines[0] and "2020" in lines[0]
    assert "Traceback" not in result.stderr and not out.exists()


def test_xlsx_needs_an_output_file() -> None:
    result = _runner().invoke(cli, ["series", HAILAR[0], "--format", "xlsx"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "-o" in result.stderr


def test_series_needs_a_file() -> None:
    result = _runner().invoke(cli, ["series"])
    assert result.exit_code == 2
