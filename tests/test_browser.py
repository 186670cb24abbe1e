"""The HTML report driven like a user, in Debian's headless Chromium through Playwright."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from render_fixtures import HOSTILE, hostile_comparison, small_comparison

from docdiff.render.html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt install chromium); playwright's own browsers are not used")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for name, c in (("small", small_comparison()), ("hostile", hostile_comparison())):
        out[name] = d / f"{name}.html"
        out[name].write_text(render_html(c), encoding="utf-8")
    return out


class Watched:
    """A page that records console errors, page errors, dialogs and every request."""

    def __init__(self, browser, url: str, **ctx) -> None:
        self.context = browser.new_context(**{"viewport": {"width": 1400, "height": 900}, **ctx})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        started = time.perf_counter()
        self.page.goto(url, wait_until="load")
        self.load_seconds = time.perf_counter() - started
        self.url = url

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def small(browser, report_files):
    w = Watched(browser, report_files["small"].as_uri())
    yield w
    assert w.errors == [], w.errors
    assert w.requests == [w.url], "the report must not fetch anything"
    w.close()


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.targets tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.querySelector('th').textContent)")


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    }""")


def test_loads_offline_and_shows_every_target(small):
    assert small.page.title().startswith("文档比较报告")
    assert len(visible_rows(small.page)) == 6
    assert small.page.text_content("#tcount") == "显示 6 / 6 个指标"


def test_status_filter_hides_and_restores_rows(small):
    page = small.page
    for st in ("shared", "added", "removed"):
        page.click(f"button.flt[data-status={st}]")
    assert visible_rows(page) == ["一般公共预算收入增长", "城镇登记失业率"]
    assert page.get_attribute("button.flt[data-status=added]", "aria-pressed") == "false"
    assert page.text_content("#tcount") == "显示 2 / 6 个指标"
    page.click("button.flt[data-status=added]")
    assert visible_rows(page) == ["一般公共预算收入增长", "城镇登记失业率", "新增城镇就业", "新增市场主体"]


def test_search_and_sort(small):
    page = small.page
    page.fill("#tsearch", "失业")
    assert visible_rows(page) == ["城镇登记失业率"]
    page.fill("#tsearch", "")
    page.click("th button.sort[data-col='2']")  # B value, ascending; empty cells last
    assert page.get_attribute("th:has(button[data-col='2'])", "aria-sort") == "ascending"
    assert visible_rows(page)[:3] == ["城镇登记失业率", "一般公共预算收入增长", "地区生产总值增长"]
    assert visible_rows(page)[-1] == "脱贫人口"
    page.click("th button.sort[data-col='2']")
    assert page.get_attribute("th:has(button[data-col='2'])", "aria-sort") == "descending"
    assert visible_rows(page)[:2] == ["新增城镇就业", "新增市场主体"]


def test_clicking_a_row_scrolls_both_panes_to_the_target(small):
    page = small.page
    page.set_viewport_size({"width": 1400, "height": 500})  # small, so the panes must really scroll
    page.click("tr:has(th:text-is('城镇登记失业率'))")
    a, b = "#p1 .pane-a mark.hl", "#p1 .pane-b mark.hl"
    joined = "ms => ms.map(m => m.textContent).join('')"
    assert page.eval_on_selector_all(a, joined) == "城镇登记失业率控制在4%以内"
    assert page.eval_on_selector_all(b, joined) == "城镇登记失业率控制在4.5%以内"
    assert in_viewport(page, a) and in_viewport(page, b)
    # a target in another section: the row's status text and the highlight move with it
    page.focus("tr:has(th:text-is('新增市场主体'))")
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all("mark.hl", "ms => ms.map(m => m.closest('article').id)") == ["p6"]
    assert in_viewport(page, "#p6 .pane-b mark.hl")
    assert page.get_attribute("tr:has(th:text-is('新增市场主体'))", "class").endswith("sel")


def test_unified_view_interleaves_the_diff(small):
    page = small.page
    page.click("#v-uni")
    assert page.get_attribute("#v-uni", "aria-pressed") == "true"
    assert page.get_attribute("#v-sbs", "aria-pressed") == "false"
    assert not page.is_visible("#p1 .sbs")
    uni = page.text_content("#p1 .uni")
    assert uni.startswith("二、2018") and "增长35%" in uni and "4.5%以内" in uni  # deleted 3, inserted 5
    assert page.eval_on_selector("#p1 .uni", "u => u.querySelectorAll('del').length") == 2
    # the row jump works in this view too
    page.click("tr:has(th:text-is('一般公共预算收入增长'))")
    assert in_viewport(page, "#p1 .uni mark.hl")
    page.click("#v-sbs")
    assert page.is_visible("#p1 .sbs") and not page.is_visible("#p1 .uni")


def test_only_changed_and_j_k(small):
    page = small.page
    page.click("#only")
    assert page.get_attribute("#only", "aria-pressed") == "true"
    shown = page.eval_on_selector_all("article.pair", "as => as.filter(a => a.offsetParent).map(a => a.id)")
    assert shown == ["p0", "p1", "p2", "p3", "p5", "p6", "p7", "p8"]  # p4 (三、) is identical
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "ph1"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == "ph0"
    page.click("#only")
    assert page.is_visible("#p4")


def test_dark_scheme_and_screenshot(browser, report_files, tmp_path):
    w = Watched(browser, report_files["small"].as_uri(), color_scheme="dark")
    bg = w.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(251, 251, 249)"  # the dark palette applies
    shot = tmp_path / "report_dark.png"
    w.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert w.errors == []
    w.close()


def test_hostile_document_stays_text(browser, report_files):
    w = Watched(browser, report_files["hostile"].as_uri())
    page = w.page
    assert w.dialogs == [] and w.errors == [] and w.requests == [w.url]
    assert page.evaluate("document.querySelectorAll('img, iframe, a[href^=javascript]').length") == 0
    assert page.evaluate("document.scripts.length") == 2  # the JSON block and the report's own script
    body = page.text_content("body")
    for s in HOSTILE[:9]:
        assert s in body
    page.click("table.targets tbody tr")
    assert page.eval_on_selector_all("mark.hl", "ms => ms.length") > 0
    page.click("#v-uni")
    assert w.dialogs == [] and w.errors == []
    w.close()


def test_real_plan_pair_loads_fast_and_jumps(browser, tmp_path, capsys):
    """Luqiao's plan vs Linhai's plan through the whole pipeline."""
    from conftest import sample

    from docdiff.comparison import compare
    from docdiff.ingest import load

    c = compare(load(str(sample("luqiao"))), load(str(sample("linhai"))))
    path = tmp_path / "luqiao-linhai.html"
    path.write_text(render_html(c), encoding="utf-8")
    size = path.stat().st_size
    assert size < 2_000_000
    w = Watched(browser, path.as_uri())
    # a figure for the report, not an assertion: tests never assert timings
    with capsys.disabled():
        print(f"\nluqiao/linhai report: {size / 1e6:.2f} MB, load event after {w.load_seconds * 1000:.0f} ms")
    page = w.page
    assert w.errors == [] and w.requests == [w.url]
    row = page.query_selector("table.targets tbody tr.st-changed") or page.query_selector("table.targets tbody tr")
    row.click()
    assert page.eval_on_selector_all("mark.hl", "ms => ms.length") > 0
    assert in_viewport(page, "mark.hl")
    page.click("#v-uni")
    page.click("#only")
    assert page.eval_on_selector_all(".uni", "us => us.length") == len(c.sections)
    w.page.screenshot(path=str(tmp_path / "luqiao-linhai.png"))
    w.close()


def test_arrow_keys_move_between_rows_and_print_unfolds(small):
    page = small.page
    page.focus("table.targets tbody tr:first-child")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('data-row')") == "2"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('data-row')") == "1"
    page.emulate_media(media="print")
    assert not page.is_visible("nav.outline") and not page.is_visible("#v-uni")
    assert page.eval_on_selector(".pane", "p => getComputedStyle(p).maxHeight") == "none"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector("details.passages", "d => d.open")


def test_unified_view_keeps_b_only_targets_in_unchanged_text(browser, tmp_path):
    from msgspec.structs import replace

    from docdiff.model import TargetPair, TargetStatus

    c = small_comparison()
    # B's GDP target sits in text both sides share; A has no target there
    c = replace(c, targets=(TargetPair(status=TargetStatus.ADDED, a=None, b=c.targets_b[0]),))
    path = tmp_path / "b-only.html"
    path.write_text(render_html(c), encoding="utf-8")
    w = Watched(browser, path.as_uri())
    w.page.click("#v-uni")
    w.page.click("table.targets tbody tr")
    marks = w.page.eval_on_selector_all("#p1 .uni mark.hl", "ms => ms.map(m => m.textContent).join('')")
    assert marks == "地区生产总值增长6%左右"
    assert w.errors == []
    w.close()


def test_merged_card_says_where_it_went(small):
    page = small.page
    card = page.text_content("#p7 .ph")
    assert "并入 B 第三部分 (similarity 42%)" in card and "删去" not in card
    assert page.is_visible("#p7 .ph .into")
    assert "B 中没有对应章节" not in page.text_content("#p7")  # the B pane shows where it went
    assert "分入 B 第（一）部分 50%、第四部分 50%" in page.text_content("#p8 .ph")


def test_narrow_screen_stacks_panes_and_target_cells(browser, report_files):
    """At 400 px the panes sit one above the other and each target is a card: nothing hides
    behind a horizontal scroll (状态 and 方向 were off screen)."""
    w = Watched(browser, report_files["small"].as_uri(), viewport={"width": 400, "height": 800})
    page = w.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    a = page.eval_on_selector("#p1 .pane-a", "e => e.getBoundingClientRect().toJSON()")
    b = page.eval_on_selector("#p1 .pane-b", "e => e.getBoundingClientRect().toJSON()")
    assert b["top"] >= a["bottom"] - 1 and abs(a["left"] - b["left"]) < 1 and a["width"] > 300
    row = "table.targets tbody tr:nth-child(2)"
    cells = page.eval_on_selector_all(f"{row} td", "ts => ts.map(t => t.getBoundingClientRect().toJSON())")
    assert all(c["right"] <= 400 for c in cells)
    assert [round(c["left"]) for c in cells] == [round(cells[0]["left"])] * len(cells)  # one below another
    labels = page.eval_on_selector_all(f"{row} td", "ts => ts.map(t => getComputedStyle(t, '::before').content)")
    assert labels[2] == '"状态"' and labels[3] == '"方向"'
    assert w.errors == []
    w.close()


def test_print_shows_summary_targets_and_changed_sections_with_page_numbers(browser, report_files, tmp_path):
    w = Watched(browser, report_files["small"].as_uri())
    page = w.page
    page.emulate_media(media="print")
    assert page.is_visible("header.top") and page.is_visible("table.targets")
    assert not page.is_visible("#p4") and "same" in page.get_attribute("#p4", "class")  # unchanged: left out
    assert page.is_visible("#p1")  # a changed one is printed
    assert not page.is_visible("details.passages") and not page.is_visible("#csv")
    # the repeated header row prints its words, on white, not an empty grey bar
    th = "table.targets thead th"
    assert page.eval_on_selector(th, "t => getComputedStyle(t, '::before').content") == '"指标"'
    assert page.eval_on_selector(th, "t => getComputedStyle(t).backgroundColor") in ("rgb(255, 255, 255)",
                                                                                        "rgba(0, 0, 0, 0)")
    assert page.eval_on_selector(".ph", "t => getComputedStyle(t).backgroundColor") in ("rgb(255, 255, 255)",
                                                                                       "rgba(0, 0, 0, 0)")
    pdf = tmp_path / "small.pdf"
    page.pdf(path=str(pdf), format="A4")
    from pypdf import PdfReader

    pages = PdfReader(str(pdf)).pages
    assert "1 / " + str(len(pages)) in pages[0].extract_text()  # page numbers in the margin
    w.close()


def test_search_finds_synonyms_of_a_key(small):
    page = small.page
    page.fill("#tsearch", "GDP")  # GDP = 生产总值, a built-in synonym
    assert visible_rows(page) == ["地区生产总值增长"]
    page.fill("#tsearch", "gdp增长")
    assert visible_rows(page) == ["地区生产总值增长"]
    page.fill("#tsearch", "生产总值")
    assert visible_rows(page) == ["地区生产总值增长"]
    page.fill("#tsearch", "GNP")
    assert visible_rows(page) == []


def test_back_to_the_row_after_a_jump(small):
    page = small.page
    page.set_viewport_size({"width": 1400, "height": 500})
    row = "tr:has(th:text-is('新增市场主体'))"
    assert not page.is_visible("#back")
    page.click(row)
    assert page.is_visible("#back") and not in_viewport(page, row)
    page.keyboard.press("Escape")
    assert in_viewport(page, row) and not page.is_visible("#back")
    assert page.evaluate("document.activeElement.querySelector('th').textContent") == "新增市场主体"
    page.click("tr:has(th:text-is('城镇登记失业率'))")
    page.mouse.wheel(0, 2000)
    page.click("#back")
    assert in_viewport(page, "tr:has(th:text-is('城镇登记失业率'))")


def test_download_csv_works_offline(browser, report_files, tmp_path):
    w = Watched(browser, report_files["small"].as_uri(), accept_downloads=True)
    with w.page.expect_download() as info:
        w.page.click("#csv")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(str(path))
    text = path.read_bytes().decode("utf-8")  # as saved: \r\n row ends kept
    from docdiff.render.sheet import render_comparison_csv

    assert info.value.suggested_filename == "docdiff-targets.csv"
    assert text == render_comparison_csv(small_comparison()) and text.startswith("\ufeffindicator,key,")
    assert all(not u.startswith(("http:", "https:")) for u in w.requests)
    assert w.errors == []
    w.close()


def test_clicking_a_target_in_the_text_selects_its_row_and_highlights_it(small):
    """The legend's <mark class="tg"> has no data-t: the click handler used to throw on it
    ("reading 'split'"), so nothing was highlighted (issue 13, item 12)."""
    page = small.page
    mark = page.locator("#p1 .pane-b mark.tg[data-t]").first
    ids = mark.get_attribute("data-t").split(" ")
    mark.click()
    assert small.errors == []
    assert page.eval_on_selector_all("mark.hl", "ms => ms.length") >= 1
    assert mark.evaluate("m => m.classList.contains('hl')")
    row = page.locator("table.targets tbody tr.sel")
    assert row.count() == 1
    assert set(ids) & set(page.evaluate(
        "r => { const d = JSON.parse(document.getElementById('docdiff-data').textContent).rows[+r]; return [d.a, d.b]; }",
        row.get_attribute("data-row")))
