"""build_series on constructed reports: one robustness case per test (see tests/series_reports.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from series_reports import report, standard_goals, standard_review, write_reports

import docdiff
from docdiff.errors import DocdiffError
from docdiff.series import Ledger, Row, Verdict, build_series


def _ledger(tmp_path: Path, reports: dict[str, str]) -> Ledger:
    return build_series([docdiff.load(p) for p in write_reports(tmp_path, reports)])


def _row(ledger: Ledger, key: str) -> Row:
    rows = [r for r in ledger.rows if r.key == key]
    assert len(rows) == 1, [r.key for r in ledger.rows]
    return rows[0]


def _cell(row: Row, year: int):
    return next(c for c in row.cells if c.year == year)


def test_targets_outcomes_and_verdicts_of_two_years(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "b": report(2021, review=standard_review(gdp="6.9", revenue="4.1", jobs="5600", unemployment="3.7"),
                    goals=standard_goals(gdp="6%左右")),
        "a": report(2020, review=standard_review(), goals=standard_goals()),
    })
    assert [d.meta.year for d in ledger.documents] == [2020, 2021]  # ordered by year, not by argument
    gdp = _row(ledger, "生产总值增长")
    c2020 = _cell(gdp, 2020)
    assert (c2020.target.value, str(c2020.target.comparator)) == (6.5, "~")
    assert c2020.outcome.value == 6.9 and c2020.outcome.document == 1
    assert c2020.verdict == Verdict.MET
    assert ledger.documents[1].text[c2020.outcome.span.start:c2020.outcome.span.end] == c2020.outcome.text
    assert _cell(gdp, 2021).verdict == Verdict.NO_OUTCOME  # no 2022 report to state it
    assert _cell(_row(ledger, "一般公共预算收入增长"), 2020).verdict == Verdict.MISSED  # 6% set, 4.1% reached
    jobs = _row(ledger, "新增就业")
    assert _cell(jobs, 2020).outcome.value == 5600 and _cell(jobs, 2020).verdict == Verdict.MET
    unemployment = _cell(_row(ledger, "城镇登记失业率"), 2020)
    assert unemployment.outcome.value == 3.7 and unemployment.verdict == Verdict.MET  # a ceiling: at or below
    assert gdp.tier == "headline"


def test_a_report_without_a_target_section(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2020, review=standard_review(), goals=standard_goals()),
        "b": report(2021, review=standard_review(gdp="2.3"), goals=None),
    })
    gdp = _row(ledger, "生产总值增长")
    assert _cell(gdp, 2020).outcome.value == 2.3 and _cell(gdp, 2020).verdict == Verdict.MISSED
    assert _cell(gdp, 2021).target is None and _cell(gdp, 2021).verdict == Verdict.NO_TARGET
    assert _cell(gdp, 2021).document == 1
    assert any("sets no targets for 2021" in n for n in ledger.notes)


def test_a_year_missing_from_the_set_is_a_gap(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2015, review=standard_review(), goals=standard_goals()),
        "b": report(2016, review=standard_review(), goals=standard_goals()),
        "c": report(2018, review=standard_review(gdp="6.1"), goals=standard_goals()),
    })
    assert ledger.gaps == (2017,)
    assert 2017 in ledger.years
    gdp = _row(ledger, "生产总值增长")
    gap = _cell(gdp, 2017)
    assert gap.document is None and gap.target is None
    assert gap.outcome.value == 6.1 and gap.verdict == Verdict.NO_TARGET  # the 2018 review still says it
    assert _cell(gdp, 2016).verdict == Verdict.NO_OUTCOME  # 2017's review is missing
    streak = gdp.streaks[0]
    assert (streak.start, streak.end, streak.years) == (2015, 2016, 2)  # a gap ends a streak


def test_an_explicit_no_target_year_is_not_set(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2019, review=standard_review(), goals=standard_goals()),
        "b": report(2020, review=standard_review(gdp="6.1"), goals=[
            "今年不设全年经济增速具体目标，一般公共预算收入增长4%；城镇新增就业5000人以上。"]),
        "c": report(2021, review=standard_review(gdp="2.3"), goals=standard_goals(gdp="6%以上")),
    })
    gdp = _row(ledger, "生产总值增长")
    cell = _cell(gdp, 2020)
    assert cell.target is None and cell.verdict == Verdict.NOT_SET
    assert "不设" in cell.not_set.text and cell.not_set.document == 1
    assert cell.outcome.value == 2.3  # the outcome is still reported
    assert _cell(gdp, 2021).target.value == 6


def test_a_no_target_sentence_naming_nothing_is_about_growth(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2019, review=standard_review(), goals=standard_goals()),
        "b": report(2020, review=standard_review(), goals=["今年不设具体增长目标。城镇新增就业5000人以上。"]),
    })
    assert _cell(_row(ledger, "生产总值增长"), 2020).verdict == Verdict.NOT_SET
    assert _cell(_row(ledger, "新增就业"), 2020).verdict == Verdict.NO_OUTCOME  # set, not judged yet


@pytest.mark.parametrize("written, low, high", [("6%－6.5%", 6, 6.5), ("4.5%—5%", 4.5, 5), ("6-6.5%", 6, 6.5)])
def test_ranges_are_bands_met_inside_or_above(tmp_path: Path, written: str, low: float, high: float) -> None:
    ledger = _ledger(tmp_path, {
        str(year): report(year, review=standard_review(gdp=f"{reached:g}"), goals=standard_goals(gdp=written))
        for year, reached in ((2019, 7), (2020, high + 0.4), (2021, (low + high) / 2), (2022, low - 0.4))
    })
    gdp = _row(ledger, "生产总值增长")
    t = _cell(gdp, 2019).target
    assert (t.value, t.value_high, str(t.comparator)) == (low, high, "range")
    assert [_cell(gdp, y).verdict for y in (2019, 2020, 2021, 2022)] == [
        Verdict.MET,  # above the range: on its better side
        Verdict.MET,  # inside it
        Verdict.MISSED,  # below it
        Verdict.NO_OUTCOME,
    ]
    assert gdp.streaks[0].years == 4 and gdp.changes == ()


def test_full_width_digits_read_like_half_width(tmp_path: Path) -> None:
    (tmp_path / "h").mkdir()
    half = _ledger(tmp_path / "h", {
        "a": report(2019, review=standard_review(), goals=standard_goals(gdp="7.5%")),
        "b": report(2020, review=standard_review(gdp="7.2"), goals=standard_goals()),
    })
    (tmp_path / "f").mkdir()
    full = _ledger(tmp_path / "f", {
        "a": report(2019, review=standard_review(), goals=standard_goals(gdp="7.5%"), full_width=True),
        "b": report(2020, review=standard_review(gdp="7.2"), goals=standard_goals(), full_width=True),
    })
    for ledger in (half, full):
        c = _cell(_row(ledger, "生产总值增长"), 2019)
        assert (c.target.value, c.outcome.value, c.verdict) == (7.5, 7.2, Verdict.MISSED)
    c = _cell(_row(full, "生产总值增长"), 2019)
    assert "７．５％" in c.target.text and "７．２％" in c.outcome.text  # shown as written


def test_sentence_per_line_and_paragraph_per_line_give_one_ledger(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2019, review=standard_review(), goals=standard_goals(gdp="6%左右"), per_line=True),
        "b": report(2020, review=standard_review(gdp="6.1"), goals=standard_goals(gdp="5.5%左右")),
        "c": report(2021, review=standard_review(gdp="2.3", jobs="4800"), goals=standard_goals(gdp="6%以上"),
                    per_line=True),
    })
    gdp = _row(ledger, "生产总值增长")
    assert [(_cell(gdp, y).target.value, _cell(gdp, y).outcome and _cell(gdp, y).outcome.value)
            for y in (2019, 2020, 2021)] == [(6, 6.1), (5.5, 2.3), (6, None)]
    assert _cell(_row(ledger, "新增就业"), 2020).verdict == Verdict.MISSED
    assert [(c.before_year, c.year, c.direction) for c in gdp.changes] == [(2019, 2020, "lowered"), (2020, 2021, "raised")]


def test_a_five_year_review_gives_no_single_year_outcome(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2020, review=standard_review(), goals=standard_goals()),
        "b": report(2021, review=[
            "过去五年，全区地区生产总值年均增长7.2%，一般公共预算收入由2015年的12亿元增加到20亿元。",
            "五年来，城镇新增就业累计2.6万人，城镇登记失业率控制在4%以内。",
        ], goals=standard_goals()),
    })
    for key in ("生产总值增长", "一般公共预算收入", "新增就业", "城镇登记失业率"):
        for r in ledger.rows:
            if r.key == key:
                assert _cell(r, 2020).outcome is None, key


def test_a_five_year_review_then_last_year_reads_last_year(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2020, review=standard_review(), goals=standard_goals()),
        "b": report(2021, review=[
            "“十三五”时期，全区地区生产总值年均增长7.2%，城镇新增就业2.6万人。",
            "\n刚刚过去的2020年，地区生产总值增长2.4%，城镇新增就业5100人。",
        ], goals=standard_goals()),
    })
    assert _cell(_row(ledger, "生产总值增长"), 2020).outcome.value == 2.4
    assert _cell(_row(ledger, "新增就业"), 2020).outcome.value == 5100


def test_renamed_indicators_fold_into_one_row(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2013, review=standard_review(), goals=["主要预期目标是：经济增长8%，农民人均纯收入增长10%，公共财政预算收入增长9%。"]),
        "b": report(2014, review=["过去的一年，国内生产总值增长7.9%，农民人均纯收入增长11%，公共财政预算收入增长9.5%。"],
                    goals=["主要预期目标是：GDP增长7.5%，农村常住居民人均可支配收入增长9%，一般公共预算收入增长8%。"]),
        "c": report(2015, review=["过去的一年，地区生产总值增长7.4%，农村居民人均可支配收入增长9.2%，一般公共预算收入增长8.5%。"],
                    goals=None),
    })
    for key, targets, outcomes in (("生产总值增长", [8, 7.5], [7.9, 7.4]),
                                   ("农村居民人均可支配收入增长", [10, 9], [11, 9.2]),
                                   ("一般公共预算收入增长", [9, 8], [9.5, 8.5])):
        row = _row(ledger, key)
        assert [_cell(row, y).target.value for y in (2013, 2014)] == targets
        assert [_cell(row, y).outcome.value for y in (2013, 2014)] == outcomes


def test_urban_and_rural_income_split_into_two_rows(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2018, review=standard_review(), goals=["主要预期目标是：城乡居民人均可支配收入增长8%。"]),
        "b": report(2019, review=["过去的一年，城镇和农村居民人均可支配收入分别达35512元、25689元，分别增长7.8%、8.4%。"],
                    goals=["主要预期目标是：城乡居民人均可支配收入分别增长7%和8%左右。"]),
    })
    urban, rural = _row(ledger, "城镇居民人均可支配收入增长"), _row(ledger, "农村居民人均可支配收入增长")
    assert [_cell(urban, y).target.value for y in (2018, 2019)] == [8, 7]
    assert [_cell(rural, y).target.value for y in (2018, 2019)] == [8, 8]
    assert (_cell(urban, 2018).outcome.value, _cell(rural, 2018).outcome.value) == (7.8, 8.4)
    assert (_cell(urban, 2018).verdict, _cell(rural, 2018).verdict) == (Verdict.MISSED, Verdict.MET)


def test_a_year_is_read_from_the_body_without_a_date_line(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {"a": report(2022, review=standard_review(), goals=standard_goals(), title=False)})
    assert ledger.documents[0].meta.year == 2022
    assert ledger.notes == (f"{ledger.documents[0].path}: year 2022 read from the text (no date line)",)


def test_two_reports_of_one_year_are_an_error_naming_both(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, {"first": report(2020, goals=standard_goals()),
                                     "second": report(2020, goals=standard_goals(gdp="7%"))})
    with pytest.raises(DocdiffError) as e:
        build_series([docdiff.load(p) for p in paths])
    assert "first.txt" in str(e.value) and "second.txt" in str(e.value) and "2020" in str(e.value)


def test_a_report_whose_year_cannot_be_told_is_an_error(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, {"undated": "各位代表：\n今年地区生产总值增长6%左右。\n"})
    with pytest.raises(DocdiffError, match="undated.txt"):
        build_series([docdiff.load(p) for p in paths])


def test_no_documents_give_an_empty_ledger() -> None:
    assert build_series([]).rows == ()


def test_a_national_style_series_with_ranges_ceilings_and_a_year_without_a_growth_target(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "r2019": report(2019, review=["过去一年，国内生产总值增长6.6%，城镇新增就业1361万人，居民消费价格上涨2.1%。"],
                        goals=["今年发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，"
                               "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。"]),
        "r2020": report(2020, review=["过去一年，国内生产总值增长6.1%，城镇新增就业1352万人，城镇调查失业率保持在5.3%以下，"
                                      "居民消费价格上涨2.9%。"],
                        goals=["今年发展主要目标是：城镇新增就业900万人以上，城镇调查失业率6%左右；居民消费价格涨幅3.5%左右。"
                               "需要说明的是，我们没有提出全年经济增速具体目标。"]),
        "r2021": report(2021, review=["过去一年，国内生产总值增长2.3%，城镇新增就业1186万人，年末全国城镇调查失业率降到5.2%，"
                                      "居民消费价格上涨2.5%。"],
                        goals=["今年发展主要预期目标是：国内生产总值增长6%以上；城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。"]),
        "r2022": report(2022, review=["过去一年，国内生产总值达到114万亿元，增长8.1%。城镇调查失业率平均为5.1%。居民消费价格上涨0.9%。"],
                        goals=None),
    })
    gdp = _row(ledger, "生产总值增长")
    assert [_cell(gdp, y).verdict for y in (2019, 2020, 2021)] == [Verdict.MET, Verdict.NOT_SET, Verdict.MET]
    assert [_cell(gdp, y).outcome.value for y in (2019, 2020, 2021)] == [6.1, 2.3, 8.1]
    unemployment = _row(ledger, "城镇调查失业率")
    assert [_cell(unemployment, y).outcome.value for y in (2019, 2020, 2021)] == [5.3, 5.2, 5.1]
    cpi = _row(ledger, "居民消费价格")
    assert cpi.better == "lower"
    assert [(_cell(cpi, y).outcome.value, _cell(cpi, y).verdict) for y in (2019, 2020, 2021)] == [
        (2.9, Verdict.MET), (2.5, Verdict.MET), (0.9, Verdict.MET)]
    assert [(c.year, c.direction, c.ambition) for c in cpi.changes] == [(2020, "raised", "looser"), (2021, "lowered", "stricter")]


def test_a_five_year_average_among_this_years_goals_is_no_annual_target(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {"a": report(2026, review=standard_review(), goals=[
        "“十五五”时期主要目标是：地区生产总值年均增长5%左右。",
        "今年主要预期目标是：地区生产总值增长4.5%左右。",
    ])})
    assert _cell(_row(ledger, "生产总值增长"), 2026).target.value == 4.5


def test_a_five_year_passage_runs_over_its_paragraphs(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, {
        "a": report(2025, review=standard_review(), goals=standard_goals()),
        "b": report(2026, review=[
            "过去五年极不寻常。", "\n这五年，经济实力跃上新台阶。地区生产总值增长5.5%，城镇新增就业2.6万人。",
            "\n刚刚过去的2025年，地区生产总值增长5.2%，城镇新增就业5300人。",
        ], goals=standard_goals()),
    })
    assert _cell(_row(ledger, "生产总值增长"), 2025).outcome.value == 5.2
    assert _cell(_row(ledger, "新增就业"), 2025).outcome.value == 5300


def test_rows_listed_among_the_main_targets_are_headline_in_either_layout(tmp_path: Path) -> None:
    goals = ["今年主要预期目标是：", "旅游收入增长10%；", "地区生产总值增长6%左右。", "新建公厕30座。"]
    ledger = _ledger(tmp_path, {
        "a": report(2019, review=standard_review(), goals=goals, per_line=True),
        "b": report(2020, review=standard_review(), goals=goals),
    })
    assert _row(ledger, "旅游收入增长").tier == "headline"  # not a listed key: named as a main target
    assert _row(ledger, "新建公厕").tier == "other"
    assert [r.tier for r in ledger.rows] == sorted((r.tier for r in ledger.rows), key=lambda t: t != "headline")
