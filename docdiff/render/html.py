"""The HTML report: Comparison → one self-contained HTML page (inline CSS and JS, no network).

Every piece of document text goes through ``html.escape``; the data the script needs travels as
JSON in ``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/2029 escaped, so
no document can close the script or style element. Styles and behaviour live in
``docdiff/data/report.css`` and ``report.js``.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import PurePath
from typing import Any

from msgspec import Struct

from docdiff.comparison.nesting import NestedRanges
from docdiff.model import (
    Comparator,
    Comparison,
    Document,
    OpKind,
    Section,
    SectionPair,
    SectionStatus,
    Target,
)
from docdiff.render.html_page import asset as _asset
from docdiff.render.html_page import e as _e
from docdiff.render.html_page import page_start, script_json
from docdiff.render.labels import L, destination_phrase, section_counts, section_label
from docdiff.render.tiers import headline_first

# ---------------------------------------------------------------- panes: the text of each side


class _Run(Struct, frozen=True):
    index: int  # position in the pair's op list, so the script can interleave a unified view
    kind: OpKind
    text: str
    moved: bool


class _Pane(Struct, frozen=True):
    """One side of one section pair: the runs shown and where their text starts in the document."""

    section: Section
    runs: tuple[_Run, ...]
    text: str
    base: int | None  # offset of ``text`` in Document.text, None if the diff text is not verbatim


def _own_end(section: Section, starts: list[int]) -> int:
    """End of a section's own text: its span, cut at the next paired section that starts inside it."""
    k = bisect_right(starts, section.span.start)  # ``starts`` is sorted: the first one after it
    return starts[k] if k < len(starts) and starts[k] < section.span.end else section.span.end


def _panes(c: Comparison) -> list[tuple[_Pane | None, _Pane | None]]:
    starts_a = sorted({p.a.span.start for p in c.sections if p.a})
    starts_b = sorted({p.b.span.start for p in c.sections if p.b})
    out: list[tuple[_Pane | None, _Pane | None]] = []
    for p in c.sections:
        out.append((_pane(c.a, p, p.a, OpKind.INSERT, starts_a), _pane(c.b, p, p.b, OpKind.DELETE, starts_b)))
    return out


def _pane(doc: Document, p: SectionPair, section: Section | None, other: OpKind, starts: list[int]) -> _Pane | None:
    if section is None:
        return None
    if p.diff:
        runs = tuple(_Run(i, op.kind, op.text, op.moved) for i, op in enumerate(p.diff) if op.kind != other)
        text = "".join(r.text for r in runs)
        base: int | None = section.span.start
        if not doc.text.startswith(text, section.span.start):
            # the diff may cover the body only, or start after stripped whitespace
            found = doc.text.find(text, section.span.start, section.span.end + len(text))
            base = found if found >= 0 else None
    else:  # identical pair, or one side only: show the section's own text
        text = doc.text[section.span.start : _own_end(section, starts)]
        if section.children:  # its text outside the subsections, a tail after the last one included
            from docdiff.comparison.textdiff import own_text

            text = own_text(doc, section)
        runs = (_Run(0, OpKind.EQUAL, text, False),)
        base = section.span.start if doc.text.startswith(text, section.span.start) else None
    return _Pane(section, runs, text, base)


def _pane_nests(panes: list[tuple[_Pane | None, _Pane | None]],
                skip: frozenset[int] = frozenset()) -> tuple[tuple[NestedRanges, NestedRanges], ...]:
    """Per side: the panes' verbatim texts, and the sections of all panes but the B panes of
    ``skip`` (merged/split pairs, whose B pane repeats a whole section that has its own pane)."""
    out = []
    for side in (0, 1):
        texts, sections = [], []
        for i, both in enumerate(panes):
            pane = both[side]
            if pane is None or (side == 1 and i in skip):
                continue
            sections.append((pane.section.span.start, pane.section.span.end, i))
            if pane.base is not None:
                texts.append((pane.base, pane.base + len(pane.text), i))
        out.append((NestedRanges(texts), NestedRanges(sections)))
    return tuple(out)


def _anchor(panes: list[tuple[_Pane | None, _Pane | None]], nests: tuple[NestedRanges, NestedRanges],
            side: int, t: Target) -> tuple[int, int, int] | None:
    """(pair index, start, end) of target ``t`` in the pane text of ``side`` (0 = a, 1 = b)."""
    texts, sections = nests
    for base, _, i in texts.holding(t.span.start, t.span.end):  # the innermost pane holding it
        return i, t.span.start - base, t.span.end - base
    # the diff text is not a verbatim slice: look for the target's words in the section holding it
    best: tuple[int, int, int, int] | None = None  # (pane length, pair, start, end): innermost wins
    for _, _, i in sections.holding(t.span.start, t.span.start + 1):
        pane = panes[i][side]
        at = pane.text.find(t.text) if t.text and pane else -1
        if at >= 0:
            cand = (len(pane.text), i, at, at + len(t.text))
            best = cand if best is None or cand < best else best
    return best[1:] if best else None


def _render_runs(pane: _Pane, marks: list[tuple[int, int, str]]) -> str:
    """The pane's runs as <span>/<del>/<ins>, with <mark> around every target's characters."""
    out: list[str] = []
    pos = 0
    for run in pane.runs:
        end = pos + len(run.text)
        cuts = sorted({pos, end} | {x for m in marks for x in m[:2] if pos < x < end})
        body: list[str] = []
        if run.moved:
            body.append(f'<b class="mvk" title="{_e(L.MOVED_TITLE)}">⇄</b>')
        for lo, hi in zip(cuts, cuts[1:]):
            piece = _e(pane.text[lo:hi])
            ids = " ".join(m[2] for m in marks if m[0] <= lo and hi <= m[1])
            body.append(f'<mark class="tg" data-t="{_e(ids)}">{piece}</mark>' if ids else piece)
        tag = {OpKind.EQUAL: "span", OpKind.DELETE: "del", OpKind.INSERT: "ins"}[run.kind]
        cls = ' class="mv"' if run.moved else ""
        out.append(f'<{tag} data-i="{run.index}"{cls}>{"".join(body)}</{tag}>')
        pos = end
    return "".join(out)


# ---------------------------------------------------------------- formatting helpers


def _num(v: float | None) -> str:
    if v is None:
        return ""
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def _value(t: Target) -> str:
    """≈6% / ≥7% / 5–6% / 完成上级下达指标 (no value), as escaped HTML."""
    if t.value is None:
        return f'<span class="nov">{_e(L.NO_VALUE)}</span>'
    if t.comparator == Comparator.RANGE and t.value_high is not None:
        number = f"{_num(t.value)}–{_num(t.value_high)}"
    else:
        number = _num(t.value)
    sym, word = L.COMPARATORS.get(str(t.comparator), ("", ""))
    cmp_html = f'<abbr title="{_e(word)}">{_e(sym)}</abbr>' if sym else ""
    return f"{cmp_html}{_e(number)}{_e(t.unit)}"


def _value_sub(t: Target) -> str:
    bits = [f"{t.year}年" if t.year else "", L.PERIODS.get(str(t.period), ""),
            L.COMPARATORS.get(str(t.comparator), ("", ""))[1] if t.comparator != Comparator.EQ else "",
            t.binding or "", L.PAST if t.status == "past" else ""]
    return " · ".join(b for b in bits if b)


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _bar(x: float, label: str) -> str:
    width = max(0.0, min(1.0, x)) * 100
    return (f'<span class="bar" role="img" aria-label="{_e(label)} {_pct(x)}">'
            f'<span style="width:{width:.0f}%"></span></span><span class="pct">{_pct(x)}</span>')


def _doc_title(doc: Document) -> str:
    return doc.meta.title or PurePath(doc.path).name or doc.path


def _is_changed(p: SectionPair) -> bool:
    return p.status != SectionStatus.MATCHED or any(op.kind != OpKind.EQUAL for op in p.diff)


# ---------------------------------------------------------------- page parts


def _doc_card(doc: Document, side: str) -> str:
    m = doc.meta
    period = f"{m.period[0]}–{m.period[1]}" if m.period else (str(m.year) if m.year else "")
    rows = [(L.ISSUER, m.issuer), (L.DATE, m.date), (L.KIND, L.KINDS.get(str(m.kind), str(m.kind))),
            (L.YEAR, period), (L.NUMBER, m.number), (L.PATH, doc.path),
            (L.LINES, f"{doc.file_line_count} · {doc.format} · {doc.encoding}")]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    return (f'<section class="doc doc-{side}" aria-label="{_e(L.SIDE[side])}">'
            f'<p class="side">{_e(L.SIDE[side])}</p><h2>{_e(_doc_title(doc))}</h2><dl>{items}</dl></section>')


def _header(c: Comparison) -> str:
    s = c.similarity
    figures = (
        f'<div class="fig"><span class="k">{_e(L.SIM_DOC)}</span>{_bar(s.document, L.SIM_DOC)}</div>'
        f'<div class="fig"><span class="k">{_e(L.REUSE_AB)}</span>{_bar(s.reuse_a_in_b, L.REUSE_AB)}</div>'
        f'<div class="fig"><span class="k">{_e(L.REUSE_BA)}</span>{_bar(s.reuse_b_in_a, L.REUSE_BA)}</div>'
    )
    t_counts = "".join(
        f'<li class="st st-{st}"><span class="sym" aria-hidden="true">{_e(L.TARGET_STATUS[st][0])}</span>'
        f'{_e(L.TARGET_STATUS[st][1])} <b>{sum(1 for p in c.targets if p.status == st)}</b></li>'
        for st in L.TARGET_ORDER
    )
    s_counts = "".join(
        f'<li class="st st-{st}"><span class="sym" aria-hidden="true">{_e(L.SECTION_STATUS[st][0])}</span>'
        f'{_e(L.SECTION_STATUS[st][1])} <b>{n}</b></li>'
        for st, n in section_counts(c.sections)
    )
    notes = ""
    if c.notes:
        notes = (f'<aside class="notes" aria-label="{_e(L.NOTES)}"><h2>{_e(L.NOTES)}</h2><ul>'
                 + "".join(f"<li>{_e(n)}</li>" for n in c.notes) + "</ul></aside>")
    return (
        f'<header class="top"><h1>{_e(L.REPORT_TITLE)}</h1>'
        f'<div class="docs">{_doc_card(c.a, "a")}<span class="arrow" aria-hidden="true">→</span>'
        f'{_doc_card(c.b, "b")}</div>'
        f'<div class="summary"><div class="figs">{figures}</div>'
        f'<div class="counts"><span class="k">{_e(L.TARGETS)}</span><ul>{t_counts}</ul>'
        f'<span class="k">{_e(L.SECTIONS)}</span><ul>{s_counts}</ul></div></div>{notes}</header>'
    )


def _target_cell(t: Target | None, changed: bool, column: int) -> str:
    label = f' data-label="{_e(L.TARGET_COLUMNS[column])}"'  # shown before the cell on a narrow screen
    if t is None:
        return f'<td class="val none"{label}>—</td>'
    cls = "val chg" if changed else "val"
    return (f'<td class="{cls}"{label}><span class="v">{_value(t)}</span>'
            f'<span class="sub">{_e(_value_sub(t))}</span></td>')


def _target_rows(c: Comparison, anchors: dict[tuple[int, str], tuple[int, int, int]]) -> tuple[str, list[dict]]:
    rows_html: list[str] = []
    rows_data: list[dict[str, Any]] = []
    for i, p in enumerate(headline_first(c.targets)):
        t = p.b or p.a
        assert t is not None  # a TargetPair always has one side
        st = str(p.status)
        sym, word = L.TARGET_STATUS.get(st, ("?", st))
        dsym, dword = L.DIRECTIONS.get(p.direction or "", ("", ""))
        amb = L.AMBITION.get(p.ambition or "", "")
        changes = "、".join(L.CHANGES.get(x, x) for x in p.changes)
        changes_html = f'<span class="sub">{_e(changes)}</span>' if changes else ""
        pa = anchors.get((0, p.a.id)) if p.a else None
        pb = anchors.get((1, p.b.id)) if p.b else None
        lines = f"{p.a.line if p.a else '—'} → {p.b.line if p.b else '—'}"
        direction = (f'<span class="dir dir-{_e(p.direction)}"><span aria-hidden="true">{_e(dsym)}</span>'
                     f'{_e(dword)}</span>' if p.direction else '<span class="dir">—</span>')
        if amb:
            direction += f'<span class="sub">{_e(amb)}</span>'
        indicator = t.indicator if not (p.a and p.b and p.a.indicator != p.b.indicator) else (
            f"{p.a.indicator} → {p.b.indicator}")
        rows_html.append(
            f'<tr tabindex="0" data-row="{i}" class="st-{_e(st)}">'
            f'<th scope="row" class="ind">{_e(indicator)}</th>'
            f'{_target_cell(p.a, bool(p.changes), 1)}{_target_cell(p.b, bool(p.changes), 2)}'
            f'<td data-label="{_e(L.TARGET_COLUMNS[3])}"><span class="st st-{_e(st)}"><span class="sym" aria-hidden="true">{_e(sym)}</span>'
            f'{_e(word)}</span>{changes_html}</td>'
            f'<td data-label="{_e(L.TARGET_COLUMNS[4])}">{direction}</td>'
            f'<td class="sec" data-label="{_e(L.TARGET_COLUMNS[5])}" title="{_e(t.section)}">{_e(t.section.rsplit(" / ", 1)[-1])}</td>'
            f'<td class="ln" data-label="{_e(L.TARGET_COLUMNS[6])}">{_e(lines)}</td></tr>'
        )
        rows_data.append({
            "s": st,
            "a": f"a:{p.a.id}" if pa and p.a else None,
            "b": f"b:{p.b.id}" if pb and p.b else None,
            "pa": pa[0] if pa else None,
            "pb": pb[0] if pb else None,
            # sort keys, one per column: indicator, a value, b value, status, direction, section, line
            "k": [t.key or t.indicator, p.a.value if p.a else None, p.b.value if p.b else None,
                  L.TARGET_ORDER.index(st) if st in L.TARGET_ORDER else 9, p.direction or "",
                  t.section, (p.a or p.b).line if (p.a or p.b) else 0],
            "q": " ".join(x.indicator + " " + x.key + " " + x.text + " " + x.section for x in (p.a, p.b) if x),
        })
    return "".join(rows_html), rows_data


def _targets_section(c: Comparison, anchors: dict[tuple[int, str], tuple[int, int, int]]) -> tuple[str, list[dict]]:
    body, data = _target_rows(c, anchors)
    buttons = "".join(
        f'<button type="button" class="flt st-{st}" data-status="{st}" aria-pressed="true">'
        f'<span class="sym" aria-hidden="true">{_e(L.TARGET_STATUS[st][0])}</span>{_e(L.TARGET_STATUS[st][1])}'
        f' <b>{sum(1 for p in c.targets if p.status == st)}</b></button>'
        for st in L.TARGET_ORDER
    )
    heads = "".join(
        f'<th scope="col" aria-sort="none" data-label="{_e(h)}"><button type="button" class="sort" data-col="{i}">{_e(h)}'
        f'<span class="si" aria-hidden="true"></span></button></th>'
        for i, h in enumerate(L.TARGET_COLUMNS)
    )
    if not c.targets:
        table = f'<p class="empty">{_e(L.NO_TARGETS)}</p>'
    else:
        table = (f'<div class="tablewrap"><table class="targets"><caption class="vh">{_e(L.TARGETS_CAPTION)}'
                 f'</caption><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>')
    return (
        f'<section id="targets" aria-labelledby="targets-h"><h2 id="targets-h">{_e(L.TARGETS)}</h2>'
        f'<div class="toolbar" role="toolbar" aria-label="{_e(L.FILTER)}">'
        f'<span class="k">{_e(L.FILTER)}</span>{buttons}'
        f'<label class="search"><span class="vh">{_e(L.SEARCH)}</span>'
        f'<input type="search" id="tsearch" placeholder="{_e(L.SEARCH)}" autocomplete="off"></label>'
        f'<output id="tcount" aria-live="polite">{len(c.targets)} / {len(c.targets)}</output>'
        f'{_csv_link(c)}</div>'
        f'{table}<p class="hint">{_e(L.TARGET_HINT)}</p></section>'
    ), data


def _csv_link(c: Comparison) -> str:
    """The target pairs as a CSV file inside the report (a data: URL), downloadable offline and
    under the CSP: the same file as ``compare --format csv``."""
    from binascii import b2a_base64  # base64.b64encode's own call: the base64 module costs ~0.5 ms to import

    from docdiff.render.sheet import render_comparison_csv

    if not c.targets:
        return ""
    payload = b2a_base64(render_comparison_csv(c).encode("utf-8"), newline=False).decode("ascii")
    return (f'<a class="btn" id="csv" download="docdiff-targets.csv" title="{_e(L.DOWNLOAD_TITLE)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{_e(L.DOWNLOAD_CSV)}</a>')


def _search_synonyms() -> list[list[str]]:
    """Synonym rules (lower-cased variant, canonical) the search box folds a query with, so
    "GDP" finds 地区生产总值 as the keys do; rules that drop a word are left out."""
    import os

    from docdiff.targets.keys import ENV_VAR, load_rules

    return [[v.lower(), c] for v, c in load_rules(os.environ.get(ENV_VAR) or None) if c and v != c]


def _nav(c: Comparison) -> str:
    items = []
    for i, p in enumerate(c.sections):
        st = str(p.status)
        sym, word = L.SECTION_STATUS.get(st, ("?", st))
        level = min(3, (p.b or p.a).level if (p.b or p.a) else 1)
        same = "" if _is_changed(p) else " same"
        sides = "".join(
            f'<span class="t t-{side}"><span class="vh">{_e(L.SIDE[side])} </span>{_e(section_label(s)) or "—"}</span>'
            for side, s in (("a", p.a), ("b", p.b))
        )
        items.append(
            f'<li class="lv{level} st-{_e(st)}{same}"><a href="#p{i}" data-pair="{i}">'
            f'<span class="st st-{_e(st)}" title="{_e(word)}"><span class="sym">{_e(sym)}</span>'
            f'<span class="vh">{_e(word)}</span></span>'
            f'<span class="ts">{sides}</span>{_bar(p.similarity, L.SIMILARITY)}</a></li>'
        )
    return (f'<nav class="outline" aria-label="{_e(L.OUTLINE)}"><h2>{_e(L.OUTLINE)}</h2>'
            f'<ol>{"".join(items)}</ol></nav>')


def _pair_article(i: int, p: SectionPair, panes: tuple[_Pane | None, _Pane | None],
                  marks: tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]) -> str:
    st = str(p.status)
    sym, word = L.SECTION_STATUS.get(st, ("?", st))
    same = "" if _is_changed(p) else " same"
    if p.diff:
        unified = "m"  # interleave runs by index
    elif panes[0] and panes[1]:
        unified = "a" if panes[0].text == panes[1].text else "ab"
    else:
        unified = "a" if panes[0] else "b"
    phrase = destination_phrase(p)
    into = f'<span class="into">{_e(phrase)}</span>' if phrase else ""
    heads, cols = [], []
    for side, pane, s in (("a", panes[0], p.a), ("b", panes[1], p.b)):
        line = f'<span class="ln">{_e(L.LINE.format(s.line))}</span>' if s else ""
        heads.append(f'<span class="h h-{side}"><span class="vh">{_e(L.SIDE[side])} </span>'
                     f'{_e(section_label(s)) or _e(L.NO_COUNTERPART)}{line}</span>')
        if pane is None:
            cols.append(f'<div class="pane pane-{side} missing" aria-label="{_e(L.SIDE[side])}">'
                        f'<p class="empty">{_e(L.MISSING[side])}</p></div>')
        else:
            cols.append(f'<div class="pane pane-{side}" tabindex="0" aria-label="{_e(L.SIDE[side])}">'
                        f'{_render_runs(pane, marks[0 if side == "a" else 1])}</div>')
    return (
        f'<article class="pair st-{_e(st)}{same}" id="p{i}" data-u="{unified}" aria-labelledby="ph{i}">'
        f'<h3 class="ph" id="ph{i}" tabindex="-1">{heads[0]}'
        f'<span class="mid"><span class="st st-{_e(st)}"><span class="sym" aria-hidden="true">{_e(sym)}</span>'
        f'{_e(word)}</span><span>{_bar(p.similarity, L.SIMILARITY)}</span>{into}</span>{heads[1]}</h3>'
        f'<div class="sbs">{cols[0]}{cols[1]}</div></article>'
    )


def _sections_part(c: Comparison, panes: list[tuple[_Pane | None, _Pane | None]],
                   anchors: dict[tuple[int, str], tuple[int, int, int]]) -> str:
    marks: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for (side, tid), (pair, start, end) in anchors.items():
        marks.setdefault((pair, side), []).append((start, end, f"{'ab'[side]}:{tid}"))
    articles = "".join(
        _pair_article(i, p, panes[i], (marks.get((i, 0), []), marks.get((i, 1), [])))
        for i, p in enumerate(c.sections)
    )
    n_changed = sum(1 for p in c.sections if _is_changed(p))
    toolbar = (
        f'<div class="toolbar sticky" role="toolbar" aria-label="{_e(L.VIEW)}">'
        f'<span class="k">{_e(L.VIEW)}</span>'
        f'<button type="button" id="v-sbs" aria-pressed="true">{_e(L.SIDE_BY_SIDE)}</button>'
        f'<button type="button" id="v-uni" aria-pressed="false">{_e(L.UNIFIED)}</button>'
        f'<button type="button" id="only" aria-pressed="false">{_e(L.ONLY_CHANGED)} <b>{n_changed}</b></button>'
        f'<button type="button" id="prev" title="k">{_e(L.PREV)}</button>'
        f'<button type="button" id="next" title="j">{_e(L.NEXT)}</button>'
        f'<span class="legend"><del>{_e(L.DELETED)}</del> <ins>{_e(L.INSERTED)}</ins> '
        f'<ins class="mv"><b class="mvk">⇄</b>{_e(L.MOVED)}</ins> <mark class="tg">{_e(L.TARGET)}</mark></span></div>'
    )
    if not c.sections:
        articles = f'<p class="empty">{_e(L.NO_SECTIONS)}</p>'
    return (f'<section id="sections" aria-labelledby="sections-h"><h2 id="sections-h">{_e(L.SECTIONS)}</h2>'
            f'{toolbar}<div id="pairs">{articles}</div></section>')


def _passages(c: Comparison) -> str:
    if not c.shared_passages:
        return ""
    items = "".join(
        f'<li><span class="ln">{_e(L.SIDE_SHORT["a"])} {c.a.line_at(sp.span_a.start)} · '
        f'{_e(L.SIDE_SHORT["b"])} {c.b.line_at(sp.span_b.start)} · {len(sp.text)}{_e(L.CHARS)}</span>'
        f'<blockquote>{_e(sp.text)}</blockquote></li>'
        for sp in c.shared_passages
    )
    return (f'<details class="passages" id="passages"><summary>{_e(L.PASSAGES)} '
            f'<b>{len(c.shared_passages)}</b></summary><ol>{items}</ol></details>')


def render_html(c: Comparison) -> str:
    """The whole report as one HTML document."""
    panes = _panes(c)
    nests = _pane_nests(panes, frozenset(i for i, p in enumerate(c.sections) if p.into))
    anchors: dict[tuple[int, str], tuple[int, int, int]] = {}
    for p in c.targets:
        for side, t in ((0, p.a), (1, p.b)):
            if t is not None and (side, t.id) not in anchors:
                hit = _anchor(panes, nests[side], side, t)
                if hit:
                    anchors[(side, t.id)] = hit
    targets_html, rows = _targets_section(c, anchors)
    data = {"rows": rows, "changed": [i for i, p in enumerate(c.sections) if _is_changed(p)],
            "text": L.SCRIPT_TEXT, "synonyms": _search_synonyms()}
    title = f"{L.REPORT_TITLE} · {_doc_title(c.a)} → {_doc_title(c.b)}"
    return (
        page_start(title, "\n" + _asset("report.css"))
        + f'<a class="skip" href="#targets">{_e(L.SKIP)}</a>\n'
        f"{_header(c)}\n<main>\n{targets_html}\n"
        f'<div class="layout">{_nav(c)}{_sections_part(c, panes, anchors)}</div>\n{_passages(c)}\n</main>\n'
        f'<button type="button" id="back" class="back" hidden title="{_e(L.BACK_TITLE)}">{_e(L.BACK)}</button>\n'
        f'<script type="application/json" id="docdiff-data">{script_json(data)}</script>\n'
        f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n"
    )
