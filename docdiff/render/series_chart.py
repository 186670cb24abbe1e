"""One ledger row → an inline SVG line chart (drawn here in Python; no chart library, no network).

Targets are a step line, one step per year (a range is a band from its low to its high value);
outcomes are points, and a missed year's point is marked with a cross. Every mark has a <title>
tooltip; classes (target-line, target-band, target-point, outcome, missed) let a test count them.
"""
from __future__ import annotations

from docdiff.render.html_page import e as _e
from docdiff.series.model import Row, Verdict

WIDTH, HEIGHT = 640, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 24, 32
_COMPARATOR_WORDS = {"=": "", ">=": "以上", "<=": "以内", "~": "左右", "range": ""}


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.4g}"


def chart_points(row: Row) -> tuple[int, int]:
    """(targets drawn, outcomes drawn) for ``row``: what the SVG holds."""
    targets = sum(1 for c in row.cells if c.target is not None and c.target.value is not None)
    outcomes = sum(1 for c in row.cells if c.outcome is not None)
    return targets, outcomes


def render_chart(row: Row, years: tuple[int, ...], chart_id: str) -> str:
    """The SVG of one row (empty string when the row has no number to draw)."""
    values: list[float] = []
    for c in row.cells:
        if c.target is not None and c.target.value is not None:
            values.append(c.target.value)
            if c.target.value_high is not None:
                values.append(c.target.value_high)
        if c.outcome is not None:
            values.append(c.outcome.value)
    if not values or not years:
        return ""
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.12 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    step = plot_w / len(years)

    def x(i: int) -> float:
        return _LEFT + step * (i + 0.5)

    def y(v: float) -> float:
        return _TOP + plot_h * (hi - v) / (hi - lo)

    parts = [f'<svg class="chart" id="{_e(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="{_e(row.label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{_e(row.label)} ({_e(row.unit)})</title>',
             f'<line class="axis" x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{WIDTH - _RIGHT}" y2="{_TOP + plot_h}"/>',
             f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + plot_h}"/>']
    for v in (lo + pad, hi - pad):
        parts.append(f'<text class="tick" x="{_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_e(_fmt(v))}</text>')
        parts.append(f'<line class="grid" x1="{_LEFT}" y1="{y(v):.1f}" x2="{WIDTH - _RIGHT}" y2="{y(v):.1f}"/>')
    for i, yr in enumerate(years):
        parts.append(f'<text class="tick" x="{x(i):.1f}" y="{HEIGHT - 10}" text-anchor="middle">{yr}</text>')
    # the step line: one horizontal per year with a point target, joined vertically between years
    path: list[str] = []
    prev_y: float | None = None
    for i, c in enumerate(row.cells):
        t = c.target
        if t is None or t.value is None or t.value_high is not None:
            prev_y = None
            continue
        left, right, ty = x(i) - step / 2, x(i) + step / 2, y(t.value)
        path.append(f"M{left:.1f},{ty:.1f}" if prev_y is None else f"V{ty:.1f}")
        path.append(f"H{right:.1f}")
        prev_y = ty
    if path:
        parts.append(f'<path class="target-line" d="{" ".join(path)}"/>')
    for i, c in enumerate(row.cells):
        t = c.target
        if t is None or t.value is None:
            continue
        shown = _fmt(t.value) + (f"–{_fmt(t.value_high)}" if t.value_high is not None else "")
        tip = f"{c.year} 目标 {shown}{t.unit}{_COMPARATOR_WORDS.get(str(t.comparator), '')}"
        if t.value_high is not None:
            top, bottom = y(t.value_high), y(t.value)
            parts.append(f'<path class="target-band" d="M{x(i) - step / 2:.1f},{top:.1f} H{x(i) + step / 2:.1f} '
                         f'V{bottom:.1f} H{x(i) - step / 2:.1f} Z"><title>{_e(tip)}</title></path>')
        parts.append(f'<circle class="target-point" data-year="{c.year}" cx="{x(i):.1f}" cy="{y(t.value):.1f}" r="3">'
                     f'<title>{_e(tip)}</title></circle>')
    for i, c in enumerate(row.cells):
        o = c.outcome
        if o is None:
            continue
        missed = c.verdict == Verdict.MISSED
        tip = f"{c.year} 实际 {_fmt(o.value)}{o.unit}" + (" 未完成 missed" if missed else
                                                           " 完成 met" if c.verdict == Verdict.MET else "")
        cls = "outcome missed" if missed else "outcome met" if c.verdict == Verdict.MET else "outcome"
        ox, oy = x(i), y(o.value)
        parts.append(f'<circle class="{cls}" data-year="{c.year}" cx="{ox:.1f}" cy="{oy:.1f}" r="5">'
                     f'<title>{_e(tip)}</title></circle>')
        if missed:
            parts.append(f'<path class="miss-mark" d="M{ox - 4:.1f},{oy - 4:.1f} L{ox + 4:.1f},{oy + 4:.1f} '
                         f'M{ox - 4:.1f},{oy + 4:.1f} L{ox + 4:.1f},{oy - 4:.1f}"/>')
    parts.append("</svg>")
    return "".join(parts)
