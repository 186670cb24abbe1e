"""Diffs whose result never depends on the machine's speed: no time limit, and a bound on work.

diff-match-patch gives up when its time limit passes and returns a coarser diff, so the same pair
came out differently on a slow or busy machine (100,000 sentences of one section, 5% edited, came
out as "everything replaced"; a 5,000-character sentence likewise). Here dmp runs without a time
limit, only where its bisection is cheap — few edits (d ≤ DMP_MAX_EDITS: its cost grows with the
length times d) — and otherwise:

* sentence sequences (one code point per sentence) are cut at patience anchors — sentences that
  occur once on each side, in the longest run of the same order on both — into short gaps, each
  diffed the same way;
* what still has too many edits (characters of two long sentences, a gap without anchors) goes to
  rapidfuzz's LCS alignment, exact and bit-parallel in C, where its bit matrix is small
  (≤ OPCODES_MAX_CELLS), else is shown as deleted and inserted.

Every result is an exact diff (its deletions and equalities rebuild ``a``, its insertions and
equalities rebuild ``b``) in dmp's form: ``[(op, text)]`` with op -1, 0 or 1.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

Diffs = list[tuple[int, str]]

# Edits (insertions + deletions) up to which dmp's bisection is used: about 0.1 s in the worst
# case (two 1,000-character texts 70% alike: 0.10 s; 2,500 ones with 1,500 edits: 0.55 s).
DMP_MAX_EDITS = 1_000
OPCODES_MAX_CELLS = 50_000_000  # len(a) × len(b) bits of rapidfuzz's LCS matrix: ≤ 6 MB


def char_diff(dmp: diff_match_patch, a: str, b: str) -> Diffs:
    """An exact character diff of ``a`` and ``b``: dmp's below the edit bound, else the LCS."""
    if len(a) + len(b) <= DMP_MAX_EDITS:  # edits ≤ len(a) + len(b): no need to count them
        return _dmp_diff(dmp, a, b)
    from rapidfuzz.distance import Indel

    if Indel.distance(a, b, score_cutoff=DMP_MAX_EDITS) <= DMP_MAX_EDITS:
        return _dmp_diff(dmp, a, b)
    return _lcs_diff(a, b)


def symbol_diff(dmp: diff_match_patch, a: str, b: str) -> Diffs:
    """An exact diff of two symbol strings (one code point per sentence), near-linear when long.

    Without a symbol in common (no sentence shared: the usual case for a section merged into
    another) that is a deletion and an insertion, which dmp finds only after a bisection of
    len(a) × len(b) steps: returned at once."""
    if set(a).isdisjoint(b):
        return [(op, text) for op, text in ((-1, a), (1, b)) if text]
    if len(a) + len(b) <= DMP_MAX_EDITS:  # the usual section: dmp's diff as it is
        return _dmp_diff(dmp, a, b)
    out: Diffs = []
    # Pieces to diff or to emit, in order; a stack (last first) rather than recursion, as
    # anchors may nest thousands deep.
    todo: list[tuple[str, str] | tuple[int, str]] = [(a, b)]
    while todo:
        item = todo.pop()
        if isinstance(item[0], int):
            out.append(item)  # type: ignore[arg-type]
            continue
        x, y = item  # type: ignore[misc]
        if len(x) + len(y) <= DMP_MAX_EDITS:  # dmp's own diff of the piece, common ends included
            out += _dmp_diff(dmp, x, y)
            continue
        prefix = dmp.diff_commonPrefix(x, y)
        suffix = dmp.diff_commonSuffix(x[prefix:], y[prefix:])
        mid_x, mid_y = x[prefix : len(x) - suffix], y[prefix : len(y) - suffix]
        pieces: list[tuple[str, str] | tuple[int, str]] = [(0, x[:prefix])]
        if not mid_x or not mid_y or set(mid_x).isdisjoint(mid_y):
            pieces += [(-1, mid_x), (1, mid_y)]
        elif len(mid_x) + len(mid_y) <= DMP_MAX_EDITS:
            pieces.append((mid_x, mid_y))
        else:
            anchors = _patience_anchors(mid_x, mid_y)
            if anchors:
                i = j = 0
                for ai, bj in anchors:
                    pieces += [(mid_x[i:ai], mid_y[j:bj]), (0, mid_x[ai])]
                    i, j = ai + 1, bj + 1
                pieces.append((mid_x[i:], mid_y[j:]))
            else:
                pieces += _lcs_diff(mid_x, mid_y)
        pieces.append((0, x[len(x) - suffix :]))
        todo.extend(reversed(pieces))
    return _joined(out)


def _dmp_diff(dmp: diff_match_patch, a: str, b: str) -> Diffs:
    """dmp's diff without a time limit (its ``Diff_Timeout`` stays above 0: that keeps its
    half-match speed-up, which a limit of 0 would turn off)."""
    return dmp.diff_main(a, b, False, math.inf)


def _lcs_diff(a: str, b: str) -> Diffs:
    """rapidfuzz's exact LCS alignment as dmp diffs, when its bit matrix is small enough; else
    ``a`` deleted and ``b`` inserted."""
    if len(a) * len(b) > OPCODES_MAX_CELLS:
        return [d for d in ((-1, a), (1, b)) if d[1]]
    from rapidfuzz.distance import Indel

    ops = {"equal": 0, "delete": -1, "insert": 1}
    return [(ops[o.tag], a[o.src_start : o.src_end] if o.tag != "insert" else b[o.dest_start : o.dest_end])
            for o in Indel.opcodes(a, b)]


def _patience_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """(i, j) of symbols found once in ``a`` and once in ``b``, the longest chain increasing in
    both (``align.longest_increasing``, a patience sort: O(n log n))."""
    from docdiff.comparison.align import longest_increasing

    count_a, count_b = Counter(a), Counter(b)
    where_b = {s: j for j, s in enumerate(b) if count_b[s] == 1}
    return longest_increasing([(i, where_b[s]) for i, s in enumerate(a) if count_a[s] == 1 and s in where_b])


def _joined(diffs: Diffs) -> Diffs:
    """Empty pieces dropped, neighbours with the same op joined."""
    out: Diffs = []
    for op, text in diffs:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out
