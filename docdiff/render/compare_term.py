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
)
from docdiff.render.labels import destination_phrase
from docdiff.render.plain_console import PlainConsole
from docdiff.render.target_table_term import target_rows, target_table  # noqa: F401 - target_table re-exported
from docdiff.render.term_cells import GAP as _GAP
from docdiff.render.term_cells import STATUS_STYLE, plain_styles
from docdiff.render.term_cells import fit_cell as _cell
from docdiff.render.term_cells import styled as _text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

DELETE_STYLE = "red strike"
INSERT_STYLE = "green underline"
MOVED_DELETE_STYLE = "magenta strike"
MOVED_INSERT_STYLE = "magenta underline"
MOVED_MARK = "↪"
PILCROW = "¶"  # a deleted or inserted line break, which would otherwise show as nothing
BAR_CELLS = 10  # similarity bar: one cell per 10 %
# A unit of context ends after a sentence terminator or a line break, closing quotes, then
# spaces. Tested by stripping from the right, not by searching for a pattern anchored at \Z:
# that search restarts at every character of a long whitespace run not at the end of the text
# (quadratic: 40k newlines then "x" took 22 s).
_SPACES = " \t\u3000\r\n"
_CLOSERS = "”’」』）)"
_TERMINATORS = "。！？；!?;\n"


def render_compare_term(
    c: Comparison, *, color: bool, width: int, context: int, only_changed: bool, full: bool = True
) -> str:
    """The whole terminal report as one string (ANSI styles only when ``color``).

    ``full``: every section's text diff and the shared passages; otherwise a summary, whose
    text part is the changed sentences that hold changed, added or removed targets.
    """
    if not color:  # plain text: no rich Console nor rich Text to import (see plain_console)
        plain = PlainConsole(width)
        with plain_styles():
            print_compare(plain, c, context=context, only_changed=only_changed, markers=True, full=full)
        return plain.getvalue()
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
    print_compare(console, c, context=context, only_changed=only_changed, markers=not color, full=full)
    return console.file.getvalue()  # type: ignore[attr-defined]  # the StringIO given above


def print_compare(
    console: Console | PlainConsole, c: Comparison, *, context: int, only_changed: bool, markers: bool,
    full: bool = True,
) -> None:
    """Print the report to ``console`` (the golden test passes its own fixed console)."""
    from docdiff.render.linebreak import wrap_text

    _print_rows(console, wrap_text(_header(c), console.width))
    if c.targets:  # what users most want to know comes first: how the targets changed
        console.print()
        _print_rows(console, target_rows(c, only_changed=only_changed, width=console.width))
    console.print()
    _print_rows(console, alignment_rows(c, only_changed=only_changed, width=console.width))
    if full:
        for p in c.sections:
            if not p.diff:
                continue
            _print_rule(console, _pair_label(p), STATUS_STYLE.get(str(p.status), ""))
            _print_rows(console, wrap_text(diff_text_view(p, context=context, markers=markers), console.width),
                        wrapped=True)
        if c.shared_passages:
            console.print()
            _print_rows(console, passage_rows(c, width=console.width))
    else:
        console.print()
        _print_rows(console, sentence_rows(c, markers=markers, width=console.width))
    if c.notes:
        console.print()
        notes = _text("Notes", "bold")
        for n in c.notes:
            notes.append("\n• ")
            notes.append(n)
        _print_rows(console, wrap_text(notes, console.width))


def sentence_rows(c: Comparison, *, markers: bool, width: int) -> list[Text]:
    """The summary's text part: each changed sentence that holds a changed, added or removed
    target, under its section pair, wrapped to ``width``; then how to see every change."""
    from docdiff.render.linebreak import wrap_text
    from docdiff.render.target_sentences import changed_target_sentences

    found = changed_target_sentences(c, lambda p: _width_only_as_equal(p.diff))
    changed = sum(1 for p in c.sections if p.diff)
    out = [_text(f"Changed sentences holding targets ({len(found)})", "bold")]
    last_pair: object = object()
    for s in found:
        if s.pair is not last_pair:
            last_pair = s.pair
            label = _pair_label(s.pair) if s.pair is not None else _text("added and removed sections", "dim")
            out.extend(wrap_text(_text("── ", "dim").append_text(label), width))
        where = " ".join(f"{side}:{n}" for side, n in (("a", s.line_a), ("b", s.line_b)) if n is not None)
        line = _text(where + "  ", "dim")
        line.append_text(_ops_text(s.ops, markers=markers, flat=True))
        out.extend(wrap_text(line, width))
    hint = f"{changed} section pair{'s' if changed != 1 else ''} changed; --full shows every text change."
    out.extend([_text()] + wrap_text(_text(hint, "dim"), width))
    return out


def _print_rule(console: Console | PlainConsole, title: Text, style: str) -> None:
    if isinstance(console, PlainConsole):
        console.rule(title)
        return
    from rich.rule import Rule

    console.print(Rule(title, style=style))


def _print_rows(console: Console | PlainConsole, rows: list[Text], *, wrapped: bool = False) -> None:
    """Print one-line rows already cut to the width, as segments: rich would otherwise measure
    and wrap each row again (≈ 0.5 ms a row; a five-year plan pair has 450 rows). ``wrapped``:
    the rows are ``wrap_text``'s at the console's width (the plain console need not measure them)."""
    if isinstance(console, PlainConsole):
        console.write_lines("".join(row.plain + "\n" for row in rows), fitted=wrapped)
        return
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
    t.append(_counts([str(p.status) for p in c.sections], ("matched", "changed", "moved", "added", "removed", "merged", "split")))
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
    phrase = destination_phrase(p)
    if phrase:  # merged / split: where it went says more than the other title, and fits the rule
        t.append(f"  {phrase}", STATUS_STYLE.get(str(p.status), ""))
        return t
    t.append(" → ", "dim")
    t.append_text(_section_label(p.b))
    t.append(f"  {p.status}", STATUS_STYLE.get(str(p.status), ""))
    if p.status == SectionStatus.MOVED:
        t.append(f" {MOVED_MARK}", STATUS_STYLE["moved"])
    return t


def _bar_key(similarity: float) -> tuple[int, str]:
    """What the bar of ``similarity`` shows: its full cells and its percentage."""
    return round(max(0.0, min(1.0, similarity)) * BAR_CELLS), _percent(similarity)


def _bar_of(full: int, percent: str) -> Text:
    t = _text("█" * full, "cyan")
    t.append("░" * (BAR_CELLS - full), "dim")
    t.append(f" {percent:>4}")
    return t


_STATUS_CELLS = 9  # "removed", "moved ↪"


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
    # The similarity and status columns show few distinct things (a bar of 0–10 cells, 0–100 %,
    # seven statuses): each distinct tail of a row is built once (read only: append_text copies it).
    tails: dict[tuple[str, tuple[int, str] | None], Text] = {}
    for p in c.sections:
        if only_changed and p.status == SectionStatus.MATCHED and not p.diff:
            continue
        key = (str(p.status), _bar_key(p.similarity) if p.a is not None and p.b is not None else None)
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = _row_tail(p.status, key[1], bar_cells)
        row = _cell(_section_label(p.a), label_cells)
        row.append(_GAP)
        row.append_text(_cell(_section_label(p.b), label_cells))
        row.append_text(tail)
        out.append(row)
    return out


def _row_tail(status: SectionStatus, bar: tuple[int, str] | None, bar_cells: int) -> Text:
    """An alignment row after its labels: the similarity bar (``None``: one side only) and the status."""
    status_text = _text(str(status), STATUS_STYLE.get(str(status), ""))
    if status == SectionStatus.MOVED:
        status_text.append(f" {MOVED_MARK}")
    tail = _text(_GAP)
    tail.append_text(_cell(_bar_of(*bar) if bar is not None else _text(), bar_cells))
    tail.append(_GAP)
    tail.append_text(status_text)
    return tail


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
    from docdiff.comparison.textdiff import split_sentences

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
        _append_op(t, op, markers=markers)
    return t


def _append_op(t: Text, op: DiffOp, *, markers: bool, flat: bool = False) -> None:
    """A deletion or insertion: styled (red struck through, green underlined, so colour is not
    the only sign), ↪ before moved text, and [-…-] / {+…+} around it when ``markers``.

    Line breaks at either end stay outside the markers, so no line starts with a closing
    marker; a change that is only a line break shows as ¶.
    """
    deleted = op.kind == OpKind.DELETE
    text = _flat(op.text) if flat else op.text
    core = text.strip("\r\n")
    lead = text[: len(text) - len(text.lstrip("\r\n"))]
    trail = text[len(lead) + len(core):] if core else text[len(lead):]
    t.append(lead)
    if op.moved:
        style = MOVED_DELETE_STYLE if deleted else MOVED_INSERT_STYLE
        t.append(MOVED_MARK, "bold magenta")
    else:
        style = DELETE_STYLE if deleted else INSERT_STYLE
    if markers:
        t.append("[-" if deleted else "{+", "bold")
    t.append(core or PILCROW, style)
    if markers:
        t.append("-]" if deleted else "+}", "bold")
    t.append(trail)


def _flat(s: str) -> str:
    """One line: line breaks and indentation runs of a sentence become single spaces."""
    return " ".join(s.split()) if any(ch in s for ch in "\n\r\t\u3000") else s


def _ops_text(ops: tuple[DiffOp, ...], *, markers: bool, flat: bool) -> Text:
    t = _text()
    for op in ops:
        if op.kind == OpKind.EQUAL:
            t.append(_flat(op.text) if flat else op.text)
        else:
            _append_op(t, op, markers=markers, flat=flat)
    t.rstrip()
    return t


def _width_only_as_equal(ops: tuple[DiffOp, ...]) -> list[DiffOp]:
    """Show a delete + insert that differ only in character width (，/, ７/7) as unchanged text
    in b's spelling: the reader sees no change there, and flagging every comma is noise."""
    from docdiff.chinese import fold_width

    out: list[DiffOp] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        nxt = ops[k + 1] if k + 1 < len(ops) else None
        if (op.kind == OpKind.DELETE and nxt is not None and nxt.kind == OpKind.INSERT and not op.moved
                and not nxt.moved and len(op.text) == len(nxt.text)  # folding keeps the length
                and fold_width(op.text) == fold_width(nxt.text)):
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
    n = len(c.shared_passages)
    title = f"{n}, longest first" if n <= SHOWN_PASSAGES else f"{SHOWN_PASSAGES} longest of {n}"
    rows = [_text(f"Shared passages ({title})", "bold")]
    for sp in c.shared_passages[:SHOWN_PASSAGES]:
        row = _text(f"a:{c.a.line_at(sp.span_a.start)} b:{c.b.line_at(sp.span_b.start)} "
                    f"{len(sp.text):,} chars  ", "dim")
        row.append(" ".join(sp.text.split()))
        row.truncate(width, overflow="ellipsis")
        rows.append(row)
    return rows
