"""Heading hierarchy of a Chinese government document: Document → Outline (Section tree + tables).

Numbered headings (第X章, 一、, (一), 1., (1), ①) get their nesting from the order in which
their numbering styles first appear; 专栏/表 captions sit under the heading they appear in;
unnumbered lead sentences become LEAD sections: "——…。" leads anywhere, and parallel
"过去的一年，面对…" paragraphs or short title sentences ("经济实力明显增强。…") under a heading
that has no numbered children (or under a "——" lead).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from docdiff.chinese import parse_chinese_integer
from docdiff.model import Document, Outline, Section, SectionKind, Span, Table
from docdiff.outline.contents import skip_contents
from docdiff.outline.leads import add_leads, close_captions
from docdiff.outline.paragraphs import Node, Para, first_sentence_end, paragraphs
from docdiff.outline.patterns import (
    ANY_HEADING,
    CJK,
    CLAUSE_MARKS,
    HEADING_PATTERNS,
    INDENT,
    PATTERNS_BY_NAME,
    HeadingPattern,
)
from docdiff.regex_cache import compile_regex

__all__ = ["parse_outline"]

MAX_TITLE_CHARS = 150  # longest first sentence kept whole as a title (the longest in the corpus is ~60)
MAX_COLON_TITLE_CHARS = 30  # "主要目标：到2025年…": longer text before a colon is a sentence
MAX_CAPTION_CHARS = 60  # "表2 路桥区“十四五”时期国民经济和社会发展主要指标" is 24

_LONE_ITEM_STYLES = frozenset({"arabic", "arabic_paren", "circled"})
_NOT_BLANK = compile_regex(f"[^{INDENT}]")
_TRAILING = "。!?;:," + INDENT  # stripped from the end of a heading line's title

@lru_cache(maxsize=4096)  # a document numbers thousands of headings with a few dozen numerals
def _cn_int(s: str) -> int | None:
    """'十二' → 12, '二十' → 20, '一百〇九' → 109, '12' → 12, '③' → 3; None if not a numeral."""
    if len(s) == 1 and "\u2460" <= s <= "\u2473":  # ① … ⑳ (str.isdigit() is True for them)
        return ord(s) - 0x2460 + 1
    if s.isascii() and s.isdigit():
        return int(s)
    try:
        return int(parse_chinese_integer(s))
    except ValueError:
        return None


def _title_bounds(doc: Document, start: int, end: int) -> tuple[int, int, SectionKind] | None:
    """Title of a numbered paragraph: the whole line (HEADING) or its first sentence (ITEM)."""
    norm = doc.norm
    stop = first_sentence_end(norm, start, end, MAX_TITLE_CHARS)
    colon = norm.find(":", start, min(end, start + MAX_COLON_TITLE_CHARS + 1))
    if colon > start and (stop is None or colon < stop) and _NOT_BLANK.search(norm, colon + 1, end):
        stop = colon  # "1.加强组织领导：各地要…": a short phrase before a colon is the title
    if stop is not None and _NOT_BLANK.search(norm, stop + 1, end):
        t_start, t_end, kind = start, stop, SectionKind.ITEM
    elif stop is None and end - start > MAX_TITLE_CHARS:
        # A numbered paragraph with no sentence end in reach: title its first clause.
        t_start, t_end, kind = start, start + MAX_TITLE_CHARS, SectionKind.ITEM
        cut = max(norm.rfind(c, start, t_end) for c in CLAUSE_MARKS)
        if cut > start:
            t_end = cut
    else:
        t_start, t_end, kind = start, end, SectionKind.HEADING
    while t_end > t_start and norm[t_end - 1] in _TRAILING:
        t_end -= 1
    if t_end <= t_start or not CJK.search(norm, t_start, t_end):
        return None  # "1. <blockquote…>" or a bare figure: not a heading
    return t_start, t_end, kind


def _number_label(pattern: HeadingPattern, m: re.Match[str]) -> str:
    """How a section's number is shown and used in paths: "一", "(一)", "1", "第二章", "专栏1"."""
    num = m.group("num")
    if pattern.name in ("cn_paren", "arabic_paren"):
        return f"({num})"
    if pattern.name in ("chapter", "part", "jie", "article"):
        return m.group(0).rstrip(INDENT)  # 第二章, 第一篇, 第一部分 as written (in norm)
    if pattern.name == "box":
        return f"专栏{num}"
    if pattern.name == "table":
        return f"表{num}"
    return num


def _match_heading(doc: Document, para: Para, last: dict[str, int]) -> tuple[Node, int] | None:
    """A heading node for ``para`` when it opens with a plausible number, with its value."""
    norm = doc.norm
    if not ANY_HEADING.match(norm, para.start, para.end):
        return None
    for pattern in HEADING_PATTERNS:
        m = pattern.regex.match(norm, para.start, para.end)
        if not m:
            continue
        value = _cn_int(m.group("num"))
        if value is None:
            return None
        # A list starts at 1 or continues its style's last number (Linhai's 1.…33. run
        # across (一)(二)…); anything else is a figure or a cross-reference in prose.
        previous = last.get(pattern.name, 0)
        in_sequence = value == 1 or value == previous + 1 or (pattern.may_skip and value > previous)
        if pattern.numbered and not in_sequence:
            return None
        bounds = _title_bounds(doc, m.end(), para.end)
        if bounds is None:
            return None
        t_start, t_end, kind = bounds
        if not pattern.numbered:
            # A caption is a line of its own: "表1显示，…。" is prose that mentions a table.
            if kind is not SectionKind.HEADING or t_end - t_start > MAX_CAPTION_CHARS:
                return None
            kind = SectionKind.BOX if pattern.name == "box" else SectionKind.TABLE
        node = Node(
            style=pattern.name,
            number=_number_label(pattern, m),
            kind=kind,
            start=para.start,
            title_start=t_start,
            title_end=t_end,
            line=para.line,
            para_end=para.end,
            caption=not pattern.numbered,
        )
        return node, value
    return None


def _first_rank(style: str, order: list[str], box_local: dict[str, bool]) -> int:
    """Where a style seen for the first time ranks: below every style seen so far, except
    that it fills a skipped level. "一、 … 1. … (一)" — the document went from 一、 straight
    to 1. at first — puts (一) between 一、 and 1. A document whose first style is (一) and
    whose second is 一、 still nests 一、 under (一): order of appearance rules.
    """
    usual = PATTERNS_BY_NAME[style].usual_rank
    conventional_above = False
    for i, seen in enumerate(order):
        if box_local.get(seen):
            continue  # a 专栏's own list says nothing about the document's levels
        seen_usual = PATTERNS_BY_NAME[seen].usual_rank
        if seen_usual < usual:
            conventional_above = True
        elif seen_usual > usual and conventional_above:
            return i
    return len(order)


def _table_node(doc: Document, para: Para, table: Table) -> Node:
    """A TABLE section for a table whose caption has no 表N ("1 路桥区…完成情况表") or none at all."""
    t_start, t_end = (para.start, para.end) if table.title else (para.start, para.start)
    return Node(style="table", number="", kind=SectionKind.TABLE, start=para.start, title_start=t_start,
                 title_end=t_end, line=para.line, para_end=para.end, caption=True)


def _drop_lone_items(hits: list[tuple[Node, int]]) -> list[tuple[Node, int]]:
    """Hits without one-item lists of 1. (1) ①: "1." opening one paragraph of prose is not a
    list, while 一、 and (一) at a line start are headings even when alone."""
    keep = [True] * len(hits)
    open_one: dict[str, int] = {}  # style → index of a "1" still waiting for its "2"
    for i, (node, value) in enumerate(hits):
        if node.style not in _LONE_ITEM_STYLES:
            continue
        if value == 1:
            if node.style in open_one:
                keep[open_one[node.style]] = False
            open_one[node.style] = i
        else:
            open_one.pop(node.style, None)
    for i in open_one.values():
        keep[i] = False
    return [h for h, k in zip(hits, keep) if k]


def _build_numbered(doc: Document, paras: list[Para], body_end: int,
                    table_starts: dict[int, Table]) -> list[Node]:
    """Place every numbered heading and caption in a tree, nesting by style rank."""
    roots: list[Node] = []
    stack: list[Node] = []
    order: list[str] = []  # numbering styles by first appearance: index = rank
    box_local: dict[str, bool] = {}  # style first seen inside a 专栏 (its items, "1.航空")
    last: dict[str, int] = {}

    def pop_while(cond) -> None:
        while stack and cond(stack[-1]):
            stack.pop().end = node.start

    hits = []
    for para in paras:
        hit = _match_heading(doc, para, last)
        if hit is None and para.start in table_starts:
            hit = _table_node(doc, para, table_starts[para.start]), 0
        if hit is not None:
            last[hit[0].style] = hit[1]
            hits.append(hit)
    for node, _ in _drop_lone_items(hits):
        if node.caption:
            pop_while(lambda top: top.caption or top.in_box)
        else:
            in_box = any(s.kind is SectionKind.BOX for s in stack)  # a table holds cells, never headings
            if node.style not in order:
                order.insert(_first_rank(node.style, order, box_local), node.style)
                box_local[node.style] = in_box
            rank = order.index(node.style)
            if box_local[node.style] and in_box:
                pop_while(lambda top: top.kind is not SectionKind.BOX
                          and (top.caption or order.index(top.style) >= rank))
            else:
                pop_while(lambda top: top.caption or top.in_box or order.index(top.style) >= rank)
        parent = stack[-1] if stack else None
        node.in_box = parent is not None and (parent.caption or parent.in_box) and not node.caption
        (parent.children if parent else roots).append(node)
        stack.append(node)
    for s in stack:
        s.end = body_end
    return roots


def _freeze(doc: Document, nodes: list[Node], level: int, parent_path: str) -> tuple[Section, ...]:
    out, used = [], {}
    lead_n = table_n = 0
    for n in nodes:
        if n.kind is SectionKind.LEAD:
            lead_n += 1
            seg = f"L{lead_n}"
        elif not n.number:  # a table without 表N
            table_n += 1
            seg = f"T{table_n}"
        else:
            seg = n.number
        used[seg] = used.get(seg, 0) + 1
        if used[seg] > 1:
            seg = f"{seg}#{used[seg]}"  # a restarted list: keep paths unique among siblings
        path = f"{parent_path}/{seg}" if parent_path else seg
        out.append(
            Section(
                number=n.number,
                title=doc.text[n.title_start : n.title_end],
                level=level,
                kind=n.kind,
                span=Span(n.start, max(n.end, n.para_end)),
                title_span=Span(n.title_start, n.title_end),
                line=n.line,
                path=path,
                children=_freeze(doc, n.children, level + 1, path),
            )
        )
    return tuple(out)


def parse_outline(doc: Document) -> Outline:
    """The section tree of ``doc`` (levels 1…) and its tables; no headings → no sections."""
    from docdiff.outline.tables import find_tables

    tables = find_tables(doc)
    cells = sorted((t.span.start, t.span.end) for t in tables)
    paras = paragraphs(doc)
    if cells:
        # Table cells ("1", "13.2(1100套)") are never headings; captions before them still are.
        cell_starts = [c[0] for c in cells]

        def in_table(p: Para) -> bool:
            i = bisect.bisect_right(cell_starts, p.start) - 1
            return i >= 0 and p.start < cells[i][1] and p.start != cells[i][0]

        heading_paras = [p for p in paras if not in_table(p)]
    else:
        heading_paras = paras
    if not paras:
        return Outline(sections=(), tables=tables)
    heading_paras = skip_contents(doc, heading_paras)
    roots = _build_numbered(doc, heading_paras, paras[-1].end, {t.span.start: t for t in tables})
    starts = [p.start for p in heading_paras]
    table_ends = dict(cells)
    for r in roots:
        close_captions(doc, r, heading_paras, starts, table_ends)
        add_leads(doc, r, heading_paras, starts)
    return Outline(sections=_freeze(doc, roots, 1, ""), tables=tables)
