"""One row's targets in year order → runs of an unchanged target, and each change between years.

Only years with a target take part: a year without one (a gap, 不设目标) ends a streak, and a
change compares a target with the last target set before it.
"""
from __future__ import annotations

from docdiff.comparison.quantity import same_quantity
from docdiff.comparison.target_direction import better_direction, value_direction
from docdiff.model import Target
from docdiff.series.model import Cell, Change, Streak


def _same(a: Target, b: Target) -> bool:
    return (a.comparator == b.comparator and same_quantity(a.value, a.unit, b.value, b.unit)
            and same_quantity(a.value_high, a.unit, b.value_high, b.unit))


def streaks(cells: tuple[Cell, ...]) -> tuple[Streak, ...]:
    """Runs of two or more consecutive years with the same value, unit and comparator."""
    out: list[Streak] = []
    run: list[Cell] = []

    def close() -> None:
        if len(run) >= 2:
            t = run[0].target
            assert t is not None
            out.append(Streak(start=run[0].year, end=run[-1].year, years=len(run), value=t.value,
                              value_high=t.value_high, unit=t.unit, comparator=t.comparator))

    for cell in cells:
        t = cell.target
        if t is not None and t.value is not None and run and run[-1].year == cell.year - 1 and _same(run[-1].target, t):
            run.append(cell)
            continue
        close()
        run = [cell] if t is not None and t.value is not None else []
    close()
    return tuple(out)


def changes(cells: tuple[Cell, ...]) -> tuple[Change, ...]:
    """Each target that differs from the previous target of the row: raised/lowered, stricter/looser."""
    out: list[Change] = []
    prev: Cell | None = None
    for cell in cells:
        t = cell.target
        if t is None:
            continue
        if prev is not None and prev.target is not None and not _same(prev.target, t):
            p = prev.target
            what = tuple(name for name, differs in (
                ("value", not (same_quantity(p.value, p.unit, t.value, t.unit)
                               and same_quantity(p.value_high, p.unit, t.value_high, t.unit))),
                ("unit", p.unit != t.unit),
                ("comparator", p.comparator != t.comparator)) if differs)
            ambition = None
            direction = value_direction(p, t)
            if direction is not None:
                better = better_direction(t) or better_direction(p)
                if better is not None:
                    ambition = "stricter" if (direction == "raised") == (better == "higher") else "looser"
            out.append(Change(before_year=prev.year, year=cell.year, direction=direction, ambition=ambition,
                              changes=what))
        prev = cell
    return tuple(out)
