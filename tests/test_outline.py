"""parse_outline on small synthetic documents: one test per heading style and rule."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docdiff.model import Document, Section, SectionKind, Span
from docdiff.outline.patterns import HEADING_PATTERNS
from docdiff.outline.tree import _cn_int, parse_outline


def doc_of(*lines: str, debris: tuple[Span, ...] = ()) -> Document:
    return Document(path="t.txt", text="\n".join(lines) + "\n", debris=debris)


def flat(doc: Document) -> list[tuple[int, str, str, int]]:
    """(level, number, title, line) of every section, in document order."""
    return [(s.level, s.number, s.title, s.line) for s in parse_outline(doc).walk()]


BODY = "这是正文内容，说明具体工作安排和措施要求，篇幅较长以免被当作标题处理。"


def test_every_pattern_matches_its_example() -> None:
    for p in HEADING_PATTERNS:
        assert p.regex.match(p.example), p.name


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("一百〇九", 109), ("12", 12), ("③", 3)],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert _cn_int(numeral) == value


def test_empty_and_headless_documents_give_no_sections() -> None:
    assert parse_outline(Document(path="e", text="")).sections == ()
    assert parse_outline(doc_of(BODY, BODY)).sections == ()


def test_levels_follow_order_of_first_appearance() -> None:
    # (一) is seen first, so it is level 1 here; 一、 nests below it.
    doc = doc_of("(一)总体要求", "一、指导思想", BODY, "二、基本原则", BODY, "(二)主要任务", "一、产业发展", BODY)
    assert flat(doc) == [
        (1, "(一)", "总体要求", 1),
        (2, "一", "指导思想", 2),
        (2, "二", "基本原则", 4),
        (1, "(二)", "主要任务", 6),
        (2, "一", "产业发展", 7),
    ]


@pytest.mark.parametrize(
    ("first", "second", "number"),
    [
        ("第一章 总体要求", "第二章 发展目标", "第一章"),
        ("第一节 总体要求", "第二节 发展目标", "第一节"),
        ("第一条 总体要求", "第二条 发展目标", "第一条"),
        ("一、总体要求", "二、发展目标", "一"),
        ("一．总体要求", "二．发展目标", "一"),
        ("（一）总体要求", "（二）发展目标", "(一)"),
        ("(一)总体要求", "(二)发展目标", "(一)"),
        ("1.总体要求", "2.发展目标", "1"),
        ("1、总体要求", "2、发展目标", "1"),
        ("１．总体要求", "２．发展目标", "1"),
        ("(1)总体要求", "(2)发展目标", "(1)"),
        ("（1）总体要求", "（2）发展目标", "(1)"),
        ("①总体要求", "②发展目标", "①"),
    ],
)
def test_each_heading_style(first: str, second: str, number: str) -> None:
    sections = parse_outline(doc_of(first, BODY, second, BODY)).sections
    assert [(s.level, s.title, s.line, s.kind) for s in sections] == [
        (1, "总体要求", 1, SectionKind.HEADING),
        (1, "发展目标", 3, SectionKind.HEADING),
    ]
    assert sections[0].number == number


def test_indented_and_full_width_forms_are_one_style() -> None:
    doc = doc_of("\u3000\u3000一、回顾", "\u3000\u3000（一）经济", BODY, "  (二)城市", BODY, "二、安排")
    assert [(lvl, title) for lvl, _, title, _ in flat(doc)] == [(1, "回顾"), (2, "经济"), (2, "城市"), (1, "安排")]


def test_numbered_item_title_is_its_first_sentence() -> None:
    doc = doc_of("一、工作安排", "（一）着力稳定宏观经济大盘。落实各项政策，确保经济运行在合理区间。",
                 "1.激发市场主体活力。落实民营企业发展促进条例。", "2.纵深推进“大众创业·万众创新”。稳步推进创业城市建设。")
    secs = list(parse_outline(doc).walk())
    assert [(s.title, s.kind) for s in secs] == [
        ("工作安排", SectionKind.HEADING),
        ("着力稳定宏观经济大盘", SectionKind.ITEM),
        ("激发市场主体活力", SectionKind.ITEM),
        ("纵深推进“大众创业·万众创新”", SectionKind.ITEM),
    ]
    item = secs[1]
    assert doc.text[item.title_span.start : item.title_span.end] == item.title


def test_heading_line_loses_trailing_punctuation_only() -> None:
    doc = doc_of("(一)经济运行稳中向好。", BODY, "(二)切实加强社会建设，保障和改善民生 ", BODY)
    assert [s.title for s in parse_outline(doc).sections] == ["经济运行稳中向好", "切实加强社会建设，保障和改善民生"]


def test_implausible_numbers_are_not_headings() -> None:
    doc = doc_of(
        "一、总体要求",
        "3.这一段以数字开头但不是列表的开始，因为前面没有1和2。",
        "13.2(1100套)",
        "2020年，地区生产总值达669亿元。",
        "1. <blockquote id=\"x\"></blockquote>",
        "三、跳过了二",
        "二、发展目标",
    )
    assert [(s.number, s.title) for s in parse_outline(doc).sections] == [("一", "总体要求"), ("二", "发展目标")]


def test_chapters_of_an_excerpt_may_skip_numbers_but_not_go_back() -> None:
    # 第X章 names itself a heading: an excerpt jumps from 第一章 to 第三章; "一、" may not.
    doc = doc_of("第一章 发展环境", BODY, "第三章 建设现代产业体系", BODY, "第二章 被引用的旧章", BODY, "第五章 推进城乡融合", BODY)
    assert [s.number for s in parse_outline(doc).sections] == ["第一章", "第三章", "第五章"]


def test_arabic_items_continue_across_parents() -> None:
    # Linhai numbers its items 1…33 straight through (一)(二)…: 4. under (二) follows 3.
    doc = doc_of("(一)甲", "1.第一项。" + BODY, "2.第二项。" + BODY, "(二)乙", "3.第三项。" + BODY, "4.第四项。" + BODY)
    assert [(s.path, s.title) for s in parse_outline(doc).walk()] == [
        ("(一)", "甲"), ("(一)/1", "第一项"), ("(一)/2", "第二项"), ("(二)", "乙"), ("(二)/3", "第三项"), ("(二)/4", "第四项"),
    ]


def test_spans_run_to_the_next_heading_of_same_or_higher_level() -> None:
    doc = doc_of("一、回顾", "（一）经济", BODY, "（二）城市", BODY, "二、安排", BODY)
    one, two = parse_outline(doc).sections
    a, b = one.children
    assert one.span == Span(0, two.span.start)
    assert a.span.end == b.span.start and b.span.end == two.span.start
    assert two.span.end == len(doc.text) - 1  # up to the end of the body, not the final newline
    assert doc.text[a.span.start : a.span.start + 4] == "（一）经"
    assert [s.path for s in parse_outline(doc).walk()] == ["一", "一/(一)", "一/(二)", "二"]


def test_spaced_document_title_is_not_a_section() -> None:
    doc = doc_of("政 府 工 作 报 告", "——2018年3月7日在区人民代表大会上", "各位代表：", "一、工作回顾", BODY)
    assert [s.title for s in parse_outline(doc).walk()] == ["工作回顾"]


def test_debris_lines_are_skipped() -> None:
    text = "1.首页导航\n2.新闻中心\n一、总体要求\n" + BODY + "\n"
    debris = (Span(0, text.index("一、")),)
    doc = Document(path="t", text=text, debris=debris)
    assert [s.title for s in parse_outline(doc).walk()] == ["总体要求"]


PARALLEL = [
    "过去的一年，在上级的坚强领导下，我们深入学习贯彻会议精神，牢牢把握稳中求进工作总基调，自觉践行新发展理念，推动经济社会持续健康发展。全年完成各项任务。",
    "过去的一年，面对经济下行压力，我们综合施策，发展质效持续提高。牢牢掌握发展主动权。",
    "过去的一年，面对城乡发展短板，我们多措并举，人居环境明显改善。坚持城乡统筹。",
    "过去的一年，面对发展活力不足，我们沉着应对，改革开放步伐加快。深化重要领域改革。",
    "各位代表，这些成绩来之不易，是全区人民共同奋斗的结果，在此表示衷心感谢！",
]


def test_parallel_paragraphs_become_leads_and_the_intro_does_not() -> None:
    doc = doc_of("一、工作回顾", "", *PARALLEL, "二、工作安排", BODY)
    one = parse_outline(doc).sections[0]
    assert [(s.kind, s.title, s.line, s.path) for s in one.children] == [
        (SectionKind.LEAD, "过去的一年，面对经济下行压力，我们综合施策，发展质效持续提高", 4, "一/L1"),
        (SectionKind.LEAD, "过去的一年，面对城乡发展短板，我们多措并举，人居环境明显改善", 5, "一/L2"),
        (SectionKind.LEAD, "过去的一年，面对发展活力不足，我们沉着应对，改革开放步伐加快", 6, "一/L3"),
    ]
    assert one.children[-1].span.end == one.span.end


def test_two_parallel_paragraphs_are_not_enough() -> None:
    doc = doc_of("一、工作回顾", *PARALLEL[1:3], "二、工作安排", BODY)
    assert parse_outline(doc).sections[0].children == ()


def test_short_lead_sentences_become_leads() -> None:
    doc = doc_of(
        "一、过去一年工作回顾",
        "2012年，区政府在上级的正确领导下，紧紧围绕中心工作，经济保持强劲发展，社会事业全面进步。",
        "经济实力明显增强。全年地区生产总值完成235.2亿元，同比增长18.5%。",
        "城市宜居水平显著提升。东山组团建设全面开工，三条主干道路建成通车。",
        "社会建设得到全面加强。人民生活水平不断提高，城镇居民收入同比增长14.9%。",
        "各位代表！回顾过去，成就喜人；展望未来，催人奋进。",
    )
    assert [(s.level, s.title, s.line) for s in parse_outline(doc).sections[0].children] == [
        (2, "经济实力明显增强", 3), (2, "城市宜居水平显著提升", 4), (2, "社会建设得到全面加强", 5),
    ]


def test_no_leads_under_a_heading_with_numbered_children() -> None:
    doc = doc_of("一、安排", "做强三产。" + BODY, "做优二产。" + BODY, "做精一产。" + BODY, "（一）产业", BODY)
    assert [s.kind for s in parse_outline(doc).walk()] == [SectionKind.HEADING, SectionKind.HEADING]


def test_dash_leads() -> None:
    doc = doc_of(
        "(一)发展目标",
        "到2025年，推动共同富裕的体制机制和政策体系基本建立。",
        "——在经济高质量发展上先行。民营经济多点发力。",
        "——在城乡区域协调发展上先行。深入推进新型城镇化建设。",
    )
    leads = parse_outline(doc).sections[0].children
    assert [(s.kind, s.title, s.number) for s in leads] == [
        (SectionKind.LEAD, "在经济高质量发展上先行", ""), (SectionKind.LEAD, "在城乡区域协调发展上先行", ""),
    ]


def test_box_holds_its_items_and_ends_where_the_body_resumes() -> None:
    doc = doc_of(
        "一、建设现代产业体系",
        "(一)实施数字经济“一号工程”",
        "加快推进数字产业化。实施数字经济五年倍增计划，深化数据开放共享。",
        "专栏1:数字经济产业发展导向",
        "电子信息制造业:重点发展电子材料、光电子器件。",
        "1.航空",
        "台州机场改扩建工程。",
        "2.港口",
        "同头咀物流港项目。",
        "全面推动产业数字化。持续推进互联网、大数据、人工智能与实体经济深入融合。",
        "(二)推进制造业高质量发展",
    )
    one = parse_outline(doc).sections[0]
    sec = one.children[0]
    box = sec.children[0]
    assert (box.kind, box.number, box.title, box.level) == (SectionKind.BOX, "专栏1", "数字经济产业发展导向", 3)
    assert [(c.number, c.title) for c in box.children] == [("1", "航空"), ("2", "港口")]
    resumed = doc.text.index("全面推动")
    assert box.span.end == resumed and all(c.span.end <= resumed for c in box.children)
    assert sec.span.end == doc.text.index("(二)")


def test_restarted_list_keeps_paths_unique() -> None:
    doc = doc_of("一、甲", BODY, "二、乙", BODY, "一、丙", BODY)
    assert [s.path for s in parse_outline(doc).sections] == ["一", "二", "一#2"]


def test_thousands_of_headings_and_a_huge_line_are_handled() -> None:
    # Linear-ish work: each line is matched once, lead sentences are searched in a bounded window.
    lines = []
    for i in range(1, 3001):
        lines += [f"{i}.第{i}项任务。" + BODY]
    doc = doc_of("一、重点任务", *lines)
    assert sum(1 for _ in parse_outline(doc).walk()) == 3001
    huge = Document(path="h", text="一、" + "发展" * 2_500_000)
    (only,) = parse_outline(huge).sections
    assert only.span == Span(0, len(huge.text)) and len(only.title) <= 150


# Hypothesis: never raises, and every span slices back consistently. Lines are built from
# heading openings and body fragments so that most examples have sections, leads and boxes.
_OPENINGS = ["", "", "　　", "一、", "二、", "三、", "(一)", "（二）", "(三)", "1.", "2、", "3.", "(1)", "①", "②",
             "第一章", "专栏1:", "表2 ", "——", "过去的一年，面对", "经济实力明显增强。", "城市宜居水平显著提升。",
             # cells of a flattened table, so that tables and headings meet
             "类别\n序号\n指标\n2020\n2025年目标\n属性\n", "1\n", "2\n", "预期性\n", "经济发展\n", "669\n"]
_FRAGMENT = st.text(alphabet="一二十、.()（）１2345①专栏表:。，；——过去的一年面对我们发展经济 　\u2028\r", max_size=60)
LINES = st.lists(st.tuples(st.sampled_from(_OPENINGS), _FRAGMENT).map("".join), max_size=30).map("\n".join)


def _check(doc: Document, s: Section, parent: Section | None) -> None:
    assert 0 <= s.span.start <= s.span.end <= len(doc.text)
    assert s.span.contains(s.title_span)
    assert doc.text[s.title_span.start : s.title_span.end] == s.title
    assert s.line == doc.line_at(s.span.start)
    if parent is not None:
        assert parent.span.contains(s.span) and s.level == parent.level + 1
    for c in s.children:
        _check(doc, c, s)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_outline_never_raises_and_spans_slice_back(text: str) -> None:
    doc = Document(path="h", text=text)
    outline = parse_outline(doc)
    for s in outline.sections:
        _check(doc, s, None)
    starts = [s.span.start for s in outline.walk()]
    assert starts == sorted(starts)


def test_a_style_first_seen_below_a_skipped_level_fills_it() -> None:
    # 一、 went straight to 1. at first; (一) appearing later belongs between them.
    doc = doc_of("一、总体要求", "1.指导思想", BODY, "2.基本原则", BODY, "二、重点任务", "(一)产业", "1.制造业", BODY,
                 "2.服务业", BODY, "(二)城市", BODY)
    assert [(s.level, s.path) for s in parse_outline(doc).walk()] == [
        (1, "一"), (2, "一/1"), (2, "一/2"), (1, "二"), (2, "二/(一)"), (3, "二/(一)/1"), (3, "二/(一)/2"), (2, "二/(二)"),
    ]


def test_parts_and_chapters() -> None:
    doc = doc_of("第一篇 新征程", "第一章 发展环境", BODY, "第二章 指导方针", BODY, "第二篇 创新驱动", "第三章 强化战略科技力量", BODY)
    assert [(s.level, s.number) for s in parse_outline(doc).walk()] == [
        (1, "第一篇"), (2, "第一章"), (2, "第二章"), (1, "第二篇"), (2, "第三章"),
    ]


def test_prose_mentioning_a_table_or_box_is_not_a_caption() -> None:
    doc = doc_of("一、发展基础", "表1显示，主要指标完成良好。各项任务顺利推进。", "专栏3所列项目均已开工建设，进展顺利，投资超过预期，请见下文说明和附件材料。" * 2)
    assert [s.kind for s in parse_outline(doc).walk()] == [SectionKind.HEADING]


def test_short_leads_nest_under_a_dash_lead() -> None:
    doc = doc_of(
        "一、五年工作回顾",
        "——综合实力显著增强。五年来，我们做大经济总量，不断优化经济结构。",
        "——产业结构不断优化。五年来，我区着力促转型、调结构。",
        "现代服务业发展迅速。商业规模持续扩大，五年新增商业营业面积50万平方米。",
        "旅游业持续发展。五年来，我区旅游产业取得长足发展，旅游收入大幅增长。",
        "工业经济稳步增长。成功引进了一批大企业和大项目，工业增加值稳步提高。",
        "——城市面貌发生巨变。五年来，城市建设步伐全面加快。",
    )
    assert [(s.level, s.title) for s in parse_outline(doc).walk()] == [
        (1, "五年工作回顾"), (2, "综合实力显著增强"), (2, "产业结构不断优化"),
        (3, "现代服务业发展迅速"), (3, "旅游业持续发展"), (3, "工业经济稳步增长"), (2, "城市面貌发生巨变"),
    ]


def test_short_lines_ending_in_a_full_stop_are_not_leads() -> None:
    # Tails of wrapped paragraphs (PDF text) and bare list lines have no body after them.
    doc = doc_of("一、工作回顾", "全区经济运行总体平稳，主要指标好于预期，", "完成目标任务。", "各项事业全面进步，", "得到全面加强。", "民生持续改善，", "群众普遍满意。")
    assert [s.title for s in parse_outline(doc).walk()] == ["工作回顾"]


def test_a_short_phrase_before_a_colon_is_an_items_title() -> None:
    doc = doc_of("一、保障措施", "1.加强组织领导：各地要建立工作机制，明确责任分工。", "2.强化督查考核。将任务完成情况纳入考核。")
    assert [(s.title, s.kind) for s in parse_outline(doc).walk()] == [
        ("保障措施", SectionKind.HEADING), ("加强组织领导", SectionKind.ITEM), ("强化督查考核", SectionKind.ITEM),
    ]


def test_a_one_item_arabic_list_is_prose_but_a_lone_chinese_heading_is_not() -> None:
    doc = doc_of("一、总体要求", "1.这一段以数字开头，但后面没有第二项，所以只是正文。", BODY, "（一）发展目标", BODY)
    assert [(s.number, s.title) for s in parse_outline(doc).walk()] == [("一", "总体要求"), ("(一)", "发展目标")]


def test_a_heading_after_a_table_is_not_inside_it() -> None:
    # Found by hypothesis: a style first seen after an uncaptioned table was nested in it.
    doc = Document(path="h", text="\n类别\n序号\n指标\n2020\n2025年目标\n年均/累计\n属性\n1\n预期性\n一、一")
    assert [(s.level, s.kind) for s in parse_outline(doc).walk()] == [(1, SectionKind.TABLE), (1, SectionKind.HEADING)]


def test_table_of_contents_is_skipped() -> None:
    doc = doc_of(
        "目　录", "第一章 发展环境……1", "第二章 指导方针……5",
        "第一章　发展环境", BODY, "第二章　指导方针", BODY,
    )
    assert [(s.number, s.line) for s in parse_outline(doc).walk()] == [("第一章", 4), ("第二章", 6)]


def test_a_contents_line_without_repeated_entries_skips_nothing() -> None:
    doc = doc_of("目录", "第一章 发展环境", BODY, "第二章 指导方针", BODY)
    assert [(s.number, s.line) for s in parse_outline(doc).walk()] == [("第一章", 2), ("第二章", 4)]


@pytest.mark.parametrize("entries", [
    ("一、现实基础和发展形势……1", "二、总体要求……3", "三、保障措施……9"),  # no 目录 title
    ("一、现实基础和发展形势 ........ 1", "二、总体要求 ........ 3", "三、保障措施 ........ 9"),
    ("一、现实基础和发展形势\t第1页", "二、总体要求\t第3页", "三、保障措施\t第9页"),
])
def test_contents_entries_without_a_title_are_skipped(entries: tuple[str, ...]) -> None:
    doc = doc_of(*entries, "一、现实基础和发展形势", BODY, "二、总体要求", BODY, "三、保障措施", BODY)
    assert [(s.title, s.line) for s in parse_outline(doc).walk()] == [
        ("现实基础和发展形势", 4), ("总体要求", 6), ("保障措施", 8)]


def test_contents_with_page_words_after_a_title() -> None:
    doc = doc_of("目录", "一、现实基础和发展形势\t第1页", "二、总体要求\t第3页",
                 "一、现实基础和发展形势", BODY, "二、总体要求", BODY)
    assert [s.title for s in parse_outline(doc).walk()] == ["现实基础和发展形势", "总体要求"]


def test_page_numbered_lines_whose_first_never_returns_are_kept() -> None:
    doc = doc_of("一、现实基础和发展形势……1", "二、总体要求……3", "三、保障措施……9", BODY)
    assert len(list(parse_outline(doc).walk())) == 3


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第一二十三章部分篇节条、.()（）123①⑳专栏表 \t:　。，年x", max_size=14), st.integers(0, 3))
def test_any_heading_matches_where_some_pattern_matches(text: str, start: int) -> None:
    """The one-call filter before the patterns: it matches exactly where one of them does."""
    from docdiff.outline.patterns import ANY_HEADING

    for p in HEADING_PATTERNS:
        assert p.regex.match(p.example)
    start = min(start, len(text))
    expected = any(p.regex.match(text, start, len(text)) for p in HEADING_PATTERNS)
    assert bool(ANY_HEADING.match(text, start, len(text))) == expected


def _leads_of(text: str) -> list[str]:
    doc = Document(path="x.txt", text=text)
    return [s.title for r in parse_outline(doc).sections for s in r.walk() if s.kind == SectionKind.LEAD]


def test_two_dash_leads_still_found_and_two_short_leads_are_not_a_list() -> None:
    """The paragraph-count guards of _find_leads: two "——" leads make a list, short title
    sentences need three."""
    body = "我们坚持稳中求进，推动高质量发展，各项工作取得了明显成效。"
    dash = "一、总体要求\n——经济实力显著增强。" + body + "\n——民生福祉持续改善。" + body + "\n"
    assert len(_leads_of(dash)) == 2
    short = ["产业数字化全面推进。", "城市宜居水平显著提升。", "生态环境持续改善。"]
    two = "一、总体要求\n" + "".join(s + body + "\n" for s in short[:2])
    three = "一、总体要求\n" + "".join(s + body + "\n" for s in short)
    assert _leads_of(two) == []
    assert len(_leads_of(three)) == 3
