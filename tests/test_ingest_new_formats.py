"""Bad files of the new kinds (.doc, .wps, OFD, PDF without pages), LibreOffice's absence and
timeouts: one line naming the file, exit 2, no temporary folder or soffice process left."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from cli_runner import stderr_apart_runner as _runner
from format_set import DATA, SOFFICE, official_docx, soffice_convert

from docdiff import load
from docdiff.cli import cli
from docdiff.errors import InputError
from docdiff.ingest import office

OFD = DATA / "hailar-district-2019-work-report.ofd"
LINES = ["政府工作报告", "一、2023年工作回顾", "地区生产总值增长6%。", "二、2024年工作安排", "地区生产总值增长5%左右。"]
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
needs_uno = pytest.mark.skipif(SOFFICE is None or subprocess.run(
    ["/usr/bin/python3", "-c", "import uno"], check=False, capture_output=True).returncode != 0, reason="needs python3-uno")



@pytest.fixture(scope="module")
def small_doc(tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("needs LibreOffice")
    tmp = tmp_path_factory.mktemp("doc")
    return soffice_convert(official_docx(LINES, tmp / "small.docx"), "doc", tmp, profile=tmp / "profile")


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """A private temp folder for the code under test, to see that it leaves nothing there."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def _our_processes(marker: str) -> list[str]:
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmd:
                out.append(cmd)
    return out


def _fails_cleanly(path: Path, problem: str, private_tmp: Path) -> None:
    out = path.parent / "out.json"
    result = _runner().invoke(cli, ["targets", str(path), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0] == f"docdiff: {path}: {problem}", lines
    assert not out.exists()
    assert list(private_tmp.iterdir()) == []
    assert _our_processes(str(private_tmp)) == []


# --- .doc / .wps -----------------------------------------------------------------------------

@needs_soffice
def test_a_doc_and_a_wps_read_like_the_docx(small_doc: Path, tmp_path: Path, private_tmp: Path) -> None:
    wps = tmp_path / "small.wps"
    shutil.copyfile(small_doc, wps)
    for path, fmt in ((small_doc, "doc"), (wps, "wps")):
        doc = load(str(path))
        assert doc.format == fmt
        assert doc.text.splitlines() == LINES
    assert list(private_tmp.iterdir()) == []


@needs_soffice
def test_a_corrupt_doc_is_one_line(small_doc: Path, tmp_path: Path, private_tmp: Path) -> None:
    data = bytearray(small_doc.read_bytes())
    data[2048:] = bytes(len(data) - 2048)  # the OLE header survives; the streams are gone
    bad = tmp_path / "corrupt.doc"
    bad.write_bytes(bytes(data))
    _fails_cleanly(bad, "not a valid .doc (an OLE file without a WordDocument stream)", private_tmp)


@needs_soffice
def test_a_doc_libreoffice_cannot_read_is_one_line(small_doc: Path, tmp_path: Path, private_tmp: Path) -> None:
    data = bytearray(small_doc.read_bytes())
    for i in range(4096, len(data), 7):  # the directory still names WordDocument; the FIB is noise
        data[i] = (data[i] * 31 + 17) % 256
    bad = tmp_path / "garbled.doc"
    bad.write_bytes(bytes(data))
    try:
        text = load(str(bad)).text  # LibreOffice may salvage something: then it is text, no crash
        assert isinstance(text, str)
        assert list(private_tmp.iterdir()) == []
    except InputError as e:
        assert str(e).startswith(f"{bad}: ") and "\n" not in str(e)
        _fails_cleanly(bad, e.problem, private_tmp)


@needs_uno
def test_an_encrypted_wps_is_one_line(tmp_path: Path, private_tmp: Path) -> None:
    source = official_docx(LINES, tmp_path / "secret.docx")
    bad = tmp_path / "secret.wps"
    subprocess.run(["/usr/bin/python3", str(Path(__file__).with_name("lo_revisions.py")), "encrypt",
                    str(source), str(bad)], check=True, timeout=180, capture_output=True)
    _fails_cleanly(bad, "encrypted document (needs a password; save it without one)", private_tmp)


def test_an_encrypted_docx_is_named_as_such(tmp_path: Path, private_tmp: Path) -> None:
    # an OOXML file with a password is an OLE container holding an EncryptedPackage stream
    data = office.OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(600)
    bad = tmp_path / "locked.docx"
    bad.write_bytes(data)
    _fails_cleanly(bad, "encrypted Office file (needs a password; save it without one)", private_tmp)


def test_an_excel_97_file_renamed_doc_is_named(tmp_path: Path, private_tmp: Path) -> None:
    bad = tmp_path / "sheet.doc"
    bad.write_bytes(office.OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(600))
    _fails_cleanly(bad, "not a Word document (an Excel workbook)", private_tmp)


def test_without_libreoffice_one_line_says_what_to_install(tmp_path: Path, private_tmp: Path, monkeypatch) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    for name in ("report.odt", "report.rtf"):
        bad = tmp_path / name
        bad.write_bytes(b"{\\rtf1 x}" if name.endswith(".rtf") else b"PK\x03\x04")
        fmt = name.rsplit(".", 1)[1]
        _fails_cleanly(bad, f".{fmt} file: install LibreOffice to read it "
                            "(apt-get install libreoffice-writer-nogui)", private_tmp)


@needs_soffice
@pytest.mark.skipif(shutil.which("antiword") is None, reason="needs antiword")
def test_without_libreoffice_a_doc_is_read_by_antiword(tmp_path: Path, private_tmp: Path, monkeypatch) -> None:
    lines = LINES + [f"（{n}）新建公厕{n}座。" for n in range(1, 200)]  # antiword refuses very short files
    doc_file = soffice_convert(official_docx(lines, tmp_path / "long.docx"), "doc", tmp_path)
    real = shutil.which
    monkeypatch.setattr(office.shutil, "which", lambda name: None if name in ("soffice", "libreoffice") else real(name))
    doc = load(str(doc_file))
    assert (doc.format, doc.text.splitlines()) == ("doc", lines)
    assert list(private_tmp.iterdir()) == []


@needs_soffice
def test_a_libreoffice_timeout_kills_it_and_leaves_nothing(small_doc: Path, private_tmp: Path, monkeypatch) -> None:
    monkeypatch.setattr(office, "SOFFICE_TIMEOUT", 0.05)
    _fails_cleanly(small_doc, "LibreOffice took over 0.05 s to read it (gave up)", private_tmp)


def _office_debris() -> set[str]:
    """LibreOffice's single-instance sockets and lu*.tmp folders in the shared temp folders."""
    return {f"{d}/{n}" for d in ("/tmp", "/var/tmp") if os.path.isdir(d)
            for n in os.listdir(d) if n.startswith(("OSL_PIPE_", "lu")) and not n.startswith("OSL_PIPE_0_docdiff")}


@needs_soffice
def test_a_killed_libreoffice_leaves_no_socket_or_folder_in_tmp(tmp_path: Path, monkeypatch) -> None:
    """soffice given no file idles until killed; killed, it would leave its socket in /tmp."""
    monkeypatch.setattr(office, "SOFFICE_TIMEOUT", 6)
    work = tmp_path / "work"
    work.mkdir()
    before = _office_debris()
    with pytest.raises(InputError, match="took over 6 s"):
        office.run_soffice(SOFFICE, [], "idle.doc", str(work))
    assert _office_debris() - before == set()
    assert _our_processes(str(work)) == []


def test_the_socket_is_named_as_libreoffice_names_it() -> None:
    """The name LibreOffice 7.4 gave (as root) the socket of this profile, seen in /tmp after a kill."""
    name = "SingleOfficeIPC_5922fcb37df41dad816a99c18e1fef5"
    assert office.ipc_socket_paths("file:///tmp/docdiff-observe/profile") == (
        f"/tmp/OSL_PIPE_{os.getuid()}_{name}", f"/var/tmp/OSL_PIPE_{os.getuid()}_{name}")


@needs_soffice
def test_an_rtf_and_an_odt_read_like_the_docx(tmp_path: Path) -> None:
    docx = official_docx(LINES, tmp_path / "small.docx")
    for target in ("rtf", "odt"):
        path = soffice_convert(docx, target, tmp_path, profile=tmp_path / "profile")
        doc = load(str(path))
        assert (doc.format, doc.text.splitlines()) == (target, LINES)


# --- OFD -------------------------------------------------------------------------------------

def _ofd_with(tmp_path: Path, name: str, change: dict[str, bytes | None]) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(OFD) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename])
            else:
                dst.writestr(info, src.read(info))
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize(("name", "change", "problem"), [
    ("xml.ofd", {"Doc_0/Pages/Page_0/Content.xml": b"<ofd:Page xmlns:ofd='http://www.ofdspec.org/2016'><ofd:Con"},
     "not a valid OFD (Doc_0/Pages/Page_0/Content.xml: "),
    ("nodoc.ofd", {"Doc_0/Document.xml": None}, "not a valid OFD (missing Doc_0/Document.xml)"),
    ("noroot.ofd", {"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody/></ofd:OFD>"},
     "not a valid OFD (OFD.xml names no DocRoot)"),
    ("locked.ofd", {"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody><ofd:DocRoot>"
                               b"Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody><ofd:Encryptions/></ofd:OFD>"},
     "encrypted OFD (needs a password; decrypt it first)"),
])
def test_a_broken_ofd_is_one_line(tmp_path: Path, private_tmp: Path, name: str, change, problem: str) -> None:
    bad = _ofd_with(tmp_path, name, change)
    with pytest.raises(InputError) as info:
        load(str(bad))
    assert info.value.problem.startswith(problem) and "\n" not in str(info.value)
    _fails_cleanly(bad, info.value.problem, private_tmp)


def test_a_truncated_ofd_is_one_line(tmp_path: Path, private_tmp: Path) -> None:
    bad = tmp_path / "cut.ofd"
    bad.write_bytes(OFD.read_bytes()[:5000])
    _fails_cleanly(bad, "not a valid OFD (not a zip file)", private_tmp)


def test_an_ofd_is_read_by_content_and_its_template_page_is_not_text(tmp_path: Path) -> None:
    renamed = tmp_path / "attachment.bin.txt"
    shutil.copyfile(OFD, renamed)
    doc = load(str(renamed))
    assert doc.format == "ofd"
    assert "— 1 —" not in doc.text  # the page number lives on the template page
    assert doc.text.splitlines()[0] == "政 府 工 作 报 告"  # the spaced title, as in the .txt


def test_ofd_text_objects_are_read_in_reading_order_not_file_order(tmp_path: Path) -> None:
    from lxml import etree

    page = "Doc_0/Pages/Page_0/Content.xml"
    with zipfile.ZipFile(OFD) as src:
        root = etree.fromstring(src.read(page))
    layer = next(el for el in root.iter() if el.tag.endswith("}Layer"))
    objects = list(layer)
    for obj in objects:
        layer.remove(obj)
    for obj in reversed(objects):  # a writer may emit objects in any order
        layer.append(obj)
    shuffled = _ofd_with(tmp_path, "reversed.ofd", {page: etree.tostring(root)})
    assert load(str(shuffled)).text == load(str(OFD)).text


# --- PDF -------------------------------------------------------------------------------------

def test_a_pdf_without_pages_is_one_line(tmp_path: Path, private_tmp: Path) -> None:
    from test_ingest_formats import pdf_of

    bad = tmp_path / "empty.pdf"
    bad.write_bytes(pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    _fails_cleanly(bad, "PDF has no pages", private_tmp)


def test_a_pdf_with_a_blank_page_reads_its_text_pages_without_ocr(tmp_path: Path, monkeypatch) -> None:
    from pypdf import PdfReader, PdfWriter
    from test_ingest_formats import make_pdf

    monkeypatch.setattr("docdiff.ingest.ocr.available", lambda: False)
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(make_pdf(["Annual report", "GDP grew by 5%"]))).pages[0])
    writer.add_blank_page(612, 792)  # a scanned chart, say: no text layer, and no OCR installed
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as f:
        writer.write(f)
    doc = load(str(path))
    assert doc.text.splitlines() == ["Annual report", "GDP grew by 5%"]
    assert doc.notes == ()


def test_ocr_runs_only_on_pages_without_a_text_layer(tmp_path: Path, monkeypatch) -> None:
    from pypdf import PdfReader, PdfWriter
    from test_ingest_formats import make_pdf

    from docdiff.ingest import ocr
    from docdiff.ingest.page_lines import PrintedLine, PrintedPage

    asked: list[list[int]] = []

    def fake_ocr(data, indexes, path, *, progress=False):  # stands in for RapidOCR: which pages?
        asked.append(list(indexes))
        pages = tuple(PrintedPage(100, [PrintedLine(f"OCR page {i}", 10, 40, 0, 10)]) for i in indexes)
        return ocr.OcrResult(pages, "OCR read 1 page without a text layer: 1 lines, mean confidence 0.99", 1.0)

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_pdf_pages", fake_ocr)
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_page(PdfReader(io.BytesIO(make_pdf(["Text layer"]))).pages[0])
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as f:
        writer.write(f)
    doc = load(str(path))
    assert asked == [[0]]
    assert doc.text.splitlines() == ["OCR page 0", "Text layer"]
    assert doc.notes == ("OCR read 1 page without a text layer: 1 lines, mean confidence 0.99",)


def test_an_ofd_placed_by_ctm_in_the_default_namespace_reads_in_order(tmp_path: Path) -> None:
    # the style of ofdrw-made files: no Boundary, no X/Y, objects placed by CTM; objects out of order
    ns = "http://www.ofdspec.org/2016"
    rows = [(31.7, 37.8, "二、发展目标"), (31.7, 25.4, "一、总体要求"), (31.7, 44.0, "地区生产总值增长6%。")]
    page = "".join(f'<TextObject ID="{i}" CTM="1 0 0 1 {x} {y}" Size="3.5"><TextCode>{t}</TextCode></TextObject>'
                   for i, (x, y, t) in enumerate(rows, 10))
    files = {
        "OFD.xml": f'<OFD xmlns="{ns}" Version="1.2" DocType="OFD"><DocBody><DocRoot>Doc/Document.xml</DocRoot></DocBody></OFD>',
        "Doc/Document.xml": f'<Document xmlns="{ns}"><CommonData><PageArea><PhysicalBox>0 0 210 297</PhysicalBox>'
                            f'</PageArea></CommonData><Pages><Page ID="1" BaseLoc="Pages/Page_1.xml"/></Pages></Document>',
        "Doc/Pages/Page_1.xml": f'<Page xmlns="{ns}"><Content><Layer ID="2">{page}</Layer></Content></Page>',
    }
    path = tmp_path / "ctm.ofd"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    assert load(str(path)).text.splitlines() == ["一、总体要求", "二、发展目标", "地区生产总值增长6%。"]
