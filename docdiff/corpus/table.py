"""Every document's targets → the target table: one row per indicator, one cell per document.

A row's key is the target's key folded once more with docdiff.targets.keys.fold_key and with the
corpus-level folds below, plus "@YEAR" when the target is for a later year than the document's
own (a 2026 report's 2030 goal is another row than its 2026 goal). A row is "headline" when at
least half of its cells hold a headline-tier target (a 主要预期目标 list or an indicator table
row) and at least two documents set it; rows are ordered by tier, then by how many documents set them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from docdiff.corpus.documents import DocRecord
from docdiff.corpus.report import Cell, IndicatorRow
from docdiff.model import Target
from docdiff.regex_cache import compile_regex
from docdiff.targets.keys import fold_key

HEADLINE_SHARE = 0.5  # of a row's cells holding a headline-tier target

# Corpus-level folds over whole keys: wordings of one headline indicator that the extractor's
# keys keep apart (they matter little between two documents, a lot across thirty). Applied in
# order, each to the whole key; the extractor's own folding (data/synonyms.tsv) comes first.
_ROW_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((compile_regex(p), r) for p, r in (
    (r"^(?:经济|GDP|地区生产总值)增长$", "生产总值增长"),
    (r"^规模以上工业", "规上工业"),
    (r"^(?:CPI|居民消费价格(?:总水平)?)(?:上涨幅度|涨幅|上涨|增幅)$", "居民消费价格涨幅"),
    (r"^(城镇新增就业)(?:人数|岗位)$", r"\1"),
    (r"^(?:正常年景下)?粮食(?:总产量?|产量)(?:继续\w*|稳定在|保持在)?$", "粮食产量"),
    (r"^(?:货物)?进出口(?:总额|总值)?增长$", "进出口增长"),
    (r"^(?:全社会)?(?:固定资产)?投资增长$", "固定资产投资增长"),
))


# 社会消费品零售总额、固定资产投资增长4%左右: one figure for each indicator named
_COMPOUND = compile_regex(r"^((?:[^、]{2,}、)+[^、]{2,}?)(增长|下降|提高)$")


def row_keys(t: Target, doc_year: int | None) -> tuple[str, ...]:
    """The table rows of ``t``: its folded key, with @YEAR for a later year's goal; a compound
    indicator (A、B增长) sits on the row of each part."""
    key = fold_key(t.key or t.indicator)
    m = _COMPOUND.match(key)
    keys = [fold_row_key(part + m.group(2)) for part in m.group(1).split("、")] if m else [fold_row_key(key)]
    if t.year is not None and doc_year is not None and t.year > doc_year:
        keys = [f"{k}@{t.year}" for k in keys]
    return tuple(dict.fromkeys(keys))


def fold_row_key(key: str) -> str:
    """fold_key, then the corpus-level folds: 经济增长 → 生产总值增长, CPI涨幅 → 居民消费价格涨幅."""
    key = fold_key(key)
    for pattern, repl in _ROW_FOLDS:
        key = pattern.sub(repl, key)
    return key


def build_table(records: list[DocRecord]) -> tuple[IndicatorRow, ...]:
    """Rows of the table, headline tier first; documents without targets leave their cells out."""
    by_row: dict[str, dict[int, list[Target]]] = defaultdict(dict)
    for d, rec in enumerate(records):
        for t in rec.targets or ():
            if t.status != "target":
                continue
            for key in row_keys(t, rec.year):
                by_row[key].setdefault(d, []).append(t)
    rows = []
    for key, cells in by_row.items():
        labels = Counter(ts[0].indicator for ts in cells.values())
        headline = sum(1 for ts in cells.values() if any(t.tier == "headline" for t in ts))
        tier = "headline" if len(cells) >= 2 and headline >= HEADLINE_SHARE * len(cells) else "other"
        rows.append(IndicatorRow(
            key=key,
            label=min(labels, key=lambda s: (-labels[s], len(s), s)),
            tier=tier,
            # a document's headline-tier target first (主要预期目标 over a later mention in its tasks)
            cells=tuple(Cell(document=d, target=next((t for t in ts if t.tier == "headline"), ts[0]),
                             others=len(ts) - 1) for d, ts in sorted(cells.items())),
        ))
    rows.sort(key=lambda r: (r.tier != "headline", -len(r.cells), r.key))
    return tuple(rows)
