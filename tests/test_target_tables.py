"""Indicator tables on constructed Markdown tables (through ingest and the outline): a header
whose 指标 columns are levels (一级指标 | 二级指标), a header with no 指标 column at all, a name
cell spanning rows, blank target cells, and a table-of-contents line that is never a target."""
from __future__ import annotations

from docdiff.ingest import load
from docdiff.model import Cell, Document, Metadata, Outline, Span, Table
from docdiff.targets import extract_targets

LEVELS = """某县“十五五”规划纲要

二、发展目标

表1 主要指标

| 一级指标 | 二级指标 | 基期值 | 2030年目标 | 属性 |
|---|---|---|---|---|
| 经济发展 | 地区生产总值增长（%） | 6.0 | 5左右 | 预期性 |
|  | 全员劳动生产率（万元/人） | 18 | 24 | 预期性 |
|  | 数字经济核心产业增加值占比（%） | 9 |  | 预期性 |
| 民生福祉 | 城镇调查失业率（%） | 5.1 | ＜5.5 | 预期性 |

目录
一、发展基础 …… 3
三、重点任务（20项） …… 15
"""

NO_NAME_HEADER = """某县“十五五”规划纲要

二、发展目标

| 类别 | 内容 | 2025年 | 2030年 |
|---|---|---|---|
| 创新 | 研发投入强度（%） | 2.8 | 3.3 |
| 创新 | 每万人高价值发明专利拥有量（件） | 12 | 20 |
| 绿色 | 森林覆盖率（%） | 60 |  |
"""


def _rows(tmp_path, text: str) -> list[tuple[str, float | None, str, float | None]]:
    p = tmp_path / "plan.md"
    p.write_text(text, encoding="utf-8")
    return [(t.indicator, t.value, t.unit, t.baseline) for t in extract_targets(load(str(p)))]


def test_innermost_indicator_level_names_the_row(tmp_path):
    assert _rows(tmp_path, LEVELS) == [
        ("地区生产总值增长", 5, "%", 6), ("全员劳动生产率", 24, "万元/人", 18), ("城镇调查失业率", 5.5, "%", 5.1)]


def test_blank_target_cell_gives_no_target_not_the_base_value(tmp_path):
    rows = _rows(tmp_path, LEVELS) + _rows(tmp_path, NO_NAME_HEADER)
    assert not [r for r in rows if r[0].startswith(("数字经济", "森林覆盖率"))]


def test_header_without_an_indicator_column(tmp_path):
    assert _rows(tmp_path, NO_NAME_HEADER) == [("研发投入强度", 3.3, "%", 2.8), ("每万人高价值发明专利拥有量", 20, "件", 12)]


def test_contents_line_is_never_a_target(tmp_path):
    assert not [r for r in _rows(tmp_path, LEVELS) if "重点任务" in r[0]]


def test_name_cell_spanning_rows_names_the_rows_below():
    # 地区生产总值 spans two rows (HTML rowspan, or a blank first cell): one target per stage
    lines = ["表2 分阶段目标", "地区生产总值(亿元)", "2028年", "1200", "2030年", "1500"]
    text = "\n".join(lines) + "\n"
    doc = Document(path="t.txt", text=text, meta=Metadata(year=2026, period=(2026, 2030)))
    c = {line: Cell(text=line, span=doc.line_span(n), line=n) for n, line in enumerate(lines, 1)}
    table = Table(title=lines[0], span=Span(0, len(text)), line=1, header=("指标", "阶段", "目标值"),
                  rows=((c["地区生产总值(亿元)"], c["2028年"], c["1200"]), (None, c["2030年"], c["1500"])))
    found = extract_targets(doc, Outline(sections=(), tables=(table,)))
    assert [(t.indicator, t.value, t.unit) for t in found] == [("地区生产总值", 1200, "亿元"), ("地区生产总值", 1500, "亿元")]
