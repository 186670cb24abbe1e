"""Length-preserving normalisation for matching: full-width ASCII → half-width, 　 → space.

Shown text and line numbers never change: every function here maps one character to one
character, so an offset into the folded text is an offset into the original.
"""
from __future__ import annotations

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """'２０２５年，ＧＤＰ增长７％' → '2025年,GDP增长7%' (same length)."""
    return text.translate(_WIDTH)
