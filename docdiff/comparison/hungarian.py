"""The assignment problem (min Σ cost, one column per row) solved exactly, with or without numpy.

Rule: a problem given as numpy arrays is solved by ``_hungarian`` (numpy; scipy's C solver past
SCIPY_ABOVE cells); one given as plain lists of rows, by ``hungarian_lists`` (pure Python, no
import). Both run the same shortest-augmenting-path steps with the same float64 operations and
the same tie-breaking (the first minimal column), so they return identical assignments; callers
pass lists for the small problems of small documents (see ``similarity.PURE_MAX_CHARS`` and
``targetdiff``), where importing numpy would cost more than the whole solve.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Assignment problems larger than this go to scipy's C solver (≈ 0.3 s to import, then fast):
# below it the pure-numpy Hungarian method takes ~0.1 s at most (200 × 200).
SCIPY_ABOVE = 40_000


def linear_assignment(weights: np.ndarray, *, maximize: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Drop-in for ``scipy.optimize.linear_sum_assignment`` (rows ascending, then their columns),
    without its 0.3–0.5 s import."""
    import numpy as np

    cost = -np.asarray(weights, dtype=np.float64) if maximize else np.asarray(weights, dtype=np.float64)
    n, m = cost.shape
    if n == 0 or m == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if n <= m:
        return np.arange(n), _hungarian(cost)
    cols_for_rows = _hungarian(cost.T)  # row of each column, as the transposed problem's answer
    order = np.argsort(cols_for_rows)
    return cols_for_rows[order], np.arange(m)[order]


def linear_assignment_lists(weights: Sequence[Sequence[float]], m: int, *,
                            maximize: bool = False) -> list[tuple[int, int]]:
    """``linear_assignment`` of an n × m matrix given as lists of rows: its (row, column) pairs,
    rows ascending, in pure Python (the same pairs as the numpy version)."""
    sign = -1.0 if maximize else 1.0
    cost = [[sign * float(w) for w in row] for row in weights]
    n = len(cost)
    if n == 0 or m == 0:
        return []
    if n <= m:
        return list(enumerate(hungarian_lists(cost, m)))
    transposed = [[cost[i][j] for i in range(n)] for j in range(m)]
    return sorted((r, c) for c, r in enumerate(hungarian_lists(transposed, n)))


def _hungarian(cost: np.ndarray) -> np.ndarray:
    """Column assigned to each row minimising Σ cost, for n ≤ m rows.

    Small problems (sibling sections, a report's targets) are solved here by shortest augmenting
    paths with potentials, O(n²·m) with the inner loop over columns vectorised: importing
    scipy.optimize takes 0.3–0.5 s, a third of a whole comparison. Past SCIPY_ABOVE cells the
    Python loop costs more than the import, and scipy's C solver takes over.
    Its pure-Python twin, for lists, is ``hungarian_lists`` (same steps, same answer).
    """
    import numpy as np

    n, m = cost.shape
    if n * m > SCIPY_ABOVE:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(cost)
        result = np.zeros(n, dtype=np.int64)
        result[rows] = cols
        return result
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=np.int64)  # owner[j] = 1-based row holding column j (0 = free)
    way = np.zeros(m + 1, dtype=np.int64)
    padded = np.zeros((n + 1, m + 1))
    padded[1:, 1:] = cost
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = owner[j0]
            free = ~used
            free[0] = False
            reduced = padded[i0] - u[i0] - v
            better = free & (reduced < minv)
            minv[better] = reduced[better]
            way[better] = j0
            candidates = np.where(free, minv, np.inf)
            j1 = int(np.argmin(candidates))
            delta = candidates[j1]
            u[owner[used]] += delta
            v[used] -= delta
            minv[free] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        _flip_path(owner, way, j0)
    return np.array(_row_columns(owner, n), dtype=np.int64)


def hungarian_lists(cost: Sequence[Sequence[float]], m: int) -> list[int]:
    """``_hungarian`` for an n × m cost matrix (n ≤ m) given as lists of rows, in pure Python.

    Step for step the numpy version (same float64 operations in the same order, the first
    minimal column on ties), so the assignment is identical; used for small problems, where
    importing numpy costs more than the loop.
    """
    n = len(cost)
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)
    way = [0] * (m + 1)
    inf = math.inf
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            row, ui = cost[i0 - 1], u[i0]
            j1, delta = 0, inf
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = row[j - 1] - ui - v[j]
                if reduced < minv[j]:
                    minv[j] = reduced
                    way[j] = j0
                if minv[j] < delta:
                    j1, delta = j, minv[j]
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                elif j:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        _flip_path(owner, way, j0)
    return _row_columns(owner, n)


def _flip_path(owner: Sequence[int] | np.ndarray, way: Sequence[int] | np.ndarray, j0: int) -> None:
    """Flip the augmenting path that ends at column ``j0``: each row on it moves one column along
    ``way`` (both solvers; ``owner`` and ``way`` are lists or numpy arrays)."""
    while j0:
        j1 = way[j0]
        owner[j0] = owner[j1]  # type: ignore[index]
        j0 = j1


def _row_columns(owner: Sequence[int] | np.ndarray, n: int) -> list[int]:
    """The column of each of ``n`` rows, from ``owner`` (1-based row holding each column, 0 = free,
    entry 0 unused)."""
    result = [0] * n
    for j in range(1, len(owner)):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result
