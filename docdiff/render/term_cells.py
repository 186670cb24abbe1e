"""Pieces every terminal table shares: status colours, styled text, and a cell cut or padded
to a width (rich measures: CJK characters take two cells)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

STATUS_STYLE = {
    "matched": "dim",
    "changed": "yellow",
    "moved": "magenta",
    "added": "green",
    "removed": "red",
    "shared": "dim",
}
GAP = "  "  # between two columns


def styled(s: str = "", style: str = "") -> Text:
    """``s`` styled as a span, not as the Text's base style, which would colour all that is
    appended to it later."""
    from rich.text import Text

    t = Text()
    t.append(s, style or None)
    return t


def fit_cell(t: Text, cells: int) -> Text:
    """``t`` cut (with …) or padded to exactly ``cells`` terminal cells, on one line."""
    t = t.copy()
    t.plain = t.plain.replace("\n", " ")
    t.truncate(cells, overflow="ellipsis", pad=True)
    return t
