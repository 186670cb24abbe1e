"""Positioned lines of a fixed-layout page (PDF, OFD, OCR) → text with one paragraph per line.

Fixed layouts wrap a paragraph over several printed lines; the text formats keep it on one.
A printed line is joined to the one before when that one reached the right edge of the text
column and this one starts at its left edge (no first-line indent), on the same page or at the
top of the next: the way a reader sees a paragraph run on. A short line, an indented line
(Chinese paragraphs open with two ideographic spaces) or a vertical gap starts a new one.
Spaces the file draws are kept; a space is inferred from a gap only between Latin letters or
digits, or from a gap of most of a character next to an ideograph: typesetters widen the gap
between CJK and Latin text by about a quarter em, which is not a space.
"""
from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise

from msgspec import Struct

from docdiff.regex_cache import compile_regex

# A line ending within this many character heights of the column's right edge is full: CJK lines
# are ragged by up to a few characters where a number or a closing mark may not start a line.
FULL_LINE_SLACK = 3.5
# A line starting more than this many character heights right of the column's left edge is indented.
INDENT_MIN = 0.8
# A vertical gap over this many line heights between two lines is a paragraph break.
PARAGRAPH_GAP = 1.0
# A horizontal gap between glyphs over this many heights is a space between Latin words…
SPACE_GAP = 0.25
# …and next to an ideograph only over this many (CJK/Latin autospacing is about a quarter em).
WIDE_GAP = 0.9
# A gap over this many heights separates table cells: a cell's padding alone is about 1.8 heights
# of a 小四 glyph in LibreOffice and Word, and a space, even two, is under one.
CELL_GAP = 1.5

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = compile_regex(f"[{_CJK}]")
_INDENT_RE = compile_regex(r"^[ \u3000]+")


class PrintedLine(Struct, frozen=True):
    """One printed line: its text and box, y growing downwards (points or millimetres)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class PrintedPage(Struct, frozen=True):
    """A page's width (same unit as its lines) and its lines in reading order."""

    width: float
    lines: Sequence[PrintedLine]


class Glyph(Struct, frozen=True):
    """One drawn character (or run of them) and its box, y growing downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def lines_from_glyphs(glyphs: Sequence[Glyph]) -> list[PrintedLine]:
    """Glyphs whose vertical centres lie within half a glyph height of a row's first glyph form
    one printed line, read left to right; rows top to bottom (one text column per page, as
    government documents are set). A gap wider than SPACE_GAP heights between two glyphs is a
    space, except next to an ideograph, where it is the typesetter's CJK/Latin spacing; one
    wider than CELL_GAP heights parts table cells, written " | " as the .docx reader does."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2):
        mid = (g.top + g.bottom) / 2
        if rows:
            first = rows[-1][0]
            if abs((first.top + first.bottom) / 2 - mid) <= max(first.bottom - first.top, 0.0) / 2:
                rows[-1].append(g)
                continue
        rows.append([g])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        height = statistics.median(g.bottom - g.top for g in row) or 1.0
        parts = [row[0].text]
        for prev, g in pairwise(row):
            gap = g.x0 - prev.x1
            cjk = _is_cjk(prev.text[-1:]) or _is_cjk(g.text[:1])
            if gap > CELL_GAP * height:
                parts.append(" | ")  # table cells side by side: a row, as the .docx reader writes it
            elif gap > (WIDE_GAP if cjk else SPACE_GAP) * height and not prev.text[-1:].isspace() \
                    and not g.text[:1].isspace():
                parts.append(" ")
            parts.append(g.text)
        lines.append(PrintedLine("".join(parts), row[0].x0, max(g.x1 for g in row),
                                 min(g.top for g in row), max(g.bottom for g in row)))
    return lines


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_RE.match(ch) is not None


def join_pages(pages: Sequence[PrintedPage]) -> str:
    """The text of ``pages``, one paragraph per line, runs of printed lines rejoined."""
    paragraphs: list[str] = []
    open_para = False  # the last paragraph may run on
    prev: PrintedLine | None = None
    for page in pages:
        lines = [ln for ln in page.lines if ln.text.strip()]
        if not lines:
            continue
        left, right, height = _column(lines, page.width)
        for i, line in enumerate(lines):
            text = line.text.rstrip()
            indented = line.x0 > left + INDENT_MIN * height or _INDENT_RE.match(text) is not None
            gap = prev is not None and i > 0 and line.top - prev.bottom > PARAGRAPH_GAP * height
            if open_para and paragraphs and not indented and not gap:
                paragraphs[-1] += text.lstrip()
            else:
                paragraphs.append(text)
            open_para = line.x1 >= right - FULL_LINE_SLACK * height
            prev = line
    return "\n".join(paragraphs) + "\n" if paragraphs else ""


def _column(lines: Sequence[PrintedLine], width: float) -> tuple[float, float, float]:
    """(left edge, right edge, typical line height) of a page's text column. The right margin
    is taken as at least as wide as the left one, so a page of short lines has no full line."""
    heights = [ln.bottom - ln.top for ln in lines if ln.bottom > ln.top]
    height = statistics.median(heights) if heights else 1.0
    left = min(ln.x0 for ln in lines)
    return left, max(max(ln.x1 for ln in lines), width - left), height
