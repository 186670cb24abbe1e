"""Verified pair similarities → clusters of near-duplicate documents and each document's closest others."""
from __future__ import annotations

from docdiff.corpus.report import PairSimilarity

NEAR_DUPLICATE = 0.5  # similarity: half of the two bodies lies in passages they share
CLOSEST = 3  # others listed per document


def cluster_documents(n: int, pairs: tuple[PairSimilarity, ...]) -> tuple[tuple[int, ...], ...]:
    """Connected groups (2+ documents) of pairs at NEAR_DUPLICATE or above, largest first."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.similarity >= NEAR_DUPLICATE:
            parent[root(p.a)] = root(p.b)
    groups: dict[int, list[int]] = {}
    for d in range(n):
        groups.setdefault(root(d), []).append(d)
    found = [tuple(g) for g in groups.values() if len(g) > 1]
    return tuple(sorted(found, key=lambda g: (-len(g), g)))


def closest_documents(n: int, pairs: tuple[PairSimilarity, ...]) -> tuple[tuple[int, ...], ...]:
    """For each document, up to CLOSEST others that share passages with it, most similar first."""
    near: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for p in pairs:
        if p.similarity > 0:
            near[p.a].append((p.similarity, p.b))
            near[p.b].append((p.similarity, p.a))
    return tuple(tuple(d for _, d in sorted(xs, key=lambda x: (-x[0], x[1]))[:CLOSEST]) for xs in near)
