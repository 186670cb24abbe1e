"""render/json.py keeps to shared/docs/CONTRACT.md field by field."""
from __future__ import annotations

import json

from docdiff.model import (
    Comparator,
    Comparison,
    Document,
    Kind,
    Metadata,
    Outline,
    Period,
    Section,
    SectionKind,
    SectionPair,
    SectionStatus,
    Similarity,
    Span,
    Target,
    TargetPair,
    TargetStatus,
)
from docdiff.render.json import SCHEMA, render_comparison_json, render_targets_json

CONTRACT_TARGET_FIELDS = {
    "id", "indicator", "key", "value", "value_high", "unit", "comparator", "year", "period",
    "baseline", "baseline_year", "binding", "status", "text", "line", "section",
}

TEXT = "一、发展目标\n到2025年,数字经济核心产业增加值占GDP比重达到10%。\n"


def _doc(path: str = "a.txt") -> Document:
    meta = Metadata(title="实施方案", kind=Kind.IMPLEMENTATION_PLAN, year=2021, period=(2021, 2025))
    return Document(path=path, text=TEXT, meta=meta)


def _target(doc: Document) -> Target:
    text = "到2025年,数字经济核心产业增加值占GDP比重达到10%"
    start = doc.text.index(text)
    return Target(
        id="t1", indicator="数字经济核心产业增加值占GDP比重", key="数字经济核心产业增加值占生产总值比重",
        value=10.0, value_high=None, unit="%", comparator=Comparator.EQ, year=2025, period=Period.POINT,
        text=text, span=Span(start, start + len(text)), line=doc.line_at(start), section="一、发展目标",
    )


def test_targets_json_has_the_contract_fields():
    doc = _doc()
    data = json.loads(render_targets_json(doc, (_target(doc),)))
    assert data["schema"] == SCHEMA == "docdiff/1"
    assert data["document"]["period"] == [2021, 2025]
    assert data["document"]["kind"] == "implementation_plan"
    (t,) = data["targets"]
    assert CONTRACT_TARGET_FIELDS <= t.keys()
    assert t["value"] == 10 and isinstance(t["value"], int)  # 10.0 is written as 10
    assert t["comparator"] == "=" and t["period"] == "point" and t["line"] == 2
    assert TEXT[t["start"]:t["end"]] == t["text"]


def test_comparison_json_sections_and_targets():
    a, b = _doc("a.txt"), _doc("b.txt")
    sec = Section(number="一", title="发展目标", level=1, kind=SectionKind.HEADING, span=Span(0, len(TEXT)),
                  title_span=Span(2, 6), line=1, path="一")
    ta, tb = _target(a), _target(b)
    c = Comparison(
        a=a, b=b, outline_a=Outline(sections=(sec,)), outline_b=Outline(sections=(sec,)),
        targets_a=(ta,), targets_b=(tb,),
        sections=(SectionPair(status=SectionStatus.MATCHED, a=sec, b=sec, similarity=1.0),),
        targets=(TargetPair(status=TargetStatus.SHARED, a=ta, b=tb),),
        similarity=Similarity(document=1.0, reuse_a_in_b=1.0, reuse_b_in_a=1.0),
        notes=("a note",),
    )
    data = json.loads(render_comparison_json(c))
    assert data["schema"] == "docdiff/1"
    assert set(data["similarity"]) == {"document", "reuse_a_in_b", "reuse_b_in_a"}
    (s,) = data["sections"]
    assert s["status"] == "matched" and s["a"] == {"title": "发展目标", "number": "一", "line": 1, "path": "一", "level": 1}
    (t,) = data["targets"]
    assert t["status"] == "shared" and t["changes"] == [] and t["direction"] is None
    assert CONTRACT_TARGET_FIELDS <= t["a"].keys()
    assert data["notes"] == ["a note"]


def test_comparison_json_is_json_dumps_of_the_contract_dict():
    """The batched msgspec path writes what json.dumps writes, for real pairs (merged/split
    shares included) and for a similarity whose float form msgspec writes otherwise."""
    from pathlib import Path

    from msgspec.structs import replace

    from docdiff.cli_support import load_input
    from docdiff.comparison import compare
    from docdiff.model import Destination
    from docdiff.render.json import comparison_json

    samples = Path(__file__).resolve().parent.parent / "samples"
    c = compare(*(load_input(str(samples / f"hailar-district-{y}-work-report.txt"), None, None) for y in (2018, 2019)))
    first = c.sections[0]
    odd = [replace(first, similarity=1e-4 / 3),  # rounds to 0.0
           replace(first, similarity=3e-5),  # rounds to 0.0
           replace(first, status=SectionStatus.SPLIT, similarity=0.5,
                   into=(Destination(section=first.b, share=2e-5), Destination(section=first.b, share=1e17)))]
    for sections in (c.sections, (*c.sections, *odd)):
        c2 = replace(c, sections=tuple(sections))
        expected = json.dumps(comparison_json(c2), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        assert render_comparison_json(c2) == expected
