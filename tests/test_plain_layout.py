"""The colourless targets and outline views lay out text, tables and trees as rich does, without it.

``plain_wrap``, ``plain_table`` and ``plain_tree`` are held to rich's own output on random text
(CJK and Latin words, ideographic and Latin spaces, tabs, line breaks, control characters,
combining marks, emoji), random widths and random tables and trees; the two views to their rich
rendering on the samples and on random documents.
"""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from conftest import sample
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

import docdiff
from docdiff.model import Document
from docdiff.render import outline_term, targets_term
from docdiff.render.plain_table import Column, table_lines
from docdiff.render.plain_tree import Node, tree_lines
from docdiff.render.plain_wrap import measure, render_lines

ALPHABET = "经济发展社会民生生态，。、（）《》abcXYZ0123456789.%- \u3000\t\n\x1b\x07\r\u0301\u200d😀"
texts = st.text(alphabet=ALPHABET, max_size=60)
words = st.text(alphabet="经济发展社会abc 0123456789.%（）\u3000", max_size=30)


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)


def _printed(renderable: object, width: int) -> list[str]:
    console = _console(width)
    console.print(renderable)
    return console.file.getvalue().split("\n")[:-1]  # type: ignore[attr-defined]


@examples(400)
@given(texts, st.integers(1, 40), st.sampled_from(["default", "left", "right", "center"]),
       st.sampled_from(["fold", "ellipsis", "crop"]), st.booleans(), st.booleans())
def test_render_lines_is_rich_render_lines(text: str, width: int, justify: str, overflow: str, no_wrap: bool,
                                           pad: bool) -> None:
    console = _console(80)
    options = console.options.update(width=width, justify=justify, overflow=overflow, no_wrap=no_wrap)
    try:
        want = ["".join(s.text for s in line) for line in console.render_lines(Text(text), options, pad=pad)]
    except ValueError:  # rich cannot fold a word into 1 cell here either (its chop_cells)
        return
    assert render_lines(text, width, justify=justify, overflow=overflow, no_wrap=no_wrap, pad=pad) == want


@examples(200)
@given(texts, st.integers(0, 40))
def test_measure_is_rich_measurement(text: str, width: int) -> None:
    from rich.measure import Measurement

    console = _console(80)
    assert measure(text, width) == tuple(Measurement.get(console, console.options.update_width(width), Text(text)))


_columns = st.lists(st.builds(Column, header=st.sampled_from(["indicator", "value", "cmp", "year", "期"]),
                              justify=st.sampled_from(["left", "right", "center"]),
                              overflow=st.sampled_from(["fold", "ellipsis"]), no_wrap=st.booleans(),
                              min_width=st.none() | st.integers(0, 12)),
                    min_size=1, max_size=6)


@examples(300)
@given(_columns, st.lists(st.lists(words, min_size=6, max_size=6), min_size=1, max_size=5), st.integers(1, 120))
def test_table_lines_are_rich_tables(columns: list[Column], rows: list[list[str]], width: int) -> None:
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    for c in columns:
        table.add_column(c.header, justify=c.justify, overflow=c.overflow, no_wrap=c.no_wrap, min_width=c.min_width)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row[: len(columns)]))
    try:
        want = _printed(table, width)
    except ValueError:  # too narrow: rich cannot fold a word into its column either (chop_cells)
        return
    assert table_lines(columns, [row[: len(columns)] for row in rows], width) == want


def _rich_tree(node: Node, tree: Tree | None = None) -> Tree:
    if tree is None:
        tree = Tree(Text(node.label), guide_style="dim")
    for child in node.children:
        _rich_tree(child, tree.add(Text(child.label)))
    return tree


nodes = st.recursive(st.builds(Node, texts), lambda kids: st.builds(Node, texts, st.lists(kids, max_size=4).map(tuple)),
                     max_leaves=12)


@examples(200)
@given(nodes, st.integers(1, 100))
def test_tree_lines_are_rich_trees(root: Node, width: int) -> None:
    try:
        want = _printed(_rich_tree(root), width)
    except ValueError:  # too narrow: rich cannot fold a word into its room either (chop_cells)
        return
    assert tree_lines(root, width) == want


def _rich_views(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(targets_term, "MIN_PLAIN_WIDTH", 10**9)
    monkeypatch.setattr(outline_term, "MIN_LABEL_WIDTH", 10**9)


@pytest.mark.parametrize("name", ["luqiao", "linhai", "hailar-district-2019", "tiantai", "taizhou"])
@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_views_print_what_rich_printed(monkeypatch: pytest.MonkeyPatch, name: str, width: int) -> None:
    doc = docdiff.load(str(sample(name)))
    tree = docdiff.parse_outline(doc)
    found = docdiff.extract_targets(doc, tree)
    plain = (targets_term.render_targets_term(doc, found, color=False, width=width),
             outline_term.render_outline_term(doc, tree, color=False, width=width))
    _rich_views(monkeypatch)
    assert plain == (targets_term.render_targets_term(doc, found, color=False, width=width),
                     outline_term.render_outline_term(doc, tree, color=False, width=width))


_LINES = st.lists(st.one_of(st.sampled_from(["一、总体要求", "（一）主要目标", "1. 经济增长", "二、重点任务", "专栏1 主要指标"]),
                            st.sampled_from(["到2025年，地区生产总值增长6%左右。", "城镇新增就业1.2万人以上，登记失业率控制在4%以内。",
                                             "R&D经费支出占GDP比重达到3.3%。"]),
                            texts), min_size=1, max_size=20)


@examples(60)
@given(_LINES, st.integers(20, 100))
def test_the_views_print_what_rich_printed_on_any_document(lines: list[str], width: int) -> None:
    doc = Document(path="x.txt", text="\n".join(lines))
    tree = docdiff.parse_outline(doc)
    found = docdiff.extract_targets(doc, tree)
    plain = (targets_term.render_targets_term(doc, found, color=False, width=width),
             outline_term.render_outline_term(doc, tree, color=False, width=width))
    with pytest.MonkeyPatch.context() as m:
        _rich_views(m)
        assert plain == (targets_term.render_targets_term(doc, found, color=False, width=width),
                         outline_term.render_outline_term(doc, tree, color=False, width=width))


@pytest.mark.parametrize("command", ["targets", "outline"])
def test_a_piped_view_imports_no_rich_console(command: str) -> None:
    code = ("import sys, runpy\n"
            f"sys.argv = ['docdiff', {command!r}, {str(sample('tiantai'))!r}]\n"
            "try:\n    runpy.run_module('docdiff', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(set(sys.modules) & {'rich.console', 'rich.table', 'rich.tree', 'rich.text'}),"
            " 'rich.cells' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "[] True", done.stderr
