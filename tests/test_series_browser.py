"""The series HTML page in Debian's headless Chromium: offline, a chart per headline indicator, cells
that scroll to their sentence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from test_browser import Watched, browser, in_viewport  # noqa: F401  (browser: the shared fixture)

from docdiff.cli import cli

pytestmark = pytest.mark.browser

HAILAR = sorted(str(p) for p in SAMPLES.glob("hailar-district-20*.txt"))


@pytest.fixture(scope="module")
def series_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    d = tmp_path_factory.mktemp("series")
    page = d / "series.html"
    result = CliRunner().invoke(cli, ["series", *HAILAR, "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["series", *HAILAR, "--format", "json", "--tier", "headline"])
    return page, json.loads(result.output)


@pytest.fixture
def page(browser, series_files):  # noqa: F811
    w = Watched(browser, series_files[0].as_uri())
    yield w
    assert w.errors == [], w.errors
    assert w.requests == [w.url], "the page must not fetch anything"
    w.close()


def test_a_chart_per_headline_indicator_with_its_points(page, series_files):
    data = series_files[1]
    rows = [r for r in data["indicators"] if any(c["target"] and c["target"]["value"] is not None for c in r["cells"])]
    charts = page.page.eval_on_selector_all("figure[data-key]", "fs => fs.map(f => f.dataset.key)")
    assert charts == [r["key"] for r in rows]
    assert len(charts) >= 8
    for r in rows:
        fig = f"figure[data-key='{r['key']}']"
        counts = page.page.eval_on_selector(fig, """f => ({
            line: f.querySelectorAll('path.target-line').length,
            targets: f.querySelectorAll('circle.target-point').length,
            outcomes: f.querySelectorAll('circle.outcome').length,
            missed: f.querySelectorAll('circle.outcome.missed').length,
            marks: f.querySelectorAll('path.miss-mark').length,
            d: [...f.querySelectorAll('path.target-line')].map(p => p.getAttribute('d')).join(' '),
        })""")
        targets = [c for c in r["cells"] if c["target"] and c["target"]["value"] is not None]
        assert counts["targets"] == len(targets), r["key"]
        assert counts["outcomes"] == sum(1 for c in r["cells"] if c["outcome"]), r["key"]
        assert counts["missed"] == counts["marks"] == sum(1 for c in r["cells"] if c["verdict"] == "missed")
        assert counts["line"] >= 1 and counts["d"].count("H") == len(targets)  # one step per target year
    gdp = page.page.eval_on_selector("figure[data-key='生产总值增长'] svg", "s => s.getBBox().width")
    assert gdp > 300  # drawn, not collapsed


def test_clicking_a_cell_scrolls_to_its_sentence(page, series_files):
    p = page.page
    p.set_viewport_size({"width": 1400, "height": 600})
    cell = "tr[data-key='生产总值增长'] td:nth-child(7) a.cell"  # 2016: first column is 2011's outcomes
    assert p.get_attribute(cell, "data-line") == "75"
    p.click(cell)
    assert p.text_content("#d4-l75 mark") == "地区生产总值增长7.5%"
    assert p.get_attribute("#d4-l75", "class") == "src hit"
    assert in_viewport(p, "#d4-l75 mark")
    # the outcome link of the same cell goes to the next report's review
    outcome = "tr[data-key='生产总值增长'] td:nth-child(7) .outcome a.cell"
    p.click(outcome)
    assert p.eval_on_selector_all(".src.hit", "es => es.map(e => e.id)") == ["d5-l13"]
    assert "7.2%" in p.text_content("#d5-l13 mark")
    assert in_viewport(p, "#d5-l13 mark")
