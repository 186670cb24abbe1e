"""Target extraction on documents nobody tuned it on (tests/data/unseen: hand-keyed national,
provincial, city and county documents in the styles of other governments) must stay above the
floor pinned under "unseen" in tests/quality_floor.json; review parts and statistical bulletins
must give no targets at all."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "data" / "unseen"
SCORER = ROOT.parent / "shared" / "eval" / "score_targets.py"
FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))["unseen"]

pytest.importorskip("docdiff.outline", reason="the outline stage is not in this tree yet")

from docdiff.ingest import load  # noqa: E402
from docdiff.render.json import target_json  # noqa: E402
from docdiff.targets import extract_targets  # noqa: E402


def _targets(name: str) -> list[dict]:
    path = next(p for p in UNSEEN.iterdir() if p.stem == name and p.suffix != ".jsonl")
    return [target_json(t) for t in extract_targets(load(str(path))) if t.status != "past"]


@pytest.fixture(scope="module")
def results() -> dict:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score_targets.py (the scorer) is not next to this checkout")
    spec = importlib.util.spec_from_file_location("score_targets", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    per_doc, total = {}, {"gold": 0, "pred": 0, "tp": 0, "comp": 0, "year": 0}
    for name, paths in scorer.gold_sets(None, UNSEEN).items():
        gold = [g for g in scorer.load_jsonl(paths) if g.get("status") != "past"]
        r = scorer.score(gold, _targets(name))
        per_doc[name] = r
        for k in ("gold", "pred", "tp"):
            total[k] += r[k]
        total["comp"] += round(r["comparator_acc"] * r["tp"])
        total["year"] += round(r["year_acc"] * r["tp"])
    return {"docs": per_doc, "total": total}


def test_unseen_micro_scores_stay_above_the_floor(results: dict) -> None:
    t = results["total"]
    assert len(results["docs"]) >= 9
    precision, recall = t["tp"] / t["pred"], t["tp"] / t["gold"]
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= FLOOR["micro_f1"], f"unseen micro F1 {f1:.3f} < floor {FLOOR['micro_f1']}"
    assert precision >= FLOOR["micro_precision"], f"unseen precision {precision:.3f}"
    assert recall >= FLOOR["micro_recall"], f"unseen recall {recall:.3f}"
    assert t["comp"] / t["tp"] >= FLOOR["comparator_accuracy"]
    assert t["year"] / t["tp"] >= FLOOR["year_accuracy"]


def test_every_unseen_document_stays_above_its_floor(results: dict) -> None:
    low = {name: round(r["f1"], 3) for name, r in results["docs"].items()
           if r["f1"] < FLOOR["document_f1"].get(name, 0.0)}
    assert not low, f"below the floor: {low}"


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
