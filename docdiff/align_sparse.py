"""Paragraph alignment for large unheaded documents: candidate pairs instead of a full matrix.

Two documents without headings are aligned paragraph by paragraph. The exact path (``align.py``)
scores every pair (n × m floats, several copies) and solves an n × m assignment: 10,000
paragraphs a side took 3.4 GB. Above ``DENSE_MAX_CELLS`` pairs this path is taken instead:

* candidates: for each paragraph of A, the paragraphs of B that share one of its rarer bigrams
  (posting lists longer than ``POSTING_CAP`` are left out of the retrieval, not of the score),
  the ``TOP_K`` best of those by shared rare weight, plus the ``WINDOW`` paragraphs of B at the
  same relative position — O(n·(TOP_K + WINDOW)) pairs;
* each candidate's exact TF-IDF cosine (the same vectors as the exact path), the same floor,
  position boost and thresholds;
* a greedy one-to-one choice, best score first (the exact path's optimal assignment costs
  O(n²) memory); in-order pairs are the longest increasing chain, as there.

Memory and time grow with n·(TOP_K + WINDOW), linearly; the result says so in a note.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from docdiff.similarity import SectionVectors

DENSE_MAX_CELLS = 4_000_000  # 2,000 × 2,000 paragraphs: below this the exact path is cheap enough
TOP_K = 8
WINDOW = 3  # paragraphs of B either side of A's relative position
POSTING_CAP = 64
NOTE = ("sections: {n:,} × {m:,} paragraphs: aligned on candidate pairs (shared rare bigrams, "
        "nearby positions) with a greedy best-first choice instead of the exact assignment")


def candidate_pairs(vectors: SectionVectors, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the candidate pairs, each pair once, sorted."""
    import numpy as np

    a, b = vectors.matrices()
    df_b = np.bincount(b.indices, minlength=a.shape[1])
    rare = (df_b > 0) & (df_b <= POSTING_CAP)
    a_rare = _keep_columns(a, rare)
    b_rare = _keep_columns(b, rare)
    shared = (a_rare @ b_rare.T).tocsr()  # nnz ≤ POSTING_CAP · nnz(a): linear
    rows_parts, cols_parts = [], []
    for i in range(n):
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        if hi > lo:
            cols, weights = shared.indices[lo:hi], shared.data[lo:hi]
            if hi - lo > TOP_K:
                cols = cols[np.argpartition(-weights, TOP_K)[:TOP_K]]
            rows_parts.append(np.full(len(cols), i, dtype=np.int64))
            cols_parts.append(cols.astype(np.int64))
    centre = np.round((np.arange(n) + 0.5) * m / n - 0.5).astype(np.int64)
    for d in range(-WINDOW, WINDOW + 1):
        rows_parts.append(np.arange(n, dtype=np.int64))
        cols_parts.append(np.clip(centre + d, 0, m - 1))
    rows, cols = np.concatenate(rows_parts), np.concatenate(cols_parts)
    key = np.unique(rows * m + cols)
    return key // m, key % m


def _keep_columns(matrix, mask):  # type: ignore[no-untyped-def]
    """``matrix`` (csr) with the entries of masked-out columns dropped."""
    out = matrix.copy()
    out.data = out.data * mask[out.indices]
    out.eliminate_zeros()
    return out


def pair_cosines(vectors: SectionVectors, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The exact content cosine of each (row, col) pair, in [0, 1]."""
    import numpy as np

    a, b = vectors.matrices()
    sims = np.empty(len(rows))
    step = 65_536
    for s in range(0, len(rows), step):
        r, c = rows[s : s + step], cols[s : s + step]
        sims[s : s + step] = np.asarray(a[r].multiply(b[c]).sum(axis=1)).ravel()
    empty_a = np.diff(a.indptr) == 0
    empty_b = np.diff(b.indptr) == 0
    sims[empty_a[rows] & empty_b[cols]] = 1.0  # two empty sections are equal in content
    return np.clip(sims, 0.0, 1.0)


def greedy_assign(rows: np.ndarray, cols: np.ndarray, score: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs scoring ≥ ``threshold``, best first (ties: document order)."""
    import numpy as np

    live = np.flatnonzero(score >= threshold)
    order = live[np.lexsort((cols[live], rows[live], -score[live]))]
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for r, c in zip(rows[order].tolist(), cols[order].tolist()):
        if r not in used_a and c not in used_b:
            used_a.add(r)
            used_b.add(c)
            chosen.append((r, c))
    return sorted(chosen)


def align_flat(vectors: SectionVectors, n: int, m: int) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The matches and content similarities of ``align.align_sections`` for two flat lists of
    ``n`` and ``m`` paragraphs, from candidate pairs only (same floor, boost and thresholds)."""
    import numpy as np

    from docdiff.align import CONTENT_FLOOR, MATCH_MIN, MOVE_MIN, ORDER_BOOST, _Match, longest_increasing

    rows, cols = candidate_pairs(vectors, n, m)
    content = pair_cosines(vectors, rows, cols)
    floored = np.where(content < CONTENT_FLOOR, 0.0, content)
    boost = 1.0 + ORDER_BOOST * (1.0 - np.abs((rows + 0.5) / n - (cols + 0.5) / m))
    keys = rows * m + cols  # sorted: candidate_pairs returns them in order

    def sim(r: int, c: int) -> float:
        return float(content[np.searchsorted(keys, r * m + c)])

    matches: dict[int, _Match] = {}
    content_sim: dict[tuple[int, int], float] = {}
    chosen = greedy_assign(rows, cols, floored * boost, MATCH_MIN)
    in_order = set(longest_increasing(chosen))
    for r, c in chosen:
        matches[r] = _Match(r, c, moved=(r, c) not in in_order)
        content_sim[r, c] = sim(r, c)
    # second pass, as across parents in align.py: what is left, anywhere, at the stricter bar
    taken_a = np.zeros(n, dtype=bool)
    taken_b = np.zeros(m, dtype=bool)
    taken_a[[r for r, _ in chosen]] = True
    taken_b[[c for _, c in chosen]] = True
    rest = ~taken_a[rows] & ~taken_b[cols]
    for r, c in greedy_assign(rows[rest], cols[rest], floored[rest], MOVE_MIN):
        matches[r] = _Match(r, c, moved=True)
        content_sim[r, c] = sim(r, c)
    return matches, content_sim
