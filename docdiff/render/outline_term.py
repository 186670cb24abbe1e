"""Outline → terminal text: a tree of sections (level, number, title, line, length) and a
list of tables (rows × columns, line).

In colour a rich Tree (document text only ever enters rich as ``Text`` objects, never as
markup, so "[bold]" in a title prints as written); without colour the same tree laid out as rich
lays it out (``plain_tree``), so a piped outline needs no rich Console (~20 ms of its start-up).
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docdiff.errors import escape_controls
from docdiff.model import Document, Outline, Section, SectionKind
from docdiff.outline.patterns import CN_DIGITS
from docdiff.render.term_cells import based, plain_styles, styled

if TYPE_CHECKING:
    from rich.text import Text
    from rich.tree import Tree

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
    label = styled(f"{s.level} ", "dim")
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


def _heading(doc: Document, outline: Outline) -> Text:
    heading = based(doc.meta.title or doc.path, "bold")
    sections = sum(1 for _ in outline.walk())
    heading.append(f"  {doc.file_line_count:,} lines · {sections} sections · {len(outline.tables)} tables", style="dim")
    if doc.format != "text":  # the line numbers below count the extracted text, not the file
        heading.append(f" · lines of the text extracted from the {doc.format.upper()}", style="dim")
    return heading


def _table_lines(outline: Outline) -> list[Text]:
    """The "Tables" list: a heading, then a line per table."""
    lines = [based("Tables", "bold")]
    for t in outline.tables:
        line = styled("  ")
        line.append(t.title or "(untitled)", style="bold" if t.title else "dim")
        line.append(f"  {len(t.rows)} rows × {len(t.header)} columns · line {t.line}", style="dim")
        lines.append(line)
    return lines


# A tree whose deepest labels would get fewer cells than this is left to rich (rare: 15 levels
# at 70 cells; tests/test_plain_layout.py compares the two above it).
MIN_LABEL_WIDTH = 8


def render_outline_term(doc: Document, outline: Outline, *, color: bool, width: int) -> str:
    """The outline of ``doc`` as terminal text (ANSI colours only when ``color``)."""
    if not color and width - 4 * _depth(outline.sections) >= MIN_LABEL_WIDTH:
        with plain_styles():
            return _render_plain(doc, outline, width)
    from rich.text import Text
    from rich.tree import Tree

    from docdiff.render.console import SafeConsole

    out = io.StringIO()
    console = SafeConsole(
        file=out,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
    )
    tree = Tree(_heading(doc, outline), guide_style="dim")
    for s in outline.sections:
        _add(tree, s)
    console.print(tree)
    if not outline.sections:
        console.print(Text("no headings found", style="yellow"))
    if outline.tables:
        for line in _table_lines(outline):
            console.print(line)
    return out.getvalue()


def _depth(sections: tuple[Section, ...]) -> int:
    """How many levels of guides the deepest section hangs from."""
    depth, level = 0, [(s, 1) for s in sections]
    while level:
        depth = max(depth, max(d for _, d in level))
        level = [(c, d + 1) for s, d in level for c in s.children]
    return depth


def _render_plain(doc: Document, outline: Outline, width: int) -> str:
    """``render_outline_term`` without colour: the same characters, without rich's Console."""
    from docdiff.render.plain_tree import Node, tree_lines
    from docdiff.render.plain_wrap import render_lines

    def node(s: Section) -> Node:
        return Node(_section_label(s).plain, tuple(node(c) for c in s.children))

    lines = tree_lines(Node(_heading(doc, outline).plain, tuple(node(s) for s in outline.sections)), width)
    if not outline.sections:
        lines += render_lines("no headings found", width)
    if outline.tables:
        for line in _table_lines(outline):
            lines += render_lines(line.plain, width)
    return escape_controls("".join(line + "\n" for line in lines))
