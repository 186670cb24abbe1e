""".docx bytes → text: paragraphs and tables in document order, a table row as 'a | b | c'.

The zip is checked before python-docx sees it: not a zip, no word/document.xml, or a
document.xml that would expand far beyond any real document (a zip bomb) is an InputError.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docdiff.errors import InputError
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    from lxml.etree import _Element

MAX_XML_BYTES = 200 * 1024 * 1024  # a 1,000-page report's document.xml is ~20 MB
MAX_RATIO = 100  # XML compresses 5-20×; a member expanding over 100× (and over MIN_BOMB) is a bomb
MIN_BOMB = 20 * 1024 * 1024  # small members may compress very well (long runs of spaces)
_WS_RE = compile_regex(r"[ \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_BREAKS_RE = compile_regex(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def extract_docx_text(data: bytes, path: str) -> str:
    """Text of a .docx, one paragraph or table row per line."""
    _check_zip(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors … on broken parts
        raise InputError(path, f"not a valid .docx ({_short(e)})") from None
    lines: list[str] = []
    for el in _blocks(document.element.body):
        lines.extend(_table_rows(el) if el.tag == _w("tbl") else _paragraph_lines(el))
    text = "\n".join(line for line in lines if line.strip())
    return text + "\n" if text else ""


def _check_zip(data: bytes, path: str) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "not a valid .docx (an old binary .doc or a password-protected file; "
                               "save it as an unprotected .docx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(path, "not a valid .docx (not a zip file)") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            what = "an Excel workbook" if any(n.startswith("xl/") for n in archive.namelist()) else \
                "a PowerPoint file" if any(n.startswith("ppt/") for n in archive.namelist()) else \
                "no word/document.xml"
            raise InputError(path, f"not a valid .docx ({what})") from None
        total = sum(i.file_size for i in archive.infolist())
        for size, what in ((info.file_size, "word/document.xml"), (total, "the archive")):
            if size > MAX_XML_BYTES or (size > MIN_BOMB and size > MAX_RATIO * len(data)):
                raise InputError(path, f"zip bomb? {what} would expand to {size:,} bytes "
                                       f"from a {len(data):,}-byte file")
        try:
            bad = archive.testzip()
        except Exception as e:  # unsupported compression, truncated data
            raise InputError(path, f"not a valid .docx (broken zip: {_short(e)})") from None
        if bad is not None:
            raise InputError(path, f"not a valid .docx (broken zip member {bad})")


def _w(tag: str) -> str:
    """'p' → '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'."""
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _blocks(parent: _Element) -> Iterator[_Element]:
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p: _Element) -> str:
    """Text of one w:p: its runs, hyperlinks and tracked insertions (deleted text is w:delText,
    so it drops out); tabs as tabs, line breaks as new lines; text boxes nested in it excluded."""
    t, tab, br, cr, para = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("p")
    out = []
    for el in p.iter(t, tab, br, cr):
        if next(el.iterancestors(para), None) is not p:
            continue  # belongs to a paragraph inside a text box
        if el.tag == t:
            out.append(_t_text(el))
        elif el.tag == tab:
            out.append("\t")
        elif el.tag == cr or el.get(_w("type")) in (None, "textWrapping"):
            out.append("\n")  # a page or column break is layout, not a line of text
    return "".join(out)


def _t_text(t: _Element) -> str:
    """Text of one w:t. Entities are not resolved (no XXE, no billion laughs): a reference
    such as ``&ent;`` is a child node, kept as written, and the text after it is its tail —
    ``.text`` alone stopped at the first entity and lost the rest."""
    return (t.text or "") + "".join((c.text or "") + (c.tail or "") for c in t)


def _paragraph_lines(p: _Element) -> list[str]:
    text = _BREAKS_RE.sub("\n", _paragraph_text(p))  # keep splitlines == our lines
    return [line.rstrip() for line in text.split("\n")]


def _table_rows(tbl: _Element) -> list[str]:
    """'指标 | 单位 | 2025年' per row; a cell's paragraphs (and nested tables) join with spaces."""
    rows = []
    for tr in tbl.iterchildren(_w("tr")):
        cells = []
        for tc in tr.iterchildren(_w("tc")):
            parts = [_paragraph_text(p) for p in tc.iter(_w("p"))]
            cells.append(_WS_RE.sub(" ", " ".join(parts)).strip().replace("|", "｜"))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _short(e: Exception) -> str:
    msg = str(e).splitlines()[0] if str(e) else type(e).__name__
    return msg[:120]
