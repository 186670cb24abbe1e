"""Sheets → an .xlsx workbook (XlsxWriter): a frozen header row with an autofilter, numbers as
numbers, text always as text (never a formula), column widths that count CJK as two, and the
status cells coloured with the status word kept (colour is never the only sign).
"""
from __future__ import annotations

import io

from docdiff.errors import printable
from docdiff.render.cells import display_width
from docdiff.render.sheet import NUMBER_COLUMNS, STATUS_COLUMN, Sheet

MAX_COLUMN_WIDTH = 60  # a sentence column wider than this would push the rest off screen; it wraps
MIN_COLUMN_WIDTH = 6
# status → fill colour (light tints that print legibly in black and white as well)
STATUS_FILL = {"changed": "#FFF2CC", "removed": "#F8CBAD", "added": "#C6EFCE", "shared": "#EDEDED",
               "matched": "#EDEDED", "moved": "#E4DFEC"}


def column_width(name: str, values: list[object]) -> int:
    """Excel character units for a column: its widest cell, CJK counting two, within limits."""
    widest = max([display_width(name)] + [display_width(_shown(v)) for v in values if v is not None])
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, widest + 2))


def _shown(v: object) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def render_xlsx(sheets: tuple[Sheet, ...]) -> bytes:
    """The workbook's bytes; one worksheet per sheet, in order."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bottom": 1, "bg_color": "#D9E1F2"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    status_formats = {s: book.add_format({"bg_color": c, "valign": "top"}) for s, c in STATUS_FILL.items()}
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        for col, name in enumerate(sheet.columns):
            ws.write_string(0, col, name, header)
            values = [row[col] for row in sheet.rows]
            width = column_width(name, values)
            ws.set_column(col, col, width, wrap if width == MAX_COLUMN_WIDTH else top)
        for r, row in enumerate(sheet.rows, start=1):
            for col, (name, value) in enumerate(zip(sheet.columns, row)):
                fmt = status_formats.get(str(value)) if name == STATUS_COLUMN else None
                if value is None:
                    if fmt is not None:
                        ws.write_blank(r, col, None, fmt)
                elif name in NUMBER_COLUMNS and isinstance(value, int | float):
                    ws.write_number(r, col, value)
                else:  # write_string: text starting with = stays text, whatever the options say
                    ws.write_string(r, col, printable(str(value)), fmt)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    book.close()
    return out.getvalue()
