"""Every kind of bad input gives one InputError naming the file; anything else loads or fails cleanly.

``BAD`` (name → builder, expected problem) is shared with tests/test_cli_errors.py.
"""
from __future__ import annotations

import gzip
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest_formats import make_docx, make_pdf

from docdiff.errors import InputError
from docdiff.ingest import load
from docdiff.ingest.read import parse_size

GOOD = "政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n地区生产总值增长6%。\n"


def _file(name: str, data: bytes) -> Callable[[Path], str]:
    def build(tmp: Path) -> str:
        p = tmp / name
        p.write_bytes(data)
        return str(p)

    return build


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf writes the encrypted PDF fixture")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf(["Secret"])))
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _build_dir(tmp: Path) -> str:
    (tmp / "folder").mkdir()
    return str(tmp / "folder")


def _build_bomb(tmp: Path) -> str:
    # 30 MB of spaces deflate to ~30 kB: the declared size gives it away before anything is read
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (30 * 1024 * 1024)})
    return _file("bomb.docx", data)(tmp)


def _build_encrypted(tmp: Path) -> str:
    return _file("locked.pdf", _encrypted_pdf())(tmp)


def _build_excel_renamed(tmp: Path) -> str:
    return _file("sheet.docx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))(tmp)


UTF8_THEN_GBK = ("第一行正文内容，一切正常。\n" * 5).encode("utf-8") + "第六行是GBK编码。\n".encode("gbk")

# name → (builder, the problem after "<path>: ")
BAD: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing": (lambda tmp: str(tmp / "nope.txt"), "no such file"),
    "directory": (_build_dir, "is a directory"),
    "empty": (_file("empty.txt", b""), "empty file"),
    "whitespace": (_file("blank.txt", " \r\n\t\n\u3000\n".encode("utf-8")), "no text (only whitespace)"),
    "elf": (_file("tool.txt", b"\x7fELF\x02\x01\x01" + bytes(200)), "binary file (ELF executable)"),
    "png": (_file("pic.txt", b"\x89PNG\r\n\x1a\n" + bytes(100)), "binary file (PNG image)"),
    "jpeg": (_file("photo.md", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100)), "binary file (JPEG image)"),
    "gif": (_file("anim.txt", b"GIF89a" + bytes(100)), "binary file (GIF image)"),
    "gzip": (_file("report.txt", gzip.compress(GOOD.encode())), "binary file (gzip archive)"),
    "zip": (_file("bundle.txt", _zip({"a.txt": b"hello"})), "binary file (zip archive, not a .docx)"),
    "nul": (_file("data.txt", b"abc\x00\x01\x02def\x00" * 9), "binary file (contains NUL bytes)"),
    "undecodable": (_file("odd.txt", bytes(range(0x80, 0xA0)) * 20), "not UTF-8, GB18030 or UTF-16 text"),
    "mixed": (_file("mixed.txt", UTF8_THEN_GBK),
              "mixed encoding: UTF-8 text with non-UTF-8 bytes at byte 200 (line 6); re-save it as UTF-8, "
              "or pass --encoding"),
    "utf8-truncated": (_file("cut.txt", GOOD.encode()[:-2]), f"truncated UTF-8 text (ends mid-character at byte {len(GOOD.encode()) - 4})"),
    "gb18030-truncated": (_file("cut-gb.txt", GOOD.encode("gb18030")[:-2]),
                          f"truncated GB18030 text: bad byte at {len(GOOD.encode('gb18030')) - 3} (line 7)"),
    "gb18030-damaged": (_file("bad-gb.txt", GOOD.encode("gb18030") + b"\xff\xfe\xff" + GOOD.encode("gb18030")),
                        f"damaged GB18030 text: bad byte at {len(GOOD.encode('gb18030'))} (line 8)"),
    "docx-not-zip": (_file("fake.docx", GOOD.encode()), "not a valid .docx (not a zip file)"),
    "docx-old-doc": (_file("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
                     "not a valid .doc (an OLE file without a WordDocument stream)"),
    "docx-excel": (_build_excel_renamed, "not a valid .docx (an Excel workbook)"),
    "docx-truncated": (lambda tmp: _file("cut.docx", make_docx(tmp / "whole.docx", ["正文"]).read_bytes()[:900])(tmp),
                       "not a valid .docx (not a zip file)"),
    "zip-bomb": (_build_bomb, "zip bomb? word/document.xml would expand to 31,457,280 bytes from a "),
    "pdf-encrypted": (_build_encrypted, "encrypted PDF (needs a password; decrypt it first)"),
    "pdf-no-text": (_file("scan.pdf", make_pdf([])),
                    "PDF has no text layer (scanned image?); to read it by OCR: pip install 'docdiff[ocr]'"),
    "pdf-broken": (_file("cut.pdf", make_pdf(["Hello"])[:60]), "not a valid PDF (PDFSyntaxError)"),
    "pdf-not-pdf": (_file("fake.pdf", GOOD.encode()), "not a valid PDF (no %PDF header)"),
    "xlsx": (_file("table.xlsx", b"PK\x03\x04"), "unsupported format .xlsx (docdiff reads .txt .md .html .htm .docx .pdf .doc .wps .odt .rtf .ofd)"),
    "pptx": (_file("slides.pptx", b"PK\x03\x04"), "unsupported format .pptx (docdiff reads .txt .md .html .htm .docx .pdf .doc .wps .odt .rtf .ofd)"),
    "doc": (_file("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            "not a valid .doc (an OLE file without a WordDocument stream)"),
    "png-ext": (_file("chart.png", b"\x89PNG\r\n\x1a\n"), "unsupported format .png (docdiff reads .txt .md .html .htm .docx .pdf .doc .wps .odt .rtf .ofd)"),
    "html-no-text": (_file("empty.html", b"<html><head><title>t</title></head><body><script>x()</script></body></html>"),
                     "HTML page with no text"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_input_error_naming_the_file(tmp_path: Path, name: str, monkeypatch) -> None:
    monkeypatch.setattr("docdiff.ingest.ocr.available", lambda: False)  # the message without the OCR extra
    build, problem = BAD[name]
    path = build(tmp_path)
    with pytest.raises(InputError) as info:
        load(path)
    err = info.value
    assert err.path == path
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)
    if problem.endswith(" "):  # message continues with a size that depends on the zip library
        assert err.problem.startswith(problem)
    else:
        assert err.problem == problem


def test_size_limit_says_the_limit(tmp_path: Path) -> None:
    path = _file("big.txt", GOOD.encode())(tmp_path)
    with pytest.raises(InputError, match=r"file too large \(\d+ bytes; the limit is 10; see --max-size\)$"):
        load(path, max_bytes=10)
    assert load(path, max_bytes=parse_size("1k")).text == GOOD


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file("secret.txt", GOOD.encode())(tmp_path)

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # root ignores file modes, so simulate the OS refusing rather than chmod 000
    monkeypatch.setattr("docdiff.ingest.read.open", deny, raising=False)
    with pytest.raises(InputError, match=r": permission denied$"):
        load(path)


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r": not a regular file$"):
        load(str(fifo))


@pytest.mark.parametrize(
    ("text", "problem"),
    [("50MB", 50 * 1024**2), ("2k", 2048), ("1000", 1000), ("1.5 GiB", int(1.5 * 1024**3)), ("10kb", 10240)],
)
def test_parse_size(text: str, problem: int) -> None:
    assert parse_size(text) == problem


def test_parse_size_rejects_nonsense() -> None:
    from docdiff.errors import DocdiffError

    with pytest.raises(DocdiffError, match="cannot read"):
        parse_size("lots")


# --- property: for any bytes, a valid Document or an InputError, nothing else -----------------

PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"%PDF-1.4\n", b"PK\x03\x04", "政府工作报告\n".encode()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.one_of(st.binary(max_size=400), st.text(max_size=300).map(lambda s: s.encode("utf-8")),
                   st.text(alphabet="政府工作报告一二、()：:\n\r 　<p>索引号2025年", max_size=300).map(str.encode)),
    ext=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ""]),
)
def test_any_bytes_load_or_raise_input_error(tmp_path: Path, prefix: bytes, body: bytes, ext: str) -> None:
    path = tmp_path / f"x{ext}"
    path.write_bytes(prefix + body)
    try:
        doc = load(str(path))
    except InputError as e:
        assert e.path == str(path) and "\n" not in str(e)
        return
    assert doc.text.strip()
    assert "\r" not in doc.text
    last = -1
    for span in doc.debris:
        assert last <= span.start <= span.end <= len(doc.text)
        assert span.start == 0 or doc.text[span.start - 1] == "\n"  # debris is whole lines
        last = span.end
    # lines as editors count them: \n only (issue 13); \f, \v, U+2028 … are characters of a line
    assert doc.line_count == doc.text.count("\n") + (not doc.text.endswith("\n"))
