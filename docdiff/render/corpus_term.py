"""CorpusReport → terminal text: the target table (indicators × documents, transposed when the
documents do not fit across), the top reuse pairs with a passage each, clusters, parent verdicts.
Document text enters rich only as ``Text`` with control characters made visible."""
from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from docdiff.corpus.report import CorpusReport, Verdict
from docdiff.errors import printable
from docdiff.render.console import SafeConsole
from docdiff.render.corpus_tables import doc_label, target_cell

COLUMN = 11  # cells per document column: "5.5%左右" is 8 wide
FIRST = 24  # the indicator column
MAX_OTHER_ROWS = 15  # rows after the headline tier shown in the terminal (all are in the JSON)
TOP_PAIRS = 10
_VERDICT_STYLE = {Verdict.STRONGER: "green", Verdict.WEAKER: "red", Verdict.MISSING: "yellow",
                  Verdict.CONSISTENT: "", Verdict.LOCAL: "dim", Verdict.UNJUDGED: "dim"}


def _t(s: str, style: str = "") -> Text:
    return Text(printable(s), style=style)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _targets(report: CorpusReport, console: Console, width: int) -> None:
    headline = [r for r in report.indicators if r.tier == "headline"]
    rows = headline + [r for r in report.indicators if r.tier != "headline"][:MAX_OTHER_ROWS]
    n = len(report.documents)
    console.print(_t(f"Targets: {len(report.indicators)} indicators ({len(headline)} headline)", "bold"))
    if FIRST + n * COLUMN <= width:
        for d in range(n):  # file names are too long for a column head: number the columns
            console.print(_t(f"  [{d}] {doc_label(report, d)}", "dim"))
        table = Table(header_style="bold", pad_edge=False)
        table.add_column("indicator", overflow="fold", max_width=FIRST)
        for d in range(n):
            table.add_column(f"[{d}]", overflow="fold", max_width=COLUMN)
        for r in rows:
            cells = {c.document: target_cell(c.target) for c in r.cells}
            table.add_row(_t(r.label, "bold" if r.tier == "headline" else ""), *(_t(cells.get(d, "·")) for d in range(n)))
    else:  # more documents than fit across: one row per document, headline indicators across
        fit = max(1, (width - FIRST) // COLUMN)
        shown = rows[:fit]
        table = Table(header_style="bold", pad_edge=False)
        table.add_column("document", overflow="fold", max_width=FIRST)
        for r in shown:
            table.add_column(_t(_short(r.label, COLUMN - 1)), overflow="fold", max_width=COLUMN)
        by_row = [{c.document: target_cell(c.target) for c in r.cells} for r in shown]
        for d in range(n):
            table.add_row(_t(doc_label(report, d)), *(_t(cells.get(d, "·")) for cells in by_row))
    console.print(table)


def _reuse(report: CorpusReport, console: Console) -> None:
    pairs = [s for s in report.similarity if s.similarity > 0][:TOP_PAIRS]
    console.print()
    console.print(_t(f"Reuse: {len(report.similarity)} pairs verified, {len(report.passages)} shared passages", "bold"))
    first = {}
    for p in report.passages:
        first.setdefault((p.a, p.b), p)
    for s in pairs:
        line = _t(f"{doc_label(report, s.a)} ↔ {doc_label(report, s.b)}", "bold")
        line.append(f"  similarity {s.similarity:.2f}, {s.reuse_a_in_b:.0%} of a in b, {s.reuse_b_in_a:.0%} of b in a",
                    style="dim")
        console.print(line)
        p = first.get((s.a, s.b))
        if p is not None:
            quote = Text(f"  a:{p.a_line} b:{p.b_line} ", style="cyan")
            quote.append(printable(_short(p.text, 40)))  # CJK: two cells each
            console.print(quote)
    for i, group in enumerate(report.clusters, 1):
        console.print(_t(f"cluster {i}: " + ", ".join(doc_label(report, d) for d in group)))


def _parent(report: CorpusReport, console: Console) -> None:
    parent = report.parent
    if parent is None:
        return
    console.print()
    console.print(_t(f"Against {parent.title or parent.path}", "bold"))
    for d in range(len(report.documents)):
        mine = [f for f in parent.findings if f.document == d]
        counts = Counter(f.verdict for f in mine)
        line = _t(doc_label(report, d), "bold")
        line.append("  " + ", ".join(f"{counts[v]} {v}" for v in Verdict if counts[v]), style="dim")
        console.print(line)
        for f in mine:
            if f.verdict in (Verdict.STRONGER, Verdict.WEAKER) or (f.verdict == Verdict.MISSING and f.binding):
                row = Text(f"  {f.verdict:<10} ", style=_VERDICT_STYLE[f.verdict])
                row.append(printable(f.key))
                if f.margin is not None:
                    row.append(f" {f.margin:+g}{f.margin_unit}", style="bold")
                if f.parent is not None:
                    row.append(f"  parent: {printable(_short(f.parent.text, 30))}", style="dim")
                if f.target is not None:
                    row.append(f"  here: {printable(_short(f.target.text, 30))} (line {f.target.line})", style="dim")
                if f.note:
                    row.append(f"  [{printable(f.note)}]", style="dim")
                console.print(row)


def render_corpus_term(report: CorpusReport, *, color: bool, width: int) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system="truecolor" if color else None,
                      force_terminal=color, highlight=False, emoji=False)
    console.print(_t(f"{len(report.documents)} documents", "bold"))
    if report.indicators:
        _targets(report, console, width)
    _reuse(report, console)
    _parent(report, console)
    for note in report.notes:
        console.print(_t(f"note: {note}", "dim"))
    return out.getvalue()
