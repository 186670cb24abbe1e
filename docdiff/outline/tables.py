"""Tables in a Document's text → Table (header + rows of Cells, every cell with line and span).

Two shapes: pipe tables ("| a | b |" lines, as ingest writes HTML and docx tables), and tables
flattened one cell per line with the empty cells dropped (Luqiao's indicator tables).
"""
from __future__ import annotations

from bisect import bisect_right

from msgspec import Struct

from docdiff.model import Cell, Document, Span, Table
from docdiff.regex_cache import compile_regex

__all__ = ["find_flat_tables", "find_pipe_tables", "find_tables"]

MAX_CAPTION_CHARS = 60  # "表2 路桥区“十四五”时期国民经济和社会发展主要指标" is 26
_BLANKS = " \t\xa0\u3000"
_RULE_CELL = compile_regex(r"[ \t]*:?-{3,}:?[ \t]*")  # |---|:--:| separator cells
_CAPTION = compile_regex(r"[ \t\xa0\u3000]*(?:表[ \t\xa0]*[0-9一二三四五六七八九十]|[0-9]{1,2}[ \t\xa0]+\S)")


def _caption_before(doc: Document, line: int) -> tuple[str, int, Span] | None:
    """The caption line above a table (表2 …, or a short line ending in 表), if any: its text,
    its line in ``doc.text`` and its span (``line`` counts the lines of ``doc.text`` too)."""
    n = line - 1
    while n >= 1 and not doc.slice(doc.line_span(n)).strip():
        n -= 1
    if n < 1:  # the nearest line above with text, however many blank lines lie between
        return None
    span = doc.line_span(n)
    text = doc.slice(span)
    stripped = text.strip(" \t\xa0\u3000")
    if not stripped or len(stripped) > MAX_CAPTION_CHARS or stripped.startswith("|"):
        return None
    if _CAPTION.match(text) or stripped.endswith(("表", "指标", "情况")):
        lead = len(text) - len(text.lstrip(" \t\xa0\u3000"))
        return stripped, n, Span(span.start + lead, span.start + lead + len(stripped))
    return None


def _split_pipe_row(doc: Document, line: int) -> list[Cell | None] | None:
    """Cells of one "a | b | c" (or "| a | b |") line, each trimmed; None if it has no "|"."""
    span = doc.line_span(line)
    text = doc.slice(span)
    if "|" not in text or doc.is_debris(span.start):
        return None
    bounds, pos = [], 0
    while True:
        nxt = text.find("|", pos)
        bounds.append((pos, len(text) if nxt < 0 else nxt))
        if nxt < 0:
            break
        pos = nxt + 1
    trimmed = text.strip(_BLANKS)
    if len(bounds) > 2 and trimmed.startswith("|") and trimmed.endswith("|"):
        bounds = bounds[1:-1]  # "| a | b |": the pipes at both ends are borders, not cells
    cells: list[Cell | None] = []
    for a, b in bounds:
        raw = text[a:b]
        body = raw.strip(_BLANKS)
        if body:
            start = span.start + a + len(raw) - len(raw.lstrip(_BLANKS))
            cells.append(Cell(body, Span(start, start + len(body)), doc.line_at(start)))
        else:
            cells.append(None)
    return cells if len(cells) >= 2 else None


def _fill_spanned(rows: list[list[Cell | None]], width: int) -> list[tuple[Cell | None, ...]]:
    """Rows padded to ``width``. A short row lost its leading cells to a rowspan above
    (HTML drops them), so it takes them from the row before, as a spanning cell."""
    out: list[tuple[Cell | None, ...]] = []
    for row in rows:
        missing = width - len(row)
        if missing > 0:
            lead = list(out[-1][:missing]) if out else [None] * missing
            row = lead + row
        out.append(tuple(row))
    return out


def find_pipe_tables(doc: Document) -> tuple[Table, ...]:
    """Runs of ≥2 "a | b | c" lines (ingest's HTML and docx tables, or Markdown's "| a | b |");
    the first row is the header, "|---|" rule rows are skipped."""
    tables: list[Table] = []
    n, count = 1, doc.line_count
    while n <= count:
        pipe = doc.text.find("|", doc.line_starts[n - 1])
        if pipe < 0:
            break  # no "|" left: no line below is a row
        n = bisect_right(doc.line_starts, pipe)  # the next line with a "|" (those before are none)
        first, rows = n, []
        while n <= count and (row := _split_pipe_row(doc, n)) is not None:
            if not all(c is None or _RULE_CELL.fullmatch(c.text) for c in row):
                rows.append(row)
            n += 1
        if n == first:
            n += 1
            continue
        if len(rows) < 2:
            continue  # one "索引号: … | 发布机构: …" line is metadata, not a table
        width = max(len(r) for r in rows)  # a header cell with colspan leaves the header short
        caption = _caption_before(doc, first)
        line = doc.line_span(first)
        text = doc.slice(line)
        start = caption[2].start if caption else line.start + len(text) - len(text.lstrip(_BLANKS))
        tables.append(
            Table(
                title=caption[0] if caption else "",
                span=Span(start, doc.line_span(n - 1).end),
                line=doc.line_at(caption[2].start if caption else line.start),
                header=tuple((c.text if c else "") for c in rows[0]) + ("",) * (width - len(rows[0])),
                rows=tuple(_fill_spanned(rows[1:], width)),
            )
        )
    return tuple(tables)


def find_tables(doc: Document) -> tuple[Table, ...]:
    """Every table in ``doc``, pipe and flattened, in document order."""
    found = find_pipe_tables(doc) + find_flat_tables(doc)
    return tuple(sorted(found, key=lambda t: t.span.start))


# ----------------------------------------------------------------------------- flattened tables
#
# A table flattened one cell per line, empty cells dropped (Luqiao's indicator tables):
#     类别 / 序号 / 指标 / 2020 / 2025年目标 / 年均/累计 / 属性 / 经济发展 / 1 / 地区生产总值… / 669 / 1000 / 预期性 / 2 / …
# Rows are found from the anchors every row keeps: its 序号 (1, 2, 3 …) and its 属性 cell
# (预期性/约束性); a text cell just before a 序号 is a category spanning the rows below it.
# Inside a row the cells are read from the right: values, then a unit, then the name.

MAX_HEADER_CELL = 12  # "2025年目标", "指标名称": header cells are short labels
MAX_HEADER_COLUMNS = 12  # indicator tables have 5-8 columns; more short lines in a row are a list
MAX_CELL_CHARS = 60  # a longer line is prose: the table has ended
MAX_ROW_CELLS = 14  # more cells between two anchors means we lost the row structure
MAX_VALUE_TEXT = 16  # "保持在合理区间、各年度视情提出" is a goal written as text
_NUMBER_HEADERS = ("序号", "编号")
_ATTRIBUTE_WORDS = ("属性", "性质")  # an "attr" column (see _column_role)
_ATTRIBUTE = compile_regex(r"(?:预期|约束|指导|引导)性")
_ROW_NUMBER = compile_regex(r"[0-9]{1,3}")
_NUMBERED_NAME = compile_regex(r"[0-9]{1,3}[.、．](?![0-9])")
_YEAR = compile_regex(r"(?:19|20)[0-9]{2}")
# 完成上级下达指标, 高于经济增长, 预计完成, 无法统计: text standing where a figure would be.
_VALUE_TEXT = compile_regex(r"完成|统计|高于|低于|持平|不低于|不高于|以上|以下|以内|左右|稳定|保持|区间|同步|确保|力争")
_PLACEHOLDER = compile_regex(r"[—\-－/／]{1,4}")  # "—" in a cell with no figure
_CHANGE_WORDS = compile_regex(r"增长|增速|降低|下降|提高|减少|削减")  # a rate of change: annual/cumulative
_UNIT_CHARS = frozenset("%‰万亿千百十元美人次户套亩吨件家个张年岁项所座床辆公里米平方立克瓦时标准煤/()（）ugmkMGW23²³μ·")


class _FlatCell(Struct, frozen=True):
    text: str
    span: Span
    line: int

    def cell(self) -> Cell:
        return Cell(self.text, self.span, self.line)


def _flat_cells(doc: Document) -> list[_FlatCell]:
    """Every non-blank, non-debris line as a trimmed cell candidate."""
    out = []
    for n, span in doc.body_lines():
        raw = doc.slice(span)
        body = raw.strip(" \t\xa0\u3000")
        if body:
            lead = len(raw) - len(raw.lstrip(" \t\xa0\u3000"))
            start = span.start + lead
            out.append(_FlatCell(body, Span(start, start + len(body)), n))
    return out


def _column_role(label: str) -> str:
    """What a header column holds: cat, no, name, unit, attr, rate, target, base or value."""
    if any(w in label for w in ("类别", "领域", "分类")):
        return "cat"
    if label in _NUMBER_HEADERS:
        return "no"
    if any(w in label for w in _ATTRIBUTE_WORDS):
        return "attr"
    if "单位" in label:
        return "unit"
    if any(w in label for w in ("年均", "累计", "增速")):
        return "rate"
    if any(w in label for w in ("目标", "预期", "规划")):
        return "target"
    if _YEAR.search(label) or any(w in label for w in ("现状", "基期", "基数", "完成")):
        return "base"
    if "指标" in label or "名称" in label or "项目" in label:
        return "name"
    return "value"


def _column_roles(header: list[str]) -> list[str]:
    """Roles of a header's columns; of two bare years ("2020年", "2025年") the later is the goal."""
    roles = [_column_role(t) for t in header]
    years = [(int(m.group()), k) for k, t in enumerate(header) if roles[k] == "base" and (m := _YEAR.search(t))]
    if "target" not in roles and len(years) >= 2:
        roles[max(years)[1]] = "target"
    return roles


def _is_unit(text: str) -> bool:
    return len(text) <= 12 and not text.isdigit() and all(c in _UNIT_CHARS for c in text)


def _is_value(text: str) -> bool:
    """A figure ("13.2(1100套)", "[8]以上", "0.01以下") or a short text in its place."""
    if _NUMBERED_NAME.match(text):
        return False  # "1.国内生产总值(GDP)增长(%)": a name with its row number
    if text[:1].isdigit() or (text[:1] in "[(-+<>≤≥约" and any(c.isdigit() for c in text[:4])):
        return True
    if _PLACEHOLDER.fullmatch(text):
        return True
    return len(text) <= MAX_VALUE_TEXT and bool(_VALUE_TEXT.search(text))


def _is_rate_value(text: str) -> bool:
    """A cumulative "[8]" or a text goal "完成上级下达指标": it belongs in the 年均/累计 column."""
    if _PLACEHOLDER.fullmatch(text):
        return False  # "—" says "no figure here", wherever it stands
    return text.startswith("[") or not any(c.isdigit() for c in text)


def _find_header(cells: list[_FlatCell], i: int) -> tuple[int, int] | None:
    """[start, end) of the header whose 序号 cell is cells[i], or None if it is not one."""
    start = i
    while start > 0 and i - start < 2 and _column_role(cells[start - 1].text) == "cat" \
            and len(cells[start - 1].text) <= MAX_HEADER_CELL:
        start -= 1
    end = i + 1
    while end < len(cells) and end - start < MAX_HEADER_COLUMNS:
        text = cells[end].text
        if len(text) > MAX_HEADER_CELL or _ROW_NUMBER.fullmatch(text) or _ATTRIBUTE.fullmatch(text):
            break
        if _column_role(cells[start].text) == "cat" and end + 1 < len(cells) \
                and cells[end + 1].text == "1" and _column_role(text) in ("value", "name"):
            break  # a category cell ("经济发展") right before row 1
        end += 1
        if _column_role(text) == "attr":
            break
    roles = [_column_role(c.text) for c in cells[start:end]]
    if "name" not in roles or end - start < 3:
        return None
    return start, end


def _assign_values(values: list[_FlatCell], cols: list[int], roles: list[str], name: str) -> dict[int, _FlatCell]:
    """Put a row's surviving value cells in the right value columns (empty cells were dropped)."""
    if len(values) >= len(cols):
        return dict(zip(cols, values[-len(cols):])) if cols else {}
    placed: dict[int, _FlatCell] = {}
    rest = list(values)
    rate = next((c for c in cols if roles[c] == "rate"), None)
    if rate is not None and rest and (
        _is_rate_value(rest[-1].text) or (len(rest) == 1 and _CHANGE_WORDS.search(name))
    ):
        placed[rate] = rest.pop()
    free = [c for c in cols if c != rate]
    if len(rest) == 1 and free:
        # One figure left: it is the goal — unless the goal sits in 年均/累计 already, or it is
        # a status text ("预计完成", "无法统计") reporting the base year, as in a 完成情况 column.
        numeric = any(ch.isdigit() for ch in rest[0].text)
        want = "target" if numeric and rate not in placed else "base"
        placed[next((c for c in free if roles[c] == want), free[-1])] = rest[0]
    else:
        placed.update(zip(free, rest))
    return placed


def _parse_flat_table(doc: Document, cells: list[_FlatCell], h0: int, h1: int) -> tuple[Table, int] | None:
    """The table whose header is cells[h0:h1], and the index of the first cell after it."""
    header = [c.text for c in cells[h0:h1]]
    roles = _column_roles(header)
    col = {r: roles.index(r) for r in ("cat", "no", "name", "unit", "attr") if r in roles}
    value_cols = [k for k, r in enumerate(roles) if r in ("rate", "target", "base", "value")]
    rows: list[tuple[Cell | None, ...]] = []
    category: _FlatCell | None = None
    expected = 1
    i = h1
    last_end = h1

    def is_number(k: int) -> bool:
        return k < len(cells) and cells[k].text == str(expected)

    while i < len(cells):
        number: _FlatCell | None = None
        if "no" in col and is_number(i):
            number = cells[i]
            i += 1
        elif "no" in col and "cat" in col and is_number(i + 1) and not _is_value(cells[i].text) \
                and len(cells[i].text) <= MAX_HEADER_CELL:
            category, number = cells[i], cells[i + 1]
            i += 2
        elif "attr" not in col or ("no" in col and not rows):
            break  # without 序号 the 属性 anchors alone delimit the rows
        # The row runs to its 属性 anchor, or (without one) to the next 序号 or its last column.
        j = i
        reach = MAX_ROW_CELLS if "attr" in col else len(header) - (1 + ("cat" in col))
        while j < len(cells) and j - i < reach and len(cells[j].text) <= MAX_CELL_CHARS:
            if "attr" in col and _ATTRIBUTE.fullmatch(cells[j].text):
                break
            if "attr" not in col and cells[j].text == str(expected + (number is not None)):
                break
            j += 1
        has_anchor = "attr" in col and j < len(cells) and _ATTRIBUTE.fullmatch(cells[j].text)
        if "attr" in col and not has_anchor:
            break  # no anchor in reach: this is not a row
        body = cells[i:j]
        if not body and number is None:
            break
        row: list[Cell | None] = [None] * len(header)
        values: list[_FlatCell] = []
        k = len(body)
        while k > 0 and len(values) < len(value_cols) and k > 1 and _is_value(body[k - 1].text):
            k -= 1
            values.insert(0, body[k])
        if "unit" in col and k > 1 and _is_unit(body[k - 1].text):
            k -= 1
            row[col["unit"]] = body[k].cell()
        if "no" not in col and "cat" in col and k > 1:
            category = body[0]  # no 序号 to lean on: a text cell left of the name is the category
        if "cat" in col and category is not None:
            row[col["cat"]] = category.cell()  # a category cell spans the rows below it
        if number is not None:
            row[col["no"]] = number.cell()
            expected += 1
        if k > 0 and "name" in col:
            # Cells before the name (空气 / 质量 over PM2.5平均浓度) are a merged group label.
            row[col["name"]] = body[k - 1].cell()
        for c, cell in _assign_values(values, value_cols, roles, body[k - 1].text if k else "").items():
            row[c] = cell.cell()
        if has_anchor:
            row[col["attr"]] = cells[j].cell()
            j += 1
        rows.append(tuple(row))
        last_end = j
        i = j
    if not rows:
        return None
    caption = _caption_before(doc, bisect_right(doc.line_starts, cells[h0].span.start))
    start = caption[2].start if caption else cells[h0].span.start
    table = Table(
        title=caption[0] if caption else "",
        span=Span(start, cells[last_end - 1].span.end),
        line=doc.line_at(caption[2].start) if caption else cells[h0].line,
        header=tuple(header),
        rows=tuple(rows),
    )
    return table, last_end


def _find_header_ending_at(cells: list[_FlatCell], i: int) -> tuple[int, int] | None:
    """[start, end) of a header without 序号 whose last cell, cells[i], is its 属性 column."""
    start = i
    while start > 0 and i - start < MAX_HEADER_COLUMNS - 1:
        text = cells[start - 1].text
        if len(text) > MAX_HEADER_CELL or _CAPTION.match(text) or any(c in text for c in "。;；:："):
            break
        start -= 1
    roles = [_column_role(c.text) for c in cells[start : i + 1]]
    if "no" in roles or "name" not in roles or not {"rate", "target", "base", "value"} & set(roles):
        return None
    return start + roles.index("cat") if "cat" in roles else start + roles.index("name"), i + 1


_ANCHOR_WORD = compile_regex("|".join((*_NUMBER_HEADERS, *_ATTRIBUTE_WORDS)))


def _is_anchor(text: str) -> bool:
    """Whether a cell's text can open a header: a 序号 cell, or a short 属性 one."""
    return text in _NUMBER_HEADERS or (len(text) <= MAX_HEADER_CELL and _column_role(text) == "attr")


def _has_anchor(doc: Document) -> bool:
    """Whether some body line, trimmed, is an anchor cell (``_is_anchor``): only the lines
    holding an anchor word are read, so a document without one never builds its cells."""
    for m in _ANCHOR_WORD.finditer(doc.text):
        span = doc.line_span(bisect_right(doc.line_starts, m.start()))
        if _is_anchor(doc.slice(span).strip(_BLANKS)) and not doc.is_debris(span.start):
            return True
    return False


def find_flat_tables(doc: Document) -> tuple[Table, ...]:
    """Tables flattened one cell per line, found from a 序号 (or, lacking one, 属性) header cell."""
    if not _has_anchor(doc):
        return ()  # no cell can open a header
    cells = _flat_cells(doc)
    tables: list[Table] = []
    i = 0
    while i < len(cells):
        header = None
        if cells[i].text in _NUMBER_HEADERS:
            header = _find_header(cells, i)
        elif len(cells[i].text) <= MAX_HEADER_CELL and _column_role(cells[i].text) == "attr":
            header = _find_header_ending_at(cells, i)
        if header:
                parsed = _parse_flat_table(doc, cells, *header)
                if parsed:
                    tables.append(parsed[0])
                    i = parsed[1]
                    continue
        i += 1
    return tuple(tables)
