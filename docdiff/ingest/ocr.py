"""Scanned PDF pages → printed lines, by RapidOCR (the optional ``docdiff[ocr]`` extra).

The wheels of ``rapidocr_onnxruntime`` (or ``rapidocr``) ship their ONNX models, so nothing is
downloaded at run time. Pages are rendered by pypdfium2 at RENDER_DPI. Progress goes to stderr
one page at a time when stderr is a terminal; the mean and lowest line confidence become a note
that the outputs show, so nobody mistakes OCR text for the publisher's own.
"""
from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from msgspec import Struct

from docdiff.errors import InputError
from docdiff.ingest.page_lines import PrintedLine, PrintedPage

RENDER_DPI = 200  # RapidOCR reads 小四 (12 pt) CJK reliably from 150 dpi; 200 leaves a margin
LOW_CONFIDENCE = 0.8  # lines below this are counted in the note as worth checking by eye


class OcrResult(Struct, frozen=True):
    pages: tuple[PrintedPage, ...]
    note: str
    seconds_per_page: float


def available() -> bool:
    """Whether an OCR engine and the page renderer are installed."""
    import importlib.util

    has_engine = any(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "rapidocr"))
    return has_engine and importlib.util.find_spec("pypdfium2") is not None


def ocr_pdf_pages(data: bytes, indexes: Sequence[int], path: str, *, progress: bool = False) -> OcrResult:
    """OCR the pages ``indexes`` (0-based) of a PDF; progress on stderr when ``progress``."""
    import numpy as np
    import pypdfium2 as pdfium

    engine = _engine()
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:  # PdfiumError on a file pdfminer accepted but pdfium cannot render
        raise InputError(path, f"cannot render the scanned pages for OCR ({e})") from None
    pages: list[PrintedPage] = []
    scores: list[float] = []
    start = time.perf_counter()
    try:
        for n, i in enumerate(indexes, 1):
            if progress:
                print(f"\r{path}: OCR page {i + 1} ({n}/{len(indexes)})", end="", file=sys.stderr, flush=True)
            page = pdf[i]
            image = page.render(scale=RENDER_DPI / 72).to_pil().convert("RGB")
            width = image.width
            lines = [line for line in _read(engine, np.asarray(image)) if line[0].text.strip()]
            scores.extend(score for _, score in lines)
            pages.append(PrintedPage(width, [ln for ln, _ in lines]))
            page.close()
    finally:
        pdf.close()
        if progress:
            print(file=sys.stderr, flush=True)
    per_page = (time.perf_counter() - start) / max(len(indexes), 1)
    return OcrResult(tuple(pages), _note(len(indexes), scores), per_page)


def _note(count: int, scores: list[float]) -> str:
    pages = f"{count} page{'s' if count != 1 else ''}"
    if not scores:
        return f"OCR read {pages} without a text layer and found no text"
    low = sum(1 for s in scores if s < LOW_CONFIDENCE)
    return (f"OCR read {pages} without a text layer: {len(scores)} lines, mean confidence "
            f"{statistics.fmean(scores):.2f}, lowest {min(scores):.2f}, {low} below {LOW_CONFIDENCE}; "
            "check OCR'd numbers against the scan")


_ENGINE: Any = None


def _engine() -> Any:
    """One RapidOCR engine per process (loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            from rapidocr import RapidOCR
        _ENGINE = RapidOCR()
    return _ENGINE


def _read(engine: Any, image: Any) -> list[tuple[PrintedLine, float]]:
    """RapidOCR's lines (box, text, score) as printed lines in reading order, with their scores."""
    result = engine(image)
    if isinstance(result, tuple):  # rapidocr_onnxruntime: ([[box, text, score], …] | None, elapsed)
        rows = result[0] or []
    else:  # rapidocr ≥ 2: an object with boxes, txts, scores
        rows = list(zip(result.boxes if result.boxes is not None else [], result.txts or (), result.scores or ()))
    out = []
    for box, text, score in rows:
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        out.append((PrintedLine(str(text), min(xs), max(xs), min(ys), max(ys)), float(score)))
    return _reading_order(out)


def _reading_order(lines: list[tuple[PrintedLine, float]]) -> list[tuple[PrintedLine, float]]:
    """Top to bottom; boxes whose vertical centres lie within half a line height share a row,
    read left to right (OCR splits a printed line at wide gaps)."""
    lines.sort(key=lambda item: (item[0].top + item[0].bottom) / 2)
    rows: list[list[tuple[PrintedLine, float]]] = []
    for item in lines:
        line = item[0]
        mid, half = (line.top + line.bottom) / 2, (line.bottom - line.top) / 2
        if rows:
            last = rows[-1][0][0]
            if abs((last.top + last.bottom) / 2 - mid) < max(half, (last.bottom - last.top) / 2):
                rows[-1].append(item)
                continue
        rows.append([item])
    out = []
    for row in rows:
        row.sort(key=lambda item: item[0].x0)
        parts = [ln for ln, _ in row]
        merged = PrintedLine(" ".join(p.text for p in parts) if len(parts) > 1 and _wide_gaps(parts) else
                             "".join(p.text for p in parts),
                             min(p.x0 for p in parts), max(p.x1 for p in parts),
                             min(p.top for p in parts), max(p.bottom for p in parts))
        out.append((merged, min(score for _, score in row)))
    return out


def _wide_gaps(parts: list[PrintedLine]) -> bool:
    """Whether the pieces of a row stand apart by more than two character heights (table cells)."""
    height = statistics.median(p.bottom - p.top for p in parts)
    return any(b.x0 - a.x1 > 2 * height for a, b in pairwise(parts))
