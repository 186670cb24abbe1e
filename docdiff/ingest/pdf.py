"""PDF bytes → text: pdfminer.six's printed lines, paragraphs rejoined (ingest/layout.py).

Encrypted PDFs that need a password, PDFs without pages and broken files are InputErrors.
Pages without a text layer (scans) are read by OCR when the ``docdiff[ocr]`` extra is
installed (ingest/ocr.py), and only those pages; without it a PDF with no text at all is an
InputError that says how to enable OCR.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from docdiff.errors import InputError
from docdiff.ingest.layout import Glyph, PrintedPage, join_pages, lines_from_glyphs

_OTHER_BREAKS_RE = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # never inside a line
NO_TEXT = "PDF has no text layer (scanned image?); to read it by OCR: pip install 'docdiff[ocr]'"


@dataclass(frozen=True, slots=True)
class PdfText:
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
    text = join_pages(pages)
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
            text = _OTHER_BREAKS_RE.sub(" ", node.get_text())
            if text:
                out.append(Glyph(text, node.x0, node.x1, height - node.y1, height - node.y0))
        elif hasattr(node, "__iter__"):
            stack.extend(node)
