"""Quality floor: target F1 on the dev answer keys in ../shared/gold must not fall below the
figures pinned in tests/quality_floor.json (matching is the scorer's own, imported from
../shared/eval/score_targets.py)."""
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
FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict:
    scorer = load_scorer("score_targets")
    from docdiff.ingest import load
    from docdiff.targets import extract_targets

    def predict(name: str) -> list[dict]:
        doc_path = scorer.find_doc(name)
        assert doc_path is not None, name
        return target_dicts(extract_targets(load(str(doc_path))))

    return score_targets(scorer, scorer.gold_sets(None), predict)


def test_micro_scores_stay_above_the_floor(results: dict) -> None:
    assert_micro_floor(results, FLOOR, "dev")


def test_every_document_stays_above_its_floor(results: dict) -> None:
    assert_document_floors(results, FLOOR["document_f1"])
