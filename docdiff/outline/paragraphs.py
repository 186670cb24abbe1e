"""The outline's working material: body paragraphs and the mutable nodes of the tree being built."""
from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct, field

from docdiff.model import Document, SectionKind
from docdiff.outline.patterns import INDENT, SENTENCE_END
from docdiff.regex_cache import compile_regex

_SENTENCE_END_RE = compile_regex(f"[{re.escape(SENTENCE_END)}]")


class Para(Struct):
    """A non-blank body line: [start, end) without indent or line break, in doc offsets."""

    start: int
    end: int
    line: int


class Node(Struct, eq=False):
    """A section while the tree is being built (Section is frozen)."""

    style: str  # pattern name, or "lead"
    number: str
    kind: SectionKind
    start: int
    title_start: int
    title_end: int
    line: int
    para_end: int  # end of the heading's own paragraph
    caption: bool = False  # 专栏/表
    in_box: bool = False  # nested inside a 专栏/表 caption
    end: int = -1
    children: list[Node] = field(default_factory=list)


def paragraphs(doc: Document) -> list[Para]:
    """Non-blank, non-debris lines with their indentation trimmed."""
    text, out = doc.text, []
    debris = sorted(doc.debris, key=lambda s: s.start)
    di = 0
    for n in range(1, doc.line_count + 1):
        span = doc.line_span(n)
        while di < len(debris) and debris[di].end <= span.start:
            di += 1
        if di < len(debris) and debris[di].start <= span.start < debris[di].end:
            continue
        start, end = span.start, span.end
        while start < end and text[start] in INDENT:
            start += 1
        while end > start and text[end - 1] in INDENT:
            end -= 1
        if start < end:
            out.append(Para(start, end, doc.line_at(start) if doc.line_origins else n))
    return out


def first_sentence_end(norm: str, start: int, end: int, limit: int) -> int | None:
    """Offset of the first sentence end in norm[start:end], looking no further than ``limit``."""
    m = _SENTENCE_END_RE.search(norm, start, min(end, start + limit + 1))
    return m.start() if m else None


def descendants(node: Node) -> Iterator[Node]:
    for c in node.children:
        yield c
        yield from descendants(c)
