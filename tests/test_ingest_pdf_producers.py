"""PDF as people see it: a sample printed to PDF by real producers (Chromium's --print-to-pdf,
LibreOffice when installed) reads as the text file — same headline targets, same top-level
outline — with no running heads, page numbers, Kangxi radicals or pdfminer warnings.

Chromium writes ⼯⽣⻓⺠ (Kangxi and supplement radicals) for 工生长民, a date and title head and
a URL and page-number foot on every page, and em spaces for indentation; LibreOffice puts spaces
between Chinese and digits (2018 年 3 月). Both wrap every paragraph at the page width.
"""
from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import docdiff
from docdiff.chinese import fold_width
from docdiff.model import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = ROOT.parent / "shared" / "gold" / "pairs" / "hailar-2018-2019.targets.json"
PAIR = ("hailar-district-2018-work-report", "hailar-district-2019-work-report")
CHROMIUM = "/usr/bin/chromium"


def _chromium_pdf(text: str, out: Path) -> None:
    body = "\n".join(f"<p>{html.escape(line) if line.strip() else '&nbsp;'}</p>" for line in text.split("\n"))
    page = out.with_suffix(".html")
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>report</title>"
        f"<style>p{{margin:0;white-space:pre-wrap}}</style></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)


def _libreoffice_pdf(text: str, out: Path) -> None:
    source = out.with_suffix(".txt")
    source.write_text(text, encoding="utf-8")
    profile = out.parent / "lo-profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out.parent / "lo"), str(source)],
                   capture_output=True, timeout=300, check=True)
    (out.parent / "lo" / f"{source.stem}.pdf").rename(out)


PRODUCERS: dict[str, tuple[Callable[[str, Path], None], bool]] = {
    "chromium": (_chromium_pdf, Path(CHROMIUM).exists()),
    "libreoffice": (_libreoffice_pdf, shutil.which("soffice") is not None),
}


@pytest.fixture(scope="module", params=sorted(PRODUCERS))
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    make, available = PRODUCERS[request.param]
    if not available:
        pytest.skip(f"{request.param} is not installed")
    out = tmp_path_factory.mktemp(request.param)
    paths = {}
    for name in PAIR:
        pdf = out / f"{name}.pdf"
        make(docdiff.load(str(SAMPLES / f"{name}.txt")).text, pdf)
        paths[name] = pdf
    return paths


def _reading(doc: Document) -> tuple[list[str], list[tuple[str, float | None, str, str]]]:
    outline = docdiff.parse_outline(doc)
    top = [fold_width(s.number + s.title) for s in outline.sections]
    targets = [(fold_width(t.indicator), t.value, t.unit, str(t.comparator))
               for t in docdiff.extract_targets(doc, outline)]
    return top, targets


def _headline(doc: Document, side: str) -> list[tuple[str, float | None, str, str]]:
    """The text file's targets at the lines of the answer key's headline targets."""
    key = json.loads(GOLD.read_text(encoding="utf-8"))
    lines = {(p[side]["line"], p[side]["value"]) for p in key["pairs"] if p.get(side)}
    outline = docdiff.parse_outline(doc)
    return sorted((fold_width(t.indicator), t.value, t.unit, str(t.comparator))
                  for t in docdiff.extract_targets(doc, outline) if (t.line, t.value) in lines)


@pytest.mark.parametrize("name,side", [(PAIR[0], "a"), (PAIR[1], "b")])
def test_pdf_reads_as_the_text(printed: dict[str, Path], name: str, side: str) -> None:
    text_doc = docdiff.load(str(SAMPLES / f"{name}.txt"))
    pdf_doc = docdiff.load(str(printed[name]))
    top_text, _ = _reading(text_doc)
    top_pdf, targets_pdf = _reading(pdf_doc)
    assert top_pdf == top_text
    headline = _headline(text_doc, side)
    assert headline, "the answer key's headline targets are read from the text file"
    assert all(t in targets_pdf for t in headline)
    # what the PDF shows around the text is gone: heads, feet, page numbers, radicals
    assert "report" not in pdf_doc.text and "file:" not in pdf_doc.text and "ﬁle:" not in pdf_doc.text
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in pdf_doc.text)
    assert not any(line.strip().isdigit() for line in pdf_doc.text.splitlines())


def test_compare_of_two_pdfs_prints_no_warnings(printed: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = subprocess.run([sys.executable, "-m", "docdiff", "compare", str(printed[PAIR[0]]), str(printed[PAIR[1]]),
                          "--format", "json", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert json.loads(out.read_text(encoding="utf-8"))["sections"]


def test_page_numbers_in_sequence_go_and_a_table_cell_stays() -> None:
    from docdiff.ingest.page_cleanup import running_lines

    pages = [["2024年政府工作报告", f"正文第{k}页的一段文字。", "5" if k == 2 else "预期性", f"- {k + 1} -"]
             for k in range(4)]
    drops = running_lines(pages)
    kept = [line for page, drop in zip(pages, drops) for i, line in enumerate(page) if i not in drop]
    assert not any(line.startswith("- ") for line in kept)  # 1 … 4, one per page, in sequence
    assert "2024年政府工作报告" not in kept  # a running head on every page
    assert "5" in kept  # a number ending one page is a cell, not a page number


def test_autospacing_is_undone_only_when_the_producer_did_it() -> None:
    from docdiff.ingest.page_cleanup import autospaced as _autospaced
    from docdiff.ingest.page_cleanup import without_cjk_spaces as _without_cjk_spaces

    spaced = ["2018 年 3 月 7 日在第 15 届", "投资 2.76 亿元，完成 47 个", "表2 路桥区主要指标"]
    assert _autospaced(spaced)
    assert _without_cjk_spaces(spaced[1]) == "投资2.76亿元，完成47个"
    assert _without_cjk_spaces(spaced[2]) == "表2 路桥区主要指标"  # a caption's number keeps its space
    assert not _autospaced(["时间:2025-07-15 10:16 来源:县发改局", "增长5%，达到100亿元", "2024年完成30项"])
