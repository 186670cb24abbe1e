"""Two folded bodies → the passages they share, found by seed and extend: exact common runs of
≥ 12 characters (docdiff.comparison.reuse) are the seeds, and runs that follow one another on both sides
with a short gap between them (a swapped place name, a changed number) join into one passage."""
from __future__ import annotations

from msgspec import Struct

MIN_PASSAGE = 50  # characters of a's side: the contract lists passages of at least this length
MAX_GAP = 24  # characters between two runs on either side: a place name, a number, a clause word
MAX_SKEW = 12  # the two gaps may differ by this much (苏州市 → 连云港市, 5% → 5.5%)


class RawPassage(Struct, frozen=True):
    """Offsets into the two folded bodies; runs are (offset in a, offset in b, length) from the starts."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    runs: tuple[tuple[int, int, int], ...]


def find_passages(body_a: str, body_b: str, min_chars: int = MIN_PASSAGE) -> tuple[RawPassage, ...]:
    """Shared passages of ``body_a`` and ``body_b`` of at least ``min_chars`` characters, in a's order."""
    from docdiff.comparison.reuse import common_runs

    out: list[RawPassage] = []
    chain: list[tuple[int, int, int]] = []

    def close() -> None:
        if chain:
            _trim_edges(chain, body_a)
            a0, b0 = chain[0][0], chain[0][1]
            a1 = chain[-1][0] + chain[-1][2]
            b1 = max(j + n for _, j, n in chain)
            if a1 - a0 >= min_chars:
                out.append(RawPassage(a0, a1, b0, b1, tuple((i - a0, j - b0, n) for i, j, n in chain)))

    for i, j, n in common_runs(body_a, body_b):
        if chain:
            pi, pj, pn = chain[-1]
            gap_a, gap_b = i - (pi + pn), j - (pj + pn)
            if 0 <= gap_a <= MAX_GAP and 0 <= gap_b <= MAX_GAP and abs(gap_a - gap_b) <= MAX_SKEW:
                chain.append((i, j, n))
                continue
            close()
        chain = [(i, j, n)]
    close()
    return tuple(out)


_EDGE = set("。，；：、！？,.;:!?")  # a run that starts with the sentence end before a paragraph


def _trim_edges(chain: list[tuple[int, int, int]], body_a: str) -> None:
    """Drop punctuation from the ends of a chain: a copied paragraph's run often begins with the
    。 that ends the line before it in both documents, which would put its start a line early."""
    i, j, n = chain[0]
    k = 0
    while k < n - 1 and body_a[i + k] in _EDGE:
        k += 1
    chain[0] = (i + k, j + k, n - k)
    i, j, n = chain[-1]
    k = 0
    while k < n - 1 and body_a[i + n - 1 - k] in _EDGE and body_a[i + n - 1 - k] not in "。！？":
        k += 1
    chain[-1] = (i, j, n - k)
