"""Chunk signatures of every document → candidate pairs (datasketch MinHash LSH), and the
chunks found in so many documents that they are boilerplate (stock phrases, policy slogans)."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from docdiff.corpus.signatures import NUM_PERM, SEED

LSH_THRESHOLD = 0.5  # chunk Jaccard: a lightly edited copied chunk scores 0.6–0.9, unrelated text < 0.1
BOILERPLATE_MIN_DOCS = 5  # a chunk in this many documents or more is set text, not one document copying another
BOILERPLATE_SHARE = 0.05  # …or in this share of a large corpus


@dataclass(frozen=True, slots=True)
class Candidates:
    pairs: tuple[tuple[int, int], ...]  # document indexes, a < b, ordered
    boilerplate: tuple[frozenset[int], ...]  # per document, its boilerplate chunk indexes
    boilerplate_chunks: int


def boilerplate_df(n_docs: int) -> int:
    return max(BOILERPLATE_MIN_DOCS, math.ceil(BOILERPLATE_SHARE * n_docs))


def find_candidates(signatures: list[np.ndarray]) -> Candidates:
    """Index every chunk; documents sharing an LSH bucket are candidates unless the bucket spans
    ``boilerplate_df`` documents or more, in which case its chunks are boilerplate."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for d, sig in enumerate(signatures):
        for c in range(len(sig)):
            # rensa's values, datasketch's banding: the index only reads the hash values.
            lsh.insert((d, c), LeanMinHash(seed=SEED, hashvalues=sig[c].astype(np.uint64), scheme="affine32"),
                       check_duplication=False)
    limit = boilerplate_df(len(signatures))
    buckets = []
    boiler: list[set[int]] = [set() for _ in signatures]
    for table in lsh.hashtables:
        for bucket in table.keys():
            items = table.get(bucket)
            if len(items) < 2 or len({d for d, _ in items}) < 2:
                continue
            if len({d for d, _ in items}) >= limit:
                for d, c in items:
                    boiler[d].add(c)
            else:
                buckets.append(items)
    # A chunk that is boilerplate in one band pairs nobody in another.
    shared: Counter[tuple[int, int]] = Counter()
    for items in buckets:
        docs = sorted({d for d, c in items if c not in boiler[d]})
        for a, b in combinations(docs, 2):
            shared[(a, b)] += 1
    pairs = tuple(sorted(shared))
    return Candidates(pairs, tuple(frozenset(s) for s in boiler), sum(len(s) for s in boiler))
