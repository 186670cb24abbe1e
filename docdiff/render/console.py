"""The rich Console every terminal renderer uses: document text reaches it escaped.

rich strips a few control codes (BEL, BS, VT, FF, CR) from ``Text`` but passes ESC and the C1
range, so a document could clear the screen or retitle the window. ``SafeConsole`` escapes every
control character of the text it renders (``docdiff.errors.escape_controls``); its own styles
are rendered after that, so colours still work.
"""
from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from docdiff.errors import escape_controls


class SafeConsole(Console):
    """A Console whose text segments have their control characters escaped on output."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            seg if seg.control else Segment(escape_controls(seg.text), seg.style, seg.control) for seg in buffer
        )
