"""The little of rich's Console that the colourless terminal report needs, without importing it.

Without colour a report is its rows' plain text (``render.plain_text.PlainText``); rich's Console
(≈ 20 ms to import, a sixth of a one-line comparison's start-up) would only copy that text, crop
lines wider than the console and draw the section rules. ``PlainConsole`` does those three things
the way rich does them (rules: the centred title of ``rich.rule.Rule``; cropping:
``Segment.split_and_crop_lines``), with only ``rich.cells`` for the cell widths, and escapes
control characters after cropping as ``render.console.SafeConsole`` does, so the output is byte
for byte what a SafeConsole(color_system=None) prints; the tests compare the two.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from docdiff.errors import escape_controls

if TYPE_CHECKING:
    from docdiff.render.plain_text import PlainText

RULE_CHARACTER = "─"  # rich.rule.Rule's default


class PlainConsole:
    """Collects plain text lines cropped to ``width`` cells."""

    color_system = None  # as a rich Console without colour: callers test this

    def __init__(self, width: int) -> None:
        self.width = width
        self._parts: list[str] = []

    def print(self) -> None:
        """An empty line (``Console.print()`` with no arguments)."""
        self._parts.append("\n")

    def write_lines(self, text: str, *, fitted: bool = False) -> None:
        """``text`` (lines ending in "\\n"), each line cropped to the width as rich crops it
        (``Segment.split_and_crop_lines``: a line wider than the width is cut by ``set_cell_size``).

        ``fitted``: the lines were cut to the width by ``linebreak.wrap_text``, whose sum of
        character widths is rich's measure except around a joiner: only those are measured."""
        from docdiff.render.cell_width import JOINERS, cell_len, set_cell_size

        width = self.width
        lines = text.split("\n")  # the last is what follows the last line break ("" if none)
        trusted = fitted and width >= 2  # wrap_text cuts to at least two cells
        for k, line in enumerate(lines):
            # no character takes more than two cells: a line of at most width / 2 fits unmeasured
            if 2 * len(line) <= width or trusted and JOINERS[0] not in line and JOINERS[1] not in line:
                continue
            if cell_len(line) > width:
                lines[k] = set_cell_size(line, width)
        # Escaped once over the joined lines: an escape replaces one character, never a line break.
        self._parts.append(escape_controls("\n".join(lines)))

    def rule(self, title: PlainText) -> None:
        """A line of ─ across the width with ``title`` in the middle (rich.rule.Rule, centred)."""
        self.write_lines(rule_line(title, self.width) + "\n")

    def getvalue(self) -> str:
        return "".join(self._parts)


def rule_line(title: PlainText, width: int) -> str:
    """The plain text of ``rich.rule.Rule(title)`` at ``width`` cells (its centre alignment).

    rich's steps (``Rule.__rich_console__``) on plain strings: ``PlainText.truncate`` is
    ``_truncate`` here, so no Text object is made for the title and the two sides."""
    from docdiff.render.cell_width import cell_len, set_cell_size

    from docdiff.render.plain_text import _expand, _strip

    plain = _strip(title.plain.replace("\n", " "))
    if "\t" in plain:
        plain = _expand(plain, 8)
    chars_len = cell_len(RULE_CHARACTER)
    truncate_width = max(0, width - 4)
    if not plain or not truncate_width:
        line = _truncate(RULE_CHARACTER * ((width // chars_len) + 1), width)
        return set_cell_size(line, width)
    plain = _truncate(plain, truncate_width, ellipsis=True)
    title_cells = cell_len(plain)
    side_width = (width - title_cells) // 2
    left = _truncate(RULE_CHARACTER * (side_width // chars_len + 1), side_width - 1)
    right_length = width - cell_len(left) - title_cells
    right = _truncate(RULE_CHARACTER * (side_width // chars_len + 1), right_length)
    return set_cell_size(left + " " + plain + " " + right, width)


def _truncate(text: str, max_width: int, *, ellipsis: bool = False) -> str:
    """``PlainText(text).truncate(max_width, overflow="ellipsis" if ellipsis else None).plain``."""
    from docdiff.render.cell_width import cell_len, set_cell_size

    if cell_len(text) <= max_width:
        return text
    return set_cell_size(text, max_width - 1) + "…" if ellipsis else set_cell_size(text, max_width)
