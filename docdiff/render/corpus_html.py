"""CorpusReport → one self-contained HTML page (the compare report's CSP, no network): a
similarity heatmap (inline SVG, documents ordered by cluster), the target table (sortable, with a
distribution strip per indicator), the copy index (passages side by side, edits marked) and the
parent verdicts. Every document string is escaped; CSS and JS are docdiff/data/corpus.*."""
from __future__ import annotations

from docdiff.corpus.report import CorpusReport, Passage, Verdict
from docdiff.model import Target
from docdiff.render.corpus_tables import doc_label, number, target_cell
from docdiff.render.html_page import asset as _asset
from docdiff.render.html_page import e as _e
from docdiff.render.html_page import page_start

HEATMAP_MAX = 150  # documents drawn in the heatmap (the most connected): 22,500 cells at most
CELL = 12  # pixels per heatmap cell
LABELS_MAX = 60  # document names beside the heatmap up to this many documents
COPY_PAIRS = 200  # pairs listed in the copy index (the JSON has them all)
STRIP_W, STRIP_H = 120, 14  # the per-indicator distribution strip
_VERDICT_WORDS = {Verdict.CONSISTENT: "一致 consistent", Verdict.STRONGER: "加码 stronger",
                  Verdict.WEAKER: "偏弱 weaker", Verdict.MISSING: "缺失 missing", Verdict.LOCAL: "自设 local",
                  Verdict.UNJUDGED: "未判 unjudged"}


def _order(report: CorpusReport) -> list[int]:
    """Documents for the heatmap: clusters first (largest first), then by strongest link."""
    strongest = [0.0] * len(report.documents)
    for s in report.similarity:
        strongest[s.a] = max(strongest[s.a], s.similarity)
        strongest[s.b] = max(strongest[s.b], s.similarity)
    seen, order = set(), []
    for group in report.clusters:
        for d in group:
            seen.add(d)
            order.append(d)
    rest = sorted((d for d in range(len(report.documents)) if d not in seen), key=lambda d: (-strongest[d], d))
    return (order + rest)[:HEATMAP_MAX]


def _heatmap(report: CorpusReport) -> str:
    order = _order(report)
    if len(order) < 2:
        return "<p class='empty'>少于两份文件，无相似度矩阵。</p>"
    pos = {d: i for i, d in enumerate(order)}
    labelled = len(order) <= LABELS_MAX
    left, top = (230 if labelled else 10), 4
    width, height = left + CELL * len(order) + 10, top + CELL * len(order) + 10
    parts = [f'<svg id="heatmap" role="img" aria-label="相似度矩阵 similarity heatmap" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for d in order:
        i = pos[d]
        parts.append(f'<rect class="diag" x="{left + i * CELL}" y="{top + i * CELL}" width="{CELL}" height="{CELL}"/>')
        if labelled:
            parts.append(f'<text class="lab" x="{left - 4}" y="{top + i * CELL + CELL - 2}" text-anchor="end">'
                         f'{_e(_short(doc_label(report, d), 34))}</text>')
    for s in report.similarity:
        if s.a not in pos or s.b not in pos or s.similarity <= 0:
            continue
        shade = min(1.0, 0.3 + s.similarity * 3)  # any shared passage shows; 0.23 and above is full
        tip = f"{doc_label(report, s.a)} ↔ {doc_label(report, s.b)}: {s.similarity:.2f}"
        for x, y in ((pos[s.a], pos[s.b]), (pos[s.b], pos[s.a])):
            parts.append(f'<a href="#pair-{s.a}-{s.b}"><rect class="cell" data-a="{s.a}" data-b="{s.b}" '
                         f'x="{left + x * CELL}" y="{top + y * CELL}" width="{CELL}" height="{CELL}" '
                         f'fill-opacity="{shade:.2f}"><title>{_e(tip)}</title></rect></a>')
    parts.append("</svg>")
    note = "" if len(order) == len(report.documents) else (
        f"<p class='note'>只画出联系最强的 {len(order)} 份文件（共 {len(report.documents)} 份）。</p>")
    return "".join(parts) + note


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _strip(targets: list[Target]) -> str:
    """Dots of each document's value along the row's range (values of the row's commonest unit)."""
    units = [t.unit for t in targets if t.value is not None]
    if not units:
        return ""
    unit = max(set(units), key=units.count)
    values = [t.value for t in targets if t.value is not None and t.unit == unit]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    dots = "".join(f'<circle cx="{4 + (v - lo) / span * (STRIP_W - 8):.1f}" cy="{STRIP_H / 2}" r="3"/>' for v in values)
    return (f'<svg class="strip" width="{STRIP_W}" height="{STRIP_H}" role="img" '
            f'aria-label="{_e(f"{number(lo)}–{number(hi)}{unit}")}"><title>{_e(f"{number(lo)}–{number(hi)}{unit}")}'
            f"</title><line x1='4' x2='{STRIP_W - 4}' y1='{STRIP_H / 2}' y2='{STRIP_H / 2}'/>{dots}</svg>")


def _sort_value(t: Target) -> str:
    return "" if t.value is None else repr(float(t.value))


def _targets(report: CorpusReport) -> str:
    if not report.indicators:
        return "<p class='empty'>未提取指标（--reuse-only）。</p>"
    n = len(report.documents)
    head = "".join(f'<th data-type="num" title="{_e(report.documents[d].path)}">{_e(_short(doc_label(report, d), 16))}</th>'
                   for d in range(n))
    rows = []
    for r in report.indicators:
        cells = {c.document: c for c in r.cells}
        tds = []
        for d in range(n):
            c = cells.get(d)
            if c is None:
                tds.append('<td class="none" data-v="">·</td>')
                continue
            t = c.target
            more = f' <span class="more">+{c.others}</span>' if c.others else ""
            tds.append(f'<td data-v="{_sort_value(t)}" title="{_e(f"第{t.line}行 {t.text}")}">'
                       f"{_e(target_cell(t))}{more}</td>")
        rows.append(f'<tr class="{r.tier}"><th scope="row" data-v="{_e(r.label)}" title="{_e(r.key)}">{_e(r.label)}</th>'
                    f'<td data-v="{_e(r.tier)}">{"主要" if r.tier == "headline" else ""}</td>'
                    f'<td data-v="{len(r.cells)}">{len(r.cells)}</td><td class="dist">'
                    f"{_strip([c.target for c in r.cells])}</td>{''.join(tds)}</tr>")
    return (f'<div class="scroll"><table id="target-table" class="sortable"><thead><tr>'
            f'<th data-type="text">指标 indicator</th><th data-type="text">层级</th><th data-type="num">文件数</th>'
            f"<th>分布</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _marked(text: str, runs: list[tuple[int, int]]) -> str:
    """``text`` with the characters outside ``runs`` (offset, length) marked as edits."""
    out, at = [], 0
    for start, length in sorted(runs):
        if start > at:
            out.append(f"<mark class='edit'>{_e(text[at:start])}</mark>")
        out.append(_e(text[max(at, start):start + length]))
        at = max(at, start + length)
    if at < len(text):
        out.append(f"<mark class='edit'>{_e(text[at:])}</mark>")
    return "".join(out)


def _passage(p: Passage) -> str:
    a = _marked(p.text, [(i, n) for i, _, n in p.runs])
    b = _marked(p.text_b, [(j, n) for _, j, n in p.runs])
    lines_a = f"{p.a_line}–{p.a_end_line}" if p.a_end_line != p.a_line else str(p.a_line)
    lines_b = f"{p.b_line}–{p.b_end_line}" if p.b_end_line != p.b_line else str(p.b_line)
    return (f"<div class='passage'><div class='side'><span class='ln'>第{lines_a}行</span>{a}</div>"
            f"<div class='side'><span class='ln'>第{lines_b}行</span>{b}</div></div>")


def _copies(report: CorpusReport) -> str:
    by_pair: dict[tuple[int, int], list[Passage]] = {}
    for p in report.passages:
        by_pair.setdefault((p.a, p.b), []).append(p)
    out = []
    for s in report.similarity:
        ps = by_pair.get((s.a, s.b))
        if not ps:
            continue
        if len(out) == COPY_PAIRS:
            break
        out.append(
            f"<details id='pair-{s.a}-{s.b}' class='pair'><summary><b>{_e(doc_label(report, s.a))}</b> ↔ "
            f"<b>{_e(doc_label(report, s.b))}</b> <span class='sim'>相似度 {s.similarity:.2f} · A→B {s.reuse_a_in_b:.0%}"
            f" · B→A {s.reuse_b_in_a:.0%} · {len(ps)} 段</span></summary>{''.join(_passage(p) for p in ps)}</details>")
    if not out:
        return "<p class='empty'>没有发现共有段落。</p>"
    return "".join(out)


def _parent(report: CorpusReport) -> str:
    parent = report.parent
    if parent is None:
        return ""
    rows = []
    for f in parent.findings:
        margin = "" if f.margin is None else f"{f.margin:+g}{f.margin_unit}"
        flag = " <span class='binding'>约束性</span>" if f.binding else ""
        rows.append(
            f"<tr class='v-{f.verdict}'><td data-v='{_e(doc_label(report, f.document))}'>{_e(doc_label(report, f.document))}</td>"
            f"<td data-v='{_e(f.key)}'>{_e(f.key)}{flag}</td><td data-v='{_e(f.verdict)}'>{_e(_VERDICT_WORDS[f.verdict])}</td>"
            f"<td data-v='{'' if f.margin is None else f.margin}'>{_e(margin)}</td>"
            f"<td>{_e(f.parent.text) if f.parent else ''}</td>"
            f"<td>{_e(f.target.text) + f' <span class=ln>第{f.target.line}行</span>' if f.target else ''}</td>"
            f"<td>{_e(f.note)}</td></tr>")
    return (f"<section id='parent'><h2>上下衔接 Parent: {_e(parent.title or parent.path)}</h2>"
            "<div class='scroll'><table id='parent-table' class='sortable'><thead><tr><th data-type='text'>文件</th>"
            "<th data-type='text'>指标</th><th data-type='text'>结论</th><th data-type='num'>差值</th>"
            f"<th>上级</th><th>本级</th><th>说明</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>")


def render_corpus_html(report: CorpusReport) -> str:
    title = f"docdiff corpus · {len(report.documents)} 份文件"
    notes = "".join(f"<li>{_e(n)}</li>" for n in report.notes)
    docs = "".join(f"<li>{_e(d.title or doc_label(report, i))} <span class='ln'>{_e(d.path)}</span></li>"
                   for i, d in enumerate(report.documents))
    nav = ("<nav><a href='#similarity'>相似度</a><a href='#targets'>指标表</a><a href='#copies'>共有段落</a>"
           + ("<a href='#parent'>上下衔接</a>" if report.parent else "") + "</nav>")
    return (
        page_start(title, "\n" + _asset("corpus.css"), light_and_dark=False)
        +         f"<header><h1>{_e(title)}</h1>{nav}</header>\n<main>\n"
        f"<details class='docs'><summary>文件列表 Documents</summary><ol start='0'>{docs}</ol></details>\n"
        f"<section id='similarity'><h2>相似度 Similarity</h2>{_heatmap(report)}</section>\n"
        f"<section id='targets'><h2>指标 Targets</h2>{_targets(report)}</section>\n"
        f"<section id='copies'><h2>共有段落 Shared passages</h2>{_copies(report)}</section>\n"
        f"{_parent(report)}\n"
        + (f"<section id='notes'><h2>说明 Notes</h2><ul>{notes}</ul></section>\n" if notes else "")
        + f"</main>\n<script>\n{_asset('corpus.js')}</script>\n</body>\n</html>\n"
    )
