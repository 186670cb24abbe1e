"""A rich ``Tree`` of plain labels laid out as rich lays it out, without importing rich's Console.

``rich.tree.Tree.__rich_console__`` with its default guides: each label is wrapped in the width
left of its guides (``plain_wrap.render_lines``: no line when no cell is left); its first line hangs from "├── " or, for the
last child, "└── ", the lines after it from "│   " or "    ", and every ancestor that has more
children to come draws "│   " down its column. The tests compare the lines with rich's.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from docdiff.render.cell_width import cell_len
from docdiff.render.plain_wrap import render_lines


class Node(NamedTuple):
    label: str
    children: tuple[Node, ...] = ()


def tree_lines(root: Node, width: int) -> list[str]:
    """The tree's lines as a Console ``width`` cells wide prints ``Tree(root.label)`` (no line ends)."""
    return list(_lines(root, "", "", width))


def _lines(node: Node, first: str, rest: str, width: int) -> Iterator[str]:
    for k, line in enumerate(render_lines(node.label, width - cell_len(first))):  # none in no room
        yield (rest if k else first) + line
    for k, child in enumerate(node.children):
        last = k == len(node.children) - 1
        yield from _lines(child, rest + ("└── " if last else "├── "), rest + ("    " if last else "│   "), width)
