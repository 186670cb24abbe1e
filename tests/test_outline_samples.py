"""parse_outline end to end on the real samples (through ingest, so debris is marked)."""
from __future__ import annotations

import pytest
from conftest import SAMPLES

from docdiff.model import Document, Outline, SectionKind
from docdiff.outline import parse_outline

CN = "一二三四五六七八九十"
CHAPTERS = [CN[i] for i in range(10)] + ["十一", "十二", "十三", "十四"]


def outline_of(name: str) -> tuple[Document, Outline]:
    from docdiff.ingest import load

    doc = load(str(next(SAMPLES.glob(f"{name}*"))))
    return doc, parse_outline(doc)


def test_luqiao_has_fourteen_chapters_with_numbered_sections() -> None:
    doc, outline = outline_of("luqiao")
    assert [s.number for s in outline.sections] == CHAPTERS
    assert outline.sections[0].line == 11 and outline.sections[-1].title == "规划实施保障"
    for chapter in outline.sections:
        numbered = [c for c in chapter.children if c.kind is SectionKind.HEADING]
        assert [c.number for c in numbered] == [f"({CN[i]})" for i in range(len(numbered))]
        assert numbered, chapter.title
    boxes = [s for s in outline.walk() if s.kind is SectionKind.BOX]
    assert [b.number for b in boxes] == [f"专栏{i}" for i in range(1, 11)]
    assert len(outline.tables) == 2
    tables = [(s.path, s.line, s.title) for s in outline.walk() if s.kind is SectionKind.TABLE]
    assert tables == [
        ("一/(一)/T1", 36, "1\xa0路桥区“十三五”规划纲要主要指标完成情况表"),
        ("一/(五)/表2", 468, "路桥区“十四五”时期国民经济和社会发展主要指标"),
    ]
    review = next(s for s in outline.walk() if s.line == 31)  # 重点改革成效显著: ends where table 1 starts
    assert review.span.end == outline.tables[0].span.start


def test_linhai_parts_sections_and_items() -> None:
    doc, outline = outline_of("linhai")
    assert [(s.number, s.title) for s in outline.sections] == [("一", "总体要求"), ("二", "重点任务"), ("三", "保障措施和推进机制")]
    two = outline.sections[1]
    assert [c.number for c in two.children] == [f"({CN[i]})" for i in range(9)]
    items = [i for c in two.children for i in c.children]
    assert [i.number for i in items] == [str(n) for n in range(1, 34)]
    assert items[0].title == "激发市场主体活力" and items[0].kind is SectionKind.ITEM


def test_taizhou_parts_skip_the_portal_header() -> None:
    doc, outline = outline_of("taizhou")
    assert [(s.number, s.line) for s in outline.sections] == [("一", 50), ("二", 110), ("三", 132)]
    assert [c.title for c in outline.sections[0].children if c.kind is SectionKind.HEADING] == [
        "经济运行稳中向好", "发展动能稳步增强", "改革开放不断深化", "城乡面貌大幅改善", "民生福祉日益增进", "治理能力持续加强",
    ]


@pytest.mark.parametrize("year", range(2012, 2020))
def test_hailar_reports_show_their_parts(year: int) -> None:
    doc, outline = outline_of(f"hailar-district-{year}")
    numbers = [s.number for s in outline.sections]
    assert numbers[:2] == ["一", "二"] and numbers == [CN[i] for i in range(len(numbers))]
    assert all("工作" in s.title or "目标" in s.title or "建设" in s.title for s in outline.sections)


@pytest.mark.parametrize("name", ["luqiao", "linhai", "taizhou", "tiantai", "quzhou", "hailar-district-2015"])
def test_no_section_starts_in_debris_and_spans_nest(name: str) -> None:
    doc, outline = outline_of(name)
    for s in outline.walk():
        assert not doc.is_debris(s.span.start)
        assert doc.text[s.title_span.start : s.title_span.end] == s.title
        assert s.line == doc.line_at(s.span.start)
        for c in s.children:
            assert s.span.contains(c.span) and c.level == s.level + 1
