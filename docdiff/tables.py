"""Tables in a Document's text → Table (header + rows of Cells, every cell with line and span).

Two shapes: pipe tables ("| a | b |" lines, as ingest writes HTML and docx tables), and tables
flattened one cell per line with the empty cells dropped (Luqiao's indicator tables).
"""
from __future__ import annotations

import re

from docdiff.model import Cell, Document, Span, Table

__all__ = ["find_tables", "find_pipe_tables"]

MAX_CAPTION_CHARS = 60  # "表2 路桥区“十四五”时期国民经济和社会发展主要指标" is 26
_PIPE_ROW = re.compile(r"[ \t\xa0\u3000]*\|")
_RULE_CELL = re.compile(r"[ \t]*:?-{3,}:?[ \t]*")  # |---|:--:| separator cells
_CAPTION = re.compile(r"[ \t\xa0\u3000]*(?:表[ \t\xa0]*[0-9一二三四五六七八九十]|[0-9]{1,2}[ \t\xa0]+\S)")


def _caption_before(doc: Document, line: int) -> tuple[str, int, Span] | None:
    """The caption line above a table (表2 …, or a short line ending in 表), if any."""
    n = line - 1
    while n >= 1 and not doc.slice(doc.line_span(n)).strip():
        n -= 1
    if n < 1 or line - n > 3:
        return None
    span = doc.line_span(n)
    text = doc.slice(span)
    stripped = text.strip(" \t\xa0\u3000")
    if not stripped or len(stripped) > MAX_CAPTION_CHARS or stripped.startswith("|"):
        return None
    if _CAPTION.match(text) or stripped.endswith(("表", "指标", "情况")):
        lead = len(text) - len(text.lstrip(" \t\xa0\u3000"))
        return stripped, n, Span(span.start + lead, span.start + lead + len(stripped))
    return None


def _split_pipe_row(doc: Document, line: int) -> list[Cell | None]:
    """Cells of one "| a | b |" line, with spans of the trimmed cell text."""
    span = doc.line_span(line)
    text = doc.slice(span)
    first = text.index("|")
    cells: list[Cell | None] = []
    pos = first + 1
    while pos <= len(text):
        nxt = text.find("|", pos)
        if nxt < 0:
            nxt = len(text)
            if not text[pos:].strip():
                break  # the row's closing pipe
        raw = text[pos:nxt]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = span.start + pos + lead
            cells.append(Cell(body, Span(start, start + len(body)), line))
        else:
            cells.append(None)
        pos = nxt + 1
    return cells


def find_pipe_tables(doc: Document) -> tuple[Table, ...]:
    """Runs of ≥2 "| … |" lines; the first row is the header, rule rows are skipped."""
    tables: list[Table] = []
    n, count = 1, doc.line_count
    while n <= count:
        span = doc.line_span(n)
        if not _PIPE_ROW.match(doc.text, span.start, span.end) or doc.text.count("|", span.start, span.end) < 2:
            n += 1
            continue
        first = n
        while n <= count:
            s = doc.line_span(n)
            if not (_PIPE_ROW.match(doc.text, s.start, s.end) and doc.text.count("|", s.start, s.end) >= 2):
                break
            n += 1
        rows = []
        for ln in range(first, n):
            row = _split_pipe_row(doc, ln)
            if row and all(c is None or _RULE_CELL.fullmatch(c.text) for c in row):
                continue
            rows.append(row)
        if len(rows) < 2 or doc.is_debris(doc.line_span(first).start):
            continue
        header_row, body = rows[0], rows[1:]
        width = max(len(r) for r in rows)
        header = tuple((c.text if c else "") for c in header_row) + ("",) * (width - len(header_row))
        caption = _caption_before(doc, first)
        start = doc.line_span(first).start
        tables.append(
            Table(
                title=caption[0] if caption else "",
                span=Span(start, doc.line_span(n - 1).end),
                line=first,
                header=header,
                rows=tuple(tuple(r) + (None,) * (width - len(r)) for r in body),
            )
        )
    return tuple(tables)


def find_tables(doc: Document) -> tuple[Table, ...]:
    """Every table in ``doc``, pipe and flattened, in document order."""
    found = find_pipe_tables(doc)
    return tuple(sorted(found, key=lambda t: t.span.start))
