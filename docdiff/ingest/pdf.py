"""PDF bytes → text: pdfminer.six's printed lines, paragraphs rejoined (ingest/page_lines.py).

Encrypted PDFs that need a password, PDFs without pages and broken files are InputErrors.
Pages without a text layer (scans) are read by OCR when the ``docdiff[ocr]`` extra is
installed (ingest/ocr.py), and only those pages; without it a PDF with no text at all is an
InputError that says how to enable OCR. The text is made to read as the document, not as its
pages: page numbers and running heads and feet are dropped and a producer's spaces at every
Chinese–digit boundary removed (ingest/page_cleanup.py); pdfminer's font warnings (one per glyph
of a font without a FontBBox, 135 lines for one report) are kept off the user's terminal; the
Kangxi and supplement radicals many producers emit for ordinary characters (⼯⽣⻓⺠ for 工生长民:
Chromium does) become those characters, one for one.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from docdiff.chinese import RADICALS
from docdiff.errors import InputError
from docdiff.ingest.page_cleanup import autospaced, running_lines, without_cjk_spaces
from docdiff.ingest.page_lines import Glyph, PrintedPage, join_pages, lines_from_glyphs
from docdiff.regex_cache import compile_regex

_OTHER_BREAKS_RE = compile_regex(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # never inside a line
# Typographic spaces pdfminer writes for a gap (an em space per indented CJK character) → the
# spaces the rest of docdiff knows: the ideographic space for an em, a plain space otherwise.
_SPACES = {0x2003: 0x3000} | {cp: 0x20 for cp in (*range(0x2000, 0x2003), *range(0x2004, 0x200B))}
NO_TEXT = "PDF has no text layer (scanned image?); to read it by OCR: pip install 'docdiff[ocr]'"


class PdfText(Struct, frozen=True):
    """A PDF's text and what was done to get it (``notes``: the OCR confidence, if OCR ran)."""

    text: str
    notes: tuple[str, ...] = ()


def extract_pdf_text(data: bytes, path: str) -> str:
    """Text of a PDF; InputError if it is encrypted, broken, or has no text layer."""
    return read_pdf(data, path).text


def read_pdf(data: bytes, path: str, *, progress: bool = False) -> PdfText:
    """Text of a PDF, OCR for pages without a text layer when available; InputError on a bad file."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a valid PDF (no %PDF header)")
    pages = _printed_pages(data, path)
    if not pages:
        raise InputError(path, "PDF has no pages")
    blank = [i for i, page in enumerate(pages) if not any(ln.text.strip() for ln in page.lines)]
    notes: tuple[str, ...] = ()
    if blank:
        from docdiff.ingest import ocr

        if ocr.available():
            read = ocr.ocr_pdf_pages(data, blank, path, progress=progress)
            for i, page in zip(blank, read.pages, strict=True):
                pages[i] = page
            notes = (read.note,)
        elif len(blank) == len(pages):
            raise InputError(path, NO_TEXT)
    text = join_pages(_cleaned(pages))
    if not text.strip():
        raise InputError(path, "PDF has no text (OCR found none either)" if notes else NO_TEXT)
    return PdfText(text, notes)


def _printed_pages(data: bytes, path: str) -> list[PrintedPage]:
    """Each page's glyphs gathered into printed lines. pdfminer's own text boxes are not used:
    they split a line wherever a glyph comes from a fallback font (curly quotes, dashes)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[PrintedPage] = []
    try:
        with _quiet_pdfminer():
            for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
                glyphs: list[Glyph] = []
                _collect_glyphs(layout, layout.height, glyphs)
                pages.append(PrintedPage(layout.width, lines_from_glyphs(glyphs)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
    except RecursionError:
        raise InputError(path, "not a valid PDF (objects nested too deeply)") from None
    except InputError:
        raise
    except Exception as e:  # pdfminer raises PSEOF, PDFSyntaxError, TypeError, KeyError … on bad files
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
        raise InputError(path, f"not a valid PDF ({type(e).__name__})") from None
    return pages


def _collect_glyphs(item: Any, height: float, out: list[Glyph]) -> None:
    from pdfminer.layout import LTChar

    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, LTChar):
            text = _OTHER_BREAKS_RE.sub(" ", node.get_text()).translate(_SPACES).translate(RADICALS)
            if text:
                out.append(Glyph(text, node.x0, node.x1, height - node.y1, height - node.y0))
        elif hasattr(node, "__iter__"):
            stack.extend(node)


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer's warnings (FontBBox, missing glyph widths) say nothing a user can act on."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _cleaned(pages: list[PrintedPage]) -> list[PrintedPage]:
    """Pages without page numbers and running heads and feet, and without a producer's spaces at
    every Chinese–digit boundary, before their lines are rejoined into paragraphs."""
    texts = [[ln.text for ln in page.lines] for page in pages]
    drops = running_lines(texts)
    spaced = autospaced([t for page in texts for t in page])
    out = []
    for page, drop in zip(pages, drops, strict=True):
        lines = [ln for i, ln in enumerate(page.lines) if i not in drop]
        if spaced:
            lines = [replace(ln, text=without_cjk_spaces(ln.text)) for ln in lines]
        out.append(replace(page, lines=lines))
    return out
