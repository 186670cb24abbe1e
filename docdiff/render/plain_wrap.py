"""rich's layout of an unstyled text in a box of N cells, without its Console: lines and measure.

``render_lines`` is what ``Console.render_lines`` makes of a ``Text``: ``Text.wrap`` (lines split
on "\\n", tabs expanded, words placed by rich's ``divide_line`` and folded when longer than the
width, ``rstrip_end``, ``Lines.justify``, ``truncate``), then ``Segment.split_and_crop_lines``
(cropped, padded when asked). ``measure`` is ``Measurement.get`` of a ``Text``. Built on
``PlainText`` and ``rich.cells`` (the cell widths), for the colourless views of ``targets`` and
``outline`` (``plain_table``, ``plain_tree``); the tests hold it to rich's output.
"""
from __future__ import annotations

from docdiff.regex_cache import compile_regex
from docdiff.render.cell_width import cell_len, set_cell_size
from docdiff.render.plain_text import PlainText

_WORD = compile_regex(r"\s*\S+\s*")  # rich._wrap.re_word: a word and the spaces after it
_TRAILING_SPACE = compile_regex(r"\s+$")


def render_lines(text: str, width: int, *, justify: str = "default", overflow: str = "fold",
                 no_wrap: bool = False, pad: bool = False) -> list[str]:
    """The lines ``text`` takes in a box of ``width`` cells (none when ``width`` < 1, as rich's
    ``Console.render`` renders nothing there)."""
    if width < 1:
        return []
    return [fitted(line, width, pad) for line in wrap(text, width, justify=justify, overflow=overflow,
                                                        no_wrap=no_wrap)]


def wrap(text: str, width: int, *, justify: str = "default", overflow: str = "fold",
         no_wrap: bool = False) -> list[str]:
    """``Text(text).wrap(console, width, justify=…, overflow=…, no_wrap=…)`` as strings."""
    out: list[str] = []
    for line in PlainText(text).split("\n", allow_blank=True):
        line.expand_tabs(8)
        if no_wrap:
            pieces = [line]
        else:
            pieces = line.divide(_divide_line(line.plain, width, fold=overflow == "fold"))
            for piece in pieces:
                _rstrip_end(piece, width)
        for piece in pieces:
            _justify(piece, width, justify, overflow)
            piece.truncate(width, overflow=overflow)
            out.append(piece.plain)
    return out


def measure(text: str, max_width: int) -> tuple[int, int]:
    """``Measurement.get(console, options, Text(text))`` at ``options.max_width == max_width``:
    (the widest word, the widest line), limited to ``max_width``."""
    if max_width < 1:
        return 0, 0
    plain = PlainText(text).plain
    lines = plain.splitlines()
    widest = max(map(cell_len, lines)) if lines else 0
    words = plain.split()
    narrowest = max(map(cell_len, words)) if words else widest
    low, high = normalize(narrowest, widest)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return normalize(low, high)


def normalize(low: int, high: int) -> tuple[int, int]:
    """``Measurement.normalize``: 0 ≤ low ≤ high."""
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _divide_line(text: str, width: int, *, fold: bool) -> list[int]:
    """``rich._wrap.divide_line``: the offsets where ``text`` breaks to fit ``width`` cells."""
    from rich.cells import chop_cells

    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for k, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if k == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _rstrip_end(line: PlainText, size: int) -> None:
    """``Text.rstrip_end``: trailing spaces beyond ``size`` characters dropped."""
    excess = len(line) - size
    if excess > 0:
        spaces = _TRAILING_SPACE.search(line.plain)
        if spaces is not None:
            line.plain = line.plain[: -min(len(spaces.group()), excess)]


def _justify(line: PlainText, width: int, justify: str, overflow: str) -> None:
    """``Lines.justify`` for one line ("default" leaves it; "full" is not used here)."""
    if justify == "left":
        line.truncate(width, overflow=overflow, pad=True)
    elif justify in ("center", "right"):
        line.rstrip()
        line.truncate(width, overflow=overflow)
        room = width - cell_len(line.plain)
        left = room // 2 if justify == "center" else room
        line.plain = " " * max(0, left) + line.plain + " " * max(0, room - max(0, left))
    elif justify != "default":
        raise ValueError(f"justify {justify!r} is not laid out without rich")


def fitted(line: str, width: int, pad: bool) -> str:
    """``Segment.adjust_line_length``: cropped to ``width`` cells, or padded when ``pad``."""
    length = cell_len(line)
    if length > width:
        return set_cell_size(line, width)
    return line + " " * (width - length) if pad else line
