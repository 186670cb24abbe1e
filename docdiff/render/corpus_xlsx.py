"""CorpusReport → an XLSX workbook (XlsxWriter), one sheet per table; returns the file's bytes."""
from __future__ import annotations

import io

from docdiff.corpus.report import CorpusReport
from docdiff.render.corpus_tables import corpus_tables

_MAX_CELL = 32_767  # Excel's limit on one cell's characters


def render_corpus_xlsx(report: CorpusReport) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    # strings_to_formulas off: document text is never a formula; strings_to_urls off: nor a link
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    for table in corpus_tables(report):
        sheet = book.add_worksheet(table.name)
        sheet.write_row(0, 0, table.header, bold)
        for r, row in enumerate(table.rows, start=1):
            for c, v in enumerate(row):
                if isinstance(v, str):
                    sheet.write_string(r, c, v[:_MAX_CELL])
                elif v is not None:
                    sheet.write_number(r, c, v)
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 28)
    book.close()
    return buf.getvalue()
