"""The series stage's small modules one by one: keys, verdicts, streaks, outcome reading, no-target words."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docdiff.model import Comparator, Document, Kind, Metadata, Period, Span, Target
from docdiff.outline import parse_outline
from docdiff.series.keys import series_key, split_urban_rural, unit_family
from docdiff.series.model import Cell, Outcome, Verdict
from docdiff.series.notset import no_targets
from docdiff.series.outcomes import review_figures
from docdiff.series.streaks import changes, streaks
from docdiff.series.verdict import judge
from docdiff.targets.context import DocContext


def _target(value: float | None, comparator: str = "=", unit: str = "%", high: float | None = None,
            indicator: str = "地区生产总值增长") -> Target:
    return Target(id="t1", indicator=indicator, key=indicator, value=value, value_high=high, unit=unit,
                  comparator=Comparator(comparator), year=2020, period=Period.ANNUAL, text="x", span=Span(0, 1),
                  line=1, section="")


def _outcome(value: float, unit: str = "%") -> Outcome:
    return Outcome(indicator="x", value=value, value_high=None, unit=unit, comparator=Comparator.EQ, year=2020,
                   document=1, text="x", span=Span(0, 1), line=1)


# ---------------------------------------------------------------- keys

@pytest.mark.parametrize("a, b", [
    ("国内生产总值增长", "地区生产总值增长"), ("经济增长", "GDP增长"), ("地区生产总值增速", "生产总值增长"),
    ("农民人均纯收入增长", "农村常住居民人均可支配收入增长"), ("农村牧区常住居民人均可支配收入增长", "农村居民人均可支配收入增长"),
    ("公共财政预算收入", "一般公共财政预算收入"), ("一般公共财政预算收入按可比口径增长", "一般公共预算收入增长"),
    ("新增城镇就业", "城镇新增就业"), ("新增就业岗位", "新增就业"), ("区本级全社会固定资产投资额", "固定资产投资"),
    ("城镇人均可支配收入", "城镇常住居民人均可支配收入"),
])
def test_renamed_indicators_share_a_series_key(a: str, b: str) -> None:
    assert series_key(a) == series_key(b)


@pytest.mark.parametrize("a, b", [
    ("数字经济增长", "经济增长"), ("地区生产总值", "地区生产总值增长"), ("城镇登记失业率", "城镇调查失业率"),
    ("财政总收入", "一般公共预算收入"), ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"),
])
def test_different_indicators_keep_different_keys(a: str, b: str) -> None:
    assert series_key(a) != series_key(b)


@given(st.text(alphabet="经济增长国内地区生产总值GDP农民人均纯收入城镇新增就业岗位公共财政预算一般按可比口径同比 ", max_size=40))
def test_series_key_is_idempotent(text: str) -> None:
    assert series_key(series_key(text)) == series_key(text)


def test_urban_rural_splits_into_two_keys() -> None:
    assert split_urban_rural(series_key("城乡居民可支配收入增长")) == ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长")
    assert split_urban_rural("生产总值增长") == ("生产总值增长",)


def test_unit_families() -> None:
    assert unit_family("亿元") == unit_family("万元") == "元"
    assert unit_family("人") == unit_family("个") == "count"
    assert unit_family("%") != unit_family("个百分点")


# ---------------------------------------------------------------- verdicts

@pytest.mark.parametrize("target, outcome, verdict", [
    (_target(7), 7.2, Verdict.MET), (_target(7), 6.9, Verdict.MISSED),  # growth: higher is better
    (_target(7, ">="), 7, Verdict.MET), (_target(7, ">="), 6.99, Verdict.MISSED),
    (_target(6, "~"), 5.5, Verdict.MET), (_target(6, "~"), 5.4, Verdict.MISSED),  # 左右: 0.5 points
    (_target(6, "range", high=6.5), 6.2, Verdict.MET), (_target(6, "range", high=6.5), 7.1, Verdict.MET),
    (_target(6, "range", high=6.5), 5.9, Verdict.MISSED),
    (_target(4, "<=", indicator="城镇登记失业率"), 4, Verdict.MET),
    (_target(4, "<=", indicator="城镇登记失业率"), 4.1, Verdict.MISSED),
    (_target(3, "~", indicator="居民消费价格涨幅"), 3.5, Verdict.MET),  # a ceiling 左右: at or below 3 + 0.5
    (_target(3, "~", indicator="居民消费价格涨幅"), 3.6, Verdict.MISSED),
    (_target(3, "~", indicator="居民消费价格涨幅"), 1.0, Verdict.MET),
    (_target(13.5, indicator="单位生产总值能耗降低"), 14, Verdict.MET),  # a cut: more is better
    (_target(5000, "~", unit="人", indicator="城镇新增就业"), 4750, Verdict.MET),  # 5% of the value
    (_target(5000, "~", unit="人", indicator="城镇新增就业"), 4700, Verdict.MISSED),
])
def test_verdict_rules(target: Target, outcome: float, verdict: Verdict) -> None:
    assert judge(target, _outcome(outcome, target.unit)) == verdict


def test_verdict_across_units() -> None:
    assert judge(_target(100, unit="亿元", indicator="固定资产投资"), _outcome(1.2, "万亿元")) == Verdict.MET
    assert judge(_target(5000, unit="个", indicator="新增就业岗位"), _outcome(5400, "人")) == Verdict.MET
    assert judge(_target(100, unit="亿元"), _outcome(5, "%")) == Verdict.NO_OUTCOME  # not one quantity


def test_missing_sides() -> None:
    assert judge(None, _outcome(1)) == Verdict.NO_TARGET
    assert judge(_target(7), None) == Verdict.NO_OUTCOME
    assert judge(_target(None), _outcome(7)) == Verdict.NO_OUTCOME  # 完成上级下达指标: nothing to judge


# ---------------------------------------------------------------- streaks and changes

def _cells(*values: tuple[int, float | None, str]) -> tuple[Cell, ...]:
    return tuple(Cell(year=y, document=0, target=None if v is None else _target(v, comp), outcome=None,
                      verdict=Verdict.NO_OUTCOME) for y, v, comp in values)


def test_streaks_need_the_same_value_and_comparator_in_consecutive_years() -> None:
    cells = _cells((2012, 7.5, "="), (2013, 7.5, "="), (2014, 7.5, "="), (2015, 7.5, "~"), (2016, 7, "~"),
                   (2017, 7, "~"), (2018, None, "="), (2019, 7, "~"))
    assert [(s.start, s.end, s.years, s.value, str(s.comparator)) for s in streaks(cells)] == [
        (2012, 2014, 3, 7.5, "="), (2016, 2017, 2, 7, "~")]


def test_changes_say_raised_lowered_stricter_looser() -> None:
    cells = _cells((2012, 7.5, "="), (2013, 7, "="), (2014, 7, "~"), (2015, 8, "~"))
    got = [(c.before_year, c.year, c.direction, c.ambition, c.changes) for c in changes(cells)]
    assert got == [(2012, 2013, "lowered", "looser", ("value",)), (2013, 2014, None, None, ("comparator",)),
                   (2014, 2015, "raised", "stricter", ("value",))]


def test_a_ceiling_lowered_is_stricter() -> None:
    cells = tuple(Cell(year=y, document=0, target=_target(v, "<=", indicator="城镇登记失业率"), outcome=None,
                       verdict=Verdict.NO_OUTCOME) for y, v in ((2014, 4.5), (2015, 4)))
    assert [(c.direction, c.ambition) for c in changes(cells)] == [("lowered", "stricter")]


# ---------------------------------------------------------------- the outcome reader

def _doc(text: str, year: int = 2020) -> tuple[Document, DocContext]:
    doc = Document(path="x.txt", text=text, meta=Metadata(kind=Kind.WORK_REPORT, year=year))
    return doc, DocContext.build(doc, parse_outline(doc))


def _read(text: str, year: int = 2020) -> list[tuple[str, float, str]]:
    doc, ctx = _doc(text, year)
    return [(f.key, f.value, f.unit) for f in review_figures(doc, ctx)]


def test_review_reads_last_years_figures_not_this_years_goals() -> None:
    text = ("一、2019年工作回顾\n过去的一年，地区生产总值完成300亿元，同比增长6.1%（按可比价计算）。\n"
            "二、2020年工作安排\n今年地区生产总值增长6%左右。\n")
    assert _read(text) == [("生产总值", 300, "亿元"), ("生产总值增长", 6.1, "%")]


def test_qualified_growth_belongs_to_the_amount_before_it() -> None:
    text = "一、2019年工作回顾\n一般公共财政预算收入完成17亿元，按可比口径增长13%；收入剔除虚增空转因素后完成10.4亿元。\n"
    assert _read(text)[:2] == [("一般公共预算收入", 17, "亿元"), ("一般公共预算收入增长", 13, "%")]
    assert ("收入", 10.4, "亿元") in _read(text)


def test_rates_listed_after_amounts_pair_in_order() -> None:
    text = "一、2019年工作回顾\n城乡常住居民人均可支配收入分别完成37820元、28104元，同比分别增长6.5%、9.4%。\n"
    assert _read(text)[2:] == [("城镇居民人均可支配收入增长", 6.5, "%"), ("农村居民人均可支配收入增长", 9.4, "%")]


def test_figures_of_other_years_and_periods_are_skipped() -> None:
    text = ("一、2019年工作回顾\n“十三五”以来，地区生产总值年均增长7%。城镇新增就业累计2万人。\n"
            "城镇居民人均可支配收入比2015年增加8000元。2019年，城镇新增就业5200人。\n")
    assert _read(text) == [("新增就业", 5200, "人")]


@given(st.text(alphabet="一二三、2019年工作回顾过去的一年地区生产总值增长完成亿元同比按可比价%，。；\n分别和城乡居民0123456789.", max_size=300))
def test_outcome_reader_never_raises_and_spans_slice_back(text: str) -> None:
    doc, ctx = _doc(text)
    for f in review_figures(doc, ctx):
        assert 0 <= f.span.start <= f.span.end <= len(doc.text)
        assert doc.line_at(f.span.start) == f.line


# ---------------------------------------------------------------- no-target statements

@pytest.mark.parametrize("sentence, key", [
    ("今年不设全年经济增速具体目标。", "生产总值增长"),
    ("今年不设具体增长目标。", "生产总值增长"),
    ("对地区生产总值增速不设具体目标。", "生产总值增长"),
])
def test_no_target_statements(sentence: str, key: str) -> None:
    doc, ctx = _doc(f"二、2020年工作安排\n{sentence}\n")
    found = list(no_targets(doc, ctx, 0))
    assert [k for k, _, _ in found] == [key]
    assert "不设" in doc.text[found[0][1].start:found[0][1].end]


def test_no_target_words_in_a_review_are_not_this_years() -> None:
    doc, ctx = _doc("一、2019年工作回顾\n去年不设具体增长目标。\n")
    assert list(no_targets(doc, ctx, 0)) == []
