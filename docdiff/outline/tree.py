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
from collections.abc import Iterator
from dataclasses import dataclass, field

from docdiff.model import Document, Outline, Section, SectionKind, Span, Table
from docdiff.chinese import parse_chinese_integer
from docdiff.outline.patterns import (
    CJK,
    CLAUSE_MARKS,
    HEADING_PATTERNS,
    INDENT,
    PATTERNS_BY_NAME,
    LEAD_DASH,
    SENTENCE_END,
    HeadingPattern,
)

__all__ = ["parse_outline"]

MAX_TITLE_CHARS = 150  # longest first sentence kept whole as a title (the longest in the corpus is ~60)
MAX_TOC_START = 200  # a 目录 comes before the body: look for one among the first paragraphs only
MAX_TOC_ENTRIES = 1000  # a national plan's contents list ~300 chapters and sections
MAX_COLON_TITLE_CHARS = 30  # "主要目标：到2025年…": longer text before a colon is a sentence
MAX_CAPTION_CHARS = 60  # "表2 路桥区“十四五”时期国民经济和社会发展主要指标" is 24
MAX_LEAD_CHARS = 60  # a lead sentence longer than this is prose (Hailar 2018's are 35-40)
MAX_SHORT_LEAD_CHARS = 24  # "城市宜居水平显著提升。": a title-like sentence without commas
MIN_PARALLEL = 3  # parallel paragraphs needed before they count as a list of leads
MIN_DASH_LEADS = 2  # "——…" lines are unmistakable; two make a list
MIN_COMMON_PREFIX = 4  # "过去的一年，面对": shorter shared openings are coincidence (我们要…)
MIN_BODY_CHARS = 20  # text after a lead sentence that makes it a paragraph, not a list line
MAX_COMMON_PREFIX = 16  # longer shared openings add nothing to the grouping decision

_TOC_TAIL = " .…·-0123456789"  # dot leaders and page numbers after a contents entry
_LONE_ITEM_STYLES = frozenset({"arabic", "arabic_paren", "circled"})
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_NOT_BLANK = re.compile(f"[^{INDENT}]")
_TRAILING = "。!?;:," + INDENT  # stripped from the end of a heading line's title

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


@dataclass(slots=True)
class _Para:
    """A non-blank body line: [start, end) without indent or line break, in doc offsets."""

    start: int
    end: int
    line: int


@dataclass(slots=True, eq=False)
class _Node:
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
    children: list[_Node] = field(default_factory=list)


def _paragraphs(doc: Document) -> list[_Para]:
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
            out.append(_Para(start, end, n))
    return out


def _first_sentence_end(norm: str, start: int, end: int, limit: int) -> int | None:
    """Offset of the first sentence end in norm[start:end], looking no further than ``limit``."""
    m = _SENTENCE_END_RE.search(norm, start, min(end, start + limit + 1))
    return m.start() if m else None


def _title_bounds(doc: Document, start: int, end: int) -> tuple[int, int, SectionKind] | None:
    """Title of a numbered paragraph: the whole line (HEADING) or its first sentence (ITEM)."""
    norm = doc.norm
    stop = _first_sentence_end(norm, start, end, MAX_TITLE_CHARS)
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


def _match_heading(doc: Document, para: _Para, last: dict[str, int]) -> tuple[_Node, int] | None:
    """A heading node for ``para`` when it opens with a plausible number, with its value."""
    norm = doc.norm
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
        node = _Node(
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


def _table_node(doc: Document, para: _Para, table: Table) -> _Node:
    """A TABLE section for a table whose caption has no 表N ("1 路桥区…完成情况表") or none at all."""
    t_start, t_end = (para.start, para.end) if table.title else (para.start, para.start)
    return _Node(style="table", number="", kind=SectionKind.TABLE, start=para.start, title_start=t_start,
                 title_end=t_end, line=para.line, para_end=para.end, caption=True)


def _drop_lone_items(hits: list[tuple[_Node, int]]) -> list[tuple[_Node, int]]:
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


def _build_numbered(doc: Document, paras: list[_Para], body_end: int,
                    table_starts: dict[int, Table]) -> list[_Node]:
    """Place every numbered heading and caption in a tree, nesting by style rank."""
    roots: list[_Node] = []
    stack: list[_Node] = []
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


# ----------------------------------------------------------------------------- lead sentences


def _lead_sentence(doc: Document, para: _Para, start: int) -> tuple[int, int] | None:
    """[start, end) of a paragraph's opening sentence when it ends in 。 within MAX_LEAD_CHARS."""
    stop = _first_sentence_end(doc.norm, start, para.end, MAX_LEAD_CHARS)
    if stop is None or doc.norm[stop] != "。" or stop == start:
        return None
    return start, stop


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _parallel_groups(doc: Document, paras: list[_Para]) -> list[list[int]]:
    """Indices of ≥MIN_PARALLEL consecutive paragraphs sharing an opening of ≥MIN_COMMON_PREFIX.

    The longest shared opening wins, so the general intro "过去的一年，在…" does not join the
    list "过去的一年，面对…" that follows it.
    """
    norm = doc.norm
    heads = [norm[p.start : min(p.end, p.start + MAX_COMMON_PREFIX)] for p in paras]
    ok = [_lead_sentence(doc, p, p.start) is not None and p.end - p.start > MIN_BODY_CHARS for p in paras]
    lcp = [_common_prefix(heads[i], heads[i + 1]) if ok[i] and ok[i + 1] else 0 for i in range(len(paras) - 1)]
    taken = [False] * len(paras)
    groups: list[list[int]] = []
    for k in range(MAX_COMMON_PREFIX, MIN_COMMON_PREFIX - 1, -1):
        i = 0
        while i < len(paras) - 1:
            j = i
            while j < len(lcp) and lcp[j] >= k and not taken[j] and not taken[j + 1]:
                j += 1
            if j - i + 1 >= MIN_PARALLEL:
                groups.append(list(range(i, j + 1)))
                for x in range(i, j + 1):
                    taken[x] = True
            i = max(j, i + 1)
    return groups


def _find_leads(doc: Document, paras: list[_Para], *, allow_parallel: bool,
                allow_dash: bool = True) -> list[tuple[_Para, int, int]]:
    """Lead sentences among a section's own paragraphs: (paragraph, title start, title end)."""
    norm = doc.norm
    found: dict[int, tuple[_Para, int, int]] = {}
    dashes: list[tuple[_Para, int, int]] = []
    for p in paras if allow_dash else ():
        m = LEAD_DASH.match(norm, p.start, p.end)
        if m:
            sent = _lead_sentence(doc, p, m.end())
            if sent and CJK.search(norm, *sent):
                dashes.append((p, *sent))
    if len(dashes) >= MIN_DASH_LEADS:
        return dashes  # the paragraphs between "——" leads are theirs (see _add_leads)
    if not allow_parallel:
        return []
    for group in _parallel_groups(doc, paras):
        for i in group:
            p = paras[i]
            s, e = _lead_sentence(doc, p, p.start)  # type: ignore[misc]  # checked in _parallel_groups
            found[p.start] = (p, s, e)
    short = []
    for p in paras:
        if p.start in found:
            continue
        # A lead sentence opens a paragraph; a short line ending in 。 alone is a list line
        # or the tail of a wrapped paragraph (PDF text), not a title.
        if _is_lead_with_body(doc, p):
            short.append((p, *_lead_sentence(doc, p, p.start)))  # type: ignore[misc]  # checked
    if len(short) >= MIN_PARALLEL:
        found.update({p.start: (p, s, e) for p, s, e in short})
    return sorted(found.values(), key=lambda x: x[0].start)


def _descendants(node: _Node) -> Iterator[_Node]:
    for c in node.children:
        yield c
        yield from _descendants(c)


def _is_lead_with_body(doc: Document, para: _Para) -> bool:
    """"全面推动产业数字化。持续推进…": a short title sentence and then a body — plan prose."""
    sent = _lead_sentence(doc, para, para.start)
    if sent is None or sent[1] - sent[0] > MAX_SHORT_LEAD_CHARS:
        return False
    if any(c in doc.norm[sent[0] : sent[1]] for c in CLAUSE_MARKS) or not CJK.search(doc.norm, *sent):
        return False
    return para.end - sent[1] > MIN_BODY_CHARS


def _close_captions(doc: Document, node: _Node, paras: list[_Para], starts: list[int],
                    table_ends: dict[int, int]) -> None:
    """End each 专栏/表 where its content ends, not at the next heading.

    A table ends with its last cell. A box's content is short lines ("电子信息制造业:…",
    "台州机场改扩建工程。"); the first paragraph after its last sub-heading that opens with a
    title sentence and goes on ("全面推动产业数字化。持续推进…") is the body resuming.
    """
    for child in node.children:
        _close_captions(doc, child, paras, starts, table_ends)
    if not node.caption:
        return
    if node.start in table_ends:
        end = min(node.end, table_ends[node.start])
    else:
        inner = [d.start for d in _descendants(node)]
        lo = bisect.bisect_right(starts, max([node.start, *inner]))
        hi = bisect.bisect_left(starts, node.end)
        end = next((p.start for p in paras[lo:hi] if _is_lead_with_body(doc, p)), node.end)
    node.end = end
    for d in _descendants(node):
        d.end = min(d.end, end)


def _add_leads(doc: Document, node: _Node, paras: list[_Para], starts: list[int]) -> None:
    """Attach lead sections to ``node`` (recursively to its children first)."""
    for child in node.children:
        _add_leads(doc, child, paras, starts)
    if node.caption:
        return  # a 专栏's "电子信息制造业:…" lines are its content, not sub-sections
    lo = bisect.bisect_right(starts, node.start)  # paragraphs after the heading's own
    hi = bisect.bisect_left(starts, node.end)
    # The node's own paragraphs: not inside a child (a box's content is the box's).
    own, k = [], 0
    for p in paras[lo:hi]:
        while k < len(node.children) and node.children[k].end <= p.start:
            k += 1
        if k < len(node.children) and node.children[k].start <= p.start:
            continue
        own.append(p)
    numbered = any(not c.caption for c in node.children)
    made = _lead_nodes(_find_leads(doc, own, allow_parallel=not numbered), node.children, node.end)
    for lead in made:
        if LEAD_DASH.match(doc.norm, lead.start, lead.title_start):
            # "——产业结构不断优化。" followed by "现代服务业发展迅速。…" paragraphs: leads in a lead.
            lo = bisect.bisect_right(starts, lead.start)
            hi = bisect.bisect_left(starts, lead.end)
            inner = _find_leads(doc, paras[lo:hi], allow_parallel=True, allow_dash=False)
            lead.children = _lead_nodes(inner, [], lead.end)
    node.children = sorted(made + node.children, key=lambda n: n.start)


def _lead_nodes(leads: list[tuple[_Para, int, int]], siblings: list[_Node], end: int) -> list[_Node]:
    """LEAD nodes, each ending at the next lead, the next sibling section, or ``end``."""
    sibling_starts = [c.start for c in siblings]
    made = []
    for i, (p, t_start, t_end) in enumerate(leads):
        stop = leads[i + 1][0].start if i + 1 < len(leads) else end
        nxt = bisect.bisect_right(sibling_starts, p.start)
        if nxt < len(sibling_starts):
            stop = min(stop, sibling_starts[nxt])
        made.append(
            _Node(style="lead", number="", kind=SectionKind.LEAD, start=p.start, title_start=t_start,
                  title_end=t_end, line=p.line, para_end=p.end, end=stop)
        )
    return made


# ----------------------------------------------------------------------------- freezing


def _freeze(doc: Document, nodes: list[_Node], level: int, parent_path: str) -> tuple[Section, ...]:
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


def _toc_key(doc: Document, p: _Para) -> str:
    """"第一章 发展环境……3" and "第一章　发展环境" alike: no blanks, leaders or page number."""
    return doc.norm[p.start : p.end].rstrip(_TOC_TAIL).replace(" ", "")


def _skip_contents(doc: Document, paras: list[_Para]) -> list[_Para]:
    """Paragraphs without a 目录 and its entries: the contents end where its first entry
    comes back as the real heading. No repeat, no contents: nothing is skipped."""
    for i, p in enumerate(paras[:MAX_TOC_START]):
        if doc.norm[p.start : p.end].replace(" ", "") != "目录":
            continue
        entries = paras[i + 1 : i + 1 + MAX_TOC_ENTRIES]
        if entries:
            first = _toc_key(doc, entries[0])
            for j, q in enumerate(entries[1:], start=i + 2):
                if _toc_key(doc, q) == first:
                    return paras[:i] + paras[j:]
        break
    return paras


def parse_outline(doc: Document) -> Outline:
    """The section tree of ``doc`` (levels 1…) and its tables; no headings → no sections."""
    from docdiff.outline.tables import find_tables

    tables = find_tables(doc)
    cells = sorted((t.span.start, t.span.end) for t in tables)
    paras = _paragraphs(doc)
    if cells:
        # Table cells ("1", "13.2(1100套)") are never headings; captions before them still are.
        cell_starts = [c[0] for c in cells]

        def in_table(p: _Para) -> bool:
            i = bisect.bisect_right(cell_starts, p.start) - 1
            return i >= 0 and p.start < cells[i][1] and p.start != cells[i][0]

        heading_paras = [p for p in paras if not in_table(p)]
    else:
        heading_paras = paras
    if not paras:
        return Outline(sections=(), tables=tables)
    heading_paras = _skip_contents(doc, heading_paras)
    roots = _build_numbered(doc, heading_paras, paras[-1].end, {t.span.start: t for t in tables})
    starts = [p.start for p in heading_paras]
    table_ends = dict(cells)
    for r in roots:
        _close_captions(doc, r, heading_paras, starts, table_ends)
        _add_leads(doc, r, heading_paras, starts)
    return Outline(sections=_freeze(doc, roots, 1, ""), tables=tables)
