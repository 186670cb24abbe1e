"""A rich ``Table`` of plain cells laid out as rich lays it out, without importing rich's Console.

The table ``targets_term`` draws: ``Table(show_header=True, expand=False, pad_edge=False)`` with
rich's defaults (``box.HEAVY_HEAD``, padding (0, 1), edges shown, no row lines), printed by a
Console ``max_width`` cells wide. The steps are rich's ``Table.__rich_console__``: each column
measured (its cells in ``Padding``), widths collapsed when the table is too wide (the widest
wrappable columns first, then all evenly), measured again, every cell rendered in its width
(``plain_wrap.render_lines``), rows aligned (the header at the bottom, the others at the top),
borders drawn. The tests compare the lines with rich's on random tables.
"""
from __future__ import annotations

from typing import NamedTuple

from docdiff.render.plain_wrap import fitted, measure, normalize, render_lines


class Column(NamedTuple):
    """The ``Table.add_column`` arguments a plain table honours (rich's defaults)."""

    header: str
    justify: str = "left"
    overflow: str = "ellipsis"
    no_wrap: bool = False
    min_width: int | None = None


def table_lines(columns: list[Column], rows: list[list[str]], max_width: int) -> list[str]:
    """The table's lines as a Console ``max_width`` cells wide prints them (no line ends)."""
    n = len(columns)
    pads = [(0 if k == 0 else 1, 0 if k == n - 1 else 1) for k in range(n)]  # pad_edge=False
    cells = [[c.header, *(row[k] for row in rows)] for k, c in enumerate(columns)]
    room = max(0, max_width - (n + 1))  # the borders: two edges and n - 1 dividers
    widths = [_measure_column(c, cells[k], pads[k], room)[1] or 1 for k, c in enumerate(columns)]
    if sum(widths) > room:
        widths = _collapse(widths, [not c.no_wrap for c in columns], room)
        if sum(widths) > room:
            widths = _ratio_reduce(sum(widths) - room, [1] * n, widths, widths)
        widths = [_measure_column(c, cells[k], pads[k], w)[1] for k, (c, w) in enumerate(zip(columns, widths))]
    lines = ["┏" + "┳".join("━" * w for w in widths) + "┓"]
    for r in range(len(rows) + 1):
        rendered = [_cell(cells[k][r], c, pads[k], widths[k]) for k, c in enumerate(columns)]
        tallest = max(map(len, rendered))
        height = max(1, tallest)  # a row of empty cells still takes a line
        blank = [[" " * w] for w in widths]
        if r == 0:  # the header row sits at the bottom of its height
            rendered = [b * (tallest - len(c)) + c for c, b in zip(rendered, blank)]
        rendered = [c + b * (height - len(c)) for c, b in zip(rendered, blank)]
        bar = "┃" if r == 0 else "│"
        lines += [bar + bar.join(c[i] for c in rendered) + bar for i in range(height)]
        if r == 0:
            lines.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    lines.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return [fitted(line, max_width, pad=False) for line in lines]


def _measure_column(column: Column, texts: list[str], pad: tuple[int, int], max_width: int) -> tuple[int, int]:
    """``Table._measure_column``: the narrowest and widest the column can be, padding included."""
    if max_width < 1:
        return 0, 0
    measured = [_measure_padded(t, pad, max_width) for t in texts]
    low = min(max(m[0] for m in measured), max_width)
    high = min(max(m[1] for m in measured), max_width)
    if column.min_width is not None:
        floor = max(0, column.min_width + sum(pad))
        low, high = max(low, floor), max(high, floor)
    return low, high


def _measure_padded(text: str, pad: tuple[int, int], max_width: int) -> tuple[int, int]:
    """``Measurement.get`` of ``Padding(Text(text), pad)``."""
    extra = sum(pad)
    if max_width - extra < 1:
        low = high = max_width
    else:
        low, high = measure(text, max_width)
        low, high = min(low + extra, max_width), min(high + extra, max_width)
    low, high = normalize(low, high)
    low, high = min(low, max_width), min(high, max_width)
    return (0, 0) if high < 1 else normalize(low, high)


def _cell(text: str, column: Column, pad: tuple[int, int], width: int) -> list[str]:
    """A cell's lines, ``width`` cells each: its text in the padded width, then the padding."""
    left, right = pad
    inner = max(0, width - left - right)
    lines = render_lines(text, inner, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap,
                         pad=True)
    return [fitted(" " * left + line + " " * right, width, pad=True) for line in lines]


def _collapse(widths: list[int], wrappable: list[bool], max_width: int) -> list[int]:
    """``Table._collapse_widths``: the widest wrappable columns give way first, down to the next widest."""
    total = sum(widths)
    excess = total - max_width
    if any(wrappable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrappable) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrappable))
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrappable)]
            if not any(ratios) or not widest - second:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``rich._ratio.ratio_reduce``: ``total`` taken from ``values`` in proportion to ``ratios``."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out
