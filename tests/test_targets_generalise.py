"""Rules added for documents from other governments (tests/data/unseen): Chinese decimals and
shares in words, forecasts and last-year comparisons, subsidy terms, skipped chapters, table
cells with signs or placeholders, generic indicators. Synthetic inputs; no other stage needed."""
from __future__ import annotations

from decimal import Decimal

from docdiff.model import Cell, Document, Kind, Metadata, Outline, Span, Table
from docdiff.targets import extract_targets
from docdiff.targets.clauses import read_sentence
from docdiff.targets.numbers import find_quantities


def _doc(text: str, kind: Kind, year: int | None = None, period: tuple[int, int] | None = None) -> Document:
    return Document(path="synthetic.txt", text=text, meta=Metadata(kind=kind, year=year, period=period))


def _read(sentence: str) -> list[tuple[str, float | None, str, str]]:
    return [(d.indicator, None if d.value is None else float(d.value), d.unit, d.comparator.value)
            for d in read_sentence(sentence)]


def test_chinese_decimals_and_shares_in_words() -> None:
    got = [(q.value, q.unit) for q in find_quantities("年均增长五点五%左右,比重提高到百分之十八,覆盖率达到百分之百")]
    assert got == [(Decimal("5.5"), "%"), (Decimal(18), "%"), (Decimal(100), "%")]
    assert [(q.value, q.unit) for q in find_quantities("动力电池产能达到80吉瓦时")] == [(Decimal(80), "吉瓦时")]


def test_small_chinese_counts_that_are_amounts() -> None:
    assert _read("培育百亿级企业三家、上市公司十五家。") == [
        ("培育百亿级企业", 3.0, "家", "="), ("培育上市公司", 15.0, "家", "=")]
    assert _read("规上工业增加值年均增长七%以上。") == [("规上工业增加值年均增长", 7.0, "%", ">=")]
    # an enumeration right after its verb, a firm's name, a vague batch: no amounts
    assert _read("重点抓好三项工作,扶持三元、海乳等企业,储备一批、开工一批。") == []


def test_a_change_from_last_year_restates_the_value_before_it() -> None:
    assert _read("拟安排地方政府专项债券4.4万亿元、比上年增加5000亿元。") == [
        ("安排地方政府专项债券", 4.4, "万亿元", "=")]
    assert _read("今年赤字率拟按4%左右安排、比上年提高1个百分点。") == [("赤字率", 4.0, "%", "~")]
    # a growth rate after an amount is a target of its own
    assert [d[0] for d in _read("地区生产总值达到282亿元、比上年增长20%。")] == ["地区生产总值", "地区生产总值增长"]


def test_subsidy_terms_are_not_goals_but_standards_and_budgets_are() -> None:
    assert _read("对重大项目按照设备投资额的10%给予补助,最高不超过3000万元。") == []
    assert _read("城乡居民医保财政补助标准提高30元。") == [("城乡居民医保财政补助标准提高", 30.0, "元", "=")]
    assert _read("市级财政每年统筹安排不少于5亿元专项资金。")[0][1:] == (5.0, "亿元", ">=")


def test_a_shared_growth_and_a_verb_only_item() -> None:
    got = _read("全区旅游人数力争突破370万人次,旅游收入达到38亿元,分别增长20%。")
    assert [(i, v) for i, v, _, _ in got if v == 20] == [("全区旅游人数增长", 20.0), ("旅游收入增长", 20.0)]
    got = _read("新开工保障性租赁住房5000套、筹集2.2万套。")
    assert got[1][:3] == ("筹集保障性租赁住房", 2.2, "万套")


REPORT = """政府工作报告
一、2024年工作回顾
城镇新增就业1256万人。
二、2025年经济社会发展总体要求
一般公共预算支出规模29.7万亿元、比上年增加1.2万亿元。
今年高校毕业生预计达到1222万人,以工代赈项目发放劳务报酬300亿元以上。
"""


def test_forecasts_and_last_year_comparisons_in_a_work_report() -> None:
    found = extract_targets(_doc(REPORT, Kind.WORK_REPORT, year=2025), Outline(sections=()))
    assert [(t.line, t.value, t.unit) for t in found] == [(5, 29.7, "万亿元")]


PLAN = """某省“十四五”规划纲要（摘要）
第一章　发展环境
全省生产总值年均增长7.4%,研发投入强度达到2.2%。
第三章　主要目标
研发投入强度达到2.8%,城镇新增就业五年累计300万人以上。
到2025年,高新技术企业数量突破1.5万家。“十三五”期间,全省高新技术企业由3157家增加到8559家。
"""


def test_an_excerpt_that_skips_a_chapter_and_a_past_period_sentence() -> None:
    from docdiff.outline import parse_outline

    doc = _doc(PLAN, Kind.PLAN, year=2021, period=(2021, 2025))
    found = extract_targets(doc, parse_outline(doc))
    assert [(t.line, t.value) for t in found] == [(5, 2.8), (5, 300), (6, 1.5)]


def test_table_cells_with_a_sign_or_a_placeholder() -> None:
    lines = ["表1 主要指标", "生产总值增长(%)", "—", "7左右", "城镇调查失业率(%)", "<5.5", "—",
             "全员劳动生产率增长(%)", "—", "高于生产总值增长"]
    text = "\n".join(lines) + "\n"
    doc = Document(path="t.txt", text=text, meta=Metadata(kind=Kind.PLAN, year=2021, period=(2021, 2025)))
    c = {line: Cell(text=line, span=doc.line_span(n), line=n) for n, line in enumerate(lines, 1)}
    rows = ((c["生产总值增长(%)"], None, c["—"], c["7左右"]),
            (c["城镇调查失业率(%)"], None, c["<5.5"], None),
            (c["全员劳动生产率增长(%)"], None, Cell(text="—", span=doc.line_span(9), line=9), c["高于生产总值增长"]))
    table = Table(title="表1 主要指标", span=Span(0, len(text)), line=1,
                  header=("指标", "2020年", "2025年", "年均增长[累计]"), rows=rows)
    found = extract_targets(doc, Outline(sections=(), tables=(table,)))
    assert [(t.indicator, t.value, t.comparator.value, t.period.value) for t in found] == [
        ("生产总值增长", 7, "~", "annual"), ("城镇调查失业率", 5.5, "<=", "point"),
        ("全员劳动生产率增长", None, ">=", "annual")]


def test_a_paragraph_deadline_carries_and_a_generic_indicator_takes_its_topic() -> None:
    text = ("实施方案（2023—2027年）\n二、总体目标\n"
            "到2025年,粮食播种面积稳定在8.5万亩以上。农村居民人均可支配收入年均增长7%—8%。\n"
            "三、重点任务\n（二）以物流园区建设为重点，做强现代服务业。全年计划投资12.7亿元。\n")
    doc = _doc(text, Kind.IMPLEMENTATION_PLAN, year=2023, period=(2023, 2027))
    found = extract_targets(doc, Outline(sections=()))
    assert [(t.value, t.year) for t in found if t.line == 3] == [(8.5, 2025), (7, 2025)]
    assert [t.indicator for t in found if t.line == 5] == ["物流园区建设投资"]


def test_an_indicator_is_read_from_a_bounded_stretch_starting_at_a_list_item() -> None:
    # more than 80 characters of one clause before the value: the indicator is read from the
    # first list item in the last 80, not from the clause start nor from the middle of a name
    items = "、".join(f"{name}绿道" for name in ("始丰溪全线", "三茅溪两岸", "佛陇", "赭溪", "国赤", "飞鹤山公园",
                                                "金庭湖环湖", "天桐路", "螺溪大道", "石梁镇诗意休闲", "寒山湖"))
    sentence = f"到2027年,我县将先后建成{items}等一批城市绿道共计170公里。"
    (indicator, value, unit, _), = _read(sentence)
    assert (value, unit) == (170.0, "公里")
    assert indicator.endswith("等一批城市绿道共计") and not indicator.startswith("我县")
    assert sentence[sentence.index(indicator) - 1] == "、"  # starts right after a 、
    assert len(indicator) <= 80
    # a clause within the bound is read whole, as before
    assert _read("到2027年,全县建成始丰溪绿道、三茅溪绿道等城市绿道170公里。")[0][0] == "全县建成始丰溪绿道、三茅溪绿道等城市绿道"


def test_a_share_names_the_quantity_before_it() -> None:
    assert _read("到2025年,数字经济核心产业增加值突破500亿元,占GDP比重达到12%以上。") == [
        ("数字经济核心产业增加值", 500.0, "亿元", ">="), ("数字经济核心产业增加值占GDP比重", 12.0, "%", ">=")]
