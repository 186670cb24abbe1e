"""Comparison → terminal report (rich): header, alignment table, inline diffs, target table, notes.

Document text only ever enters rich as ``Text`` objects (appended with a style), never inside
markup strings, so "[bold]" in a report prints as written. Widths are measured by rich (CJK
characters take two cells). Without colour, deletions and insertions also get [-…-] / {+…+}
brackets, and moved text always gets a ↪ marker, so nothing is told by colour alone.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docdiff.model import (
    Comparison,
    DiffOp,
    Document,
    Kind,
    OpKind,
    Section,
    SectionPair,
    SectionStatus,
    Target,
    TargetPair,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STATUS_STYLE = {
    "matched": "dim",
    "changed": "yellow",
    "moved": "magenta",
    "added": "green",
    "removed": "red",
    "shared": "dim",
}
DELETE_STYLE = "red strike"
INSERT_STYLE = "green"
MOVED_DELETE_STYLE = "magenta strike"
MOVED_INSERT_STYLE = "magenta underline"
MOVED_MARK = "↪"
BAR_CELLS = 10  # similarity bar: one cell per 10 %
_COMPARATOR = {"=": "", ">=": "≥", "<=": "≤", "~": "≈", "range": ""}
_ARROW = {"raised": "↑", "lowered": "↓"}
# A unit of context ends after a sentence terminator or a line break, closing quotes, then
# spaces. Tested by stripping from the right, not by searching for a pattern anchored at \Z:
# that search restarts at every character of a long whitespace run not at the end of the text
# (quadratic: 40k newlines then "x" took 22 s).
_SPACES = " \t\u3000\r\n"
_CLOSERS = "”’」』）)"
_TERMINATORS = "。！？；!?;\n"


def render_compare_term(c: Comparison, *, color: bool, width: int, context: int, only_changed: bool) -> str:
    """The whole terminal report as one string (ANSI styles only when ``color``)."""
    from docdiff.render.console import SafeConsole

    console = SafeConsole(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        markup=False,  # a safety net: nothing here is markup anyway
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    print_compare(console, c, context=context, only_changed=only_changed, markers=not color)
    return console.file.getvalue()  # type: ignore[attr-defined]  # the StringIO given above


def print_compare(console: Console, c: Comparison, *, context: int, only_changed: bool, markers: bool) -> None:
    """Print the report to ``console`` (the golden test passes its own fixed console)."""
    from rich.rule import Rule

    console.print(_header(c))
    if c.targets:  # what users most want to know comes first: how the targets changed
        console.print()
        _print_rows(console, target_rows(c, only_changed=only_changed, width=console.width))
    console.print()
    _print_rows(console, alignment_rows(c, only_changed=only_changed, width=console.width))
    for p in c.sections:
        if not p.diff:
            continue
        console.print(Rule(_pair_label(p), style=STATUS_STYLE.get(str(p.status), "")))
        console.print(diff_text_view(p, context=context, markers=markers))
    if c.shared_passages:
        console.print()
        _print_rows(console, passage_rows(c, width=console.width))
    if c.notes:
        console.print()
        notes = _text("Notes", "bold")
        for n in c.notes:
            notes.append("\n• ")
            notes.append(n)
        console.print(notes)


def _print_rows(console: Console, rows: list[Text]) -> None:
    """Print one-line rows already cut to the width, as segments: rich would otherwise measure
    and wrap each row again (≈ 0.5 ms a row; a five-year plan pair has 450 rows)."""
    from rich.segment import Segment, Segments

    if console.color_system is None:
        # Without colour a style prints nothing, so a row prints as its plain text: skip
        # splitting every row into styled segments (a third of the report's time).
        console.print(Segments([Segment("".join(row.plain + "\n" for row in rows))]), end="")
        return
    segments: list[Segment] = []
    for row in rows:
        if row.style:  # Text.render ignores a base style when there are no spans: make it one
            row = _text().append_text(row)
        segments.extend(row.render(console))
        segments.append(Segment.line())
    console.print(Segments(segments), end="")


def _text(s: str = "", style: str = "") -> Text:
    from rich.text import Text

    return Text(s, style=style)


def _describe(doc: Document) -> Text:
    m = doc.meta
    t = _text()
    t.append(doc.path, "bold")
    kind = "" if m.kind == Kind.OTHER else str(m.kind)
    bits = [b for b in (m.title, kind, str(m.year) if m.year else "") if b]
    if bits:
        t.append("  " + " · ".join(bits))
    return t


def _percent(x: float) -> str:
    return f"{x * 100:.0f}%"


def _header(c: Comparison) -> Text:
    t = _text("a ", "bold red")
    t.append_text(_describe(c.a))
    t.append("\nb ", "bold green")
    t.append_text(_describe(c.b))
    s = c.similarity
    t.append(f"\nsimilarity {_percent(s.document)}   reuse a→b {_percent(s.reuse_a_in_b)}   "
             f"b→a {_percent(s.reuse_b_in_a)}")
    t.append("\nsections: ")
    t.append(_counts([str(p.status) for p in c.sections], ("matched", "changed", "moved", "added", "removed")))
    t.append("\ntargets: ")
    if c.targets:
        t.append_text(_styled_counts([str(p.status) for p in c.targets], ("shared", "changed", "added", "removed")))
    else:  # every target of either side is in a pair (added/removed included): there were none
        t.append("none found in a or b")
    return t


def _counts(statuses: list[str], order: tuple[str, ...]) -> str:
    return ", ".join(f"{statuses.count(s)} {s}" for s in order if statuses.count(s))


def _styled_counts(statuses: list[str], order: tuple[str, ...]) -> Text:
    t = _text()
    for s in order:
        n = statuses.count(s)
        if n:
            if t.plain:
                t.append(", ")
            t.append(f"{n} {s}", STATUS_STYLE[s])
    return t


def _section_label(s: Section | None) -> Text:
    if s is None:
        return _text("—", "dim")
    t = _text()
    if s.path or s.number:
        t.append(f"{s.path or s.number} ", "bold")
    t.append(s.title)
    return t


def _pair_label(p: SectionPair) -> Text:
    t = _section_label(p.a)
    t.append(" → ", "dim")
    t.append_text(_section_label(p.b))
    t.append(f"  {p.status}", STATUS_STYLE.get(str(p.status), ""))
    if p.status == SectionStatus.MOVED:
        t.append(f" {MOVED_MARK}", STATUS_STYLE["moved"])
    return t


def _bar(similarity: float) -> Text:
    full = round(max(0.0, min(1.0, similarity)) * BAR_CELLS)
    t = _text("█" * full, "cyan")
    t.append("░" * (BAR_CELLS - full), "dim")
    t.append(f" {_percent(similarity):>4}")
    return t


_STATUS_CELLS = 9  # "removed", "moved ↪"
_GAP = "  "


def alignment_table(c: Comparison, *, only_changed: bool, width: int) -> Text:
    """a section ↔ b section, a similarity bar and the status, one line per pair in reading order."""
    return _text("\n").join(alignment_rows(c, only_changed=only_changed, width=width))


def alignment_rows(c: Comparison, *, only_changed: bool, width: int) -> list[Text]:
    """The lines of ``alignment_table``: title, header, one per pair.

    A plain grid of Text lines rather than a rich Table: a 14th five-year plan has hundreds of
    sections, and rich lays a Table out cell by cell (≈ 0.4 s for 250 rows) where cutting each
    label to its column with ``Text.truncate`` (CJK-aware) is nearly free.
    """
    bar_cells = BAR_CELLS + 5
    label_cells = max(8, (width - bar_cells - _STATUS_CELLS - 3 * len(_GAP)) // 2)
    out = [_text("Sections", "bold")]
    header = _cell(_text("a", "bold"), label_cells)
    for piece, cells in ((_text("b", "bold"), label_cells), (_text("similarity", "bold"), bar_cells),
                         (_text("status", "bold"), 0)):
        header.append(_GAP)
        header.append_text(_cell(piece, cells) if cells else piece)
    out.append(header)
    for p in c.sections:
        if only_changed and p.status == SectionStatus.MATCHED and not p.diff:
            continue
        status = _text(str(p.status), STATUS_STYLE.get(str(p.status), ""))
        if p.status == SectionStatus.MOVED:
            status.append(f" {MOVED_MARK}")
        both = p.a is not None and p.b is not None
        row = _cell(_section_label(p.a), label_cells)
        row.append(_GAP)
        row.append_text(_cell(_section_label(p.b), label_cells))
        row.append(_GAP)
        row.append_text(_cell(_bar(p.similarity) if both else _text(), bar_cells))
        row.append(_GAP)
        row.append_text(status)
        out.append(row)
    return out


def _cell(t: Text, cells: int) -> Text:
    """``t`` cut (with …) or padded to exactly ``cells`` terminal cells, on one line."""
    t = t.copy()
    t.plain = t.plain.replace("\n", " ")
    t.truncate(cells, overflow="ellipsis", pad=True)
    return t


def _is_boundary(s: str) -> bool:
    """Whether ``s`` is empty or ends a unit: a terminator or line break, closing quotes, spaces."""
    if not s:
        return True
    core = s.rstrip(_SPACES)
    if "\n" in s[len(core):]:
        return True  # a line break in the trailing spaces ends the unit itself
    core = core.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINATORS


def _units(text: str) -> list[str]:
    from docdiff.textdiff import split_sentences

    return split_sentences(text)


def diff_text_view(p: SectionPair, *, context: int, markers: bool) -> Text:
    """The inline diff of one pair, keeping ``context`` unchanged sentences around each change."""
    t = _text()
    ops = _width_only_as_equal(p.diff)
    for k, op in enumerate(ops):
        if op.kind == OpKind.EQUAL:
            _append_context(t, op.text, k > 0, k < len(ops) - 1, context,
                            tail_open=k > 0 and not _is_boundary(ops[k - 1].text), head_open=not _is_boundary(op.text))
            continue
        deleted = op.kind == OpKind.DELETE
        if op.moved:
            style = MOVED_DELETE_STYLE if deleted else MOVED_INSERT_STYLE
            t.append(MOVED_MARK, "bold magenta")
        else:
            style = DELETE_STYLE if deleted else INSERT_STYLE
        if markers:
            t.append("[-" if deleted else "{+", "bold")
        t.append(op.text, style)
        if markers:
            t.append("-]" if deleted else "+}", "bold")
    return t


def _width_only_as_equal(ops: tuple[DiffOp, ...]) -> list[DiffOp]:
    """Show a delete + insert that differ only in character width (，/, ７/7) as unchanged text
    in b's spelling: the reader sees no change there, and flagging every comma is noise."""
    from docdiff.normalize import fold_width

    out: list[DiffOp] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        nxt = ops[k + 1] if k + 1 < len(ops) else None
        if (op.kind == OpKind.DELETE and nxt is not None and nxt.kind == OpKind.INSERT and not op.moved
                and not nxt.moved and fold_width(op.text) == fold_width(nxt.text)):
            op, k = DiffOp(OpKind.EQUAL, nxt.text), k + 1
        if out and out[-1].kind == OpKind.EQUAL and op.kind == OpKind.EQUAL:
            out[-1] = DiffOp(OpKind.EQUAL, out[-1].text + op.text)
        else:
            out.append(op)
        k += 1
    return out


def _append_context(
    t: Text, text: str, after_change: bool, before_change: bool, context: int, *, tail_open: bool, head_open: bool
) -> None:
    """Append an unchanged run, eliding all but ``context`` sentences next to each change.

    ``tail_open``: the run starts mid-sentence (the rest of an edited sentence), so its first
    unit is part of the change and does not count as context; ``head_open`` likewise at its end.
    """
    units = _units(text)
    keep_head = (context + (1 if tail_open else 0)) if after_change else 0
    keep_tail = (context + (1 if head_open and before_change else 0)) if before_change else 0
    if keep_head + keep_tail >= len(units):
        t.append(text)
        return
    head, tail = units[:keep_head], units[len(units) - keep_tail:] if keep_tail else []
    skipped = len(units) - len(head) - len(tail)
    t.append("".join(head))
    if head and not head[-1].endswith("\n"):
        t.append("\n")
    t.append(f"  … {skipped} unchanged sentence{'s' if skipped != 1 else ''} …\n", "dim italic")
    t.append("".join(tail))


SHOWN_PASSAGES = 5  # the longest few tell whether one text borrowed from the other


def passage_rows(c: Comparison, *, width: int) -> list[Text]:
    """The longest shared verbatim passages, one line each: lines in a and b, length, text."""
    rows = [_text(f"Shared passages ({len(c.shared_passages)}, longest first)", "bold")]
    for sp in c.shared_passages[:SHOWN_PASSAGES]:
        row = _text(f"a:{c.a.line_at(sp.span_a.start)} b:{c.b.line_at(sp.span_b.start)} "
                    f"{len(sp.text):,} chars  ", "dim")
        row.append(" ".join(sp.text.split()))
        row.truncate(width, overflow="ellipsis")
        rows.append(row)
    return rows


def _value(target: Target | None) -> Text:
    if target is None:
        return _text("—", "dim")
    if target.value is None:
        return _text(target.text[:20] if target.text else "?")
    v = _number(target.value)
    if str(target.comparator) == "range" and target.value_high is not None:
        v = f"{v}–{_number(target.value_high)}"
    t = _text(_COMPARATOR.get(str(target.comparator), ""))
    t.append(f"{v}")
    t.append(target.unit)
    if target.year:
        t.append(f" ({target.year})", "dim")
    return t


def _number(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else f"{v:.0f}"


def _lines(p: TargetPair) -> Text:
    bits = []
    if p.a is not None:
        bits.append(f"a:{p.a.line}")
    if p.b is not None:
        bits.append(f"b:{p.b.line}")
    return _text(" ".join(bits), "dim")


def target_table(c: Comparison, *, only_changed: bool = False, width: int = 100) -> Text:
    """indicator, a value → b value, status, direction arrow and lines: one line per target pair."""
    return _text("\n").join(target_rows(c, only_changed=only_changed, width=width))


def target_rows(c: Comparison, *, only_changed: bool = False, width: int = 100) -> list[Text]:
    """The lines of ``target_table``: title, header, one per target pair.

    A Text grid like ``alignment_table`` (a plan has ~200 targets; a rich Table of that size
    takes longer to lay out than the whole comparison).
    """
    status_cells, arrow_cells, line_cells = 18, 1, 13
    flex = max(8, (width - status_cells - arrow_cells - line_cells - 4 * len(_GAP)) // 2)
    columns = ((flex, "indicator"), (flex, "a → b"), (status_cells, "status"), (arrow_cells, ""),
               (line_cells, "lines"))
    out = [_text("Targets", "bold"), _row([_text(h, "bold") for _, h in columns], [w for w, _ in columns])]
    for p in c.targets:
        if only_changed and p.status == "shared":
            continue
        either = p.b or p.a
        change = _value(p.a)
        change.append(" → ", "dim")
        change.append_text(_value(p.b))
        status = _text(str(p.status), STATUS_STYLE.get(str(p.status), ""))
        if p.changes:
            status.append(f" ({', '.join(p.changes)})", "dim")
        arrow = _text(_ARROW.get(p.direction or "", ""), "bold")
        cells = [_text(either.indicator if either else ""), change, status, arrow, _lines(p)]
        out.append(_row(cells, [w for w, _ in columns]))
    return out


def _row(cells: list[Text], widths: list[int]) -> Text:
    row = _text()
    for k, (cell, cells_wide) in enumerate(zip(cells, widths)):
        if k:
            row.append(_GAP)
        row.append_text(_cell(cell, cells_wide) if k < len(cells) - 1 else cell)
    return row
