"""Unnumbered headings: lead sentences ("——…。", parallel "过去的一年，面对…" paragraphs, short
title sentences) become LEAD sections, and 专栏/表 captions end where their content ends.
"""
from __future__ import annotations

import bisect

from docdiff.model import Document, SectionKind
from docdiff.outline.paragraphs import Node, Para, descendants, first_sentence_end
from docdiff.outline.patterns import CJK, CLAUSE_MARKS, LEAD_DASH

MAX_LEAD_CHARS = 60  # a lead sentence longer than this is prose (Hailar 2018's are 35-40)
MAX_SHORT_LEAD_CHARS = 24  # "城市宜居水平显著提升。": a title-like sentence without commas
MIN_PARALLEL = 3  # parallel paragraphs needed before they count as a list of leads
MIN_DASH_LEADS = 2  # "——…" lines are unmistakable; two make a list
MIN_COMMON_PREFIX = 4  # "过去的一年，面对": shorter shared openings are coincidence (我们要…)
MIN_BODY_CHARS = 20  # text after a lead sentence that makes it a paragraph, not a list line
MAX_COMMON_PREFIX = 16  # longer shared openings add nothing to the grouping decision


def _lead_sentence(doc: Document, para: Para, start: int) -> tuple[int, int] | None:
    """[start, end) of a paragraph's opening sentence when it ends in 。 within MAX_LEAD_CHARS."""
    stop = first_sentence_end(doc.norm, start, para.end, MAX_LEAD_CHARS)
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


def _parallel_groups(doc: Document, paras: list[Para]) -> list[list[int]]:
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


def _find_leads(doc: Document, paras: list[Para], *, allow_parallel: bool,
                allow_dash: bool = True) -> list[tuple[Para, int, int]]:
    """Lead sentences among a section's own paragraphs: (paragraph, title start, title end)."""
    if len(paras) < min(MIN_DASH_LEADS if allow_dash else MIN_PARALLEL, MIN_PARALLEL):
        return []  # too few paragraphs for any list of leads (a section with one paragraph)
    norm = doc.norm
    found: dict[int, tuple[Para, int, int]] = {}
    dashes: list[tuple[Para, int, int]] = []
    for p in paras if allow_dash else ():
        m = LEAD_DASH.match(norm, p.start, p.end)
        if m:
            sent = _lead_sentence(doc, p, m.end())
            if sent and CJK.search(norm, *sent):
                dashes.append((p, *sent))
    if len(dashes) >= MIN_DASH_LEADS:
        return dashes  # the paragraphs between "——" leads are theirs (see add_leads)
    if not allow_parallel or len(paras) < MIN_PARALLEL:  # parallel and short leads come in threes
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
        if is_lead_with_body(doc, p):
            short.append((p, *_lead_sentence(doc, p, p.start)))  # type: ignore[misc]  # checked
    if len(short) >= MIN_PARALLEL:
        found.update({p.start: (p, s, e) for p, s, e in short})
    return sorted(found.values(), key=lambda x: x[0].start)


def is_lead_with_body(doc: Document, para: Para) -> bool:
    """"全面推动产业数字化。持续推进…": a short title sentence and then a body — plan prose."""
    sent = _lead_sentence(doc, para, para.start)
    if sent is None or sent[1] - sent[0] > MAX_SHORT_LEAD_CHARS:
        return False
    if any(c in doc.norm[sent[0] : sent[1]] for c in CLAUSE_MARKS) or not CJK.search(doc.norm, *sent):
        return False
    return para.end - sent[1] > MIN_BODY_CHARS


def close_captions(doc: Document, node: Node, paras: list[Para], starts: list[int],
                    table_ends: dict[int, int]) -> None:
    """End each 专栏/表 where its content ends, not at the next heading.

    A table ends with its last cell. A box's content is short lines ("电子信息制造业:…",
    "台州机场改扩建工程。"); the first paragraph after its last sub-heading that opens with a
    title sentence and goes on ("全面推动产业数字化。持续推进…") is the body resuming.
    """
    for child in node.children:
        close_captions(doc, child, paras, starts, table_ends)
    if not node.caption:
        return
    if node.start in table_ends:
        end = min(node.end, table_ends[node.start])
    else:
        inner = [d.start for d in descendants(node)]
        lo = bisect.bisect_right(starts, max([node.start, *inner]))
        hi = bisect.bisect_left(starts, node.end)
        end = next((p.start for p in paras[lo:hi] if is_lead_with_body(doc, p)), node.end)
    node.end = end
    for d in descendants(node):
        d.end = min(d.end, end)


def add_leads(doc: Document, node: Node, paras: list[Para], starts: list[int]) -> None:
    """Attach lead sections to ``node`` (recursively to its children first)."""
    for child in node.children:
        add_leads(doc, child, paras, starts)
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


def _lead_nodes(leads: list[tuple[Para, int, int]], siblings: list[Node], end: int) -> list[Node]:
    """LEAD nodes, each ending at the next lead, the next sibling section, or ``end``."""
    sibling_starts = [c.start for c in siblings]
    made = []
    for i, (p, t_start, t_end) in enumerate(leads):
        stop = leads[i + 1][0].start if i + 1 < len(leads) else end
        nxt = bisect.bisect_right(sibling_starts, p.start)
        if nxt < len(sibling_starts):
            stop = min(stop, sibling_starts[nxt])
        made.append(
            Node(style="lead", number="", kind=SectionKind.LEAD, start=p.start, title_start=t_start,
                  title_end=t_end, line=p.line, para_end=p.end, end=stop)
        )
    return made
