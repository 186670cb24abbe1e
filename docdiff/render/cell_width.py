"""Cell widths as ``rich.cells`` measures them, summed in C: the colourless report's hot path.

rich's ``cell_len`` adds ``get_character_cell_size`` up over a string in a Python generator
(≈ 250 ns a character past its cache of 4,096 strings); the terminal report measures every
line it prints and wraps: 9.5 million characters for 25,000 sections, a third of its time.
Here each distinct character is measured once by rich (a dict fills on a miss) and a string
is summed with ``sum(map(...))``. A string holding a zero-width joiner or variation selector
16 (emoji sequences, which rich 14+ measures as graphemes) is left to rich, as is any crop
that is not a plain cut; so every width and every crop is rich's, whatever its version.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

JOINERS = ("\u200d", "\ufe0f")  # zero-width joiner, variation selector 16


class _Widths(dict[str, int]):
    """character → cells, from rich on first sight."""

    def __missing__(self, character: str) -> int:
        from rich.cells import get_character_cell_size

        width = self[character] = get_character_cell_size(character)
        return width


_WIDTHS = _Widths()
# The cells of one character: ``rich.cells.cell_len(ch)``, which for a single character is its
# ``get_character_cell_size`` (checked on every code point). A dict lookup, so map() runs it in C.
char_cells: Callable[[str], int] = _WIDTHS.__getitem__


def cell_len(text: str) -> int:
    """``rich.cells.cell_len(text)``."""
    if text.isascii() and text.isprintable():
        return len(text)
    if JOINERS[0] in text or JOINERS[1] in text:
        from rich.cells import cell_len as rich_cell_len

        return rich_cell_len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def set_cell_size(text: str, total: int) -> str:
    """``rich.cells.set_cell_size(text, total)``: padded with spaces or cropped to ``total`` cells.

    Padding, and a crop of text whose every character takes one or two cells, are done here
    (the longest prefix that fits, and a space for a two-cell character cut in half: what every
    rich version does); a crop of text holding zero-width characters or joiners is rich's."""
    if total > 0:
        size = cell_len(text)
        if size <= total:
            return text + " " * (total - size)
        if JOINERS[0] not in text and JOINERS[1] not in text:
            widths = list(map(_WIDTHS.__getitem__, text))
            if 0 not in widths:  # rich 14+ keeps zero-width characters with the one before: leave it to rich
                ends = list(accumulate(widths))  # ends[i]: cells of text[: i + 1], strictly increasing
                k = bisect_right(ends, total)  # text[:k] is the longest prefix that fits
                return text[:k] if k and ends[k - 1] == total else text[:k] + " "
    from rich.cells import set_cell_size as rich_set_cell_size

    return rich_set_cell_size(text, total)
