"""The part of rich's ``Text`` a colourless terminal report uses, for plain strings, without importing rich.text.

Without colour a style prints nothing, so a report's rows are only their characters. Importing
rich.text (with rich.control, rich.style, rich.segment …) costs ~15 ms of every piped
``docdiff compare``; ``PlainText`` keeps just the string and does what the renderers ask of a
Text the way rich 13–15 does it: control characters (bell, backspace, VT, FF, CR) dropped on the
way in, cell widths from ``rich.cells`` (CJK = 2), ``truncate``'s fold/ellipsis and padding,
``split``/``divide``/slices, ``expand_tabs``. The tests compare it with rich's Text on the same
calls, so the colourless report stays byte for byte what rich printed.
"""
from __future__ import annotations

from collections.abc import Iterable

from docdiff.regex_cache import compile_regex

# rich.control.STRIP_CONTROL_CODES (bell, backspace, VT, FF, CR), removed as rich's Text does; by a
# regex, which skips other characters in C (str.translate looks every character up: ~90 ns).
_STRIP_RE = compile_regex("[\x07\x08\x0b\x0c\r]")
_CONCAT_MAX = 1024  # characters: a string this long is copied in ~0.1 µs, so appends stay linear


def _strip(text: str) -> str:
    if text.isprintable():  # none of them is printable: nothing to drop (one C scan, no regex call)
        return text
    return _STRIP_RE.sub("", text)


class PlainText:
    """A string with rich Text's interface; styles are accepted and forgotten."""

    # Appends go to the string while it is short; past _CONCAT_MAX characters they are kept as
    # pieces and joined when the text is read: a report appends to one PlainText hundreds of
    # thousands of times (a long section's diff), and rebuilding the string at each append made
    # that quadratic (a 40,000-sentence line: 2.6 s of copying in a 10 s report).
    __slots__ = ("_str", "_more")
    style = ""  # as a Text with no base style: renderers test it

    def __init__(self, text: str = "", style: str = "") -> None:
        self._str = _strip(text)
        self._more: list[str] | None = None

    @property
    def _s(self) -> str:
        if self._more is not None:
            self._str = "".join((self._str, *self._more))
            self._more = None
        return self._str

    @_s.setter
    def _s(self, text: str) -> None:
        self._str = text
        self._more = None

    @property
    def plain(self) -> str:
        return self._s

    @plain.setter
    def plain(self, text: str) -> None:
        self._s = _strip(text)

    @property
    def cell_len(self) -> int:
        from docdiff.render.cell_width import cell_len

        return cell_len(self._s)

    def __len__(self) -> int:
        return len(self._s)

    def __str__(self) -> str:
        return self._s

    def __repr__(self) -> str:
        return f"PlainText({self._s!r})"

    def __getitem__(self, index: slice) -> PlainText:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("PlainText supports slices with step 1 only")
        return _of(self._s[index])

    def copy(self) -> PlainText:
        return _of(self._s)

    def append(self, text: str | PlainText, style: str | None = None) -> PlainText:
        piece = text._s if isinstance(text, PlainText) else _strip(text)
        if self._more is not None:
            self._more.append(piece)
        elif len(self._str) < _CONCAT_MAX:
            self._str += piece
        else:
            self._more = [piece]
        return self

    def append_text(self, text: PlainText) -> PlainText:
        return self.append(text)

    def join(self, lines: Iterable[PlainText]) -> PlainText:
        return _of(self._s.join(line._s for line in lines))

    def split(self, separator: str = "\n", *, allow_blank: bool = False) -> list[PlainText]:
        if separator not in self._s:
            return [self.copy()]
        pieces = self._s.split(separator)
        if not allow_blank and self._s.endswith(separator):
            pieces.pop()
        return [_of(p) for p in pieces]

    def divide(self, offsets: Iterable[int]) -> list[PlainText]:
        cuts = list(offsets)
        if not cuts:
            return [self.copy()]
        bounds = [0, *cuts, len(self._s)]
        return [_of(self._s[a:b]) for a, b in zip(bounds, bounds[1:])]

    def rstrip(self) -> None:
        self._s = self._s.rstrip()

    def truncate(self, max_width: int, *, overflow: str | None = None, pad: bool = False) -> None:
        """Cut to ``max_width`` cells ("fold"/"crop" cut, "ellipsis" ends in …), or pad with spaces."""
        from docdiff.render.cell_width import cell_len, set_cell_size

        length = cell_len(self._s)
        if length > max_width:
            if (overflow or "fold") == "ellipsis":
                self._s = set_cell_size(self._s, max_width - 1) + "…"
            else:
                self._s = set_cell_size(self._s, max_width)
        if pad and length < max_width:
            self._s += " " * (max_width - length)

    def expand_tabs(self, tab_size: int = 8) -> None:
        """Tabs → spaces up to the next multiple of ``tab_size`` cells, line by line."""
        if "\t" in self._s:
            self._s = _expand(self._s, tab_size)


def _expand(text: str, tab_size: int) -> str:
    from rich.cells import cell_len

    out: list[str] = []
    for line in text.split("\n"):
        position = 0
        pieces = line.split("\t")
        for k, piece in enumerate(pieces):
            if k < len(pieces) - 1:  # this piece ended at a tab: the tab becomes a space and more
                piece += " "
                position += cell_len(piece)
                spaces = -position % tab_size
                piece += " " * spaces
                position += spaces
            else:
                position += cell_len(piece)
            out.append(piece)
        out.append("\n")
    return "".join(out[:-1])


def _of(s: str) -> PlainText:
    """A PlainText of an already clean string (no control characters to drop)."""
    t = PlainText.__new__(PlainText)
    t._str = s
    t._more = None
    return t
