"""What one spreadsheet cell holds: text defused against formula injection, and its width.

The targets, compare, series and corpus CSVs all use the same ``defuse_formula``.
"""
from __future__ import annotations

from docdiff.errors import printable

FORMULA_START = frozenset("=+-@\t\r")  # OWASP: what Excel, LibreOffice and Sheets run as a formula


def defuse_formula(text: str) -> str:
    """``text`` with a ``'`` before it when a spreadsheet would run it as a formula."""
    return "'" + text if text[:1] in FORMULA_START else text


def text_cell(text: str) -> str:
    """Document text for a cell: formula-safe, control characters shown escaped (a\\x1bb)."""
    return printable(defuse_formula(text))


def display_width(text: str) -> int:
    """Columns the text takes in a spreadsheet: CJK and full-width characters count two."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)
