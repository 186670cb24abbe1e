"""CorpusReport → CSV: each table (targets, similarity, passages, clusters, parent) in turn, a
blank line between them, each header row opening with the table's name in brackets."""
from __future__ import annotations

import csv
import io

from docdiff.corpus.report import CorpusReport
from docdiff.render.cells import defuse_formula
from docdiff.render.corpus_tables import Value, corpus_tables


def safe_cell(v: Value) -> Value:
    """Document text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(v, str):
        return defuse_formula(v)
    return "" if v is None else v


def render_corpus_csv(report: CorpusReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for i, table in enumerate(corpus_tables(report)):
        if i:
            writer.writerow([])
        writer.writerow([f"[{table.name}] {table.header[0]}", *table.header[1:]])
        for row in table.rows:
            writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
