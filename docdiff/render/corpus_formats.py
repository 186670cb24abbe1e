"""CorpusReport → the chosen format: text (term, html, json, csv) or bytes (xlsx); each
renderer is imported only when asked for."""
from __future__ import annotations

from docdiff.corpus.report import CorpusReport


def render_corpus(report: CorpusReport, fmt: str, *, color: bool = False, width: int = 100) -> str | bytes:
    if fmt == "json":
        from docdiff.render.corpus_json import render_corpus_json

        return render_corpus_json(report)
    if fmt == "html":
        from docdiff.render.corpus_html import render_corpus_html

        return render_corpus_html(report)
    if fmt == "csv":
        from docdiff.render.corpus_csv import render_corpus_csv

        return render_corpus_csv(report)
    if fmt == "xlsx":
        from docdiff.render.corpus_xlsx import render_corpus_xlsx

        return render_corpus_xlsx(report)
    from docdiff.render.corpus_term import render_corpus_term

    return render_corpus_term(report, color=color, width=width)
