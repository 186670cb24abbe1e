"""Outline → terminal text: a rich Tree of sections (level, number, title, line, length) and a
list of tables (rows × columns, line).

Document text only ever enters rich as ``Text`` objects, never as markup, so "[bold]" in a
title prints as written.
"""
from __future__ import annotations

import io

from rich.text import Text
from rich.tree import Tree

from docdiff.model import Document, Outline, Section, SectionKind
from docdiff.outline.patterns import CN_DIGITS
from docdiff.render.console import SafeConsole

__all__ = ["render_outline_term"]

_KIND_TAG = {
    SectionKind.ITEM: "item",
    SectionKind.LEAD: "lead",
    SectionKind.BOX: "box",
    SectionKind.TABLE: "table",
}


def _shown_number(number: str) -> str:
    """"一" → "一、", "1" → "1.": the bare numbers in paths read better with their separator."""
    if number.isascii() and number.isdigit():
        return f"{number}."
    if number and all(c in CN_DIGITS for c in number):
        return f"{number}、"
    return number


def _section_label(s: Section) -> Text:
    """"2 (一) 经济运行稳中向好  line 55 · 1,004 chars": level, number, title, line, length."""
    label = Text()
    label.append(f"{s.level} ", style="dim")
    if s.number:
        label.append(_shown_number(s.number), style="bold cyan")
        label.append(" ")
    label.append(s.title, style="bold" if s.level == 1 else "")
    label.append(f"  line {s.line} · {len(s.span):,} chars", style="dim")
    tag = _KIND_TAG.get(s.kind)
    if tag:
        label.append(f" · {tag}", style="dim italic")
    return label


def _add(tree: Tree, s: Section) -> None:
    branch = tree.add(_section_label(s))
    for c in s.children:
        _add(branch, c)


def render_outline_term(doc: Document, outline: Outline, *, color: bool, width: int) -> str:
    """The outline of ``doc`` as terminal text (ANSI colours only when ``color``)."""
    out = io.StringIO()
    console = SafeConsole(
        file=out,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
    )
    heading = Text(doc.meta.title or doc.path, style="bold")
    sections = sum(1 for _ in outline.walk())
    heading.append(f"  {doc.file_line_count:,} lines · {sections} sections · {len(outline.tables)} tables", style="dim")
    if doc.format != "text":  # the line numbers below count the extracted text, not the file
        heading.append(f" · lines of the text extracted from the {doc.format.upper()}", style="dim")
    tree = Tree(heading, guide_style="dim")
    for s in outline.sections:
        _add(tree, s)
    console.print(tree)
    if not outline.sections:
        console.print(Text("no headings found", style="yellow"))
    if outline.tables:
        console.print(Text("Tables", style="bold"))
        for t in outline.tables:
            line = Text("  ")
            line.append(t.title or "(untitled)", style="bold" if t.title else "dim")
            line.append(f"  {len(t.rows)} rows × {len(t.header)} columns · line {t.line}", style="dim")
            console.print(line)
    return out.getvalue()
