"""The target table: rows by folded key, corpus-level folds, compound keys, later years, tiers."""
from __future__ import annotations

import numpy as np

from docdiff.corpus.documents import DocRecord
from docdiff.corpus.table import build_table, fold_row_key, row_keys
from docdiff.model import Comparator, Period, Span, Target


def _t(key: str, value: float = 5, year: int | None = 2026, status: str = "target", tier: str = "headline") -> Target:
    return Target(id=f"t{value}", indicator=key, key=key, value=value, value_high=None, unit="%",
                  comparator=Comparator.APPROX, year=year, period=Period.ANNUAL, text=key, span=Span(0, len(key)),
                  line=1, section="", status=status, tier=tier)


def _rec(*targets: Target, year: int = 2026) -> DocRecord:
    empty = np.zeros(0, dtype=np.int64)
    return DocRecord(path="x.txt", sha="", title="", kind="work_report", year=year, issuer="", period=None,
                     targets=targets, body="", line_starts=empty, line_numbers=empty, run_starts=empty, run_offsets=empty,
                     chunks=np.zeros((0, 2), dtype=np.int64), signatures=np.zeros((0, 64), dtype=np.uint32),
                     grams=np.zeros(0, dtype=np.uint64))


def test_wordings_of_one_headline_indicator_share_a_row():
    assert {fold_row_key(k) for k in ("经济增长", "地区生产总值增长", "GDP增长", "生产总值增长")} == {"生产总值增长"}
    assert {fold_row_key(k) for k in ("CPI涨幅", "居民消费价格总水平上涨幅度", "居民消费价格涨幅")} == {"居民消费价格涨幅"}
    assert fold_row_key("城镇新增就业人数") == "城镇新增就业"
    assert fold_row_key("正常年景下粮食产量") == fold_row_key("粮食总产") == "粮食产量"


def test_folding_is_idempotent_and_leaves_other_keys_alone():
    for key in ("经济增长", "城镇新增就业人数", "研发经费支出占生产总值比重", "新建5G基站"):
        assert fold_row_key(fold_row_key(key)) == fold_row_key(key)
    assert fold_row_key("经济增长质量") == "经济增长质量"


def test_a_compound_indicator_sits_on_each_row_and_a_later_goal_on_its_year():
    assert row_keys(_t("社会消费品零售总额、固定资产投资增长"), 2026) == ("社会消费品零售总额增长", "固定资产投资增长")
    assert row_keys(_t("生产总值增长", year=2030), 2026) == ("生产总值增长@2030",)
    assert row_keys(_t("生产总值增长", year=None), 2026) == ("生产总值增长",)


def test_rows_headline_first_one_cell_per_document_past_targets_left_out():
    docs = [_rec(_t("经济增长", 5, tier="task"), _t("生产总值增长", 6), _t("新建公园", 3, tier="task")),
            _rec(_t("地区生产总值增长", 5.5), _t("粮食产量", 1, status="past"), _t("新建公园", 4, tier="task")),
            _rec(_t("GDP增长", 4.5), _t("居民消费价格涨幅", 2))]
    rows = build_table(docs)
    assert rows[0].key == "生产总值增长" and rows[0].tier == "headline"
    assert [c.document for c in rows[0].cells] == [0, 1, 2]
    # the headline-tier mention is the cell, the task-list one counted beside it
    assert rows[0].cells[0].target.value == 6 and rows[0].cells[0].others == 1
    assert [(r.key, r.tier) for r in rows[1:]] == [("新建公园", "other"), ("居民消费价格涨幅", "other")]
    assert "粮食产量" not in {r.key for r in rows}
