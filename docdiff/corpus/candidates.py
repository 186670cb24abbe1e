"""Chunk signatures of every document → candidate pairs by MinHash LSH banding, and the chunks
found in so many documents that they are boilerplate (stock phrases, policy slogans).

The band layout (b bands of r rows) is datasketch's, from its MinHashLSH optimiser for the
threshold; the buckets are formed in numpy over the stored signature matrix, one sort per band.
datasketch's own index inserts key by key in Python: at 1,000 documents (116,000 chunks,
1.6 million band entries) that took 19.5 s of a 20.7 s incremental re-run; the sort takes under
a second and gives the same buckets (tests/test_corpus_reuse.py checks it against MinHashLSH).
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from itertools import combinations

import numpy as np
from msgspec import Struct

from docdiff.corpus.signatures import NUM_PERM

LSH_THRESHOLD = 0.3  # chunk Jaccard: an edited copied chunk scores 0.5–0.9, unrelated text < 0.1 (at 0.5, 5 of 100 planted copies were missed)
BOILERPLATE_MIN_DOCS = 5  # a chunk in this many documents or more is set text, not one document copying another
BOILERPLATE_SHARE = 0.05  # …or in this share of a large corpus
BOILERPLATE_MAX_DOCS = 50  # …and never more than this: a bucket of k documents makes k²/2 pairs to
# verify (at 10,000 documents and 500 allowed, 190,000 pairs were verified for 1,078 passages)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier: every row changes every bit of the key


class Candidates(Struct, frozen=True):
    pairs: tuple[tuple[int, int], ...]  # document indexes, a < b, ordered
    boilerplate: tuple[frozenset[int], ...]  # per document, its boilerplate chunk indexes
    boilerplate_chunks: int


def boilerplate_df(n_docs: int) -> int:
    return max(BOILERPLATE_MIN_DOCS, min(BOILERPLATE_MAX_DOCS, math.ceil(BOILERPLATE_SHARE * n_docs)))


@lru_cache(maxsize=4)
def band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """datasketch's bands for this threshold: (start, end) rows of each (14 bands of 4 for 0.5 / 64)."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def lsh_buckets(signatures: list[np.ndarray]) -> list[list[tuple[int, int]]]:
    """Every bucket of two or more chunks, as (document, chunk) lists: chunks whose signature rows
    agree on a whole band."""
    sizes = [len(s) for s in signatures]
    if sum(sizes) == 0:
        return []
    every = np.concatenate([s for s in signatures if len(s)]).astype(np.uint32)
    doc_of = np.repeat(np.arange(len(signatures)), sizes)
    chunk_of = np.concatenate([np.arange(n) for n in sizes])
    buckets = []
    for start, end in band_ranges(LSH_THRESHOLD, NUM_PERM):
        # The band's rows folded into one 64-bit key (sorting raw bytes is 10× slower); two
        # different bands sharing a key is a 2**-64 chance, and would only add a pair to verify.
        band = np.zeros(len(every), dtype=np.uint64)
        for col in range(start, end):
            band = (band ^ every[:, col].astype(np.uint64)) * _MIX
        order = np.argsort(band, kind="stable")
        sorted_band = band[order]
        edges = np.flatnonzero(sorted_band[1:] != sorted_band[:-1]) + 1
        starts = np.concatenate(([0], edges))
        ends = np.concatenate((edges, [len(band)]))
        for s, e in zip(starts[ends - starts >= 2].tolist(), ends[ends - starts >= 2].tolist()):
            members = order[s:e]
            buckets.append(list(zip(doc_of[members].tolist(), chunk_of[members].tolist())))
    return buckets


def find_candidates(signatures: list[np.ndarray]) -> Candidates:
    """Documents sharing an LSH bucket are candidates unless the bucket spans ``boilerplate_df``
    documents or more, in which case its chunks are boilerplate and pair nobody in any band."""
    limit = boilerplate_df(len(signatures))
    kept = []
    boiler: list[set[int]] = [set() for _ in signatures]
    for items in lsh_buckets(signatures):
        docs = {d for d, _ in items}
        if len(docs) < 2:
            continue
        if len(docs) >= limit:
            for d, c in items:
                boiler[d].add(c)
        else:
            kept.append(items)
    shared: Counter[tuple[int, int]] = Counter()
    for items in kept:
        docs = sorted({d for d, c in items if c not in boiler[d]})
        for a, b in combinations(docs, 2):
            shared[(a, b)] += 1
    return Candidates(tuple(sorted(shared)), tuple(frozenset(s) for s in boiler), sum(len(s) for s in boiler))
