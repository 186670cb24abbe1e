"""Markdown for a pull-request comment: Comparison → target table and changed sections, ≤ 65,536 chars.

Inline changes use ``<del>``/``<ins>`` (which GitHub renders) rather than ``~~``/``**``: CommonMark's
flanking rules stop ``**`` from opening or closing next to full-width punctuation (``增长**，5%**``),
which Chinese text puts next to nearly every change. Every piece of document text is escaped.
"""
from __future__ import annotations

import re

from docdiff.errors import escape_controls
from docdiff.model import (
    Comparator,
    Comparison,
    Document,
    OpKind,
    Section,
    SectionPair,
    SectionStatus,
    Target,
    TargetPair,
)
from docdiff.regex_cache import compile_regex
from docdiff.render.labels import L, destination_phrase, section_counts, section_label
from docdiff.render.tiers import headline_first, is_headline

GITHUB_LIMIT = 65_536  # GitHub refuses a comment longer than this (counted in UTF-16 code units)
_TITLE_MAX = 200  # a title or path longer than this is cut in the header, so the header always fits
_EXCERPT = 300  # characters of an added or removed section shown
_RUN_MAX, _RUN_SHOWN = 600, 400  # a rewritten paragraph is cut to its start: a comment is a summary
_NOTE_RESERVE = 400  # room kept for the truncation note
# ASCII characters with a Markdown or HTML meaning inline; all are backslash-escapable in CommonMark.
# ``:`` stops :emoji: codes and scheme autolinks, ``@`` user mentions, ``$`` GitHub math.
_SPECIAL = compile_regex(r"([\\`*_~\[\](){}<>|#!&@$:^])")
# "1." / "-" / "+" / "=" only mean something at the start of a line (lists, setext headings)
_BLOCK_START = compile_regex(r"^(\s*\d{0,9})([.+=-])")
_SENTENCE = compile_regex(r"[^。！？；!?;\n]*(?:[。！？；!?;\n]+|$)")  # a sentence and its end marks
# A whole whitespace run at once: r"\s*\n\s*" retried from every space of a long run is quadratic.
_SPACE_RUN = compile_regex(r"\s+")


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", escape_controls(text))


def _block(md: str) -> str:
    """Escaped text that opens a block: four spaces would make it code, "1." or "-" a list."""
    return _BLOCK_START.sub(r"\1\\\2", md.lstrip(" \t"))


def _inline(text: str) -> str:
    """Document text for a paragraph: escaped, line breaks as <br>."""
    return re.sub(r"\n+", "<br>", _md(text))


def _cell(text: str) -> str:
    """Escaped text on one table line: a whitespace run holding a line break becomes one space."""
    one_line = _SPACE_RUN.sub(lambda m: " " if "\n" in m.group() else m.group(), _md(text))
    return one_line.strip() or "—"


def _size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units: characters outside the BMP count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _short(text: str, n: int = _TITLE_MAX) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if isinstance(v, int) or float(v).is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")


def _value(t: Target | None) -> str:
    if t is None:
        return "—"
    if t.value is None:
        value = L.NO_VALUE
    else:
        number = _num(t.value)
        if t.comparator == Comparator.RANGE and t.value_high is not None:
            number += f"–{_num(t.value_high)}"
        value = L.COMPARATORS.get(str(t.comparator), ("", ""))[0] + number + t.unit
    year = f" ({t.year})" if t.year else ""
    return _cell(value) + year


def _status(table: dict[str, tuple[str, str]], status: str) -> str:
    sym, word = table.get(status, ("?", status))
    return f"{sym} {word}"


def _doc_line(doc: Document, side: str) -> str:
    m = doc.meta
    bits = [L.KINDS.get(str(m.kind), str(m.kind)) if str(m.kind) != "other" else "", m.issuer, m.date,
            f"{m.period[0]}–{m.period[1]}" if m.period else (str(m.year) if m.year else "")]
    facts = " · ".join(_md(_short(b)) for b in bits if b)
    title = _md(_short(m.title or doc.path))
    return f"**{L.SIDE[side]}** {title} — {_md(_short(doc.path))}" + (f" ({facts})" if facts else "")


def _header(c: Comparison) -> str:
    s = c.similarity
    t_counts = " · ".join(f"{_status(L.TARGET_STATUS, st)} **{sum(1 for p in c.targets if p.status == st)}**"
                          for st in L.TARGET_ORDER)
    s_counts = " · ".join(f"{_status(L.SECTION_STATUS, st)} **{n}**" for st, n in section_counts(c.sections))
    lines = [
        f"## {L.REPORT_TITLE}",
        "",
        _doc_line(c.a, "a") + "  ",
        _doc_line(c.b, "b"),
        "",
        f"{L.SIM_DOC} **{round(s.document * 100)}%** · {L.REUSE_AB} {round(s.reuse_a_in_b * 100)}% · "
        f"{L.REUSE_BA} {round(s.reuse_b_in_a * 100)}%  ",
        f"{L.TARGETS}: {t_counts}  ",
        f"{L.SECTIONS}: {s_counts}",
    ]
    if c.notes:
        lines += ["", f"> **{L.NOTES}**"] + [f"> - {_block(_md(_short(n, 500)))}" for n in c.notes]
    return "\n".join(lines) + "\n"


_TABLE_HEAD = "| 指标 | A | B | 状态 | 方向 | 行 A → B |\n|---|---|---|---|---|---|\n"


def _target_row(p: TargetPair) -> str:
    t = p.b or p.a
    assert t is not None  # a TargetPair always has one side
    indicator = t.indicator if not (p.a and p.b and p.a.indicator != p.b.indicator) else (
        f"{p.a.indicator} → {p.b.indicator}")
    status = _status(L.TARGET_STATUS, str(p.status))
    if p.changes:
        status += f" ({'、'.join(L.CHANGES.get(x, x) for x in p.changes)})"
    direction = "—"
    if p.direction:
        direction = " ".join(L.DIRECTIONS.get(p.direction, ("", p.direction)))
        if p.ambition:
            direction += f"（{L.AMBITION.get(p.ambition, p.ambition)}）"
    lines = f"{p.a.line if p.a else '—'} → {p.b.line if p.b else '—'}"
    return f"| {_cell(indicator)} | {_value(p.a)} | {_value(p.b)} | {status} | {direction} | {lines} |\n"


def _is_changed(p: SectionPair) -> bool:
    return p.status != SectionStatus.MATCHED or any(op.kind != OpKind.EQUAL for op in p.diff)


def _label(s: Section | None) -> str:
    return _md(_short(section_label(s), 80)) if s else "—"


def _elide(text: str, keep_head: bool, keep_tail: bool, context: int) -> str:
    """Unchanged text between changes: the changed sentences' own ends plus ``context`` sentences."""
    parts = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]
    head = parts[: 1 + context] if keep_head else []
    tail = parts[max(0, len(parts) - 1 - context):] if keep_tail else []
    if len(head) + len(tail) >= len(parts):
        return _inline(text)
    return _inline("".join(head)) + (" ⋯ " if head or tail else "⋯") + _inline("".join(tail))


def _diff_body(p: SectionPair, context: int) -> list[str]:
    """The pair's diff as Markdown pieces, one per op, unchanged stretches cut to their context."""
    changed = [i for i, op in enumerate(p.diff) if op.kind != OpKind.EQUAL]
    first, last = (changed[0], changed[-1]) if changed else (len(p.diff), -1)
    pieces = []
    for i, op in enumerate(p.diff):
        marker = "⇄ " if op.moved else ""
        if op.kind == OpKind.EQUAL:
            pieces.append(_elide(op.text, keep_head=i > first, keep_tail=i < last, context=context))
        else:
            tag = "del" if op.kind == OpKind.DELETE else "ins"
            text = _inline(op.text) if len(op.text) <= _RUN_MAX else (
                f"{_inline(op.text[:_RUN_SHOWN])} ⋯（共 {len(op.text):,} {L.CHARS}）")
            pieces.append(f"<{tag}>{marker}{text}</{tag}>")
    return pieces


def _own_text(doc: Document, s: Section, starts: list[int]) -> str:
    nxt = next((x for x in starts if s.span.start < x < s.span.end), s.span.end)
    return doc.text[s.span.start : nxt]


def _section_block(c: Comparison, p: SectionPair, context: int, budget: int,
                   starts: tuple[list[int], list[int]]) -> tuple[str, bool]:
    """One changed pair, cut to ``budget`` characters; (text, complete)."""
    sym, word = L.SECTION_STATUS.get(str(p.status), ("?", str(p.status)))
    where = " → ".join(x for x in (f"A {L.LINE.format(p.a.line)}" if p.a else "",
                                   f"B {L.LINE.format(p.b.line)}" if p.b else "") if x)
    phrase = destination_phrase(p)
    status = f"{word} · {_cell(phrase)}" if phrase else f"{word} · {L.SIMILARITY} {round(p.similarity * 100)}%"
    head = f"#### {sym} {_label(p.a)} → {_label(p.b)}\n{status} · {where}\n\n"
    if any(op.kind != OpKind.EQUAL for op in p.diff):
        pieces = _diff_body(p, context)
    elif p.a is None or p.b is None:
        doc, s, tag = (c.b, p.b, "ins") if p.a is None else (c.a, p.a, "del")
        assert s is not None
        text = _own_text(doc, s, starts[p.a is None])
        cut = len(text) > _EXCERPT
        pieces = [f"<{tag}>{_inline(text[:_EXCERPT])}</{tag}>"]
        if cut:
            pieces.append(f" ⋯（共 {len(text)} {L.CHARS}）")
    else:
        pieces = ["_文字相同 same text_"]
    pieces[0] = _block(pieces[0])
    block = head + "".join(pieces) + "\n\n"
    if _size(block) <= budget:
        return block, True
    out, used = [head], _size(head) + 40
    for piece in pieces:  # keep whole pieces only, so no <del>/<ins> is left open
        if used + _size(piece) > budget:
            break
        out.append(piece)
        used += _size(piece)
    if len(out) == 1:
        return "", False
    return "".join(out) + " ⋯ **（本节其余部分已截断）**\n\n", False


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{summary}</summary>\n\n{body}\n</details>\n"


def _into(p: SectionPair) -> str:
    phrase = destination_phrase(p)
    return f" ({_cell(phrase)})" if phrase else ""


def _alignment_table(c: Comparison) -> str:
    rows = "".join(
        f"| {_label(p.a)} | {_label(p.b)} | {_status(L.SECTION_STATUS, str(p.status))}"
        f"{_into(p)} | {round(p.similarity * 100)}% |\n"
        for p in c.sections
    )
    return "| A | B | 状态 | 相似度 |\n|---|---|---|---|\n" + rows


def render_markdown(c: Comparison, *, context: int = 1, only_changed: bool = False,
                    max_chars: int = 65_000) -> str:
    """The comparison as GitHub-flavoured Markdown no longer than ``max_chars``."""
    max_chars = min(max_chars, GITHUB_LIMIT)
    budget = max_chars - _NOTE_RESERVE
    head = _header(c)
    used = _size(head)
    cut: list[str] = []

    # 1. the target changes, most important first
    order = {st: i for i, st in enumerate(L.TARGET_ORDER)}
    moving = sorted((p for p in headline_first(c.targets) if p.status != "shared"),
                    key=lambda p: (not is_headline(p), order.get(str(p.status), 9)))
    shared = headline_first(p for p in c.targets if p.status == "shared")
    rows: list[str] = []
    used += _size(_TABLE_HEAD) + 40
    for p in moving:
        row = _target_row(p)
        if used + _size(row) > budget:
            break
        rows.append(row)
        used += _size(row)
    if len(rows) < len(moving):
        cut.append(f"{len(moving) - len(rows)} / {len(moving)} 行指标变化 target rows")
    if moving:
        targets = f"### {L.TARGETS}\n\n{_TABLE_HEAD}{''.join(rows)}\n"
    else:
        targets = f"### {L.TARGETS}\n\n_没有变化的指标 no target changed._\n\n"

    # 2. the changed sections
    starts = ([x.a.span.start for x in c.sections if x.a], [x.b.span.start for x in c.sections if x.b])
    starts = (sorted(set(starts[0])), sorted(set(starts[1])))
    changed = [p for p in c.sections if _is_changed(p)]
    blocks: list[str] = []
    used += 60
    complete = True
    for p in changed:
        block, complete = _section_block(c, p, context, budget - used, starts)
        if block:
            blocks.append(block)
            used += _size(block)
        if not complete:
            break
    missing = len(changed) - len(blocks) + (0 if complete else 1 if blocks else 0)
    if not complete or missing:
        cut.append(f"{missing} / {len(changed)} 个修改章节 changed sections")
    sections = f"### 章节修改 Changed sections\n\n{''.join(blocks) or '_没有修改的章节 no section changed._' + chr(10) * 2}"

    # 3. what is unchanged, folded, if room is left
    extras: list[str] = []
    if not only_changed:
        for summary, body, what in (
            (f"{L.TARGET_STATUS['shared'][1]}: {len(shared)}", _TABLE_HEAD + "".join(_target_row(p) for p in shared),
             "不变的指标 shared targets"),
            (f"{L.OUTLINE}: {len(c.sections)}", _alignment_table(c), "章节对照表 alignment table"),
        ):
            if summary.endswith(": 0"):
                continue
            block = _details(summary, body) + "\n"
            if used + _size(block) <= budget:
                extras.append(block)
                used += _size(block)
            else:
                cut.append(what)

    note = ""
    if cut:
        note = (f"> [!NOTE]\n> 已截断以适应 {max_chars:,} 字的评论上限 (truncated to fit the comment limit); "
                f"未显示 not shown: {'; '.join(cut)}. 完整报告 full report: `docdiff compare A B --format html`.\n\n")
    out = head + "\n" + note + targets + sections + "".join(extras)
    if _size(out) > max_chars:  # only when the header alone is too big for a tiny max_chars
        out = out[: max(0, max_chars - 2)]
        while _size(out) > max_chars - 1:
            out = out[:-1]
        out += "\n"
    return out
