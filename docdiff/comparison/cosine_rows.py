"""Many sections against many: for each section of a, the cosines with b that can reach a bar.

The full product of n sections of a by m of b costs n × m in time and memory (1,259 removed
sections × 25,000 headings held 250 MB per copy). Exact prefix filtering (Bayardo, Ma and
Srikant, "Scaling up all pairs similarity search", 2007) skips the pairs that cannot reach
``threshold``: each b vector's entries are ordered most frequent bigram first, and its longest
such prefix whose weights, each times the largest weight any a vector gives that bigram, sum
below the threshold is left out of the index. Two vectors that share only such prefix bigrams
have a cosine below the threshold, so every pair that reaches it shares an indexed bigram.

The cosines kept are computed by the same float32 sparse product as
``SectionVectors.cosine``'s sparse path, one row of a at a time, so each is bit for bit the
value the full product gives (a row's sums run over its own entries in the same order,
whatever other columns the product holds).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

    from docdiff.comparison.similarity import SectionVectors

# Rows of a per sparse product: bounds the memory of one block of candidate columns.
_BLOCK = 128
# The bound is computed in float64 from float32 weights; the cosines are float32 sums. A
# margin keeps a pair whose cosine rounds up to the threshold.
_MARGIN = 0.99


def cosine_rows(
    vectors: SectionVectors, threshold: float, extra: Mapping[int, list[int]] | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """For each section of a, in order: (columns ascending, their cosines as float64 in [0, 1]).

    Every column whose cosine reaches ``threshold`` is there, and every column of
    ``extra[row]`` that shares a bigram with it; the columns left out have cosines below
    ``threshold`` (``cosine_at`` tells any one exactly). Two empty sections score 1, as in
    ``SectionVectors``.
    """
    import numpy as np

    a, b = vectors.matrices()
    empty_b = np.flatnonzero(np.diff(b.indptr) == 0)
    bound = threshold * _MARGIN
    index = _suffix_index(a, b, bound)
    extra = extra or {}
    for start in range(0, a.shape[0], _BLOCK):
        block = a[start : start + _BLOCK]
        marks = block.copy()
        marks.data = np.ones_like(marks.data)
        wanted = np.zeros(b.shape[0], dtype=bool)
        wanted[(marks @ index).tocsr().indices] = True  # pairs sharing an indexed bigram
        for i in range(start, start + block.shape[0]):
            wanted[extra.get(i, [])] = True
        if (np.diff(block.indptr) == 0).any():
            wanted[empty_b] = True
        columns = np.flatnonzero(wanted)  # ascending
        product = (block @ b[columns].T).tocsr()
        values_all = np.clip(product.data.astype(np.float64), 0.0, 1.0)
        keep_all = values_all >= bound
        for r in range(block.shape[0]):
            lo, hi = product.indptr[r], product.indptr[r + 1]
            cols, values, keep = columns[product.indices[lo:hi]], values_all[lo:hi], keep_all[lo:hi]
            if block.indptr[r] == block.indptr[r + 1] and len(empty_b):
                cols, values = empty_b, np.ones(len(empty_b))  # an empty row has no other cosine
                keep = np.ones(len(empty_b), dtype=bool)
            wanted_here = extra.get(start + r)
            if wanted_here:
                keep = keep | np.isin(cols, wanted_here)
            cols, values = cols[keep], values[keep]
            order = np.argsort(cols)  # (distinct columns: any sort gives the one order)
            yield cols[order], values[order]


def cosine_at(vectors: SectionVectors, i: int, j: int) -> float:
    """The cosine of section i of a with section j of b, as ``cosine_rows`` computes it."""
    import numpy as np

    a, b = vectors.matrices()
    if a.indptr[i] == a.indptr[i + 1]:
        return 1.0 if b.indptr[j] == b.indptr[j + 1] else 0.0
    product = (a[i : i + 1] @ b[j : j + 1].T).tocsr()
    return float(np.clip(product.data.astype(np.float64), 0.0, 1.0).sum()) if product.nnz else 0.0


def _suffix_index(a: csr_matrix, b: csr_matrix, bound: float) -> csr_matrix:
    """bigram × b-section matrix of the b entries past each b row's prefix (see the module)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = b.shape[1]
    largest_a = np.zeros(vocab)
    np.maximum.at(largest_a, a.indices, a.data.astype(np.float64))
    frequency = np.bincount(b.indices, minlength=vocab)
    counts = np.diff(b.indptr)
    row = np.repeat(np.arange(b.shape[0]), counts)
    # within each row: most frequent bigram first (ties by bigram id)
    order = np.lexsort((b.indices, -frequency[b.indices], row))
    bigrams = b.indices[order]
    reach = b.data[order].astype(np.float64) * largest_a[bigrams]
    running = np.cumsum(reach)
    before = np.concatenate(([0.0], running))[b.indptr[:-1]]  # the running sum where each row starts
    kept = (running - np.repeat(before, counts)) >= bound
    ones = np.ones(int(kept.sum()), dtype=np.float32)
    return csr_matrix((ones, (bigrams[kept], row[kept])), shape=(vocab, b.shape[0]))
