"""The corpus HTML report driven in Debian's headless Chromium: offline, no console errors,
heatmap cells, sortable target table, copy index with edits marked, parent verdicts."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample
from corpus_fixtures import planted_corpus
from test_browser import Watched, browser  # noqa: F401  (the shared Chromium fixture)

from docdiff.corpus import build_corpus
from docdiff.render.corpus_html import render_corpus_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus-html")
    docs = d / "docs"
    docs.mkdir()
    planted_corpus(docs, copies=3, seed=11)
    (docs / "<img src=x onerror=alert(1)>.txt").write_text("一、总体要求\n<script>alert(1)</script>到2025年，地区生产总值增长6%以上。\n",
                                      encoding="utf-8")
    report = build_corpus([str(docs)], parent=str(sample("taizhou")), workers=1)
    out = d / "corpus.html"
    out.write_text(render_corpus_html(report), encoding="utf-8")
    return out


@pytest.fixture
def page(browser, page_file: Path):  # noqa: F811
    w = Watched(browser, page_file.as_uri())
    yield w.page
    assert w.errors == [], w.errors
    assert w.dialogs == [] and w.requests == [w.url], "the report must not fetch anything"
    w.close()


def test_heatmap_has_a_cell_each_way_for_every_similar_pair(page):
    cells = page.eval_on_selector_all("#heatmap rect.cell", "rs => rs.map(r => r.dataset.a + '-' + r.dataset.b)")
    assert len(cells) >= 6 and len(cells) % 2 == 0
    assert page.eval_on_selector_all("#heatmap rect.diag", "rs => rs.length") == 8  # seven planted documents and the hostile one


def test_clicking_a_heatmap_cell_opens_its_pair(page):
    first = page.query_selector("#heatmap rect.cell")
    pair = f"#pair-{first.get_attribute('data-a')}-{first.get_attribute('data-b')}"
    assert page.get_attribute(pair, "open") is None
    first.click()
    assert page.get_attribute(pair, "open") is not None
    assert page.eval_on_selector_all(f"{pair} mark.edit", "ms => ms.length") >= 2  # the planted edits, both sides


def test_target_table_sorts_by_count_and_back(page):
    def counts() -> list[int]:
        return page.eval_on_selector_all("#target-table tbody tr", "rs => rs.map(r => +r.cells[2].textContent)")

    header = "#target-table thead th:nth-child(3)"
    page.click(header)
    assert page.get_attribute(header, "aria-sort") == "ascending" and counts() == sorted(counts())
    page.click(header)
    assert page.get_attribute(header, "aria-sort") == "descending" and counts() == sorted(counts(), reverse=True)
    assert page.eval_on_selector_all("#target-table svg.strip", "s => s.length") >= 1


def test_parent_verdicts_and_escaped_document_text(page):
    assert page.eval_on_selector_all("#parent-table tbody tr", "rs => rs.length") > 10
    assert "加码 stronger" in page.text_content("#parent-table") or "偏弱 weaker" in page.text_content("#parent-table")
    # the hostile document's name is text, never an element
    assert "<img src=x onerror=alert(1)>.txt" in page.text_content("details.docs")
    assert page.eval_on_selector_all("img", "i => i.length") == 0
    assert page.eval_on_selector_all("main script", "s => s.length") == 0
