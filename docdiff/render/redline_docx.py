"""Comparison → a Word redline (.docx bytes): B's text with A→B changes as tracked changes.

Page one is a summary (the two files, similarity, section and target counts, notes) and the
target table, changed targets highlighted; the body after it is B's text with every change a
real revision (``w:ins`` / ``w:del`` by author "docdiff", dated), so Word, WPS or LibreOffice
can accept or reject each one: accepting all gives B's text, rejecting all gives A's.
Moved sections are written as Word moves (``w:moveFrom`` where they stood, ``w:moveTo`` where
they stand, in named move ranges) and listed on the summary page with where they came from. The order of the body is
planned by render/redline_plan.py; the diff within an aligned section is textdiff's.

Revision markup used (ECMA-376 Part 1, §17.13.5): ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``
around runs (deleted text in ``w:delText``) and in ``w:pPr/w:rPr`` for a paragraph mark, and the
move ranges. No comments: LibreOffice 7.4 driven through UNO crashes loading a .docx with them.
"""
from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from docdiff.model import Comparison, OpKind, TargetPair, TargetStatus
from docdiff.regex_cache import compile_regex
from docdiff.render.labels import L
from docdiff.render.redline_plan import Piece, plan_redline

if TYPE_CHECKING:
    from lxml.etree import _Element

AUTHOR = "docdiff"
BODY_MARK = "—— 以下为修订稿：B 的全文，A→B 的修改以修订标记显示 ——"
_XML_ILLEGAL = compile_regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HIGHLIGHT = "FFF2CC"  # pale yellow cell shading for a changed target
_STATUS = {TargetStatus.SHARED: "相同", TargetStatus.CHANGED: "变化",
           TargetStatus.ADDED: "新增", TargetStatus.REMOVED: "删除"}


def render_redline_docx(c: Comparison, *, when: datetime | None = None) -> bytes:
    """The redline .docx of ``c`` as bytes; ``when`` dates the revisions (default: now, UTC)."""
    import docx

    document = docx.Document()
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    pieces = plan_redline(c)
    _summary_page(document, c, [p for p in pieces if p.moved and p.kind == "inserted"])
    writer = _RevisionWriter(document, stamp)
    for piece in pieces:
        writer.piece(piece)
    writer.finish()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _clean(text: str) -> str:
    """Text XML can hold (control characters dropped: XML 1.0 forbids them)."""
    return _XML_ILLEGAL.sub("", text)


# --- the summary page ------------------------------------------------------------------------

def _summary_page(document: Any, c: Comparison, moves: list[Piece]) -> None:
    from docx.enum.text import WD_BREAK

    document.add_heading(_clean("docdiff 修订对照"), level=1)
    document.add_paragraph(_clean(f"A（原稿）：{c.a.path}"))
    document.add_paragraph(_clean(f"B（新稿）：{c.b.path}"))
    s = c.similarity
    document.add_paragraph(f"全文相似度 {s.document:.0%}；A 的文字在 B 中原样保留 {s.reuse_a_in_b:.0%}，"
                           f"B 的文字在 A 中已有 {s.reuse_b_in_a:.0%}。")
    sections: dict[str, int] = {}
    for pair in c.sections:
        sections[pair.status] = sections.get(pair.status, 0) + 1
    document.add_paragraph("章节：" + "，".join(f"{L.SECTION_STATUS[k][1].split()[0]} {sections[k]}"
                                               for k in L.SECTION_ORDER if k in sections)
                           if sections else "章节：" + L.NO_SECTIONS)
    counts: dict[str, int] = {}
    for pair in c.targets:
        counts[_STATUS[pair.status]] = counts.get(_STATUS[pair.status], 0) + 1
    document.add_paragraph("指标：" + ("，".join(f"{k} {v}" for k, v in counts.items()) if counts else "无"))
    for piece in moves:
        first = piece.b.strip().split("\n", 1)[0][:30]
        document.add_paragraph(_clean(f"移动：“{first}”{piece.moved}"))
    for note in c.notes:
        document.add_paragraph(_clean(f"注：{note}"))
    if c.targets:
        _target_table(document, c.targets)
    mark = document.add_paragraph(BODY_MARK)
    mark.runs[0].add_break(WD_BREAK.PAGE)


def _target_table(document: Any, targets: tuple[TargetPair, ...]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("指标", "A", "B", "状态", "变化")):
        cell.text = head
    for pair in targets:
        row = table.add_row().cells
        target = pair.b or pair.a
        row[0].text = _clean(target.indicator if target else "")
        row[1].text = _clean(_value(pair.a))
        row[2].text = _clean(_value(pair.b))
        row[3].text = _STATUS[pair.status]
        words = [L.CHANGES.get(x, x) for x in pair.changes]
        if pair.direction:
            words.append(L.DIRECTIONS[pair.direction][1].split()[0])
        if pair.ambition:
            words.append(L.AMBITION[pair.ambition].split()[0])
        row[4].text = _clean("，".join(words))
        if pair.status != TargetStatus.SHARED:
            for cell in row:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), _HIGHLIGHT)
                cell._tc.get_or_add_tcPr().append(shading)


def _value(target: Any) -> str:
    if target is None:
        return "—"
    if target.value is None:
        return target.text[:30]
    value = f"{target.value:g}" + (f"–{target.value_high:g}" if target.value_high is not None else "")
    symbol = L.COMPARATORS.get(target.comparator, ("", ""))[0]
    comparator = f"{symbol} " if symbol else ""
    year = f"（{target.year}年）" if target.year else ""
    return f"{comparator}{value}{target.unit}{year}"


# --- the body: runs and paragraph marks under revision ---------------------------------------

class _RevisionWriter:
    """Streams (kind, text) runs into paragraphs; a newline ends a paragraph, and its mark is
    tracked as inserted or deleted when the newline itself was. A moved section is written as a
    move: ``w:moveFrom`` where it stood, ``w:moveTo`` where it stands, each inside a move range
    (``w:moveFromRangeStart``/``End``, ``w:moveToRangeStart``/``End``) named for the move."""

    def __init__(self, document: Any, stamp: str) -> None:
        self.body = document.element.body
        self.stamp = stamp
        self.next_id = 1
        self.paragraph: _Element | None = None
        self.move = False  # writing a moved section

    def piece(self, piece: Piece) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        side = "moveFrom" if piece.kind == "deleted" else "moveTo"
        if piece.move:
            start = self._mark(f"w:{side}RangeStart")
            start.set(qn("w:name"), piece.move)
            self._open().append(start)
        self.move = bool(piece.move)
        if piece.kind == "pair":
            from docdiff.comparison.textdiff import diff_text

            for op in diff_text(piece.a, piece.b):
                self.text(op.kind, op.text)
        elif piece.kind == "deleted":
            self.text(OpKind.DELETE, piece.a)
        else:
            self.text(OpKind.INSERT, piece.b)
        self.move = False
        if piece.move:
            end = OxmlElement(f"w:{side}RangeEnd")
            end.set(qn("w:id"), start.get(qn("w:id")))
            self._open().append(end)

    def text(self, kind: OpKind, text: str) -> None:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line:
                self._run(kind, line)
            if i < len(lines) - 1:
                self._end_paragraph(kind)

    def finish(self) -> None:
        if self.paragraph is not None:
            self._end_paragraph(OpKind.EQUAL)

    def _open(self) -> _Element:
        if self.paragraph is None:
            from docx.oxml import OxmlElement

            self.paragraph = OxmlElement("w:p")
            self.body.insert(len(self.body) - 1, self.paragraph)  # before the final w:sectPr
        return self.paragraph

    def _tag(self, kind: OpKind) -> str:
        if kind == OpKind.INSERT:
            return "w:moveTo" if self.move else "w:ins"
        return "w:moveFrom" if self.move else "w:del"

    def _mark(self, tag: str) -> _Element:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.stamp)
        self.next_id += 1
        return el

    def _run(self, kind: OpKind, text: str) -> None:
        from docx.oxml import OxmlElement

        p = self._open()
        r = OxmlElement("w:r")
        # deleted text is w:delText; moved-away text stays w:t, as the standard's examples write it
        text_tag = "w:delText" if kind == OpKind.DELETE and not self.move else "w:t"
        for k, part in enumerate(_clean(text).split("\t")):
            if k:
                r.append(OxmlElement("w:tab"))
            if part:
                t = OxmlElement(text_tag)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = part
                r.append(t)
        if kind == OpKind.EQUAL:
            p.append(r)
        else:
            wrap = self._mark(self._tag(kind))
            wrap.append(r)
            p.append(wrap)

    def _end_paragraph(self, kind: OpKind) -> None:
        from docx.oxml import OxmlElement

        p = self._open()
        if kind != OpKind.EQUAL:
            ppr = OxmlElement("w:pPr")
            rpr = OxmlElement("w:rPr")
            rpr.append(self._mark(self._tag(kind)))
            ppr.append(rpr)
            p.insert(0, ppr)
        self.paragraph = None
