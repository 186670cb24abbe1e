"""Target extraction on documents nobody tuned it on (tests/data/unseen: hand-keyed national,
provincial, city and county documents in the styles of other governments) must stay above the
floor pinned under "unseen" in tests/quality_floor.json; review parts and statistical bulletins
must give no targets at all."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold_scoring import (
    assert_document_floors,
    assert_micro_floor,
    load_scorer,
    score_targets,
    target_dicts,
)

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "data" / "unseen"
FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))["unseen"]


from docdiff.ingest import load  # noqa: E402
from docdiff.targets.extract import extract_targets  # noqa: E402


def _targets(name: str) -> list[dict]:
    path = next(p for p in UNSEEN.iterdir() if p.stem == name and p.suffix != ".jsonl")
    return target_dicts(extract_targets(load(str(path))))


@pytest.fixture(scope="module")
def results() -> dict:
    scorer = load_scorer("score_targets")
    return score_targets(scorer, scorer.gold_sets(None, UNSEEN), _targets)


def test_unseen_micro_scores_stay_above_the_floor(results: dict) -> None:
    assert len(results["docs"]) >= 9
    assert_micro_floor(results, FLOOR, "unseen")


def test_every_unseen_document_stays_above_its_floor(results: dict) -> None:
    assert_document_floors(results, FLOOR["document_f1"])


def test_a_statistical_bulletin_sets_no_targets() -> None:
    # 1082 projects, 增长5.9%, 达到73.6%, 完成年度目标任务的121%: all results of the year
    assert _targets("jiaxing-2024-statistical-bulletin") == []


def _line_of(name: str, heading: str) -> int:
    lines = (UNSEEN / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(heading))


@pytest.mark.parametrize(("name", "review", "plans"), [
    ("national-2025-work-report", "一、2024年工作回顾", "二、2025年"),
    ("anji-county-2023-work-report", "一、过去五年工作回顾", "二、今后五年"),
    ("wuxi-new-energy-vehicle-action-plan-2024-2026", "一、发展基础", "二、总体要求"),
    ("deqing-15th-five-year-plan-outline", "第一节　发展基础", "第二节"),
    ("hangzhou-2024-elderly-care-proposal-reply", "一、工作现状", "二、存在问题"),
])
def test_a_review_section_sets_no_targets(name: str, review: str, plans: str) -> None:
    start, end = _line_of(name, review), _line_of(name, plans)
    found = _targets(name)
    assert found, "the plan part of the document does set targets"
    inside = [(t["line"], t["indicator"], t["value"]) for t in found if start <= t["line"] < end]
    assert inside == []


def test_a_past_plan_period_in_a_plan_chapter_is_a_result() -> None:
    # “十三五”期间,全省高新技术企业由3157家增加到8559家 sits in a 十四五 goal chapter
    found = _targets("anhui-province-14th-plan-indicators")
    assert not [t for t in found if t["value"] in (8559, 660)]
    assert {t["value"] for t in found if t["line"] == 37} == {1.5, 2, 3000, 10}
