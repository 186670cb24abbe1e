"""compare --format docx: a Word redline whose tracked changes, all accepted in LibreOffice,
give B's text and, all rejected, A's text; its revision markup valid against the schema part
it uses; the summary page before it with the target table."""
from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from format_set import DATA, SOFFICE
from lxml import etree

import docdiff
from docdiff.cli import cli
from docdiff.render.redline_docx import BODY_MARK, render_redline_docx
from docdiff.render.redline_plan import plan_redline

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAIRS = [
    ("hailar-district-2018-work-report.txt", "hailar-district-2019-work-report.txt"),
    ("luqiao-14th-five-year-plan.txt", "linhai-common-prosperity-plan-2021-2025.txt"),
]
HAS_UNO = SOFFICE is not None and subprocess.run(
    ["/usr/bin/python3", "-c", "import uno"], check=False, capture_output=True).returncode == 0


def _compare(a: str, b: str) -> docdiff.Comparison:
    return docdiff.compare(docdiff.load(str(ROOT / "samples" / a)), docdiff.load(str(ROOT / "samples" / b)))


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def hailar() -> docdiff.Comparison:
    return _compare(*PAIRS[0])


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_the_plan_tiles_both_texts(a: str, b: str) -> None:
    c = _compare(a, b)
    pieces = plan_redline(c)
    assert "".join(p.a for p in pieces) == c.a.text
    assert "".join(p.b for p in pieces) == c.b.text
    assert [p.b_start for p in pieces if p.b] == sorted(p.b_start for p in pieces if p.b)  # B's order


def test_moved_sections_are_deleted_there_inserted_here_and_listed(hailar) -> None:
    pieces = plan_redline(hailar)
    moved = [p for p in pieces if p.moved]
    assert moved, "Hailar 2018 → 2019 moves subsections of 一 (the alignment says so)"
    for p in moved:
        other = [q for q in moved if q.move == p.move and q is not p]
        assert len(other) == 1 and {p.kind, other[0].kind} == {"deleted", "inserted"}
    root = _document_xml(render_redline_docx(hailar))
    summary = "".join(root.itertext())
    assert summary.count("移动：") == len(moved) // 2
    # written as Word moves: each name has a moveFrom range and a moveTo range, holding moves only
    starts = {side: [el.get(f"{W}name") for el in root.iter(f"{W}{side}RangeStart")]
              for side in ("moveFrom", "moveTo")}
    assert sorted(starts["moveFrom"]) == sorted(starts["moveTo"]) == sorted({p.move for p in moved})
    moved_runs = [el for el in root.iter(f"{W}moveFrom") if el.find(f"{W}r") is not None]
    assert moved_runs and all(el.find(f"{W}r/{W}delText") is None for el in moved_runs)  # w:t, as Word
    assert next(root.iter(f"{W}moveTo"), None) is not None


def _document_xml(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _body_paragraphs(root) -> list:
    paragraphs = list(root.iter(f"{W}p"))
    mark = next(i for i, p in enumerate(paragraphs) if BODY_MARK in "".join(p.itertext()))
    return paragraphs[mark + 1 :]


ADDED = (f"{W}ins", f"{W}moveTo")
GONE = (f"{W}del", f"{W}moveFrom")


def _text(paragraphs, *, accept: bool) -> str:
    """The text with every revision accepted (or rejected), read from the XML."""
    out = []
    for p in paragraphs:
        for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab"):
            wrap = el.getparent().getparent()
            if wrap.tag in ADDED and not accept or wrap.tag in GONE and accept:
                continue
            out.append("\t" if el.tag == f"{W}tab" else el.text or "")
        mark = p.find(f"{W}pPr/{W}rPr")
        joined = mark is not None and any(
            mark.find(tag) is not None for tag in (ADDED if not accept else GONE))
        if not joined:
            out.append("\n")
    return "".join(out)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_the_revision_markup_reads_back_as_a_and_b(a: str, b: str) -> None:
    c = _compare(a, b)
    body = _body_paragraphs(_document_xml(render_redline_docx(c)))
    assert _lines(_text(body, accept=True)) == _lines(c.b.text)
    assert _lines(_text(body, accept=False)) == _lines(c.a.text)


def test_every_body_paragraph_is_valid_wordprocessingml(hailar) -> None:
    schema = etree.XMLSchema(etree.parse(str(DATA / "wml-revisions-subset.xsd")))
    root = _document_xml(render_redline_docx(hailar, when=datetime(2026, 12, 5, 9, 30, tzinfo=UTC)))
    body = _body_paragraphs(root)
    assert len(body) > 50
    for p in body:
        assert schema.validate(p), schema.error_log.last_error
    revisions = [el for el in root.iter(*ADDED, *GONE, f"{W}moveFromRangeStart", f"{W}moveToRangeStart")]
    assert revisions and {el.get(f"{W}author") for el in revisions} == {"docdiff"}
    assert {el.get(f"{W}date") for el in revisions} == {"2026-12-05T09:30:00Z"}
    ids = [el.get(f"{W}id") for el in revisions]
    assert len(ids) == len(set(ids))


def test_the_first_page_has_the_summary_and_the_target_table_with_changes_highlighted(hailar) -> None:
    root = _document_xml(render_redline_docx(hailar))
    tables = list(root.iter(f"{W}tbl"))
    assert len(tables) == 1
    rows = tables[0].findall(f"{W}tr")
    assert len(rows) == 1 + len(hailar.targets)
    shaded = ["".join(r.itertext()) for r in rows if r.find(f".//{W}shd") is not None]
    changed = [p for p in hailar.targets if p.status != "shared"]
    assert len(shaded) == len(changed)
    assert any("地区生产总值增长" in row and "3.5" in row for row in shaded)  # 6% → 3.5%
    first = "".join(root.itertext())
    assert first.index("全文相似度") < first.index(BODY_MARK)


def test_document_text_is_escaped_and_control_characters_dropped(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    # (a whole tag in a .txt is removed at ingest; an unclosed one stays text and must be escaped)
    a.write_text("一、总体要求\n<b 地区生产总值</b & 增长6%。\n", encoding="utf-8")
    b.write_text("一、总体要求\n<b 地区生产总值</b & 增长5%\x0b。\n", encoding="utf-8")
    c = docdiff.compare(docdiff.load(str(a)), docdiff.load(str(b)))
    root = _document_xml(render_redline_docx(c))
    assert "<b 地区生产总值</b & 增长5%" in _text(_body_paragraphs(root), accept=True)


def test_the_cli_writes_the_docx_to_a_file_or_a_pipe(tmp_path: Path) -> None:
    a, b = (str(ROOT / "samples" / name) for name in PAIRS[0])
    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(cli, ["compare", a, b, "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redline.docx"]
    piped = CliRunner().invoke(cli, ["compare", a, b, "--format", "docx"])
    assert piped.exit_code == 0 and zipfile.is_zipfile(io.BytesIO(piped.stdout_bytes))


def test_binary_output_is_refused_on_a_terminal(monkeypatch) -> None:
    import sys

    from docdiff.errors import DocdiffError
    from docdiff.output import write_output

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    with pytest.raises(DocdiffError, match="binary output"):
        write_output(b"PK\x03\x04", None)


@pytest.mark.skipif(not HAS_UNO, reason="needs LibreOffice and python3-uno")
@pytest.mark.parametrize(("a", "b"), PAIRS[:1])
def test_libreoffice_accepts_all_to_b_and_rejects_all_to_a(tmp_path: Path, a: str, b: str) -> None:
    c = _compare(a, b)
    redline = tmp_path / "redline.docx"
    redline.write_bytes(render_redline_docx(c))
    script = str(Path(__file__).with_name("lo_revisions.py"))
    got = {}
    for mode in ("count", "accept", "reject"):
        out = tmp_path / f"{mode}.txt"
        subprocess.run(["/usr/bin/python3", script, mode, str(redline), str(out)], check=True,
                       timeout=300, capture_output=True)
        got[mode] = out.read_text(encoding="utf-8-sig")
    count, *authors = got["count"].split()
    assert int(count) > 50 and authors == ["docdiff"]
    for mode, doc in (("accept", c.b), ("reject", c.a)):
        head, body = got[mode].split(BODY_MARK, 1)
        assert "全文相似度" in head
        assert _lines(body) == _lines(doc.text), mode
