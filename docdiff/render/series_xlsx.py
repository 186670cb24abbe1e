"""Ledger → an XLSX workbook (XlsxWriter): the long-form sheet of the CSV, plus a wide sheet of
targets with indicators down and years across. Text is always written as text, never a formula."""
from __future__ import annotations

import io

from docdiff.render.series_table import FIELDS, NUMERIC, long_records
from docdiff.series.model import Cell, Ledger, Row

_VERDICT_COLOURS = {"met": "#d9f2d9", "missed": "#f8d7da", "not_set": "#e2e3e5"}


def _shown(c: Cell) -> str:
    """'≈6%', '≥5700人', '6–6.5%'; 不设 for a year that sets no target on purpose."""
    t = c.target
    if t is None:
        return "不设" if c.not_set is not None else ""
    value = "" if t.value is None else f"{t.value:g}"
    if t.value_high is not None:
        value += f"–{t.value_high:g}"
    marks = {"=": "", ">=": "≥", "<=": "≤", "~": "≈", "range": ""}
    return f"{marks.get(str(t.comparator), '')}{value}{t.unit}"


def render_series_xlsx(ledger: Ledger, rows: tuple[Row, ...]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    long = book.add_worksheet("long")
    for j, f in enumerate(FIELDS):
        long.write_string(0, j, f, bold)
    for i, rec in enumerate(long_records(ledger, rows), 1):
        for j, f in enumerate(FIELDS):
            v = rec[f]
            if v is None:
                continue
            if f in NUMERIC:
                long.write_number(i, j, float(v))
            else:
                long.write_string(i, j, str(v))
    long.freeze_panes(1, 0)
    wide = book.add_worksheet("targets")
    fills = {k: book.add_format({"bg_color": v}) for k, v in _VERDICT_COLOURS.items()}
    wide.write_string(0, 0, "indicator", bold)
    for j, y in enumerate(ledger.years, 1):
        wide.write_number(0, j, y, bold)
    for i, r in enumerate(rows, 1):
        wide.write_string(i, 0, r.label)
        for j, c in enumerate(r.cells, 1):
            text = _shown(c)
            if text:
                wide.write_string(i, j, text, fills.get(str(c.verdict)))
    wide.freeze_panes(1, 1)
    wide.set_column(0, 0, 28)
    book.close()
    return buf.getvalue()
