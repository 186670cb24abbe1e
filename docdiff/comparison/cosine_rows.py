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

from collections.abc import Callable, Iterator, Mapping
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
    bound = threshold * _MARGIN
    index = _suffix_index(a, b, bound)

    def sharing(block: csr_matrix) -> csr_matrix:
        marks = block.copy()
        marks.data = np.ones_like(marks.data)
        return (marks @ index).tocsr()  # pairs sharing an indexed bigram

    yield from _exact_rows(a, b, sharing, extra or {}, bound=bound)


def candidate_rows(
    vectors: SectionVectors, top_k: int, budget: int, extra: Mapping[int, list[int]] | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """``cosine_rows``'s rows from approximate candidates, in time and memory linear in a × budget.

    For each section of a, its bigrams rarest in b first (higher weight first among equals),
    as many as hold at most ``budget`` b entries together, are looked up in an inverted index
    of b; the ``top_k`` b sections sharing most weight through them (ties: the first) are its
    candidates, and the columns of ``extra[row]`` too. Their cosines are exact, bit for bit
    those of ``cosine_rows``; a column that is no candidate is missing even when its cosine is
    high (a section made only of common bigrams has no candidate at all).
    """
    import numpy as np

    a, b = vectors.matrices()
    postings = b.T.tocsr()  # bigram × b section
    frequency = np.diff(postings.indptr)

    def candidates(block: csr_matrix) -> csr_matrix:
        return _top_sharing(block, postings, frequency, top_k, budget)

    yield from _exact_rows(a, b, candidates, extra or {}, bound=None)


def _exact_rows(
    a: csr_matrix, b: csr_matrix, find: Callable[[csr_matrix], csr_matrix], extra: Mapping[int, list[int]],
    *, bound: float | None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per row of a, in order: (columns ascending, exact cosines) of the columns ``find`` gives it
    (a block of a's rows → a matrix whose row pattern is each row's columns) and of ``extra``.
    With ``bound``, every column of the block's found ones whose cosine reaches it is kept
    (``find`` must then hold every such pair); without, only the row's own found columns."""
    import numpy as np

    empty_b = np.flatnonzero(np.diff(b.indptr) == 0)
    for start in range(0, a.shape[0], _BLOCK):
        block = a[start : start + _BLOCK]
        found = find(block)
        wanted = np.zeros(b.shape[0], dtype=bool)
        wanted[found.indices] = True
        for i in range(start, start + block.shape[0]):
            wanted[extra.get(i, [])] = True
        if (np.diff(block.indptr) == 0).any():
            wanted[empty_b] = True
        columns = np.flatnonzero(wanted)  # ascending
        product = (block @ b[columns].T).tocsr()
        values_all = np.clip(product.data.astype(np.float64), 0.0, 1.0)
        keep_all = values_all >= bound if bound is not None else None
        for r in range(block.shape[0]):
            lo, hi = product.indptr[r], product.indptr[r + 1]
            cols, values = columns[product.indices[lo:hi]], values_all[lo:hi]
            if keep_all is not None:
                keep = keep_all[lo:hi]
            else:
                keep = np.isin(cols, found.indices[found.indptr[r] : found.indptr[r + 1]])
            if block.indptr[r] == block.indptr[r + 1] and len(empty_b):
                cols, values = empty_b, np.ones(len(empty_b))  # an empty row has no other cosine
                keep = np.ones(len(empty_b), dtype=bool)
            wanted_here = extra.get(start + r)
            if wanted_here:
                keep = keep | np.isin(cols, wanted_here)
            cols, values = cols[keep], values[keep]
            order = np.argsort(cols)  # (distinct columns: any sort gives the one order)
            yield cols[order], values[order]


def _top_sharing(block: csr_matrix, postings: csr_matrix, frequency: np.ndarray, top_k: int, budget: int) -> csr_matrix:
    """Per row of ``block``: the ``top_k`` b sections sharing most weight through the row's
    rarest bigrams (see ``candidate_rows``), as the pattern of a block × b matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    counts = np.diff(block.indptr)
    row = np.repeat(np.arange(block.shape[0]), counts)
    df = frequency[block.indices]
    order = np.lexsort((block.indices, -block.data, df, row))  # per row: rarest first
    running = np.cumsum(df[order])
    before = np.concatenate(([0], running))[block.indptr[:-1]]
    probe = order[(running - np.repeat(before, counts)) <= budget]
    query = csr_matrix((block.data[probe], (row[probe], block.indices[probe])), shape=block.shape)
    shared = (query @ postings).tocoo()  # block × b: weight shared through the probed bigrams
    best = np.lexsort((shared.col, -shared.data, shared.row))  # per row: most shared first
    rows_sorted = shared.row[best]
    first = np.searchsorted(rows_sorted, rows_sorted, side="left")
    top = best[np.arange(len(best)) - first < top_k]
    ones = np.ones(len(top), dtype=np.float32)
    return csr_matrix((ones, (shared.row[top], shared.col[top])), shape=(block.shape[0], postings.shape[1]))


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
