"""rapidfuzz's ``fuzz.ratio`` for a few short strings, without importing rapidfuzz.

Importing rapidfuzz loads all of its metrics (~7 ms), more than a small comparison spends on its
titles; this gives the same float64 value: 100 × (1 − Indel distance ÷ (|a| + |b|)), where the
Indel distance is |a| + |b| − 2·LCS and the LCS is counted by the bit-parallel algorithm of
Allison & Dix (one bit per character of ``b``, a few integer operations per character of ``a``).
"""
from __future__ import annotations

import sys
from typing import Callable

FEW_PAIRS = 64  # pairs scored here (≈ 20 µs each for titles and sentences) rather than by importing rapidfuzz


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b``."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for ch in a:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def ratio(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """``rapidfuzz.fuzz.ratio(a, b, score_cutoff=…)``: the normalised Indel similarity × 100, bit
    for bit; 0 below ``score_cutoff``."""
    total = len(a) + len(b)
    score = (1.0 - (total - 2 * lcs_length(a, b)) / total) * 100 if total else 100.0
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def ratio_for(pairs: int) -> Callable[..., float]:
    """``fuzz.ratio`` to score ``pairs`` pairs with: this module's for a few (unless rapidfuzz is
    loaded already: then its C code is the cheaper), rapidfuzz's beyond."""
    if pairs <= FEW_PAIRS and "rapidfuzz.fuzz" not in sys.modules:
        return ratio
    from rapidfuzz.fuzz import ratio as fuzz_ratio

    return fuzz_ratio
