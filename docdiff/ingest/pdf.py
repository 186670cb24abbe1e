"""PDF bytes → text with pdfminer.six's layout analysis (one text line per line).

Encrypted PDFs that need a password, PDFs without a text layer (scans) and broken files
are InputErrors. The text is made to read as the document, not as its pages: running heads and
feet (a browser's date and URL, a report's title on every page) and page numbers are dropped,
the spaces a producer put at every boundary of Chinese and digits (2018 年 3 月) are removed,
its em spaces (an indented paragraph) become ideographic spaces,
and pdfminer's font warnings (one per glyph of a font without a FontBBox, 135 lines for one
report) are kept off the user's terminal. The Kangxi and supplement radicals many producers emit
for ordinary characters (⼯⽣⻓⺠ for 工生长民: Chromium does) become those characters, one for
one, so every offset into the text is an offset into pdfminer's extraction.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from docdiff.chinese import RADICALS
from docdiff.errors import InputError

_OTHER_BREAKS_RE = re.compile(r"[\r\x0b\x1c\x1d\x1e\x85\u2028\u2029]")  # → "\n", so lines are plain
# Lines of one text box further apart than this many line heights start a new box (pdfminer's
# default 0.5 splits a browser's paragraph in two where one line is shorter than the next).
LINE_MARGIN = 1.0
EDGE_LINES = 6  # a running head or foot is among a page's first or last lines with text (pdfminer
# may put a body box before it: a browser's title line came up to sixth)
MIN_PAGES_FOR_REPEATS = 3  # a line repeated on pages is a running head only with enough pages
REPEAT_SHARE = 0.5  # …and when it is on at least this share of them
# 12, - 12 -, 第12页, 12/40, Page 12 of 40: a page number alone on its line.
_PAGE_NUMBER_RE = re.compile(
    r"[ \t\u3000]*(?:[-—–－][ \t]*)?(?:第[ \t]*)?[0-9]{1,4}(?:[ \t]*[/／][ \t]*[0-9]{1,4}|[ \t]*页(?:[ \t]*[/／共][ \t]*[0-9]{1,4}[ \t]*页?)?)?"
    r"(?:[ \t]*[-—–－])?[ \t\u3000]*"
    r"|[ \t]*(?:[Pp]age|PAGE)[ \t]+[0-9]{1,4}(?:[ \t]+of[ \t]+[0-9]{1,4})?[ \t]*"
)
_DIGITS_RE = re.compile(r"[0-9]+")
# Typographic spaces pdfminer writes for a gap (an em space per indented CJK character) → the
# spaces the rest of docdiff knows: the ideographic space for an em, a plain space otherwise.
_SPACES = {0x2003: 0x3000} | {cp: 0x20 for cp in (*range(0x2000, 0x2003), *range(0x2004, 0x200B))}
_CJK = "\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf\u3000-\u303f\uff00-\uffef"
# One space pdfminer put between a Chinese character (or mark) and a digit or Latin letter.
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[{_CJK}])")
_CJK_TIGHT_RE = re.compile(rf"(?<=[{_CJK}])(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])(?=[{_CJK}])")
MIN_AUTOSPACES = 5
AUTOSPACE_SHARE = 0.8  # of the Chinese–digit boundaries spaced: the producer did it, not the text
# …but not after a caption's or heading's number: "表2 路桥区…", "1 路桥区…情况表".
_NUMBER_LABEL_RE = re.compile(r"[ \t\u3000]*(?:(?:表|图|专栏)[ \t]*)?[0-9]{1,3} ")


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


def extract_pdf_text(data: bytes, path: str) -> str:
    """Text of a PDF; InputError if it is encrypted, broken, or has no text layer."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a valid PDF (no %PDF header)")
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with _quiet_pdfminer():
            text = extract_text(io.BytesIO(data), laparams=LAParams(line_margin=LINE_MARGIN))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
    except RecursionError:
        raise InputError(path, "not a valid PDF (objects nested too deeply)") from None
    except Exception as e:  # pdfminer raises PSEOF, PDFSyntaxError, TypeError, KeyError … on bad files
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
        raise InputError(path, f"not a valid PDF ({type(e).__name__})") from None
    text = _OTHER_BREAKS_RE.sub("\n", text).translate(_SPACES).translate(RADICALS)
    pages = [[line.rstrip() for line in page.split("\n")] for page in text.split("\x0c")]
    lines = [line for page in _without_running_lines(pages) for line in page]
    if _autospaced(lines):
        lines = [_without_cjk_spaces(line) for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if not "".join(lines).strip():
        raise InputError(path, "PDF has no text layer (scanned image?); OCR it first")
    return "\n".join(_single_blanks(lines)) + "\n"


def _autospaced(lines: list[str]) -> bool:
    """Whether the producer spaced every Chinese–digit boundary (LibreOffice's Asian/Western
    spacing), rather than the document having a space here and there (10:16 来源)."""
    spaced = sum(len(_CJK_SPACE_RE.findall(line)) for line in lines)
    tight = sum(len(_CJK_TIGHT_RE.findall(line)) for line in lines)
    return spaced >= MIN_AUTOSPACES and spaced >= AUTOSPACE_SHARE * (spaced + tight)


def _without_cjk_spaces(line: str) -> str:
    """``line`` without the spaces pdfminer put between CJK and digits or letters."""
    label = _NUMBER_LABEL_RE.match(line)
    keep = label.end() if label else 0
    return line[:keep] + _CJK_SPACE_RE.sub("", line[keep:])


def _edges(page: list[str], depth: int = EDGE_LINES) -> list[int]:
    """Indices of the first and last ``depth`` lines with text on a page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:depth] + filled[-depth:]))


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their page numbers and running heads and feet.

    A page number is a number alone on a page's first or last line that runs with the pages
    (page k says k + c, the same c on at least half of them): a table cell "5" that happens to
    end a page does not. A running head or foot is a line with words at the top or bottom of a
    page that recurs, digits aside (a date, "1/10"), at the edges of at least half the pages.
    """
    pages = [p for p in pages if any(line.strip() for line in p)]
    numbered = _page_number_lines(pages)
    edge_keys: Counter[str] = Counter()
    for page in pages:
        edge_keys.update({_running_key(page[i]) for i in _edges(page)} - {""})
    repeated = (
        {k for k, n in edge_keys.items() if n >= REPEAT_SHARE * len(pages)}
        if len(pages) >= MIN_PAGES_FOR_REPEATS else set()
    )
    out = []
    for k, page in enumerate(pages):
        # found among the edge lines of most pages, dropped a little deeper on every page
        drop = {i for i in _edges(page, 2 * EDGE_LINES) if _running_key(page[i]) in repeated}
        drop |= numbered.get(k, set())
        out.append([line for i, line in enumerate(page) if i not in drop] + [""])
    return out


def _running_key(line: str) -> str:
    """A line as running heads repeat it (digits masked); "" for one without two letters."""
    key = _DIGITS_RE.sub("0", line.strip())
    return key if sum(1 for c in key if c.isalpha()) >= 2 else ""


def _page_number_lines(pages: list[list[str]]) -> dict[int, set[int]]:
    """page index → the index of its page-number line, for pages numbered in sequence."""
    found: dict[int, list[tuple[int, int]]] = {}  # page → (line index, page number − page index)
    for k, page in enumerate(pages):
        filled = [i for i, line in enumerate(page) if line.strip()]
        for i in {filled[0], filled[-1]} if filled else ():
            if _PAGE_NUMBER_RE.fullmatch(page[i]) and (m := _DIGITS_RE.search(page[i])):
                found.setdefault(k, []).append((i, int(m.group()) - k))
    offsets = Counter(off for hits in found.values() for _, off in hits)
    if not offsets:
        return {}
    offset, n = offsets.most_common(1)[0]
    if n < max(2, REPEAT_SHARE * len(pages)):
        return {}
    return {k: {i for i, off in hits if off == offset} for k, hits in found.items()}


def _single_blanks(lines: list[str]) -> list[str]:
    """Runs of blank lines (a page break, a dropped head) as one blank line."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out
