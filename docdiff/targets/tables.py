"""Indicator tables → Target: one target per row, from the target column, with its base column.

A table is a target table when its header names an indicator column (指标) and a target column
(2025年目标, 目标值, 2025). A past plan's review table (十三五完成情况: "2020年目标" beside an
actual "2020" column) gives targets with status "past".
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from msgspec.structs import replace

from docdiff.model import (
    Cell,
    Comparator,
    Document,
    Kind,
    Outline,
    Period,
    Span,
    Table,
    Target,
)
from docdiff.regex_cache import compile_regex
from docdiff.targets.keys import fold_key
from docdiff.targets.numbers import ARABIC, parse_arabic, to_float
from docdiff.targets.rules import (
    CHANGE_RE,
    PREFIX_COMPARATORS,
    comparator_for,
    period_for,
)
from docdiff.targets.tiers import HEADLINE

if TYPE_CHECKING:
    from docdiff.targets.context import DocContext

_YEAR_RE = compile_regex(r"((?:19|20)\d\d)")
_UNIT_IN_NAME_RE = compile_regex(r"[(（]([^()（）]{1,8})[)）]?$")
# ">12", "<5.5", "≥95": a comparison sign before the number
_CELL_VALUE_RE = compile_regex(rf"^\s*(?P<sign>[<>≤≥＜＞]=?)?\s*(\[)?({ARABIC})(\])?\s*(?:[-—~～]\s*({ARABIC}))?")
_SIGNS = {"<": Comparator.LE, "＜": Comparator.LE, "≤": Comparator.LE, "<=": Comparator.LE,
          ">": Comparator.GE, "＞": Comparator.GE, "≥": Comparator.GE, ">=": Comparator.GE}
# —, -, /, 空: a cell left empty on purpose (the value is in another column)
_PLACEHOLDER_CELL_RE = compile_regex(r"^\s*(?:[—–\-－/／\\]{1,3}|空|无|暂无)?\s*$")
_TEXT_TARGET_RE = compile_regex(r"完成|下达|高于|低于|不低于|不高于|同步|持平|稳定|保持|达到")
_UNIT_WORDS = compile_regex(r"^(?:%|‰|万?亿?[元人户亩吨个家项件张所座条次]|万人|亿元|万元|万美元|亿美元|人次|万人次|"
                         r"平方米|万平方米|微克/立方米|ug/m3|万吨|万立方米|万亩|公里|岁|年|天|人/亿元|万元/人|倍)$")


def _col(header: tuple[str, ...], *patterns: str, exclude: str | None = None) -> int | None:
    for pat in patterns:
        for i, h in enumerate(header):
            hh = re.sub(r"\s", "", h)
            if re.search(pat, hh) and not (exclude and re.search(exclude, hh)):
                return i
    return None


def _cell(row: tuple[Cell | None, ...], i: int | None) -> Cell | None:
    return row[i] if i is not None and i < len(row) else None


def _split_unit(name: str) -> tuple[str, str]:
    """'地区生产总值(亿元)' → ('地区生产总值', '亿元'); '全员劳动生产率增长(%' → (…, '%')."""
    m = _UNIT_IN_NAME_RE.search(name)
    if m and _UNIT_WORDS.match(m.group(1).strip()):
        return name[: m.start()].strip(), m.group(1).strip()
    return name.strip(), ""


def _read_value(text: str) -> tuple[Decimal | None, Decimal | None, Comparator, bool] | None:
    """'7以上' → (7, None, >=, False); '[8]以上' → (8, …, bracketed); '完成上级下达指标' → (None, …)."""
    m = _CELL_VALUE_RE.match(text)
    if m:
        value = parse_arabic(m.group(3))
        high = parse_arabic(m.group(5)) if m.group(5) else None
        comp = Comparator.RANGE if high is not None else comparator_for("", text[m.end():].strip())
        if m.group("sign") and high is None:
            comp = _SIGNS[m.group("sign")]
        return value, high, comp, bool(m.group(2) and m.group(4))
    if _TEXT_TARGET_RE.search(text):  # 高于经济增长: a target without a number
        comp = next((c for w, c in PREFIX_COMPARATORS if text.strip().startswith(w)), Comparator.EQ)
        return None, None, comp, False
    return None


def _table_kind(table: Table, base_year: int | None) -> tuple[int | None, int | None, int | None, bool, int | None]:
    """(target column, base column, actual column, past?, target year) or target column None."""
    header = table.header
    target = _col(header, r"目标值?$", r"目标", r"规划值", r"预期值")
    if target is None:
        # a bare later year: "2020 | 2025" in a plan; two past years are statistics, not goals
        years = [(i, int(m.group(1))) for i, h in enumerate(header) if (m := re.fullmatch(r"\s*((?:19|20)\d\d)年?\s*", h))]
        if len(years) >= 2:
            latest = max(years, key=lambda y: y[1])
            if base_year is None or latest[1] >= base_year:
                target = latest[0]
    if target is None:
        return None, None, None, False, None
    m = _YEAR_RE.search(header[target])
    t_year = int(m.group(1)) if m else None
    base = None
    actual = None
    for i, h in enumerate(header):
        if i == target:
            continue
        ym = re.fullmatch(r"\s*((?:19|20)\d\d)年?(?:基期|现状|实际|完成)?值?\s*", h)
        if ym or re.search(r"基期|现状|基数", h):
            any_year = _YEAR_RE.search(h)
            y = int(any_year.group(1)) if any_year else None
            if t_year is not None and y == t_year:
                actual = i
            elif base is None:
                base = i
        elif re.search(r"完成|实际", h):
            actual = i
    # a review of a past plan: an actual column beside the target, or a title that says so
    past = actual is not None or bool(re.search(r"完成情况|实现情况|执行情况|评估", table.title))
    return target, base, actual, past, t_year


def _rows_targets(doc: Document, table: Table, section: str, base_year_of_doc: int | None) -> list[Target]:
    target_col, base_col, _, past, t_year = _table_kind(table, base_year_of_doc)
    if target_col is None:
        return []
    if t_year is not None and base_year_of_doc is not None and t_year < base_year_of_doc:
        past = True  # a 2020 target in a 2021–2025 plan
    header = table.header
    name_col = _name_col(table, target_col)
    unit_col = _col(header, r"^单位$|计量单位")
    attr_col = _col(header, r"属性|性质")
    kind_col = _col(header, r"年均|累计")
    base_year = None
    if base_col is not None:
        m = _YEAR_RE.search(header[base_col])
        base_year = int(m.group(1)) if m else None
    out: list[Target] = []
    spanning: Cell | None = None  # the name cell of the row above, for a cell spanning rows
    for row in table.rows:
        name_cell, value_cell = _cell(row, name_col), _cell(row, target_col)
        if name_cell is None and name_col == _first_text_col(table):
            name_cell = spanning  # a first-column cell spanning rows is blank below its first row
        spanning = name_cell
        kind_cell = _cell(row, kind_col)
        from_kind_col = False
        if kind_cell is not None and (value_cell is None or _PLACEHOLDER_CELL_RE.match(value_cell.text)):
            # growth rates and five-year totals are written in the 年均/累计 column: 7以上, [8]以上
            value_cell, from_kind_col = kind_cell, True
        if name_cell is None or value_cell is None:
            continue
        read = _read_value(value_cell.text)
        if read is None:
            continue
        value, high, comp, bracketed = read
        indicator, unit = _split_unit(name_cell.text)
        unit_cell = _cell(row, unit_col)
        if unit_cell is not None and unit_cell.text.strip():
            unit = unit_cell.text.strip()
        base_value = None
        base_cell = _cell(row, base_col)
        if base_cell is not None:
            bm = _CELL_VALUE_RE.match(base_cell.text)
            base_value = to_float(parse_arabic(bm.group(3))) if bm else None
        period = _row_period(indicator, unit, value, value_cell.text, bracketed, from_kind_col)
        out.append(Target(
            id="", indicator=indicator, key=fold_key(indicator), value=to_float(value),
            value_high=to_float(high), unit=unit, comparator=comp, year=t_year, period=period,
            text=doc.text[value_cell.span.start : value_cell.span.end], span=Span(value_cell.span.start, value_cell.span.end),
            line=value_cell.line, section=section,
            baseline=None if past else base_value, baseline_year=None if past or base_value is None else base_year,
            binding=_binding(row, attr_col), status="past" if past else "target", tier=HEADLINE,
        ))
    return out


# Header words of a name column: 指标名称, 二级指标, 项目, 内容; never an attribute, a category or a value.
_NAME_HEADER_EXCLUDE = r"属性|性质|类别|目标|值|单位|年|序号"


def _name_col(table: Table, target_col: int) -> int | None:
    """The column that names each row's indicator: the innermost 指标 column (二级指标 over 一级
    指标), else 指标名称/项目/名称/内容, else the rightmost column before the target whose cells
    are mostly text, not numbers (a header with no such word: 类别 | 内容 | 2025年 | 2030年)."""
    header = table.header
    levels = [i for i, h in enumerate(header)
              if "指标" in h and not re.search(_NAME_HEADER_EXCLUDE, re.sub(r"\s", "", h))]
    if levels:
        return levels[-1]
    named = _col(header, r"指标名称|项目|名称|内容", exclude=_NAME_HEADER_EXCLUDE)
    if named is not None:
        return named
    text_cols = [i for i in range(min(target_col, len(header))) if _mostly_text(table, i)]
    return text_cols[-1] if text_cols else None


def _mostly_text(table: Table, col: int) -> bool:
    cells = [r[col] for r in table.rows if col < len(r) and r[col] is not None]
    text = [c for c in cells if not _CELL_VALUE_RE.match(c.text) and not _PLACEHOLDER_CELL_RE.match(c.text)]
    return bool(cells) and 2 * len(text) > len(cells) and any(len(c.text) >= 4 for c in text)


def _first_text_col(table: Table) -> int | None:
    return next((i for i in range(len(table.header)) if _mostly_text(table, i)), None)


def _binding(row: tuple[Cell | None, ...], attr_col: int | None) -> str | None:
    """预期性 / 约束性 from the attribute column (or any cell that says it, when columns shifted)."""
    cells = [_cell(row, attr_col)] + list(row)
    return next((c.text.strip() for c in cells if c is not None and c.text.strip() in ("预期性", "约束性")), None)


def _row_period(indicator: str, unit: str, value: Decimal | None, cell: str, bracketed: bool,
                from_kind_col: bool) -> Period:
    if from_kind_col:
        # a value in the 年均/累计 column: [bracketed] is the five-year total, a number or a
        # comparison (高于经济增长) a yearly rate, an assigned quota (完成上级下达指标) the total
        if bracketed or (value is None and not re.search(r"增长|增速", indicator)):
            return Period.CUMULATIVE
        return Period.ANNUAL
    if not bracketed and unit in ("%", "‰", "个百分点") and CHANGE_RE.search(indicator):
        # growth is yearly (年均); a reduction (能耗降低) is the plan period's total
        return Period.CUMULATIVE if re.search(r"降低|下降|减少|削减", indicator) else Period.ANNUAL
    period = period_for(indicator, unit, annual_doc=False, bracketed=bracketed, context=cell)
    if period == Period.CUMULATIVE and not bracketed and "累计" not in cell and unit in ("%", "倍"):
        return Period.POINT
    return period


def table_targets(doc: Document, outline: Outline, ctx: DocContext) -> list[Target]:
    """Targets from every indicator table of the outline."""
    out: list[Target] = []
    if ctx.kind == Kind.BULLETIN:
        return out  # a statistical bulletin's tables report results
    for table in outline.tables:
        chain = ctx.chain(table.span.start)
        section = " / ".join(t for t, _ in chain if t)
        targets = _rows_targets(doc, table, section, ctx.base_year)
        if targets and all(t.year is None for t in targets):
            year = ctx.default_year()
            targets = [_with_year(t, year) for t in targets]
        out.extend(targets)
    return out


def _with_year(t: Target, year: int | None) -> Target:
    return replace(t, year=year)
