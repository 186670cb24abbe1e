"""Comparison → the order in which a redline shows its text: pieces of A and B, each once.

The redline is B's text in B's order with A→B changes as tracked changes, so that accepting
every change gives B and rejecting every change gives A, character for character. Each
document is cut into segments at its section starts (level 1, then within each aligned pair of
sections at level 2): a preamble and one segment per section, tiling the text. Aligned segment
pairs on the longest chain that keeps both orders are diffed in place; a pair off that chain
has moved: its A segment is shown deleted where it stood in A, its B segment inserted where it
stands in B, both marked as moved. Unaligned segments are deleted or inserted where they stand.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

from msgspec import Struct

from docdiff.comparison.align import longest_increasing
from docdiff.model import Comparison, Section

MAX_DEPTH = 2  # cut at top-level sections and their subsections; deeper ones are diffed by sentence


class Piece(Struct, frozen=True):
    """One step of the redline: ``a`` and ``b`` texts ("" when absent) and why they are here.

    kind: "pair" (diff a → b in place), "deleted" (only a), "inserted" (only b);
    ``moved`` names the other place for a moved section and ``move`` is a name the two halves
    of one move share; ``a_start``/``b_start`` are the offsets in A.text and B.text.
    """

    kind: str
    a: str
    b: str
    a_start: int
    b_start: int
    moved: str = ""
    move: str = ""


def plan_redline(c: Comparison) -> list[Piece]:
    """The pieces of the redline in order; their a-texts join to A.text and b-texts to B.text."""
    partner_b = {id(p.a): p.b for p in c.sections if p.a is not None and p.b is not None}
    pieces: list[Piece] = []
    _plan(c.a.text, c.b.text, (0, len(c.a.text)), (0, len(c.b.text)),
          c.outline_a.sections, c.outline_b.sections, partner_b, 1, pieces)
    return pieces


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _cuts(text: str, span: tuple[int, int], sections: Sequence[Section]) -> list[int]:
    """Segment starts inside ``span``: the span's start, then each section's line start."""
    starts = [span[0]]
    for s in sections:
        at = max(_line_start(text, s.span.start), span[0])
        if span[0] < at < span[1] and at > starts[-1]:
            starts.append(at)
    return starts


def _plan(a_text: str, b_text: str, a_span: tuple[int, int], b_span: tuple[int, int],
          sections_a: Sequence[Section], sections_b: Sequence[Section],
          partner_b: dict[int, Section | None], depth: int, out: list[Piece]) -> None:
    cuts_a, cuts_b = _cuts(a_text, a_span, sections_a), _cuts(b_text, b_span, sections_b)
    seg_a = [(s, e) for s, e in zip(cuts_a, cuts_a[1:] + [a_span[1]])]
    seg_b = [(s, e) for s, e in zip(cuts_b, cuts_b[1:] + [b_span[1]])]
    # segment index of each section (segment 0 is the preamble before the first section)
    index_a = {id(s): bisect.bisect_right(cuts_a, _line_start(a_text, s.span.start)) - 1 for s in sections_a}
    index_b = {id(s): bisect.bisect_right(cuts_b, _line_start(b_text, s.span.start)) - 1 for s in sections_b}
    by_b_index = {index_b[id(s)]: s for s in sections_b}
    sec_a = {index_a[id(s)]: s for s in sections_a}
    pairs = {0: 0}  # b segment → a segment; the preambles always pair
    for i, s in sec_a.items():
        b = partner_b.get(id(s))
        if i > 0 and b is not None and id(b) in index_b and index_b[id(b)] > 0:
            pairs[index_b[id(b)]] = i
    chain = {b for b, _ in longest_increasing(list(pairs.items()))}  # (b, a) increasing in both
    anchors = [(bi, pairs[bi]) for bi in chain]  # in order on both sides
    moved_b = {bi: ai for bi, ai in pairs.items() if bi not in chain}
    moved_a = {ai: bi for bi, ai in moved_b.items()}
    anchors.append((len(seg_b), len(seg_a)))  # a sentinel after the last segments
    prev_a = prev_b = -1
    for bi, ai in anchors:
        for k in range(prev_a + 1, ai):  # A segments between anchors: removed, or moved away
            s, e = seg_a[k]
            where = f"移至{_label(by_b_index.get(moved_a[k]))}" if k in moved_a else ""
            out.append(Piece("deleted", a_text[s:e], "", s, 0, moved=where, move=f"move{s}" if where else ""))
        for k in range(prev_b + 1, bi):  # B segments between anchors: new, or moved here
            s, e = seg_b[k]
            where = f"自{_label(sec_a.get(moved_b[k]))}移来" if k in moved_b else ""
            move = f"move{seg_a[moved_b[k]][0]}" if where else ""
            out.append(Piece("inserted", "", b_text[s:e], 0, s, moved=where, move=move))
        if bi < len(seg_b):
            (sa, ea), (sb, eb) = seg_a[ai], seg_b[bi]
            inner_a = sec_a[ai].children if ai > 0 else ()
            inner_b = by_b_index[bi].children if bi > 0 else ()
            if depth < MAX_DEPTH and (inner_a or inner_b):
                _plan(a_text, b_text, (sa, ea), (sb, eb), inner_a, inner_b, partner_b, depth + 1, out)
            else:
                out.append(Piece("pair", a_text[sa:ea], b_text[sb:eb], sa, sb))
        prev_a, prev_b = ai, bi


def _label(section: Section | None) -> str:
    if section is None:
        return "他处"
    return f"“{section.number}{'、' if section.number and section.number[-1] not in ')）章节' else ''}{section.title[:20]}”"
