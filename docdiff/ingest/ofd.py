"""OFD (GB/T 33190, the national fixed-layout format) bytes → text, read with lxml.

An OFD is a zip of XML: ``OFD.xml`` names each document's root (``DocBody/DocRoot``), whose
``Document.xml`` lists the pages (``Pages/Page@BaseLoc``); a page's ``Content`` holds layers of
``TextObject``s (``Boundary="x y w h"`` in millimetres) with ``TextCode`` runs placed at X/Y
inside them. Characters are gathered into printed lines by position, read left to right, top to bottom,
and the lines go through the same paragraph rejoining as PDF (ingest/page_lines.py).
Template pages (headers, footers, stamps) and annotations are not body text and are skipped.
"""
from __future__ import annotations

import io
import math
import posixpath
import zipfile

from docdiff.errors import InputError
from docdiff.ingest.page_lines import Glyph, PrintedPage, join_pages, lines_from_glyphs

MAX_XML_BYTES = 200 * 1024 * 1024  # as for docx: far beyond any real document's XML
MAX_RATIO = 100
MIN_BOMB = 20 * 1024 * 1024
A4_WIDTH_MM = 210.0  # when neither the page nor the document gives a PhysicalBox


def is_ofd(data: bytes) -> bool:
    """Whether ``data`` is a zip with an OFD.xml at its root."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(n.lower() == "ofd.xml" for n in archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def extract_ofd_text(data: bytes, path: str) -> str:
    """Text of an OFD in reading order; InputError for a broken, encrypted or empty one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(path, "not a valid OFD (not a zip file)") from None
    with archive:
        names = {n.lower(): n for n in archive.namelist()}
        total = sum(i.file_size for i in archive.infolist())
        if total > MAX_XML_BYTES or (total > MIN_BOMB and total > MAX_RATIO * len(data)):
            raise InputError(path, f"zip bomb? the archive would expand to {total:,} bytes")
        reader = _Reader(archive, names, path)
        pages = [reader.page(loc) for loc in reader.page_locations()]
    if not pages:
        raise InputError(path, "OFD has no pages")
    return join_pages(pages)


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, names: dict[str, str], path: str) -> None:
        self.archive, self.names, self.path = archive, names, path
        self.doc_dir = ""
        self.default_width = A4_WIDTH_MM

    def xml(self, name: str):
        from lxml import etree

        real = self.names.get(name.lstrip("/").lower())
        if real is None:
            raise InputError(self.path, f"not a valid OFD (missing {name.lstrip('/')})")
        try:
            raw = self.archive.read(real)
        except Exception as e:  # BadZipFile, CRC error, unsupported compression or encryption
            what = "encrypted OFD" if "encrypt" in str(e).lower() or "password" in str(e).lower() else \
                f"not a valid OFD (broken zip member {real})"
            raise InputError(self.path, what) from None
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(raw, parser)
        except etree.XMLSyntaxError as e:
            raise InputError(self.path, f"not a valid OFD ({real}: {str(e).splitlines()[0][:80]})") from None

    def page_locations(self) -> list[str]:
        root = self.xml("OFD.xml")
        if any(_local(el) == "Encryptions" for el in root.iter()) or "encryptions.xml" in self.names:
            raise InputError(self.path, "encrypted OFD (needs a password; decrypt it first)")
        doc_root = next((el.text.strip() for el in root.iter() if _local(el) == "DocRoot" and el.text), None)
        if doc_root is None:
            raise InputError(self.path, "not a valid OFD (OFD.xml names no DocRoot)")
        doc_root = doc_root.replace("\\", "/").lstrip("/")
        self.doc_dir = posixpath.dirname(doc_root)
        document = self.xml(doc_root)
        box = _first(document, "PhysicalBox")
        if box is not None:
            self.default_width = _box(box.text)[2] or A4_WIDTH_MM
        locations = []
        for el in document.iter():
            if _local(el) == "Page" and el.get("BaseLoc"):
                locations.append(self.resolve(el.get("BaseLoc"), self.doc_dir))
        return locations

    def resolve(self, loc: str, base: str) -> str:
        loc = loc.replace("\\", "/")
        return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc))

    def page(self, loc: str) -> PrintedPage:
        page = self.xml(loc)
        box = _first(page, "PhysicalBox")
        width = (_box(box.text)[2] if box is not None else 0.0) or self.default_width
        glyphs: list[Glyph] = []
        for obj in page.iter():
            if _local(obj) == "TextObject":
                glyphs.extend(_text_object_glyphs(obj))
        return PrintedPage(width, lines_from_glyphs(glyphs))


def _text_object_glyphs(obj) -> list[Glyph]:
    """One Glyph per character of a TextObject's TextCodes, placed by X, Y and DeltaX.

    A TextCode without X or Y continues where the previous one left off (GB/T 33190 §11.3);
    the object's CTM maps its coordinates onto the page; ascent and descent are taken as 0.85
    and 0.15 of the font size.
    """
    bx, by, _, _ = _box(obj.get("Boundary", ""))
    a, b, c, d, e, f = _ctm(obj.get("CTM"))
    scale = abs(a * d - b * c) ** 0.5 or 1.0
    size = _float(obj.get("Size") or obj.get("size"), 3.5) * scale  # some writers spell it "size"
    out: list[Glyph] = []
    x = y = 0.0
    for code in obj:
        if _local(code) != "TextCode":
            continue
        x = _float(code.get("X"), x)
        y = _float(code.get("Y"), y)
        text = code.text or ""
        deltas = _deltas(code.get("DeltaX"), len(text))
        for i, ch in enumerate(text):
            advance = deltas[i] * scale if i < len(deltas) else size
            px, py = bx + a * x + c * y + e, by + b * x + d * y + f  # CTM: object → page (§8.3.2)
            out.append(Glyph(ch, px, px + min(advance, size), py - 0.85 * size, py + 0.15 * size))
            x += advance / scale
    return out


def _deltas(spec: str | None, count: int) -> list[float]:
    """DeltaX of a TextCode: gaps between glyphs, with 'g N v' meaning N gaps of v."""
    if not spec:
        return []
    out: list[float] = []
    tokens = spec.split()
    i = 0
    while i < len(tokens) and len(out) < count - 1:
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([_float(tokens[i + 2], 0.0)] * int(_float(tokens[i + 1], 0)))
            i += 3
        else:
            out.append(_float(tokens[i], 0.0))
            i += 1
    return out[: max(count - 1, 0)]


def _ctm(spec: str | None) -> tuple[float, float, float, float, float, float]:
    """A TextObject's CTM "a b c d e f" (identity when absent or malformed)."""
    parts = (spec or "").split()
    if len(parts) != 6:
        return 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
    a, b, c, d, e, f = (_float(p, 0.0) for p in parts)
    return a, b, c, d, e, f


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(root, name: str):
    return next((el for el in root.iter() if _local(el) == name), None)


def _box(spec: str | None) -> tuple[float, float, float, float]:
    parts = (spec or "").split()
    vals = [_float(p, 0.0) for p in parts[:4]] + [0.0] * (4 - len(parts[:4]))
    return vals[0], vals[1], vals[2], vals[3]


def _float(text: str | None, default: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return value if math.isfinite(value) else default
