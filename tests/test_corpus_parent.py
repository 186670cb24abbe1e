"""Targets against a parent document: the Taizhou city report above the Luqiao and Linhai plans,
and constructed parent/child pairs for each verdict, comparator and period rule."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import sample

from docdiff.corpus import build_corpus
from docdiff.corpus.documents import DocRecord
from docdiff.corpus.parent import compare_to_parent, judge
from docdiff.corpus.report import Verdict
from docdiff.model import Comparator, Period, Span, Target


def _t(key: str, value: float, unit: str = "%", comparator: str = "=", *, period: str = "annual",
       year: int = 2025, binding: str | None = None, high: float | None = None) -> Target:
    text = f"{key}{value}{unit}"
    return Target(id="t1", indicator=key, key=key, value=value, value_high=high, unit=unit,
                  comparator=Comparator(comparator), year=year, period=Period(period), text=text,
                  span=Span(0, len(text)), line=1, section="", binding=binding)


def _rec(*targets: Target, period: tuple[int, int] | None = (2021, 2025), year: int = 2021) -> DocRecord:
    empty = np.zeros(0, dtype=np.int64)
    return DocRecord(path="x.txt", sha="", title="", kind="plan", year=year, issuer="", period=period,
                     targets=targets, body="", line_starts=empty, line_numbers=empty, run_starts=empty, run_offsets=empty,
                     chunks=np.zeros((0, 2), dtype=np.int64), signatures=np.zeros((0, 64), dtype=np.uint32),
                     grams=np.zeros(0, dtype=np.uint64))


def _judge(parent: Target, child: Target):
    return judge(parent, child, _rec(parent), _rec(child))


def test_higher_growth_is_stronger_with_its_margin_in_points():
    verdict, margin, unit, _ = _judge(_t("生产总值增长", 6, comparator=">="), _t("生产总值增长", 6.5, comparator=">="))
    assert (verdict, margin, unit) == (Verdict.STRONGER, 0.5, "个百分点")


def test_same_value_but_zuoyou_under_yishang_is_weaker():
    verdict, margin, _, note = _judge(_t("生产总值增长", 6, comparator=">="), _t("生产总值增长", 6, comparator="~"))
    assert verdict == Verdict.WEAKER and margin == 0 and note == "左右 vs 以上"


def test_same_value_and_comparator_is_consistent():
    assert _judge(_t("生产总值增长", 6, comparator="~"), _t("生产总值增长", 6, comparator="~"))[0] == Verdict.CONSISTENT


def test_a_lower_ceiling_is_stronger():
    verdict, margin, _, _ = _judge(_t("城镇调查失业率", 5.5, comparator="<="), _t("城镇调查失业率", 5, comparator="<="))
    assert verdict == Verdict.STRONGER and margin == -0.5


def test_a_range_binds_at_its_floor_for_growth():
    verdict, margin, _, _ = _judge(_t("生产总值增长", 5, comparator=">="), _t("生产总值增长", 4.5, comparator="range", high=5))
    assert verdict == Verdict.WEAKER and margin == -0.5


def test_cumulative_parent_cut_meets_an_annual_child_cut_as_a_yearly_rate():
    parent = _t("单位生产总值能耗下降", 13.5, period="cumulative")
    verdict, margin, _, note = _judge(parent, _t("单位生产总值能耗下降", 3, period="annual"))
    assert verdict == Verdict.STRONGER  # 13.5% over five years is 2.86% a year
    assert margin == pytest.approx(3 - 100 * (1 - 0.865 ** 0.2), abs=1e-3)
    assert "cumulative over 5 years" in note


def test_amounts_of_another_scope_are_not_judged():
    verdict, *_ = _judge(_t("新增国家高新技术企业", 1100, "家"), _t("新增国家高新技术企业", 150, "家"))
    assert verdict == Verdict.UNJUDGED


def test_missing_binding_target_is_flagged_and_local_ones_listed():
    parent = _rec(_t("耕地保有量比重", 90, binding="约束性"), _t("生产总值增长", 6))
    child = _rec(_t("生产总值增长", 6), _t("人均公园绿地面积比重", 15))
    findings = compare_to_parent(parent, [child]).findings
    by_key = {f.key: f for f in findings}
    assert by_key["耕地保有量比重"].verdict == Verdict.MISSING and by_key["耕地保有量比重"].binding
    assert by_key["生产总值增长"].verdict == Verdict.CONSISTENT
    assert by_key["人均公园绿地面积比重"].verdict == Verdict.LOCAL


def test_taizhou_city_report_above_the_luqiao_and_linhai_plans():
    report = build_corpus([str(sample("luqiao")), str(sample("linhai"))], parent=str(sample("taizhou")))
    assert report.parent is not None and report.parent.path.endswith("taizhou-2022-government-work-report.txt")
    found = {(f.document, f.key): f for f in report.parent.findings}
    rd = found[(0, "研发经费支出占生产总值比重")]  # Luqiao 2.8% under the city's 3.4%以上
    assert rd.verdict == Verdict.WEAKER and rd.margin == pytest.approx(-0.6) and rd.margin_unit == "个百分点"
    assert rd.target is not None and rd.target.line == 459
    assert found[(1, "研发经费支出占生产总值比重")].margin == pytest.approx(-0.1)  # Linhai 3.3%
    life = found[(1, "人均寿命")]  # 83岁 against 82岁以上
    assert life.verdict == Verdict.STRONGER and life.margin == pytest.approx(1)
    verdicts = {f.verdict for f in report.parent.findings}
    assert {Verdict.MISSING, Verdict.LOCAL, Verdict.UNJUDGED} <= verdicts
