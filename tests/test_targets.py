"""targets.extract_targets on small synthetic documents (no other stage needed) and on the samples."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.model import Cell, Document, Kind, Metadata, Outline, Span, Table
from docdiff.targets import extract_targets

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _doc(text: str, kind: Kind, year: int | None = None, period: tuple[int, int] | None = None) -> Document:
    return Document(path="synthetic.txt", text=text, meta=Metadata(kind=kind, year=year, period=period))


def _find(targets, indicator_part: str):
    hits = [t for t in targets if indicator_part in t.indicator]
    assert hits, f"no target with {indicator_part!r} in {[t.indicator for t in targets]}"
    return hits[0]


REPORT = """政府工作报告
一、2021年工作回顾
过去一年，地区生产总值增长8.5%，新增国家高新技术企业120家，累计建成共富工坊206家。
二、2022年工作安排
今年经济社会发展的主要预期目标是：生产总值增长7%以上，城乡居民人均可支配收入分别增长7%和8%左右，城镇登记失业率控制在3.5%以内，研发经费支出占生产总值比重达到2.55%以上。
新增国家级高新技术企业300家、省级科技型中小企业800家，创建省级商业体系建设试点县1—2个。
重点抓好以下八个方面工作，深入实施“八八战略”，推进5G基站建设。
"""


def test_work_report_goals_and_not_its_review() -> None:
    doc = _doc(REPORT, Kind.WORK_REPORT, year=2022)
    found = extract_targets(doc, Outline(sections=()))
    assert all(t.line >= 4 for t in found), "the 2021 review sets no targets"
    gdp = _find(found, "生产总值增长")
    assert (gdp.value, gdp.unit, gdp.comparator, gdp.year, gdp.period) == (7, "%", ">=", 2022, "annual")
    urban, rural = _find(found, "城镇居民"), _find(found, "农村居民")
    assert (urban.value, rural.value) == (7, 8)
    assert urban.comparator == rural.comparator == "~"
    assert _find(found, "失业率").comparator == "<="
    share = _find(found, "研发经费支出占生产总值比重")
    assert (share.value, share.period) == (2.55, "point")
    smes = _find(found, "科技型中小企业")
    assert smes.indicator.startswith("新增") and smes.value == 800, "the shared verb carries over"
    pilot = _find(found, "试点县")
    assert (pilot.value, pilot.value_high, pilot.comparator) == (1, 2, "range")
    assert not any(t.value == 8 and t.unit in ("个", "") for t in found), "以下八个方面 is no target"
    assert [t.id for t in found] == [f"t{i}" for i in range(1, len(found) + 1)]
    assert all(t.section.startswith("二、2022年工作安排") for t in found)


PLAN = """临海市共同富裕实施方案(2021-2025年)
一、总体要求
(一)发展目标
到2025年,数字经济核心产业增加值占GDP比重达到10%,全市规上工业总产值突破5000亿元,城乡居民收入倍差缩小到1.8以内。
贷款余额较2020年末翻一番。新增国家高新技术企业150家,民间投资年均增长8%以上,人均预期寿命达到83岁左右。
2020年,地区生产总值达669亿元。
(二)远景目标
到二〇三五年,城镇化水平超过80%。
根据第2025026号文件,建设15分钟生活圈和“1+N”体系。
"""


def test_plan_years_comparators_periods() -> None:
    doc = _doc(PLAN, Kind.IMPLEMENTATION_PLAN, year=2021, period=(2021, 2025))
    found = extract_targets(doc, Outline(sections=()))
    digital = _find(found, "数字经济核心产业增加值占GDP比重")
    assert (digital.value, digital.comparator, digital.year, digital.period) == (10, "=", 2025, "point")
    assert digital.key == "数字经济核心产业增加值占生产总值比重"
    assert digital.text == "数字经济核心产业增加值占GDP比重达到10%"
    output = _find(found, "规上工业总产值")
    assert (output.value, output.unit, output.comparator) == (5000, "亿元", ">=")
    gap = _find(found, "倍差")
    assert (gap.value, gap.unit, gap.comparator) == (1.8, "", "<=")
    loans = _find(found, "贷款余额")
    assert (loans.value, loans.unit) == (2, "倍")
    firms = _find(found, "高新技术企业")
    assert (firms.period, firms.year) == ("cumulative", 2025)
    assert _find(found, "民间投资").period == "annual"
    assert _find(found, "预期寿命").comparator == "~"
    urban = _find(found, "城镇化水平")
    assert (urban.year, urban.comparator) == (2035, ">=")
    assert not any(t.value == 669 for t in found), "a 2020 result is no target"
    assert not any(t.value in (2025026, 15, 1) for t in found), "names and document numbers are not targets"


REPLY = """关于第12号建议的答复
截至2024年底,全县规上工业总产值283.1亿元。目前,共建成“共富工坊”206家。
接下来,今年开发低收入农户公益性岗位300个以上,完成职业技能培训3500人次。
"""


def test_reply_keeps_goals_and_drops_results() -> None:
    doc = _doc(REPLY, Kind.REPLY, year=2025)
    found = extract_targets(doc, Outline(sections=()))
    assert [(t.value, t.unit) for t in found] == [(300, "个"), (3500, "人次")]
    assert found[0].comparator == ">=" and found[0].year == 2025 and found[0].period == "annual"


def test_bulletin_has_no_targets() -> None:
    doc = _doc("2024年统计公报\n全年地区生产总值增长6%以上,达到1000亿元。\n", Kind.BULLETIN, year=2024)
    assert extract_targets(doc, Outline(sections=())) == ()


def _table_doc(lines: list[str], kind: Kind = Kind.PLAN) -> tuple[Document, dict[str, Cell]]:
    text = "\n".join(lines) + "\n"
    doc = Document(path="t.txt", text=text, meta=Metadata(kind=kind, year=2021, period=(2021, 2025)))
    cells = {}
    for n, line in enumerate(lines, 1):
        span = doc.line_span(n)
        cells[line] = Cell(text=line, span=span, line=n)
    return doc, cells


def test_table_rows_are_targets_with_baselines() -> None:
    lines = ["表2 主要指标", "地区生产总值(亿元)", "669", "1000", "预期性", "城镇新增就业人数(万人)", "[8]以上", "约束性",
             "单位GDP能耗降低(%)", "完成上级下达指标", "约束性"]
    doc, c = _table_doc(lines)
    table = Table(title="表2 主要指标", span=Span(0, len(doc.text)), line=1,
                  header=("指标", "2020", "2025年目标", "属性"),
                  rows=((c["地区生产总值(亿元)"], c["669"], c["1000"], c["预期性"]),
                        (c["城镇新增就业人数(万人)"], None, c["[8]以上"], c["约束性"]),
                        (c["单位GDP能耗降低(%)"], None, c["完成上级下达指标"], c["约束性"])))
    found = extract_targets(doc, Outline(sections=(), tables=(table,)))
    gdp, jobs, energy = found
    assert (gdp.indicator, gdp.value, gdp.unit, gdp.baseline, gdp.baseline_year, gdp.binding, gdp.year) == (
        "地区生产总值", 1000, "亿元", 669, 2020, "预期性", 2025)
    assert gdp.line == 4 and gdp.text == "1000"
    assert (jobs.value, jobs.comparator, jobs.period, jobs.binding) == (8, ">=", "cumulative", "约束性")
    assert (energy.value, energy.unit, energy.binding) == (None, "%", "约束性")


def test_past_plan_review_table_is_status_past() -> None:
    lines = ["表1 “十三五”规划主要指标完成情况", "地区生产总值", "亿元", "700", "669"]
    doc, c = _table_doc(lines)
    table = Table(title=lines[0], span=Span(0, len(doc.text)), line=1,
                  header=("指标名称", "单位", "2020年目标", "2020"),
                  rows=((c["地区生产总值"], c["亿元"], c["700"], c["669"]),))
    (t,) = extract_targets(doc, Outline(sections=(), tables=(table,)))
    assert (t.value, t.unit, t.year, t.status, t.baseline) == (700, "亿元", 2020, "past", None)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:24])
def test_every_target_slices_back_out_of_its_line(path: Path) -> None:
    from docdiff.ingest import load

    doc = load(str(path))
    found = extract_targets(doc)
    for i, t in enumerate(found, 1):
        assert t.id == f"t{i}"
        assert t.text == doc.text[t.span.start : t.span.end] and t.text
        assert t.line == doc.line_at(t.span.start) == doc.line_at(t.span.end - 1), "one line only"
        assert t.key and t.indicator
        assert (t.value_high is not None) == (t.comparator == "range")
    assert [t.span.start for t in found] == sorted(t.span.start for t in found)


NATIONAL = """政府工作报告
一、2023年工作回顾
过去一年，国内生产总值超过126万亿元，增长5.2%。城镇新增就业1244万人。
二、2024年经济社会发展总体要求和政策取向
今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右。
拟安排地方政府专项债券3.9万亿元，比上年增加1000亿元。
三、2024年政府工作任务
新建改建高标准农田4500万亩，完成1.5万个以上老旧小区改造，开工建设保障性住房200万套（间）。
"""


def test_a_national_style_report() -> None:
    doc = _doc(NATIONAL, Kind.WORK_REPORT, year=2024)
    found = extract_targets(doc, Outline(sections=()))
    assert not any(t.line == 3 for t in found)
    assert (_find(found, "粮食产量").value, _find(found, "粮食产量").unit) == (1.3, "万亿斤")
    bonds = _find(found, "专项债券")
    assert (bonds.value, bonds.unit) == (3.9, "万亿元"), "拟安排 is a plan even beside 比上年"
    estates = _find(found, "老旧小区改造")
    assert (estates.value, estates.unit, estates.comparator) == (1.5, "万个", ">=")
    assert estates.text == "完成1.5万个以上老旧小区改造"
    housing = _find(found, "保障性住房")
    assert housing.unit == "万套(间)" and housing.text.endswith("（间）")


PLAN_CHAPTERS = """某市国民经济和社会发展第十四个五年规划纲要
第一章 发展基础
“十三五”时期，全市地区生产总值年均增长7.1%，2020年达到1200亿元。
第二章 发展目标
到2025年，全市地区生产总值突破1800亿元，年均增长6.5%左右。
第三章 完善基础设施
新建改建农村公路500公里，新增供水能力20万吨/日。
"""


def test_plan_chapters_and_a_growth_rate_after_a_level() -> None:
    doc = _doc(PLAN_CHAPTERS, Kind.PLAN, year=2021, period=(2021, 2025))
    found = extract_targets(doc, Outline(sections=()))
    assert [t.line for t in found] == [5, 5, 7, 7], "发展基础 reviews; 基础设施 plans"
    growth = found[1]
    assert (growth.indicator, growth.value, growth.period) == ("全市地区生产总值年均增长", 6.5, "annual")
    assert found[0].section == "第二章 发展目标"
    assert found[3].unit == "万吨/日"


CN = st.text(alphabet="到2025年达提高百分点%亿元万以上以内左右分别和、,。;：\n一二三十百千()（）“”新增建成家个增长GDP比重[]-—XX翻一番",
             max_size=300)


@settings(max_examples=150, deadline=None)
@given(CN, st.sampled_from(list(Kind)))
def test_never_raises_and_every_target_slices_back(text: str, kind: Kind) -> None:
    doc = _doc(text, kind, year=2022, period=(2021, 2025) if kind == Kind.PLAN else None)
    for t in extract_targets(doc, Outline(sections=())):
        assert 0 <= t.span.start < t.span.end <= len(doc.text)
        assert t.text == doc.text[t.span.start : t.span.end]
        assert doc.line_at(t.span.start) == doc.line_at(t.span.end - 1) == t.line


def test_goals_written_with_tongbi_and_a_level_then_its_growth() -> None:
    text = ("政府工作报告\n一、过去一年工作回顾\n地区生产总值同比增长9%。\n二、2012年工作目标任务\n"
            "2012年全区经济社会发展的预期目标是：地区生产总值达到240亿元，同比增长21%；"
            "二是大力推进重点项目建设，新增就业5000人。\n")
    found = extract_targets(_doc(text, Kind.WORK_REPORT, year=2012), Outline(sections=()))
    assert [(t.indicator, t.value, t.unit) for t in found] == [
        ("地区生产总值", 240, "亿元"), ("地区生产总值增长", 21, "%"), ("新增就业", 5000, "人")]
    assert all(t.year == 2012 and t.line == 5 for t in found)


@pytest.mark.parametrize(("sentence", "value", "value_high", "unit", "comparator"), [
    ("全市规上工业总产值突破5000亿元。", 5000, None, "亿元", ">="),
    ("研发经费支出占比达到2.55%以上。", 2.55, None, "%", ">="),
    ("新增企业不少于300家。", 300, None, "家", ">="),
    ("工业投资超过100亿元。", 100, None, "亿元", ">="),
    ("城镇登记失业率控制在3.5%以内。", 3.5, None, "%", "<="),
    ("PM2.5平均浓度低于25微克/立方米。", 25, None, "微克/立方米", "<="),
    ("城乡居民收入倍差缩小到1.8以下。", 1.8, None, "", "<="),
    ("单位生产总值能耗不超过0.4吨标准煤。", 0.4, None, "吨标准煤", "<="),
    ("生产总值增长6%左右。", 6, None, "%", "~"),
    ("引进人才约5万人。", 5, None, "万人", "~"),
    ("生产总值增长5%—6%。", 5, 6, "%", "range"),
    ("研发投入增长5.5-6%。", 5.5, 6, "%", "range"),
    ("创建试点县1—2个。", 1, 2, "个", "range"),
    ("力争数字经济核心产业增加值占比达到10%。", 10, None, "%", "="),
    ("规上工业总产值跃上万亿元台阶。", 1, None, "万亿元", ">="),
    ("财政总收入突破千亿元。", 1000, None, "亿元", ">="),
    ("生产总值达到1.2万亿元。", 1.2, None, "万亿元", "="),
    ("人才资源总量达到三千五百人。", 3500, None, "人", "="),
    ("财政科技支出比重提高0.5个百分点。", 0.5, None, "个百分点", "="),
    ("数字经济核心产业增加值比2020年翻一番。", 2, None, "倍", "="),
    ("到2025年打造XX个美丽城镇。", None, None, "个", "="),
    ("节约用水3万吨。", 3, None, "万吨", "="),
])
def test_values_units_comparators(sentence: str, value, value_high, unit: str, comparator: str) -> None:
    doc = _doc("一、发展目标\n" + sentence + "\n", Kind.PLAN, year=2021, period=(2021, 2025))
    (t,) = extract_targets(doc, Outline(sections=()))
    assert (t.value, t.value_high, t.unit, t.comparator) == (value, value_high, unit, comparator)


@pytest.mark.parametrize(("kind", "heading", "sentence", "year", "period"), [
    (Kind.PLAN, "一、发展目标", "到2025年,森林覆盖率达到60%。", 2025, "point"),
    (Kind.PLAN, "一、发展目标", "森林覆盖率达到60%。", 2025, "point"),
    (Kind.PLAN, "一、远景目标", "到二〇三五年,城镇化率达到80%。", 2035, "point"),
    (Kind.PLAN, "(三)2035年远景目标", "城镇化率达到80%。", 2035, "point"),
    (Kind.PLAN, "一、发展目标", "新增高新技术企业150家。", 2025, "cumulative"),
    (Kind.PLAN, "一、发展目标", "累计开展职业技能培训5.5万人次。", 2025, "cumulative"),
    (Kind.PLAN, "一、发展目标", "民间投资年均增长8%以上。", 2025, "annual"),
    (Kind.WORK_REPORT, "二、2022年工作安排", "新增高新技术企业300家。", 2022, "annual"),
    (Kind.WORK_REPORT, "二、2022年工作安排", "生产总值增长7%以上。", 2022, "annual"),
    (Kind.WORK_REPORT, "二、今后五年发展目标", "新增高新技术企业1100家。", 2026, "cumulative"),
    (Kind.WORK_REPORT, "二、“十四五”时期主要目标", "人均预期寿命达到82岁以上。", 2025, "point"),
    (Kind.REPLY, "一、关于产业", "力争到2026年,规上工业总产值突破5000亿元。", 2026, "point"),
    (Kind.REPLY, "一、关于产业", "今年开发公益性岗位300个以上。", 2022, "annual"),
])
def test_years_and_periods(kind: Kind, heading: str, sentence: str, year: int, period: str) -> None:
    period_of_doc = (2021, 2025) if kind == Kind.PLAN else None
    doc = _doc(f"{heading}\n{sentence}\n", kind, year=2021 if kind == Kind.PLAN else 2022, period=period_of_doc)
    (t,) = extract_targets(doc, Outline(sections=()))
    assert (t.year, t.period) == (year, period)


def test_reply_next_steps_with_至少_and_年内() -> None:
    text = ("关于第158号提案的答复\n一、工作开展情况\n近年来，全市共建成养老机构86家，护理型床位占比达到55%。\n"
            "二、下一步工作打算\n下一步，我们将力争到2025年护理型床位占比达到60%以上，每个街道至少建成1家综合养老服务中心，"
            "年内新增家庭养老床位500张。对新建机构给予一次性奖励50万元。\n")
    found = extract_targets(_doc(text, Kind.REPLY, year=2024), Outline(sections=()))
    assert [(t.value, t.comparator, t.year) for t in found] == [(60, ">=", 2025), (1, ">=", 2025), (500, "=", 2024)]


def test_a_table_of_two_past_years_sets_nothing() -> None:
    lines = ["表1 主要经济指标", "地区生产总值(亿元)", "900", "960"]
    doc, c = _table_doc(lines, kind=Kind.WORK_REPORT)
    doc = Document(path="t.txt", text=doc.text, meta=Metadata(kind=Kind.WORK_REPORT, year=2024))
    table = Table(title=lines[0], span=Span(0, len(doc.text)), line=1, header=("指标", "2022年", "2023年"),
                  rows=((c["地区生产总值(亿元)"], c["900"], c["960"]),))
    assert extract_targets(doc, Outline(sections=(), tables=(table,))) == ()


@pytest.mark.parametrize("sentence", [
    "深入实施“十四五”规划,推进5G网络建设。",
    "忠实践行“八八战略”,打造15分钟生活圈。",
    "构建“1+N”政策体系,建设500千伏变电站。",
    "根据第2025026号文件,于2025年3月4日召开会议。",
    "坚决打好三大攻坚战,重点抓好以下八个方面工作。",
    "实施“500精英计划”,迎接建党100周年。",
    "加快第三中学建设,推进三年行动计划。",
])
def test_names_dates_and_enumerations_are_not_targets(sentence: str) -> None:
    doc = _doc("一、发展目标\n" + sentence + "\n", Kind.PLAN, year=2021, period=(2021, 2025))
    assert extract_targets(doc, Outline(sections=())) == ()
