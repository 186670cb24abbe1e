"""Hand-built Comparisons for the renderer tests, independent of the pipeline stages.

``small_comparison()`` is a 2018 → 2019 work-report pair with one section pair and one target
pair of every status; ``hostile_comparison()`` puts markup and template syntax into every
string a renderer prints.
"""
from __future__ import annotations

import difflib

from msgspec import Struct

from docdiff.model import (
    Comparator,
    Comparison,
    Destination,
    DiffOp,
    Document,
    Kind,
    Metadata,
    OpKind,
    Outline,
    Period,
    Section,
    SectionKind,
    SectionPair,
    SectionStatus,
    SharedPassage,
    Similarity,
    Span,
    Target,
    TargetPair,
    TargetStatus,
)


class Part(Struct, frozen=True):
    """One heading of a fixture document: number, title, body, children."""

    number: str
    title: str
    body: str
    children: tuple[Part, ...] = ()


def build_document(path: str, preamble: str, parts: tuple[Part, ...], meta: Metadata) -> tuple[Document, Outline]:
    """Write ``parts`` out as text (heading line, body lines) and build the matching Outline."""
    chunks: list[str] = [preamble]
    pos = len(preamble)

    def emit(part: Part, level: int, parent_path: str) -> Section:
        nonlocal pos
        start = pos
        heading = f"{part.number}{part.title}\n"
        title_start = start + len(part.number)
        chunks.append(heading + part.body)
        pos += len(heading) + len(part.body)
        path = f"{parent_path}/{part.number}" if parent_path else part.number
        children = tuple(emit(c, level + 1, path) for c in part.children)
        return Section(
            number=part.number,
            title=part.title,
            level=level,
            kind=SectionKind.HEADING,
            span=Span(start, pos),
            title_span=Span(title_start, title_start + len(part.title)),
            line=0,  # filled below, once the text exists
            path=path,
            children=children,
        )

    sections = tuple(emit(p, 1, "") for p in parts)
    doc = Document(path=path, text="".join(chunks), meta=meta)

    def with_line(s: Section) -> Section:
        return Section(
            number=s.number, title=s.title, level=s.level, kind=s.kind, span=s.span,
            title_span=s.title_span, line=doc.line_at(s.span.start), path=s.path,
            children=tuple(with_line(c) for c in s.children),
        )

    return doc, Outline(sections=tuple(with_line(s) for s in sections))


def find_section(outline: Outline, path: str) -> Section:
    return next(s for s in outline.walk() if s.path == path)


def own_text(doc: Document, s: Section) -> str:
    """The section's heading and body up to its first child (what a pair's diff covers here)."""
    end = s.children[0].span.start if s.children else s.span.end
    return doc.text[s.span.start : end]


def diff_ops(a: str, b: str, moved: bool = False) -> tuple[DiffOp, ...]:
    """A character diff from difflib: enough to exercise the renderers, deterministic."""
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(DiffOp(OpKind.EQUAL, a[i1:i2]))
            continue
        if i2 > i1:
            ops.append(DiffOp(OpKind.DELETE, a[i1:i2], moved))
        if j2 > j1:
            ops.append(DiffOp(OpKind.INSERT, b[j1:j2], moved))
    return tuple(ops)


def make_target(doc: Document, outline: Outline, tid: str, text: str, indicator: str, value: float | None,
                unit: str, comparator: Comparator = Comparator.EQ, *, year: int | None,
                value_high: float | None = None, period: Period = Period.ANNUAL, key: str = "") -> Target:
    start = doc.text.index(text)
    chain = outline.section_at(start)
    return Target(
        id=tid, indicator=indicator, key=key or indicator, value=value, value_high=value_high, unit=unit,
        comparator=comparator, year=year, period=period, text=text, span=Span(start, start + len(text)),
        line=doc.line_at(start), section=" / ".join(s.number + s.title for s in chain),
    )


A_PARTS = (
    Part("一、", "2017年工作回顾", "过去的一年，地区生产总值增长5.5%。城乡居民收入稳步提高。\n我们坚持改革开放，营商环境持续优化。\n"),
    Part(
        "二、", "2018年工作安排",
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长3%；城镇登记失业率控制在4%以内。\n",
        (
            Part("（一）", "打好三大攻坚战", "严格控制债务增量。完成脱贫人口1200人。\n"),
            Part("（二）", "推动城市发展", "继续推进棚户区改造工程。新建公园3个。\n"),
        ),
    ),
    Part("三、", "加强政府自身建设", "坚持依法行政，自觉接受人大监督。\n"),
    Part("四、", "其他事项", "做好第四次全国经济普查准备工作。\n"),
    Part("五、", "转变政府作风", "坚持依法行政，力戒形式主义。\n"),
    Part("六、", "城市与营商环境", "继续推进棚户区改造工程。新增市场主体800户。\n"),
)
B_PARTS = (
    Part("一、", "2018年工作回顾", "过去的一年，地区生产总值增长5.8%。城乡居民收入稳步提高。\n我们坚持改革开放，营商环境持续优化。\n"),
    Part(
        "二、", "2019年工作安排",
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%；"
        "城镇登记失业率控制在4.5%以内；新增城镇就业2000人。\n",
        (
            Part("（一）", "推动城市发展", "继续推进棚户区改造工程。新建公园3个。\n"),
            Part("（二）", "打好三大攻坚战", "严格控制债务增量，守住不发生系统性风险底线。\n"),
        ),
    ),
    Part("三、", "加强政府自身建设", "坚持依法行政，自觉接受人大监督。\n"),
    Part("四、", "优化营商环境", "新增市场主体1000户。\n"),
)


def small_comparison() -> Comparison:
    """Hailar-like 2018 → 2019 reports: every section and target status once or more."""
    a, outline_a = build_document(
        "samples/demo-2018-work-report.txt", "海拉尔区政府工作报告\n\n", A_PARTS,
        Metadata(title="2018年海拉尔区政府工作报告", issuer="海拉尔区人民政府", date="2018-03-07",
                 kind=Kind.WORK_REPORT, year=2018),
    )
    b, outline_b = build_document(
        "samples/demo-2019-work-report.txt", "海拉尔区政府工作报告\n\n", B_PARTS,
        Metadata(title="2019年海拉尔区政府工作报告", issuer="海拉尔区人民政府", date="2019-03-12",
                 kind=Kind.WORK_REPORT, year=2019),
    )

    def pair(status: SectionStatus, pa: str | None, pb: str | None, sim: float, moved: bool = False) -> SectionPair:
        sa = find_section(outline_a, pa) if pa else None
        sb = find_section(outline_b, pb) if pb else None
        diff: tuple[DiffOp, ...] = ()
        if sa and sb and own_text(a, sa) != own_text(b, sb):
            diff = diff_ops(own_text(a, sa), own_text(b, sb), moved)
        return SectionPair(status=status, a=sa, b=sb, similarity=sim, diff=diff)

    def merged(status: SectionStatus, pa: str, into: tuple[str, ...], sim: float) -> SectionPair:
        sa, dests = find_section(outline_a, pa), [find_section(outline_b, pb) for pb in into]
        shares = [round(1 / len(dests), 4)] * len(dests)
        return SectionPair(status=status, a=sa, b=dests[0], similarity=sim,
                           diff=diff_ops(own_text(a, sa), b.slice(dests[0].span)),
                           into=tuple(Destination(section=d, share=sh) for d, sh in zip(dests, shares)))

    sections = (
        pair(SectionStatus.MATCHED, "一、", "一、", 0.93),
        pair(SectionStatus.CHANGED, "二、", "二、", 0.71),
        pair(SectionStatus.MOVED, "二、/（二）", "二、/（一）", 1.0),
        pair(SectionStatus.MOVED, "二、/（一）", "二、/（二）", 0.55),
        pair(SectionStatus.MATCHED, "三、", "三、", 1.0),
        pair(SectionStatus.REMOVED, "四、", None, 0.0),
        pair(SectionStatus.ADDED, None, "四、", 0.0),
        merged(SectionStatus.MERGED, "五、", ("三、",), 0.42),
        merged(SectionStatus.SPLIT, "六、", ("二、/（一）", "四、"), 0.31),
    )
    ta = (
        make_target(a, outline_a, "t1", "地区生产总值增长6%左右", "地区生产总值增长", 6, "%", Comparator.APPROX, year=2018),
        make_target(a, outline_a, "t2", "一般公共预算收入增长3%", "一般公共预算收入增长", 3, "%", year=2018),
        make_target(a, outline_a, "t3", "城镇登记失业率控制在4%以内", "城镇登记失业率", 4, "%", Comparator.LE, year=2018,
                    period=Period.POINT),
        make_target(a, outline_a, "t4", "完成脱贫人口1200人", "脱贫人口", 1200, "人", year=2018),
    )
    tb = (
        make_target(b, outline_b, "t1", "地区生产总值增长6%左右", "地区生产总值增长", 6, "%", Comparator.APPROX, year=2019),
        make_target(b, outline_b, "t2", "一般公共预算收入增长5%", "一般公共预算收入增长", 5, "%", year=2019),
        make_target(b, outline_b, "t3", "城镇登记失业率控制在4.5%以内", "城镇登记失业率", 4.5, "%", Comparator.LE, year=2019,
                    period=Period.POINT),
        make_target(b, outline_b, "t4", "新增城镇就业2000人", "新增城镇就业", 2000, "人", year=2019),
        make_target(b, outline_b, "t5", "新增市场主体1000户", "新增市场主体", 1000, "户", year=2019),
    )
    targets = (
        TargetPair(status=TargetStatus.SHARED, a=ta[0], b=tb[0]),
        TargetPair(status=TargetStatus.CHANGED, a=ta[1], b=tb[1], changes=("value",), direction="raised",
                   ambition="stricter"),
        TargetPair(status=TargetStatus.CHANGED, a=ta[2], b=tb[2], changes=("value",), direction="raised",
                   ambition="looser"),
        TargetPair(status=TargetStatus.REMOVED, a=ta[3], b=None),
        TargetPair(status=TargetStatus.ADDED, a=None, b=tb[3]),
        TargetPair(status=TargetStatus.ADDED, a=None, b=tb[4]),
    )
    shared_text = "我们坚持改革开放，营商环境持续优化。"
    passages = (
        SharedPassage(text=shared_text, span_a=_span_of(a, shared_text), span_b=_span_of(b, shared_text)),
    )
    return Comparison(
        a=a, b=b, outline_a=outline_a, outline_b=outline_b, targets_a=ta, targets_b=tb,
        sections=sections, targets=targets,
        similarity=Similarity(document=0.82, reuse_a_in_b=0.64, reuse_b_in_a=0.58),
        shared_passages=passages,
        notes=("二、: 180-character pair diffed by sentence only",),
    )


def _span_of(doc: Document, text: str) -> Span:
    start = doc.text.index(text)
    return Span(start, start + len(text))


HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>',
    "</style>",
    "</script>",
    "]]>",
    "{{x}}",
    "[bold]红[/bold]",
    "| * _ ` ~ # <b>粗</b> &amp; \\",
    "\u2028\u2029",
)


def hostile_comparison() -> Comparison:
    """Every printed string carries markup, template and Markdown syntax."""
    evil = "".join(HOSTILE)
    parts_a = (
        Part("一、", f"总体要求{HOSTILE[0]}", f"到2025年，{evil}指标达到10%。\n"),
        Part("二、", "删去的章节</script>", f"旧内容{HOSTILE[1]}。\n"),
    )
    parts_b = (
        Part("一、", f"总体要求{HOSTILE[0]}", f"到2025年，{evil}指标达到12%。{HOSTILE[4]}\n"),
        Part("二、", "新增的章节{{x}}", f"新内容{HOSTILE[2]}。\n"),
    )
    meta = Metadata(title=f"标题{HOSTILE[0]}{HOSTILE[7]}", issuer=HOSTILE[1], date="2021-01-01", kind=Kind.PLAN)
    a, outline_a = build_document(f"evil{HOSTILE[3]}a.txt", f"前言{HOSTILE[5]}\n", parts_a, meta)
    b, outline_b = build_document(f"evil{HOSTILE[6]}b.txt", f"前言{HOSTILE[5]}\n", parts_b, meta)
    s1a, s1b = outline_a.sections[0], outline_b.sections[0]
    ta = make_target(a, outline_a, "t1", f"{evil}指标达到10%", f"{evil}指标", 10, "%", year=2025, period=Period.POINT)
    tb = make_target(b, outline_b, "t1", f"{evil}指标达到12%", f"{evil}指标", 12, "%", year=2025, period=Period.POINT)
    return Comparison(
        a=a, b=b, outline_a=outline_a, outline_b=outline_b, targets_a=(ta,), targets_b=(tb,),
        sections=(
            SectionPair(status=SectionStatus.CHANGED, a=s1a, b=s1b, similarity=0.9,
                        diff=diff_ops(own_text(a, s1a), own_text(b, s1b))),
            SectionPair(status=SectionStatus.REMOVED, a=outline_a.sections[1], b=None, similarity=0.0),
            SectionPair(status=SectionStatus.ADDED, a=None, b=outline_b.sections[1], similarity=0.0),
        ),
        targets=(TargetPair(status=TargetStatus.CHANGED, a=ta, b=tb, changes=("value",), direction="raised"),),
        similarity=Similarity(document=0.5, reuse_a_in_b=0.4, reuse_b_in_a=0.4),
        shared_passages=(SharedPassage(text=evil, span_a=_span_of(a, evil), span_b=_span_of(b, evil)),),
        notes=(f"note {HOSTILE[0]} {HOSTILE[7]}",),
    )
