"""The shared scorers (../shared/eval) imported as modules, and target scores checked against
the floors pinned in tests/quality_floor.json: one harness for the dev and unseen answer keys."""
from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def load_scorer(name: str) -> ModuleType:
    """``../shared/eval/<name>.py`` as a module; skips the test when ../shared is absent."""
    path = EVAL / f"{name}.py"
    if not path.exists():
        pytest.skip(f"../shared (answer keys and scorers) is not next to this checkout: {path}")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_targets(scorer: ModuleType, gold_sets: dict[str, list[Path]],
                  predict: Callable[[str], list[dict]]) -> dict:
    """Per-document scores and micro counts (past targets left out, as the scorer does)."""
    per_doc, total = {}, {"gold": 0, "pred": 0, "tp": 0, "comp": 0, "year": 0}
    for name, paths in gold_sets.items():
        gold = [g for g in scorer.load_jsonl(paths) if g.get("status") != "past"]
        r = scorer.score(gold, predict(name))
        per_doc[name] = r
        for k in ("gold", "pred", "tp"):
            total[k] += r[k]
        total["comp"] += round(r["comparator_acc"] * r["tp"])
        total["year"] += round(r["year_acc"] * r["tp"])
    return {"docs": per_doc, "total": total}


def assert_micro_floor(results: dict, floor: dict, label: str) -> None:
    t = results["total"]
    precision, recall = t["tp"] / t["pred"], t["tp"] / t["gold"]
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= floor["micro_f1"], f"{label} micro F1 {f1:.3f} < floor {floor['micro_f1']}"
    assert precision >= floor["micro_precision"], f"{label} precision {precision:.3f}"
    assert recall >= floor["micro_recall"], f"{label} recall {recall:.3f}"
    assert t["comp"] / t["tp"] >= floor["comparator_accuracy"]
    assert t["year"] / t["tp"] >= floor["year_accuracy"]


def assert_document_floors(results: dict, floors: dict[str, float]) -> None:
    low = {name: round(r["f1"], 3) for name, r in results["docs"].items() if r["f1"] < floors.get(name, 0.0)}
    assert not low, f"below the floor: {low}"


def target_dicts(targets: Iterable) -> list[dict]:
    """Extracted targets as the contract's JSON objects, past ones left out."""
    from docdiff.render.json import target_json

    return [target_json(t) for t in targets if t.status != "past"]
