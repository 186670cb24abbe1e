"""Bounds on target matching for very many targets: candidate pairs, never targets × targets.

``targetdiff`` scores the pairs of targets whose keys are similar. Two things made that
quadratic on a document of thousands of target sentences (10 MB of them took minutes):

* distinct keys were screened all against all (``rapidfuzz.process.cdist``: a dense
  keys_a × keys_b matrix). Above ``DENSE_KEY_CELLS`` the screen is a bigram index instead:
  each key of A is offered the keys of B that share its rarer character bigrams, the
  ``TOP_KEYS`` best of them, plus the identical key;
* one key shared by n targets of A and m of B gave n × m pairs. Past ``ALL_PAIRS_CELLS``, each
  target is offered
  the ``NEAREST`` targets of the other side with that key closest to its relative
  position (position is part of the score; far ones would lose to near ones anyway).

The assignment's groups of linked targets are solved exactly up to ``EXACT_GROUP_CELLS``,
greedily (best score first) above, where the Hungarian method's matrix would not fit.
"""
from __future__ import annotations

import bisect
import operator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DENSE_KEY_CELLS = 4_000_000
TOP_KEYS = 16
POSTING_CAP = 256
NEAREST = 4
# Up to 64 × 64 targets of one key: every pair, as before. (10,000 — 100 × 100 — made 100,000
# sibling headings, whose keys recur ~90 times a side, score 1.9 million pairs: 17 s of 80.)
ALL_PAIRS_CELLS = 4_096
EXACT_GROUP_CELLS = 4_000_000


def candidate_key_pairs(uniq_a: list[str], uniq_b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(ua, ub) index pairs of keys worth scoring, found through shared rare bigrams."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = _Ids()
    gram_id = vocab.__getitem__
    grams_of: dict[str, list[int]] = {}  # a key of both sides is split once

    def matrix(keys: list[str]) -> csr_matrix:
        indptr, ids = [0], []
        for k in keys:  # its bigrams k[p:p+2] (a key shorter than two characters: itself)
            grams = grams_of.get(k)
            if grams is None:
                grams = grams_of[k] = sorted(set(map(gram_id, map(operator.add, k, k[1:]) if len(k) > 1 else (k,))))
            ids.extend(grams)
            indptr.append(len(ids))
        return csr_matrix((np.ones(len(ids), dtype=np.float32), np.array(ids, dtype=np.int64), indptr))

    ma, mb = matrix(uniq_a), matrix(uniq_b)
    size = len(vocab)
    ma.resize(ma.shape[0], size)
    mb.resize(mb.shape[0], size)
    df = np.bincount(mb.indices, minlength=size)
    keep = df <= POSTING_CAP
    for m in (ma, mb):
        m.data = m.data * keep[m.indices]
        m.eliminate_zeros()
    shared = (ma @ mb.T).tocsr()
    # Every key of B sharing a bigram with a key of A, but only the TOP_KEYS best for a key of A
    # that shares bigrams with more: picked per such row, the rest kept as they are, at once.
    counts = np.diff(shared.indptr)
    kept = np.ones(len(shared.indices), dtype=bool)
    for i in np.flatnonzero(counts > TOP_KEYS).tolist():
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        best = np.zeros(hi - lo, dtype=bool)
        best[np.argpartition(-shared.data[lo:hi], TOP_KEYS)[:TOP_KEYS]] = True
        kept[lo:hi] = best
    rows = [np.repeat(np.arange(shared.shape[0]), counts)[kept]]
    cols = [shared.indices[kept]]
    index_b = {k: j for j, k in enumerate(uniq_b)}
    same = [(i, index_b[k]) for i, k in enumerate(uniq_a) if k in index_b]
    rows.append(np.array([i for i, _ in same], dtype=np.int64))
    cols.append(np.array([j for _, j in same], dtype=np.int64))
    r, c = np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)
    key = np.unique(r * len(uniq_b) + c)
    return key // len(uniq_b), key % len(uniq_b)


class _Ids(dict[str, int]):
    """Bigram → id; a bigram not seen before gets the next id (looked up in C, not per call)."""

    def __missing__(self, gram: str) -> int:
        self[gram] = n = len(self)
        return n


def nearest_pairs(rows: list[int], cols: list[int], pos_a: list[float], pos_b: list[float]) -> list[tuple[int, int]]:
    """Pairs of ``rows`` × ``cols`` (targets of one key each side, in document order): each
    target with the NEAREST of the other side by relative position; all pairs when few."""
    if len(rows) * len(cols) <= ALL_PAIRS_CELLS:
        return [(i, j) for i in rows for j in cols]
    out: set[tuple[int, int]] = set()
    for mine, theirs, p_mine, p_theirs, flip in ((rows, cols, pos_a, pos_b, False),
                                                 (cols, rows, pos_b, pos_a, True)):
        at = [p_theirs[t] for t in theirs]
        for x in mine:
            k = bisect.bisect_left(at, p_mine[x])
            for t in theirs[max(0, k - NEAREST // 2) : k + NEAREST // 2 + NEAREST % 2]:
                out.add((t, x) if flip else (x, t))
    return sorted(out)


def greedy_matching(pairs: list[tuple[int, int]], gains: list[float]) -> list[tuple[int, int]]:
    """One-to-one pairs with a positive gain, best first (ties in document order)."""
    order = sorted(range(len(pairs)), key=lambda k: (-gains[k], pairs[k]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for k in order:
        i, j = pairs[k]
        if gains[k] > 0 and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            chosen.append((i, j))
    return chosen
