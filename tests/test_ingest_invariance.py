"""One real report in every format docdiff reads gives the same outline and the same targets.

Hailar's 2019 work report (samples/) is set as a 公文 in .docx, and LibreOffice makes .doc, .odt,
.rtf and .pdf from it (a Kingsoft .wps is the Word 97 binary under WPS's extension); the OFD is
the committed fixture (tests/format_set.py). Each must give the .txt's top-level outline and its
full target set; the scanned PDF (rendered to images and bound again) needs the OCR extra, and
must give the outline and at least 95% of the headline targets with their values (marked slow:
OCR of 17 pages takes one to three minutes). The derived files are built once per session.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from format_set import DATA, SOFFICE, official_docx, scan_pdf, soffice_convert

from docdiff import extract_targets, load, parse_outline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "hailar-district-2019-work-report.txt"
BASELINE = ROOT / "samples" / "hailar-district-2018-work-report.txt"
OFD = DATA / "hailar-district-2019-work-report.ofd"
# The report's headline goals for 2019 (shared/gold/series/hailar-district.truth.json):
# indicator words, value, unit.
HEADLINES = (("生产总值", 3.5, "%"), ("城镇", 7.0, "%"), ("农村", 8.0, "%"), ("社会消费品零售总额", 6.5, "%"))
HEADLINE_RECALL_MIN = 0.95  # the floor for OCR

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (apt-get install libreoffice-writer-nogui)")


def _outline(doc) -> list[tuple[str, str]]:
    return [(s.number, s.title) for s in parse_outline(doc).sections]


def _targets(doc) -> list[tuple]:
    found = extract_targets(doc, parse_outline(doc))
    return sorted((t.key, t.value, t.value_high, t.unit, t.comparator, t.year, t.section) for t in found)


def _headlines_found(doc) -> list[tuple[str, float, str]]:
    found = extract_targets(doc, parse_outline(doc))
    return [h for h in HEADLINES
            if any(h[0] in t.indicator and t.value == h[1] and t.unit == h[2] for t in found)]


@pytest.fixture(scope="session")
def plain():
    return load(str(SAMPLE))


@pytest.fixture(scope="session")
def format_set(tmp_path_factory) -> dict[str, Path]:
    """The report as .docx, .doc, .wps, .odt, .rtf, .pdf (built once) and the committed .ofd."""
    if SOFFICE is None:
        pytest.skip("needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    tmp = tmp_path_factory.mktemp("formats")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    docx = official_docx(lines, tmp / "report.docx")
    files = {"docx": docx, "ofd": OFD}
    for target in ("doc", "odt", "rtf", "pdf"):
        files[target] = soffice_convert(docx, target, tmp, profile=tmp / "profile")
    files["wps"] = tmp / "report.wps"
    shutil.copyfile(files["doc"], files["wps"])
    return files


def test_the_txt_holds_every_headline(plain) -> None:
    assert _headlines_found(plain) == list(HEADLINES)  # else the invariance tests below prove little
    assert len(_outline(plain)) == 3


@needs_soffice
@pytest.mark.parametrize("fmt", ["docx", "doc", "wps", "odt", "rtf", "pdf", "ofd"])
def test_every_text_format_gives_the_txt_outline_and_targets(format_set, plain, fmt: str) -> None:
    doc = load(str(format_set[fmt]))
    assert doc.format == fmt
    assert _outline(doc) == _outline(plain)
    assert _targets(doc) == _targets(plain)
    # every target's text is where its span says, with a true line number of the extracted text
    for t in extract_targets(doc, parse_outline(doc)):
        assert doc.slice(t.span) == t.text
        assert t.line == doc.line_at(t.span.start)


def test_the_ofd_fixture_reads_without_libreoffice(plain) -> None:
    doc = load(str(OFD))
    assert (doc.format, _outline(doc), _targets(doc)) == ("ofd", _outline(plain), _targets(plain))


@needs_soffice
def test_a_renamed_doc_is_read_by_content(format_set, tmp_path: Path) -> None:
    as_txt = tmp_path / "report.txt"  # portals serve attachments under any name
    shutil.copyfile(format_set["doc"], as_txt)
    assert load(str(as_txt)).format == "doc"


@needs_soffice
def test_check_across_formats_flags_only_real_changes(format_set, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from docdiff.cli import cli

    a_docx = official_docx(BASELINE.read_text(encoding="utf-8").splitlines(), tmp_path / "a.docx")

    def findings(a: Path, b: Path) -> list[tuple]:
        result = CliRunner().invoke(cli, ["check", str(a), str(b), "--format", "json"])
        assert result.exit_code == 1, result.output  # 2018 → 2019 changes its goals
        report = json.loads(result.output)
        return sorted((f["status"], (f["a"] or {}).get("key"), (f["a"] or {}).get("value"),
                       (f["b"] or {}).get("key"), (f["b"] or {}).get("value")) for f in report["findings"])

    expected = findings(BASELINE, SAMPLE)
    assert expected
    assert findings(a_docx, format_set["pdf"]) == expected
    assert findings(a_docx, format_set["ofd"]) == expected
    # and the same document in two formats has no finding at all
    result = CliRunner().invoke(cli, ["check", str(format_set["docx"]), str(format_set["pdf"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == []


def _ocr_ready() -> bool:
    from docdiff.ingest import ocr

    return ocr.available() and shutil.which("pdftoppm") is not None and \
        importlib.util.find_spec("PIL") is not None


@pytest.mark.slow
@needs_soffice
@pytest.mark.skipif(not _ocr_ready(), reason="needs the OCR extra (pip install 'docdiff[ocr]') and pdftoppm")
def test_a_scanned_pdf_is_read_by_ocr(format_set, plain, tmp_path: Path, capsys) -> None:
    scan = scan_pdf(format_set["pdf"], tmp_path / "scan.pdf")
    doc = load(str(scan), progress=True)
    assert f"{scan}: OCR page 1 (1/" in capsys.readouterr().err  # page by page on stderr
    assert doc.format == "pdf"
    assert doc.notes and re.match(r"OCR read \d+ pages without a text layer: \d+ lines, mean confidence", doc.notes[0])
    assert _outline(doc) == _outline(plain)
    assert len(_headlines_found(doc)) >= HEADLINE_RECALL_MIN * len(HEADLINES)
