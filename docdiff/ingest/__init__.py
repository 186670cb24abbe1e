"""Ingest: a path → a Document (decoded or extracted text, debris spans, metadata).

``load`` is the only entry point; every problem with the file is an InputError naming it.
The format is decided by content first (a PDF, docx, OFD, OLE .doc/.wps, .odt or .rtf is read
as one whatever its name), then by extension; .doc, .wps, .odt and .rtf go through LibreOffice
(ingest/office.py). A text file is read as an HTML page only when it declares itself one
(doctype or ``<html>`` root): any other stays text, every line kept, stray tags removed inline.
"""
from __future__ import annotations

from docdiff.errors import InputError
from docdiff.ingest.debris import find_debris
from docdiff.ingest.decode import decode_bytes, fold_newlines
from docdiff.ingest.layout import rejoin_lines
from docdiff.ingest.metadata import extract_metadata
from docdiff.ingest.read import check_extension, read_bytes, sniff_binary
from docdiff.model import Document

__all__ = ["load"]

# A decoded text with more C0 control characters than this share is a binary file.
MAX_CONTROL_SHARE = 0.01
_CONTROL_OK = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e")
_CONTROL_CHARS = "".join(chr(c) for c in range(0x20) if chr(c) not in _CONTROL_OK)  # C0 but those
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_NO_TEXT = {
    "html": "HTML page with no text",
    "docx": "no text (the .docx has no paragraphs or tables with text)",
    "pdf": "PDF has no text layer (scanned image?); to read it by OCR: pip install 'docdiff[ocr]'",
    "ofd": "no text (the OFD has no text objects; a scan?)",
}
_OFFICE_EXTENSIONS = {".doc": "ole", ".wps": "ole", ".odt": "odt", ".rtf": "rtf"}


# How every container office_kind and is_ofd recognise begins: OLE (.doc/.wps), RTF, zip (.odt, .ofd).
CONTAINER_STARTS = (b"\xd0\xcf\x11\xe0", b"{\\rtf", b"PK\x03\x04")


def _is_ofd(data: bytes) -> bool:
    from docdiff.ingest.ofd import is_ofd

    return is_ofd(data)


def load(path: str, *, encoding: str | None = None, max_bytes: int | None = None,
         progress: bool | None = None) -> Document:
    """Read ``path`` into a Document; raise InputError naming the file and the problem.

    ``progress``: report OCR page by page on stderr (default: when stderr is a terminal).
    """
    ext = check_extension(path)
    data = read_bytes(path, max_bytes=max_bytes)
    notes: tuple[str, ...] = ()
    container = data.startswith(CONTAINER_STARTS)
    office = None
    if container:  # office and ofd import subprocess, zipfile, page layout: not for a text file
        from docdiff.ingest.office import office_kind

        office = office_kind(data)
    if data.lstrip()[:5] == b"%PDF-" or ext == ".pdf":
        import sys

        from docdiff.ingest.pdf import read_pdf

        pdf = read_pdf(data, path, progress=sys.stderr.isatty() if progress is None else progress)
        text, fmt, enc, notes = pdf.text, "pdf", "", pdf.notes
    elif office is not None or ext in _OFFICE_EXTENSIONS:
        from docdiff.ingest.office import extract_office_text

        text, fmt = extract_office_text(data, path, office or _OFFICE_EXTENSIONS[ext])
        enc = ""
    elif ext == ".ofd" or (container and _is_ofd(data)):
        from docdiff.ingest.ofd import extract_ofd_text

        text, fmt, enc = extract_ofd_text(data, path), "ofd", ""
    elif ext == ".docx" or _is_docx_zip(data, path):
        from docdiff.ingest.docx import extract_docx_text

        text, fmt, enc = extract_docx_text(data, path), "docx", ""
    else:
        text, fmt, enc = _load_text(data, path, ext, encoding)
    if not text.strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u3000\xa0" + _INVISIBLE):
        raise InputError(path, _NO_TEXT.get(fmt, "no text (only whitespace)"))
    source = text
    text, origins = rejoin_lines(text)
    debris = find_debris(text)
    return Document(path=path, text=text, format=fmt, encoding=enc,
                    meta=extract_metadata(text, debris), debris=debris, notes=notes,
                    line_origins=origins, source_text=source if origins else "")


def _is_docx_zip(data: bytes, path: str) -> bool:
    """A zip under another name is read as docx if it is one, else refused as an archive."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" in archive.namelist():
                return True
    except (zipfile.BadZipFile, ValueError, OSError):
        pass
    raise InputError(path, "binary file (zip archive, not a .docx)")


def _load_text(data: bytes, path: str, ext: str, encoding: str | None) -> tuple[str, str, str]:
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(path, f"binary file ({kind})")
    text, enc = decode_bytes(data, path, encoding)
    text = fold_newlines(text.removeprefix("\ufeff"))
    controls = sum(map(text.count, _CONTROL_CHARS))  # a C scan per control character, no Python loop over the text
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "binary file (control characters)")
    from docdiff.ingest.html import extract_html_text, is_html

    # A .txt or .md with markup in it stays text (its lines are the file's): only a page that
    # declares itself is extracted, since extraction merges lines and drops script text.
    if ext in (".html", ".htm", ".xhtml") or is_html(text):
        return extract_html_text(text, path), "html", enc
    if ext in (".md", ".markdown"):
        return text, "text", enc  # inline HTML is part of Markdown: kept as written
    from docdiff.ingest.stray_tags import strip_inline_tags

    return strip_inline_tags(text), "text", enc
