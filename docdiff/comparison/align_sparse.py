"""Alignment of very large sibling groups: candidate pairs instead of a full matrix.

Two documents without headings are aligned paragraph by paragraph, and a document may have
100,000 sibling headings. The exact path (``align.py``) scores every pair of a group (n × m
floats, several copies) and solves an n × m assignment: 10,000 paragraphs a side took 3.4 GB,
5,000 sibling headings minutes. Above ``DENSE_MAX_CELLS`` pairs in one group this path is taken:

* candidates: for each section of A, the sections of B that share one of its rarer bigrams
  (posting lists longer than ``POSTING_CAP`` are left out of the retrieval, not of the score),
  the ``TOP_K`` best of those by shared rare weight, plus the ``WINDOW`` paragraphs of B at the
  same relative position — O(n·(TOP_K + WINDOW)) pairs;
* each candidate's exact TF-IDF cosine (the same vectors as the exact path) and title
  similarity, the same floors, position boost and thresholds;
* a greedy one-to-one choice, best score first (the exact path's optimal assignment costs
  O(n²) memory); in-order pairs are the longest increasing chain, as there.

Memory and time grow with n·(TOP_K + WINDOW), linearly; the result says so in a note.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    import numpy as np

    from docdiff.comparison.similarity import SectionVectors
    from docdiff.model import Section

DENSE_MAX_CELLS = 250_000  # 500 × 500 sections in one group: below this the exact path is cheap
TOP_K = 8
WINDOW = 3  # paragraphs of B either side of A's relative position
POSTING_CAP = 64
NOTE = ("sections: {n:,} × {m:,} sections in one group: aligned on candidate pairs (shared rare "
        "bigrams, nearby positions) with a greedy best-first choice instead of the exact assignment")


class Weights(Struct, frozen=True):
    """``align``'s scoring constants (passed in: this module must not import ``align``)."""

    content_floor: float
    order_boost: float
    title_alone: float
    w_content: float
    w_title: float


def candidate_pairs(vectors: SectionVectors, rows: list[int], cols: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Candidate (r, c) pairs, as positions in ``rows`` and ``cols`` (section indices of a and
    b), each pair once, sorted."""
    import numpy as np

    from docdiff.comparison.similarity import sorted_unique

    a_all, b_all = vectors.matrices()
    a, b = a_all[rows], b_all[cols]
    n, m = len(rows), len(cols)
    df_b = np.bincount(b.indices, minlength=a.shape[1])
    rare = (df_b > 0) & (df_b <= POSTING_CAP)
    shared = (_keep_columns(a, rare) @ _keep_columns(b, rare).T).tocsr()  # nnz ≤ POSTING_CAP · nnz(a)
    rows_parts, cols_parts = _top_sharing(shared)
    centre = np.round((np.arange(n) + 0.5) * m / n - 0.5).astype(np.int64)
    for d in range(-WINDOW, WINDOW + 1):
        rows_parts.append(np.arange(n, dtype=np.int64))
        cols_parts.append(np.clip(centre + d, 0, m - 1))
    # np.unique's hashing path (numpy 2) took 0.25 s on the 375,000 keys of 25,000 headings; a sort, 0.03
    key = sorted_unique(np.concatenate(rows_parts) * m + np.concatenate(cols_parts))
    return key // m, key % m


def _top_sharing(shared) -> tuple[list[np.ndarray], list[np.ndarray]]:  # type: ignore[no-untyped-def]
    """(rows, columns) of each row's TOP_K largest entries of ``shared`` (csr), all of a row
    with no more. The rows of one length are partitioned together, one row per lane of a 2-D
    argpartition: the same introselect on the same values, so the same entries whatever the
    ties (a call per row cost 27,000 calls for 25,000 sibling headings)."""
    import numpy as np

    lengths = np.diff(shared.indptr)
    entry_rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    few = (lengths <= TOP_K)[entry_rows]
    rows_parts, cols_parts = [entry_rows[few]], [shared.indices[few].astype(np.int64)]
    many = np.flatnonzero(lengths > TOP_K)
    by_length = many[np.argsort(lengths[many], kind="stable")]
    cuts = np.flatnonzero(np.diff(lengths[by_length])) + 1
    for group in np.split(by_length, cuts) if len(by_length) else []:
        at = shared.indptr[group][:, None] + np.arange(lengths[group[0]])
        top = np.take_along_axis(at, np.argpartition(-shared.data[at], TOP_K, axis=1)[:, :TOP_K], axis=1)
        rows_parts.append(np.repeat(group.astype(np.int64), TOP_K))
        cols_parts.append(shared.indices[top.ravel()].astype(np.int64))
    return rows_parts, cols_parts


def _keep_columns(matrix, mask):  # type: ignore[no-untyped-def]
    """``matrix`` (csr) with the entries of masked-out columns dropped."""
    out = matrix.copy()
    out.data = out.data * mask[out.indices]
    out.eliminate_zeros()
    return out


def pair_cosines(vectors: SectionVectors, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """The exact content cosine of each (ia, ib) pair of section indices, in [0, 1]."""
    import numpy as np

    a, b = vectors.matrices()
    sims = np.empty(len(ia))
    step = 65_536
    for s in range(0, len(ia), step):
        r, c = ia[s : s + step], ib[s : s + step]
        sims[s : s + step] = np.asarray(a[r].multiply(b[c]).sum(axis=1)).ravel()
    empty_a = np.diff(a.indptr) == 0
    empty_b = np.diff(b.indptr) == 0
    sims[empty_a[ia] & empty_b[ib]] = 1.0  # two empty sections are equal in content
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


def align_group(vectors: SectionVectors, rows: list[int], cols: list[int], secs_a: list[Section],
                secs_b: list[Section], *, use_titles: bool, order: bool, threshold: float, weights: Weights,
                max_level_shift: int | None = None) -> list[tuple[int, int, float]]:
    """(r, c, content cosine) of the pairs chosen in one group (positions in ``rows``/``cols``),
    scored as ``align._combine`` scores them (its constants in ``weights``), from candidate
    pairs only."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from docdiff.comparison.similarity import clean_title

    CONTENT_FLOOR, ORDER_BOOST, TITLE_ALONE, W_CONTENT, W_TITLE = (  # noqa: N806
        weights.content_floor, weights.order_boost, weights.title_alone, weights.w_content, weights.w_title)

    r, c = candidate_pairs(vectors, rows, cols)
    ia, ib = np.asarray(rows, dtype=np.int64)[r], np.asarray(cols, dtype=np.int64)[c]
    content = pair_cosines(vectors, ia, ib)
    if use_titles:
        ta = [clean_title(s.title) for s in secs_a]
        tb = [clean_title(s.title) for s in secs_b]
        # each candidate pair's fuzz.ratio (cpdist: the same scores, pair by pair, in C) / 100
        titles = process.cpdist([ta[x] for x in r.tolist()], [tb[y] for y in c.tolist()], scorer=fuzz.ratio,
                                dtype=np.float64) / 100 if len(r) else np.zeros(0)
        score = (content * W_CONTENT + titles * W_TITLE) / (W_CONTENT + W_TITLE)
        score[(content < CONTENT_FLOOR) & (titles < TITLE_ALONE)] = 0.0
    else:
        score = np.where(content < CONTENT_FLOOR, 0.0, content)
    if order:
        score = score * (1.0 + ORDER_BOOST * (1.0 - np.abs((r + 0.5) / len(rows) - (c + 0.5) / len(cols))))
    if max_level_shift is not None:
        levels_a = np.array([s.level for s in secs_a])[r]
        levels_b = np.array([s.level for s in secs_b])[c]
        score[np.abs(levels_a - levels_b) > max_level_shift] = 0.0
    keys = r * len(cols) + c  # sorted, as candidate_pairs returns them
    chosen = greedy_assign(r, c, score, threshold)
    at = np.searchsorted(keys, np.array([x * len(cols) + y for x, y in chosen], dtype=np.int64))
    return [(x, y, sim) for (x, y), sim in zip(chosen, content[at].tolist())]
