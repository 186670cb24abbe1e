"""Comparison → the changed sentences that hold a target: the short view of a long text diff.

Each aligned pair's diff is cut into sentences (at 。！？； and line breaks); a sentence is kept
when it changed and its a-side or b-side text overlaps the span of a target that is not simply
shared. Diff offsets are mapped back to document offsets through the pieces the diff was made
from (a section's own text without its subsections and debris), so the test is exact.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from msgspec import Struct

from docdiff.model import (
    Comparison,
    DiffOp,
    Document,
    OpKind,
    SectionPair,
    Span,
    TargetStatus,
)
from docdiff.regex_cache import compile_regex

_TERMINATORS = "。！？；!?;\n"
_CLOSERS = "”’」』）)"
_TERMINATOR_CHARS = tuple(_TERMINATORS)  # one character each: "" is not in it (it is in the str)


class ChangedSentence(Struct, frozen=True):
    """One changed sentence of ``pair``: its ops, and its first line in a and in b (or None)."""

    pair: SectionPair | None  # None: a target in an added or removed section, which has no diff
    ops: tuple[DiffOp, ...]
    line_a: int | None
    line_b: int | None


# A piece: up to and including a run of terminators and the closing quotes after it, or the
# rest of the text when no terminator follows (one C-level scan, not a loop per character).
_PIECE = compile_regex(f"[^{_TERMINATORS}]*[{_TERMINATORS}]+[{_CLOSERS}]*|[^{_TERMINATORS}]+")


def _pieces(text: str) -> list[str]:
    """``text`` cut after each run of terminators (and the closing quotes after it)."""
    return _PIECE.findall(text)


class _OffsetMap:
    """Diff offset → document offset for one side of a section pair."""

    def __init__(self, doc: Document, section_span: Span, children: list[Span]) -> None:
        from docdiff.comparison.similarity import body_pieces
        from docdiff.comparison.textdiff import own_spans

        self.starts: list[int] = []  # diff offset where each piece begins
        self.doc_starts: list[int] = []
        self.ranges: list[tuple[int, int]] = []  # the document ranges the diff was made from
        pos = 0
        for span in own_spans(section_span, children):
            for s, e in body_pieces(doc, span):
                self.ranges.append((s, e))
                self.starts.append(pos)
                self.doc_starts.append(s)
                pos += e - s

    def to_doc(self, offset: int) -> int:
        k = max(0, bisect_right(self.starts, offset) - 1)
        if not self.starts:
            return offset
        return self.doc_starts[k] + offset - self.starts[k]


class _Spans:
    """Sorted target spans of one document, for overlap tests in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.max_len = max((s.end - s.start for s in self.spans), default=0)

    def hits(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end)."""
        if start >= end:
            return []
        lo = bisect_left(self.starts, start - self.max_len)
        hi = bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s.end > start and s.start < end]

    def any_hit(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end): ``bool(hits(start, end))``, stopping at the first."""
        if start >= end:
            return False
        spans = self.spans
        hi = bisect_left(self.starts, end)  # every span before it starts before ``end``
        return any(spans[k].end > start for k in range(bisect_left(self.starts, start - self.max_len), hi))


def changed_target_sentences(
    c: Comparison, ops_for: Callable[[SectionPair], list[DiffOp]] | None = None
) -> list[ChangedSentence]:
    """The changed sentences holding a changed, added or removed target, in b's reading order
    of the pairs; then, for targets no diff covers, the target's own sentence as a whole
    insertion or deletion. ``ops_for(pair)``: the ops to show (default ``pair.diff``), asked
    only for the pairs whose sections hold such a target."""
    flagged = [p for p in c.targets if p.status != TargetStatus.SHARED]
    spans_a = _Spans([p.a.span for p in flagged if p.a is not None])
    spans_b = _Spans([p.b.span for p in flagged if p.b is not None])
    covered: set[tuple[str, int]] = set()
    diffed: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}  # document ranges some diff shows
    out: list[ChangedSentence] = []
    for pair in c.sections:
        if not pair.diff or pair.a is None or pair.b is None or pair.into:
            continue  # a merged/split pair is diffed against all of its B section: shown elsewhere
        if not _may_hold(pair.a.span, spans_a) and not _may_hold(pair.b.span, spans_b):
            continue  # no sentence of it can hold a flagged target, nor its ranges one's start (``missing``)
        map_a = _OffsetMap(c.a, pair.a.span, [ch.span for ch in pair.a.children])
        map_b = _OffsetMap(c.b, pair.b.span, [ch.span for ch in pair.b.children])
        diffed["a"].extend(map_a.ranges)
        diffed["b"].extend(map_b.ranges)
        ops = ops_for(pair) if ops_for is not None else list(pair.diff)
        for chunk, (a0, a1), (b0, b1) in _sentences(ops):
            if all(op.kind == OpKind.EQUAL for op in chunk):
                continue
            da0, da1 = map_a.to_doc(a0), map_a.to_doc(a1 - 1) + 1 if a1 > a0 else 0
            db0, db1 = map_b.to_doc(b0), map_b.to_doc(b1 - 1) + 1 if b1 > b0 else 0
            hit_a = spans_a.hits(da0, da1) if a1 > a0 else []
            hit_b = spans_b.hits(db0, db1) if b1 > b0 else []
            if not hit_a and not hit_b:
                continue
            covered.update(("a", s.start) for s in hit_a)
            covered.update(("b", s.start) for s in hit_b)
            out.append(ChangedSentence(pair=pair, ops=tuple(chunk),
                                       line_a=c.a.line_at(da0) if a1 > a0 else None,
                                       line_b=c.b.line_at(db0) if b1 > b0 else None))
    shown = {side: _Spans([Span(s, e) for s, e in ranges]) for side, ranges in diffed.items()}

    def missing(side: str, span: Span) -> bool:  # in no diff at all: an added or removed section
        return (side, span.start) not in covered and not shown[side].hits(span.start, span.start + 1)

    for p in flagged:
        a_missing = p.a is not None and missing("a", p.a.span)
        b_missing = p.b is not None and missing("b", p.b.span)
        if a_missing and p.a is not None:
            covered.add(("a", p.a.span.start))
            out.append(ChangedSentence(pair=None, ops=(DiffOp(OpKind.DELETE, p.a.text),), line_a=p.a.line,
                                       line_b=None))
        if b_missing and p.b is not None:
            covered.add(("b", p.b.span.start))
            out.append(ChangedSentence(pair=None, ops=(DiffOp(OpKind.INSERT, p.b.text),), line_a=None,
                                       line_b=p.b.line))
    return out


def _may_hold(section_span: Span, spans: _Spans) -> bool:
    """Whether a flagged target of ``spans`` may lie in a section: its pair's diff is of text
    inside the section's span, so a pair whose two sections hold none needs no look.
    (From one character before the start: an empty target span at the section's start.)"""
    return spans.any_hit(section_span.start - 1, section_span.end)


def _sentences(ops: list[DiffOp]) -> list[tuple[list[DiffOp], tuple[int, int], tuple[int, int]]]:
    """The op stream cut into sentences, each with its [start, end) diff offsets in a and in b."""
    out: list[tuple[list[DiffOp], tuple[int, int], tuple[int, int]]] = []
    chunk: list[DiffOp] = []
    pa = pb = 0
    a0, b0 = pa, pb
    for op in ops:
        for piece in _pieces(op.text):
            chunk.append(DiffOp(op.kind, piece, op.moved))
            if op.kind != OpKind.INSERT:
                pa += len(piece)
            if op.kind != OpKind.DELETE:
                pb += len(piece)
            if piece and piece.rstrip(_CLOSERS)[-1:] in _TERMINATOR_CHARS:
                out.append((chunk, (a0, pa), (b0, pb)))
                chunk, a0, b0 = [], pa, pb
    if chunk:
        out.append((chunk, (a0, pa), (b0, pb)))
    return out
