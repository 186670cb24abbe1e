"""CorpusReport → plain tables (name, header, rows of str/number/None) for CSV and XLSX:
targets (indicators × documents), similarity, passages, clusters, parent."""
from __future__ import annotations

from msgspec import Struct

from docdiff.corpus.report import CorpusReport
from docdiff.model import Comparator, Target

Value = str | int | float | None

_AFTER = {Comparator.GE: "以上", Comparator.LE: "以内", Comparator.APPROX: "左右", Comparator.EQ: ""}


class PlainTable(Struct, frozen=True):
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def number(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def target_cell(t: Target) -> str:
    """5%左右, 4.5–5%, 28万人以上, 完成上级下达指标 (no value): how a table shows one target."""
    if t.value is None:
        return t.text
    if t.comparator == Comparator.RANGE and t.value_high is not None:
        return f"{number(t.value)}–{number(t.value_high)}{t.unit}"
    return f"{number(t.value)}{t.unit}{_AFTER.get(t.comparator, '')}"


def doc_label(report: CorpusReport, d: int) -> str:
    doc = report.documents[d]
    return doc.path.rsplit("/", 1)[-1]


def corpus_tables(report: CorpusReport) -> list[PlainTable]:
    docs = range(len(report.documents))
    tables = []
    if report.indicators:
        rows = []
        for r in report.indicators:
            cells = {c.document: target_cell(c.target) for c in r.cells}
            rows.append((r.key, r.label, r.tier, len(r.cells), *(cells.get(d, "") for d in docs)))
        tables.append(PlainTable("targets", ("key", "label", "tier", "documents", *(doc_label(report, d) for d in docs)),
                                 tuple(rows)))
    tables.append(PlainTable("similarity", ("a", "b", "similarity", "reuse_a_in_b", "reuse_b_in_a"), tuple(
        (doc_label(report, s.a), doc_label(report, s.b), s.similarity, s.reuse_a_in_b, s.reuse_b_in_a)
        for s in report.similarity)))
    tables.append(PlainTable("passages", ("a", "a_line", "b", "b_line", "chars", "text", "text_b"), tuple(
        (doc_label(report, p.a), p.a_line, doc_label(report, p.b), p.b_line, p.chars, p.text, p.text_b)
        for p in report.passages)))
    tables.append(PlainTable("clusters", ("cluster", "document", "closest"), tuple(
        (i + 1, doc_label(report, d), "; ".join(doc_label(report, o) for o in report.closest[d]))
        for i, group in enumerate(report.clusters) for d in group)))
    if report.parent is not None:
        tables.append(PlainTable("parent", ("document", "key", "verdict", "margin", "margin_unit", "binding", "note",
                                            "parent_target", "parent_line", "target", "line"), tuple(
            (doc_label(report, f.document), f.key, str(f.verdict), f.margin, f.margin_unit,
             "约束性" if f.binding else "", f.note, f.parent.text if f.parent else "", f.parent.line if f.parent else None,
             f.target.text if f.target else "", f.target.line if f.target else None)
            for f in report.parent.findings)))
    return tables
