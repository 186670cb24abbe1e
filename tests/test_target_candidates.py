"""target_candidates.nearest_pairs: every pair of one key's targets up to ALL_PAIRS_CELLS, each
target's NEAREST by position past it (so a key recurring ~90 times a side stays linear)."""
from __future__ import annotations

from docdiff.comparison.target_candidates import ALL_PAIRS_CELLS, NEAREST, nearest_pairs


def test_up_to_64_targets_a_side_every_pair_past_it_the_nearest_only() -> None:
    assert ALL_PAIRS_CELLS == 64 * 64
    for n in (64, 65, 90):
        targets = list(range(n))
        positions = [i / n for i in targets]
        pairs = nearest_pairs(targets, targets, positions, positions)
        assert {(i, i) for i in targets} <= set(pairs)
        if n * n <= ALL_PAIRS_CELLS:
            assert len(pairs) == n * n
        else:
            assert len(pairs) <= 2 * NEAREST * n
