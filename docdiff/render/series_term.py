"""Ledger → a terminal table: indicators down, years across, each cell the target with a mark for
met (✓) or missed (✗), a sparkline of the targets per row, the longest streak; headline rows first.
Document text enters rich only as ``Text`` with control characters made visible."""
from __future__ import annotations

import io

from rich import box
from rich.table import Table
from rich.text import Text

from docdiff.errors import printable
from docdiff.model import Comparator, Target
from docdiff.render.console import SafeConsole
from docdiff.series.model import Cell, Ledger, Row, Verdict

_COMPARATOR_SHOWN = {Comparator.EQ: "", Comparator.GE: "≥", Comparator.LE: "≤", Comparator.APPROX: "≈",
                     Comparator.RANGE: ""}
_MARKS = {Verdict.MET: ("✓", "green"), Verdict.MISSED: ("✗", "red"), Verdict.NO_OUTCOME: ("?", "dim"),
          Verdict.NOT_SET: ("", "dim"), Verdict.NO_TARGET: ("", "dim")}
_BARS = "▁▂▃▄▅▆▇█"
_ARROWS = {"raised": "↑", "lowered": "↓"}


def number(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def target_text(t: Target, row_unit: str | None = None) -> str:
    """'≈6%', '6–6.5%', '≥5700人'; without the unit when it is the row's ``row_unit``."""
    shown = number(t.value) + (f"–{number(t.value_high)}" if t.value_high is not None else "")
    unit = "" if t.unit == row_unit else printable(t.unit)
    return f"{_COMPARATOR_SHOWN[t.comparator]}{shown}{unit}"


def sparkline(row: Row) -> str:
    """One bar per year from the targets' values (a range by its midpoint); a space for no target."""
    values = [None if c.target is None or c.target.value is None else
              (c.target.value if c.target.value_high is None else (c.target.value + c.target.value_high) / 2)
              for c in row.cells]
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = hi - lo or 1.0
    return "".join(" " if v is None else _BARS[round((v - lo) / span * (len(_BARS) - 1))] for v in values)


def _cell(c: Cell, unit: str) -> Text:
    if c.target is None:
        if c.verdict == Verdict.NOT_SET:
            return Text("不设", style="italic")
        return Text("·" if c.document is not None else "", style="dim")
    text = Text(target_text(c.target, unit))
    mark, style = _MARKS[c.verdict]
    if mark:
        text.append(mark, style=style)
    return text


def render_series_term(ledger: Ledger, rows: tuple[Row, ...], *, color: bool, width: int) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system="truecolor" if color else None,
                      force_terminal=color, highlight=False, emoji=False)
    docs = ledger.documents
    title = Text("Series", style="bold")
    if docs:
        title.append(f"  {len(docs)} reports, {docs[0].meta.year}–{docs[-1].meta.year}", style="dim")
    if ledger.gaps:
        title.append(f"  no report for {', '.join(map(str, ledger.gaps))}", style="yellow")
    console.print(title)
    if not rows:
        console.print(Text("No targets found.", style="dim"))
        return out.getvalue()
    # the year before the first report holds outcomes only: the table shows targets
    first = docs[0].meta.year or 0
    shown = [i for i, y in enumerate(ledger.years) if y >= first]
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("indicator", overflow="fold", min_width=10, max_width=16)
    for y in (ledger.years[i] for i in shown):
        table.add_column(("(" + str(y) + ")") if y in ledger.gaps else str(y), justify="right", overflow="fold")
    table.add_column("trend", no_wrap=True, min_width=len(ledger.years))
    for r in rows:
        label = Text(printable(r.label))
        label.append(f" {printable(r.unit)}", style="dim")
        if r.tier != "headline":
            label.stylize("dim")
        table.add_row(label, *(_cell(r.cells[i], r.unit) for i in shown),
                      Text(sparkline(r)[len(r.cells) - len(shown):], style="cyan"))
    console.print(table)
    if any(c.direction for r in rows for c in r.changes):
        console.print(Text("Changes (↑ raised, ↓ lowered; stricter / looser where the better direction is known)",
                           style="bold"))
    for r in rows:
        moves = [c for c in r.changes if c.direction]
        if moves:
            line = Text(f"{printable(r.label)}: ", style="bold")
            for k, c in enumerate(moves):
                line.append(("" if k == 0 else ", ") + f"{c.year} {_ARROWS[c.direction]}")
                if c.ambition:
                    line.append(f" {c.ambition}", style="green" if c.ambition == "stricter" else "yellow")
            console.print(line)
    if any(r.streaks for r in rows):
        console.print(Text("Streaks (the same target in consecutive years)", style="bold"))
    for r in rows:
        for st in r.streaks:
            line = Text(f"{printable(r.label)}: ", style="bold")
            line.append(f"{_COMPARATOR_SHOWN[st.comparator]}{number(st.value)}"
                        f"{'–' + number(st.value_high) if st.value_high is not None else ''}{printable(st.unit)}")
            line.append(f" for {st.years} years, {st.start}–{st.end}", style="cyan")
            console.print(line)
    console.print(Text("✓ met  ✗ missed  ? no outcome stated  · no target  不设 no target on purpose  "
                       "≈ 左右  ≥ 以上  ≤ 以内", style="dim"))
    for note in ledger.notes:
        console.print(Text(printable(note), style="yellow"))
    return out.getvalue()
