"""tables.py: pipe tables, tables flattened one cell per line, and Luqiao's two indicator tables."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import SAMPLES

from docdiff.model import Cell, Document, Span, Table
from docdiff.outline.tables import find_flat_tables, find_pipe_tables, find_tables


def doc_of(*lines: str) -> Document:
    return Document(path="t.txt", text="\n".join(lines) + "\n")


def texts(row: tuple[Cell | None, ...]) -> list[str | None]:
    return [None if c is None else c.text for c in row]


def assert_cells_slice_back(doc: Document, table: Table) -> None:
    for row in table.rows:
        for c in row:
            if c is not None:
                assert doc.text[c.span.start : c.span.end] == c.text
                assert doc.line_at(c.span.start) == c.line
                assert table.span.contains(c.span)


def test_pipe_table_with_caption_and_rule_row() -> None:
    doc = doc_of(
        "表1 主要指标",
        "| 指标 | 2020年 | 2025年 |",
        "|---|---|---|",
        "| 地区生产总值（亿元） | 669 | 1000 |",
        "| 研发投入强度（%） |  | 2.8 |",
        "正文继续。",
    )
    (t,) = find_pipe_tables(doc)
    assert (t.title, t.line, t.header) == ("表1 主要指标", 1, ("指标", "2020年", "2025年"))
    assert [texts(r) for r in t.rows] == [["地区生产总值（亿元）", "669", "1000"], ["研发投入强度（%）", None, "2.8"]]
    assert t.rows[1][2].line == 5
    assert_cells_slice_back(doc, t)


def test_a_single_pipe_line_is_not_a_table() -> None:
    assert find_tables(doc_of("索引号: 123 | 发布机构: 市政府", "正文。")) == ()


FLAT = [
    "表3 某市“十四五”主要指标",
    "",
    "类别", "序号", "指标名称", "单位", "2020年", "2025年目标", "年均/累计", "属性",
    "经济发展", "1", "地区生产总值", "亿元", "669", "1000", "预期性",
    "2", "全员劳动生产率增长", "%", "7以上", "预期性",
    "社会民生", "3", "城镇新增就业人数", "万人", "[8]", "约束性",
    "4", "单位GDP能耗降低", "%", "完成上级下达指标", "约束性",
    "5", "人均预期寿命", "岁", "82.19", "83以上", "预期性",
    "",
    "(二)下一节",
]


def test_flattened_table_rows_are_rebuilt_from_anchors() -> None:
    doc = doc_of(*FLAT)
    (t,) = find_flat_tables(doc)
    assert t.title == "表3 某市“十四五”主要指标" and t.line == 1
    assert t.header == ("类别", "序号", "指标名称", "单位", "2020年", "2025年目标", "年均/累计", "属性")
    assert [texts(r) for r in t.rows] == [
        ["经济发展", "1", "地区生产总值", "亿元", "669", "1000", None, "预期性"],
        ["经济发展", "2", "全员劳动生产率增长", "%", None, None, "7以上", "预期性"],
        ["社会民生", "3", "城镇新增就业人数", "万人", None, None, "[8]", "约束性"],
        ["社会民生", "4", "单位GDP能耗降低", "%", None, None, "完成上级下达指标", "约束性"],
        ["社会民生", "5", "人均预期寿命", "岁", "82.19", "83以上", None, "预期性"],
    ]
    assert t.rows[1][0] == t.rows[0][0] and t.rows[1][0].line == 11  # the category spans rows
    assert_cells_slice_back(doc, t)
    assert t.span.start == 0 and t.span.end == doc.text.index("预期性\n\n(二)") + 3


def test_flattened_table_without_attribute_column_splits_on_row_numbers() -> None:
    doc = doc_of("序号", "项目名称", "总投资", "1", "机场改扩建工程", "12.5", "2", "物流港项目", "3.2", "", "后面是正文，不再是表格的内容，而且这一行比较长，超过单元格的长度限制。")
    (t,) = find_flat_tables(doc)
    assert t.header == ("序号", "项目名称", "总投资")
    assert [texts(r) for r in t.rows] == [["1", "机场改扩建工程", "12.5"], ["2", "物流港项目", "3.2"]]


def test_prose_mentioning_a_number_column_is_not_a_table() -> None:
    assert find_flat_tables(doc_of("序号", "这不是表头而是一句很长的正文内容，用来说明情况。")) == ()


# ----------------------------------------------------------------------------- Luqiao (real)

LUQIAO = SAMPLES / "luqiao-14th-five-year-plan.txt"


@pytest.fixture(scope="module")
def luqiao() -> tuple[Document, tuple[Table, ...]]:
    text = LUQIAO.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    doc = Document(path=str(LUQIAO), text=text)
    return doc, find_tables(doc)


def row_by_name(table: Table, name: str) -> list[str | None]:
    col = next(i for i, h in enumerate(table.header) if h.startswith("指标") and "属性" not in h)
    (row,) = [r for r in table.rows if r[col] is not None and r[col].text.startswith(name)]
    return texts(row)


def test_luqiao_has_two_indicator_tables(luqiao) -> None:
    doc, tables = luqiao
    assert [(t.title, t.line) for t in tables] == [
        ("1\xa0路桥区“十三五”规划纲要主要指标完成情况表", 36),
        ("表2 路桥区“十四五”时期国民经济和社会发展主要指标", 468),
    ]
    for t in tables:
        assert_cells_slice_back(doc, t)


def test_luqiao_table_2_rows_and_columns(luqiao) -> None:
    _, (_, t2) = luqiao
    assert t2.header == ("类别", "序号", "指标", "2020", "2025年目标", "年均/累计", "属性")
    numbers = [r[1].text for r in t2.rows if r[1] is not None]
    assert numbers == [str(n) for n in range(1, 37)]  # 36 numbered indicators …
    assert len(t2.rows) == 37  # … plus 13's unnumbered second line (数字经济核心产业)
    assert row_by_name(t2, "地区生产总值(GDP)增长") == ["经济发展", "1", "地区生产总值(GDP)增长(亿元)", "669", "1000", None, "预期性"]
    assert row_by_name(t2, "全员劳动生产率增长") == ["经济发展", "3", "全员劳动生产率增长(%", None, None, "7以上", "预期性"]
    assert row_by_name(t2, "数字经济核心产业") == ["创新活力", None, "数字经济核心产业增加值占GDP比重(%", "2.35", "5", None, "预期性"]
    assert row_by_name(t2, "城镇新增就业人数") == ["社会民生", "15", "城镇新增就业人数(万人)", None, None, "[8]以上", "约束性"]
    assert row_by_name(t2, "每千人口拥有医疗机构床位数") == ["社会民生", "17", "每千人口拥有医疗机构床位数(张)", None, "5.5", None, "预期性"]
    assert row_by_name(t2, "单位GDP能耗降低") == ["生态环境", "26", "单位GDP能耗降低(%", None, None, "完成上级下达指标", "约束性"]
    assert row_by_name(t2, "空气质量优良天数比例") == ["生态环境", "29", "空气质量优良天数比例(%", "95.2", "96", "完成上级下达指标", "约束性"]
    assert row_by_name(t2, "亿元GDP生产安全事故死亡率") == ["区域治理", "36", "亿元GDP生产安全事故死亡率(人/亿元)", "0.00896", "0.01以下", None, "约束性"]
    cell = t2.rows[0][4]
    assert (cell.text, cell.line) == ("1000", 492)


def test_luqiao_table_1_review_rows(luqiao) -> None:
    _, (t1, _) = luqiao
    assert t1.header == ("类别", "序号", "指标名称", "单位", "2020年目标", "2020", "指标属性")
    assert len(t1.rows) == 33
    assert row_by_name(t1, "城镇保障性安居工程建设") == ["民生福祉", "13", "城镇保障性安居工程建设", "万平方米(套)", "13.2(1100套)", "202100套)", "约束性"]
    assert row_by_name(t1, "发明专利授权量") == ["创新驱动", "6", "发明专利授权量", None, "620", "784", "预期性"]
    assert row_by_name(t1, "城镇新增就业人数") == ["民生福祉", "12", "城镇新增就业人数", "万人", "[3]", "[8.27]", "预期性"]
    assert row_by_name(t1, "非化石能源") == ["资源环境", "20", "非化石能源占一次能源消费比重", "%", None, None, "约束性"]
    assert row_by_name(t1, "PM2.5平均浓度") == ["资源环境", "24", "PM2.5平均浓度", "ug/m3", "28", "26", "约束性"]
    assert row_by_name(t1, "二氧化硫") == ["资源环境", "31", "二氧化硫", "%", "17", None, "约束性"]


NATIONAL = [
    "专栏1 “十四五”时期经济社会发展主要指标",
    "类别", "指标", "2020年", "2025年", "年均/累计", "属性",
    "经济发展", "1.国内生产总值(GDP)增长(%)", "2.3", "保持在合理区间、各年度视情提出", "预期性",
    "2.全员劳动生产率增长(%)", "2.5", "高于GDP增长", "预期性",
    "创新驱动", "3.研发经费投入增长(%)", "年均增长7%以上", "预期性",
    "4.每万人口高价值发明专利拥有量(件)", "6.3", "12", "预期性",
    "",
    "第二章 指导方针",
]


def test_flattened_table_without_row_numbers_is_delimited_by_attribute_cells() -> None:
    doc = doc_of(*NATIONAL)
    (t,) = find_tables(doc)
    assert t.title.startswith("专栏1") and t.header == ("类别", "指标", "2020年", "2025年", "年均/累计", "属性")
    assert [texts(r) for r in t.rows] == [
        ["经济发展", "1.国内生产总值(GDP)增长(%)", "2.3", None, "保持在合理区间、各年度视情提出", "预期性"],
        ["经济发展", "2.全员劳动生产率增长(%)", "2.5", None, "高于GDP增长", "预期性"],
        ["创新驱动", "3.研发经费投入增长(%)", None, None, "年均增长7%以上", "预期性"],
        ["创新驱动", "4.每万人口高价值发明专利拥有量(件)", "6.3", "12", None, "预期性"],
    ]
    assert_cells_slice_back(doc, t)


def test_cells_of_a_table_are_not_headings() -> None:
    from docdiff.model import SectionKind
    from docdiff.outline import parse_outline

    doc = doc_of("第一章 发展环境", *NATIONAL)
    kinds = [(s.kind, s.number) for s in parse_outline(doc).walk()]
    assert kinds == [(SectionKind.HEADING, "第一章"), (SectionKind.BOX, "专栏1"), (SectionKind.HEADING, "第二章")]


def test_dash_cells_are_placeholders_but_dashes_in_names_are_not() -> None:
    doc = doc_of(
        "类别", "序号", "指标", "2020", "2025年目标", "属性",
        "生态环境", "1", "全区Ⅰ-Ⅲ类水质断面比率(%", "42.86", "约束性",
        "2", "森林覆盖率(%", "—", "16", "约束性",
    )
    (t,) = find_flat_tables(doc)
    assert [texts(r) for r in t.rows] == [
        ["生态环境", "1", "全区Ⅰ-Ⅲ类水质断面比率(%", None, "42.86", "约束性"],
        ["生态环境", "2", "森林覆盖率(%", "—", "16", "约束性"],
    ]


def test_ingest_style_pipe_rows_with_empty_and_rowspanned_cells() -> None:
    # ingest writes an HTML/docx row as "a | b | c"; a rowspan leaves the rows below it short.
    doc = doc_of(
        "表1 主要指标",
        "类别 | 指标 | 2020年 | 2025年 | 属性",
        "经济发展 | 地区生产总值（亿元） | 669 | 1000 | 预期性",
        "研发投入强度（%） |  | 2.8 | 预期性",
        " | 常住人口城镇化率（%） | 69.5 | 72 | 预期性",
        "二、重点任务",
    )
    (t,) = find_tables(doc)
    assert (t.title, t.line, t.header) == ("表1 主要指标", 1, ("类别", "指标", "2020年", "2025年", "属性"))
    assert [texts(r) for r in t.rows] == [
        ["经济发展", "地区生产总值（亿元）", "669", "1000", "预期性"],
        ["经济发展", "研发投入强度（%）", None, "2.8", "预期性"],
        [None, "常住人口城镇化率（%）", "69.5", "72", "预期性"],
    ]
    assert_cells_slice_back(doc, t)


# Hypothesis: any mix of header words, numbers, values, units and prose lines never breaks the
# parser, and every cell of every table slices back to its text on its line.
from hypothesis import given, settings  # noqa: E402  (kept next to the property it serves)
from hypothesis import strategies as st  # noqa: E402

_CELLS = st.sampled_from([
    "类别", "序号", "指标", "指标名称", "单位", "2020", "2025年目标", "年均/累计", "属性", "经济发展", "1", "2", "3",
    "13", "地区生产总值(亿元)", "%", "亿元", "669", "[8]以上", "完成上级下达指标", "预期性", "约束性", "—", "",
    "这是一行较长的正文内容，用来结束表格并检查解析器不会把它当成单元格。", "表2 主要指标", "a | b", "| x | y |",
])
_HEADERS = st.sampled_from([
    ["类别", "序号", "指标", "2020", "2025年目标", "年均/累计", "属性"],
    ["序号", "指标名称", "单位", "2020年", "2025年"],
    ["类别", "指标", "2020年", "2025年", "属性"],
    ["指标 | 2020年 | 2025年"],
    [],
])
TABLE_TEXT = st.tuples(_HEADERS, st.lists(_CELLS, max_size=60)).map(lambda hc: "\n".join(hc[0] + hc[1]))


@settings(max_examples=300, deadline=None)
@given(TABLE_TEXT)
def test_tables_never_raise_and_cells_slice_back(text: str) -> None:
    doc = Document(path="h", text=text)
    for t in find_tables(doc):
        assert all(len(r) == len(t.header) for r in t.rows)
        assert 0 <= t.span.start <= t.span.end <= len(doc.text)
        assert_cells_slice_back(doc, t)


def _pipe_tables_line_by_line(doc: Document) -> tuple[Table, ...]:
    """find_pipe_tables reading every line (no jump to the next "|")."""
    from docdiff.outline import tables as T

    found: list[Table] = []
    n, count = 1, doc.line_count
    while n <= count:
        first, rows = n, []
        while n <= count and (row := T._split_pipe_row(doc, n)) is not None:
            if not all(c is None or T._RULE_CELL.fullmatch(c.text) for c in row):
                rows.append(row)
            n += 1
        if n == first:
            n += 1
            continue
        if len(rows) < 2:
            continue
        width = max(len(r) for r in rows)
        caption = T._caption_before(doc, first)
        line = doc.line_span(first)
        text = doc.slice(line)
        start = caption[2].start if caption else line.start + len(text) - len(text.lstrip(T._BLANKS))
        found.append(Table(title=caption[0] if caption else "", span=Span(start, doc.line_span(n - 1).end),
                           line=doc.line_at(caption[2].start if caption else line.start),
                           header=tuple((c.text if c else "") for c in rows[0]) + ("",) * (width - len(rows[0])),
                           rows=tuple(T._fill_spanned(rows[1:], width))))
    return tuple(found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["表1 主要指标", "指标 | 2020年 | 2025年", "|---|---|", "GDP | 100 | 150",
                                 "| a | b |", "正文一段。", "", "只有 | 一个", "　　第二段|", "收入 | 5"]), max_size=25))
def test_pipe_tables_jumping_to_the_next_pipe_are_those_read_line_by_line(lines: list[str]) -> None:
    doc = doc_of(*lines)
    assert find_pipe_tables(doc) == _pipe_tables_line_by_line(doc)


def test_flat_tables_need_a_number_or_attribute_header_word_somewhere() -> None:
    words = ("序号", "编号", "属性", "性质")
    lines = ["序号", "指标名称", "单位", "2020年", "2025年", "属性", "1", "地区生产总值", "亿元", "100", "150", "预期性"]
    assert find_flat_tables(doc_of(*lines))  # a table, with its header words
    assert not any(w in "\n".join(lines[1:5] + lines[6:11]) for w in words)
    assert find_flat_tables(doc_of(*lines[1:5], *lines[6:11])) == ()


def _anchor_in_cells(doc: Document) -> bool:
    """``_has_anchor`` the old way: every cell of the document built and tested."""
    from docdiff.outline import tables as T

    return any(T._is_anchor(c.text) for c in T._flat_cells(doc))


_ANCHOR_LINES = st.sampled_from([
    "序号", "　序号　", "编号", "属性", "指标属性", "性质", "类别属性", "序号：12", "这一段正文说明了指标的属性和性质。",
    "索引号: 001 | 编号: 2 | 发布机构: 区政府", "一、第1项重点工作", "预期性", "", "  ", "1",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANCHOR_LINES, max_size=12))
def test_anchor_search_agrees_with_a_scan_of_every_cell(lines: list[str]) -> None:
    from docdiff.ingest.debris import find_debris
    from docdiff.outline import tables as T

    for text in ("\n".join(lines), "\r\n".join(lines) + "\r\n"):
        for doc in (Document(path="t.txt", text=text), Document(path="t.txt", text=text, debris=find_debris(text))):
            assert T._has_anchor(doc) == _anchor_in_cells(doc)


def test_anchor_search_agrees_on_every_sample() -> None:
    from docdiff.ingest import load
    from docdiff.outline import tables as T

    for path in sorted(SAMPLES.glob("*.txt")):
        doc = load(str(path))
        assert T._has_anchor(doc) == _anchor_in_cells(doc), path.name
