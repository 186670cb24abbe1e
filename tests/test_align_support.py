"""Helpers for the align/textdiff/reuse tests: build Documents and Outlines without the outline stage.

A tiny heading reader (一、 → level 1, (一) → level 2, 1. → level 3) so these tests do not
depend on ``docdiff.outline.tree``; also checks that the helper itself slices correctly.
"""
from __future__ import annotations

import re

from docdiff.model import Document, Outline, Section, SectionKind, Span

_HEADING = (
    (re.compile(r"^([一二三四五六七八九十]+)、"), 1),
    (re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]"), 2),
    (re.compile(r"^(\d+)\."), 3),
)


def make_doc(text: str, path: str = "x.txt") -> tuple[Document, Outline]:
    """A Document of ``text`` and its outline from numbered heading lines (title = rest of line)."""
    doc = Document(path=path, text=text)
    heads: list[tuple[int, str, str, int, Span, int]] = []  # level, number, title, line, title span, start
    for n, span in doc.body_lines():
        line = doc.slice(span)
        for rx, level in _HEADING:
            m = rx.match(line)
            if m:
                title = line[m.end():]
                number = f"({m.group(1)})" if level == 2 else m.group(1)
                heads.append((level, number, title, n, Span(span.start + m.end(), span.end), span.start))
                break

    def build(k: int, parent_path: str) -> tuple[Section, int]:
        level, number, title, line, tspan, start = heads[k]
        end_k = k + 1
        children = []
        path = f"{parent_path}/{number}" if parent_path else number
        while end_k < len(heads) and heads[end_k][0] > level:
            child, end_k = build(end_k, path)
            children.append(child)
        end = heads[end_k][5] if end_k < len(heads) else len(text)
        sec = Section(number=number, title=title, level=level, kind=SectionKind.HEADING, span=Span(start, end),
                      title_span=tspan, line=line, path=path, children=tuple(children))
        return sec, end_k

    roots, k = [], 0
    while k < len(heads):
        sec, k = build(k, "")
        roots.append(sec)
    return doc, Outline(sections=tuple(roots))


def test_make_doc_builds_nested_spans() -> None:
    doc, outline = make_doc("前言。\n一、总体要求\n正文。\n(一)目标\n目标文。\n二、保障\n保障文。\n")
    assert [s.title for s in outline.sections] == ["总体要求", "保障"]
    first = outline.sections[0]
    assert first.children[0].path == "一/(一)" and first.children[0].level == 2
    assert doc.slice(first.span) == "一、总体要求\n正文。\n(一)目标\n目标文。\n"
    assert doc.slice(first.children[0].title_span) == "目标"
