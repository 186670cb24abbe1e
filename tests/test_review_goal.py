"""Review versus goal on constructed texts: a heading naming a past and a future period, past
statistics and background figures inside goal chapters, policy terms, and a statistical report
that nothing marks as a bulletin (sentence-by-sentence judgement must still find no goals)."""
from __future__ import annotations

from docdiff.ingest import load
from docdiff.targets import extract_targets
from docdiff.targets.background import is_background_count, is_policy_term

MIXED = (
    "滨海市2031年政府工作报告\n"
    "一、过去五年工作回顾和今后五年目标任务\n"
    "这五年，全市生产总值从2400亿元增加到3200亿元，年均增长6.1%。城镇新增就业累计达到30万人。\n"
    "今后五年，全市生产总值年均增长5.5%左右，研发投入强度达到3.2%。全市户籍人口超过200万人，老龄化程度较高。\n"
    "二、2031年工作安排\n"
    "今年主要预期目标是：全市生产总值增长5.5%左右，城镇新增就业6万人以上。\n"
    "落实减税政策，对年应纳税所得额不超过300万元的部分，减按25%计入应纳税所得额。"
    "延续执行小微企业贷款贴息政策，贴息比例为1个百分点。\n"
    "全市60岁以上老年人口超过80万人，今年新建养老床位2000张。\n"
)

BULLETIN = (
    "滨海市2030年经济运行情况\n\n"
    "全年全市实现地区生产总值3215.6亿元，按不变价格计算，比上年增长5.8%。其中，第一产业增加值120.3亿元，"
    "增长3.1%；第二产业增加值1302.5亿元，增长6.2%。\n"
    "全年规模以上工业增加值增长7.1%。全年固定资产投资比上年增长4.3%。\n"
    "全年社会消费品零售总额1408.2亿元，增长5.5%。全年货物进出口总额892亿元，下降2.4%。\n"
    "年末全市户籍人口312.5万人，常住人口405.1万人。全年城镇新增就业6.2万人。\n"
    "全年居民人均可支配收入52340元，增长5.9%。全年新建改建农村公路420公里，新增5G基站3200个。\n"
    "全市共有普通高校12所，在校学生21.6万人。全年接待游客3820万人次，实现旅游收入512亿元。\n"
)


def _found(tmp_path, text: str) -> list[tuple[int, str, float | None, int | None]]:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return [(t.line, t.indicator, t.value, t.year) for t in extract_targets(load(str(p)))]


def test_past_and_future_heading_keeps_the_future_half_with_its_year(tmp_path):
    found = _found(tmp_path, MIXED)
    assert (4, "全市生产总值年均增长", 5.5, 2035) in found and (4, "研发投入强度", 3.2, 2035) in found
    assert not [f for f in found if f[0] == 3]  # 这五年…从…增加到…: the past half


def test_background_figures_and_policy_terms_are_no_targets(tmp_path):
    found = _found(tmp_path, MIXED)
    indicators = [f[1] for f in found]
    assert not any("人口" in i for i in indicators)
    assert not [f for f in found if f[0] == 7]  # tax rule, 延续执行…政策
    assert (8, "新建养老床位", 2000, 2031) in found
    assert [f for f in found if f[0] == 6] == [(6, "全市生产总值增长", 5.5, 2031), (6, "城镇新增就业", 6, 2031)]


def test_policy_and_background_rules():
    assert is_policy_term("对年应纳税所得额不超过300万元的部分") and is_policy_term("延续执行贴息政策")
    assert not is_policy_term("新建养老床位2000张")
    assert is_background_count("全市户籍人口", "万人", "全市户籍人口超过200万人。")
    assert not is_background_count("市区常住人口", "万人", "到2030年，市区常住人口超过150万人。")
    assert not is_background_count("城镇新增就业", "万人", "城镇新增就业6万人。")


def test_an_unrecognised_statistical_report_yields_next_to_nothing(tmp_path):
    assert len(_found(tmp_path, BULLETIN)) <= 1


def test_a_work_report_without_a_dated_title_takes_its_year_from_its_plan_heading(tmp_path):
    text = ("政府工作报告\n各位代表：\n一、2030年工作回顾\n过去一年，全省生产总值增长5%。\n"
            "二、2031年工作安排\n全省生产总值增长5%左右，城镇新增就业100万人以上。\n")
    found = _found(tmp_path, text)
    assert {f[3] for f in found} == {2031} and len(found) == 2
