"""Pieces every terminal table shares: status colours, styled text, and a cell cut or padded
to a width (rich measures: CJK characters take two cells).

Within ``plain_styles()`` (a colourless report) ``styled`` builds ``PlainText``, which has the
same interface and prints the same characters without importing rich.text.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from docdiff.render.plain_text import PlainText

if TYPE_CHECKING:
    from rich.text import Text

STATUS_STYLE = {
    "matched": "dim",
    "changed": "yellow",
    "moved": "magenta",
    "added": "green",
    "removed": "red",
    "merged": "yellow",
    "split": "yellow",
    "shared": "dim",
}
GAP = "  "  # between two columns
_PLAIN: ContextVar[bool] = ContextVar("docdiff_plain_styles", default=False)


@contextmanager
def plain_styles() -> Iterator[None]:
    """Build styled text as ``PlainText`` (styles dropped) until the block ends."""
    token = _PLAIN.set(True)
    try:
        yield
    finally:
        _PLAIN.reset(token)


def styled(s: str = "", style: str = "") -> Text:
    """``s`` styled as a span, not as the Text's base style, which would colour all that is
    appended to it later."""
    if _PLAIN.get():
        return PlainText(s)  # type: ignore[return-value]  # Text's interface, styles dropped
    from rich.text import Text

    t = Text()
    t.append(s, style or None)
    return t


def based(s: str, style: str = "") -> Text:
    """``s`` with ``style`` as the Text's base style, which carries on into what is appended to
    it (``PlainText`` within ``plain_styles()``)."""
    if _PLAIN.get():
        return PlainText(s)  # type: ignore[return-value]  # Text's interface, styles dropped
    from rich.text import Text

    return Text(s, style=style)


def fit_cell(t: Text, cells: int) -> Text:
    """``t`` cut (with …) or padded to exactly ``cells`` terminal cells, on one line."""
    t = t.copy()
    if "\n" in t.plain:  # (setting the same text is a no-op for Text and PlainText alike)
        t.plain = t.plain.replace("\n", " ")
    t.truncate(cells, overflow="ellipsis", pad=True)
    return t
