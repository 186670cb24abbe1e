"""Golden tests for the targets renderers (terminal and CSV) on a small synthetic document."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from docdiff.model import Comparator, Document, Kind, Metadata, Period, Span, Target
from docdiff.render.csv import FIELDS, render_targets_csv
from docdiff.render.targets_term import render_targets_term

GOLDEN = Path(__file__).resolve().parent / "golden"

TEXT = "一、发展目标\n到2025年,GDP达到[bold]1000亿元,<script>alert(1)</script>失业率控制在3%以内。\n"


def _targets(doc: Document) -> tuple[Target, ...]:
    def t(i: int, indicator: str, frag: str, **kw) -> Target:
        start = doc.text.index(frag)
        span = Span(start, start + len(frag))
        base = dict(id=f"t{i}", indicator=indicator, key=indicator, value_high=None, year=2025,
                    period=Period.POINT, text=frag, span=span, line=doc.line_at(start), section="一、发展目标")
        return Target(**(base | kw))

    return (
        t(1, "GDP[bold]", "GDP达到[bold]1000亿元", value=1000.0, unit="亿元", comparator=Comparator.EQ,
          baseline=669.0, baseline_year=2020, binding="预期性"),
        t(2, "<script>alert(1)</script>失业率", "<script>alert(1)</script>失业率控制在3%以内", value=3.0, unit="%",
          comparator=Comparator.LE),
        t(3, "增长", "到2025年", value=5.0, value_high=6.0, unit="%", comparator=Comparator.RANGE,
          period=Period.ANNUAL, section="", status="past"),
    )


def _doc() -> Document:
    return Document(path="synthetic.txt", text=TEXT, meta=Metadata(title="合成文件", kind=Kind.PLAN))


def _check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:  # keep csv's \r\n as written
            f.write(text)
    with open(path, encoding="utf-8", newline="") as f:
        assert text == f.read()


def test_term_golden(update_golden: bool) -> None:
    doc = _doc()
    _check("targets-synthetic.term", render_targets_term(doc, _targets(doc), color=False, width=100), update_golden)
    _check("targets-synthetic.color.term", render_targets_term(doc, _targets(doc), color=True, width=100),
           update_golden)


def test_term_shows_document_text_verbatim() -> None:
    doc = _doc()
    out = render_targets_term(doc, _targets(doc), color=True, width=120)
    assert "[bold]" in out, "document text must not be read as rich markup"
    assert "<script>alert(1)</script>" in out
    assert "一、发展目标" in out and "(no section)" in out


def test_term_without_targets() -> None:
    assert "No quantified targets found." in render_targets_term(_doc(), (), color=False, width=80)


def test_csv_golden(update_golden: bool) -> None:
    doc = _doc()
    text = render_targets_csv(doc, _targets(doc))
    _check("targets-synthetic.csv", text, update_golden)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == FIELDS
    assert rows[1][FIELDS.index("value")] == "1000" and rows[1][FIELDS.index("value_high")] == ""
    assert rows[3][FIELDS.index("comparator")] == "range" and rows[3][FIELDS.index("status")] == "past"
    assert rows[2][FIELDS.index("text")] == "<script>alert(1)</script>失业率控制在3%以内"
