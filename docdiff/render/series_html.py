"""Ledger → one self-contained HTML page: a chart per headline indicator, the ledger table, and a
source pane holding every report's text; a cell links to the sentence it came from.

Same Content-Security-Policy as the compare report (no network, inline style and script only);
every document string goes through ``html.escape``; the script only sets classes and textContent.
"""
from __future__ import annotations

from docdiff.render.html_page import e as _e
from docdiff.render.html_page import page_start
from docdiff.render.series_chart import render_chart
from docdiff.render.series_term import number, sparkline, target_text
from docdiff.series.model import Cell, Ledger, Row, Verdict

_VERDICT_WORDS = {Verdict.MET: ("✓", "完成 met"), Verdict.MISSED: ("✗", "未完成 missed"),
                  Verdict.NO_OUTCOME: ("?", "无实际数 no outcome"), Verdict.NO_TARGET: ("", "无目标 no target"),
                  Verdict.NOT_SET: ("不设", "不设目标 not set")}

_ARROWS = {"raised": "↑", "lowered": "↓"}
_AMBITION = {"stricter": "严", "looser": "松"}

_CSS = """
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#6a737d;--line:#d0d7de;--met:#1a7f37;--miss:#cf222e;--tgt:#0969da;--hit:#fff3b0}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8b949e;--line:#30363d;--met:#3fb950;--miss:#f85149;--tgt:#58a6ff;--hit:#5a4a00}}
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--fg);background:var(--bg);margin:0}
header,main{padding:0 1.5rem}h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.docs{color:var(--muted);font-size:.9em}.docs li{list-style:none}.gap{color:var(--miss)}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.5rem}
figcaption{font-weight:600}.chart{max-width:100%;height:auto}
.chart .axis{stroke:var(--muted)}.chart .grid{stroke:var(--line);stroke-dasharray:2 3}.chart .tick{fill:var(--muted);font-size:11px}
.chart .target-line{fill:none;stroke:var(--tgt);stroke-width:2}.chart .target-band{fill:var(--tgt);fill-opacity:.25;stroke:none}
.chart .target-point{fill:var(--tgt)}.chart .outcome{fill:var(--bg);stroke:var(--fg);stroke-width:2}
.chart .outcome.met{stroke:var(--met)}.chart .outcome.missed{stroke:var(--miss)}.chart .miss-mark{stroke:var(--miss);stroke-width:2}
.legend{color:var(--muted);font-size:.85em}
table.ledger{border-collapse:collapse;font-variant-numeric:tabular-nums}
.ledger th,.ledger td{border-bottom:1px solid var(--line);padding:.2rem .5rem;text-align:right;white-space:nowrap}
.ledger th:first-child,.ledger td:first-child{text-align:left;white-space:normal;min-width:10em}
.ledger td.met a{color:var(--met)}.ledger td.missed a{color:var(--miss)}.ledger td.not_set{color:var(--muted);font-style:italic}
.ledger .unit,.ledger .spark{color:var(--muted)}.ledger a{text-decoration:none;color:inherit}.ledger a:hover{text-decoration:underline}
.ledger tr.other{opacity:.75}.ledger .outcome{display:block;color:var(--muted);font-size:.8em}
.sources{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:6px;padding:.5rem;margin-bottom:2rem}
.sources h3{position:sticky;top:-.5rem;background:var(--bg);margin:.5rem 0;font-size:1rem}
.src{white-space:pre-wrap;font-size:.9em;padding-left:4em;text-indent:-4em}.src .ln{display:inline-block;width:3.5em;color:var(--muted);text-align:right;margin-right:.5em;text-indent:0}
.src.hit{background:var(--hit)}mark{background:var(--hit);color:inherit;outline:2px solid var(--miss)}
"""

_JS = """
(function(){
  function show(a){
    var doc=a.getAttribute('data-doc'),line=a.getAttribute('data-line');
    var start=+a.getAttribute('data-start'),end=+a.getAttribute('data-end');
    var el=document.getElementById('d'+doc+'-l'+line);if(!el)return false;
    var old=document.querySelectorAll('.src.hit');
    for(var i=0;i<old.length;i++){old[i].classList.remove('hit');var t=old[i].querySelector('.txt');t.textContent=t.textContent;}
    el.classList.add('hit');
    var txt=el.querySelector('.txt'),base=+el.getAttribute('data-start'),s=txt.textContent;
    var from=Math.max(0,start-base),to=Math.min(s.length,end-base);
    if(to>from){txt.textContent='';txt.appendChild(document.createTextNode(s.slice(0,from)));
      var m=document.createElement('mark');m.textContent=s.slice(from,to);txt.appendChild(m);
      txt.appendChild(document.createTextNode(s.slice(to)));}
    el.scrollIntoView({block:'center'});return true;
  }
  document.addEventListener('click',function(ev){
    var a=ev.target.closest?ev.target.closest('a.cell'):null;
    if(a&&show(a))ev.preventDefault();
  });
})();
"""


def _link(doc: int, line: int, start: int, end: int, body: str, title: str) -> str:
    return (f'<a class="cell" href="#d{doc}-l{line}" data-doc="{doc}" data-line="{line}" data-start="{start}" '
            f'data-end="{end}" title="{_e(title)}">{body}</a>')


def _cell(c: Cell, unit: str) -> str:
    mark, word = _VERDICT_WORDS[c.verdict]
    parts = []
    if c.target is not None and c.document is not None:
        t = c.target
        parts.append(_link(c.document, t.line, t.span.start, t.span.end,
                           f"{_e(target_text(t, unit))} {_e(mark)}".rstrip(), f"{word} · {t.text}"))
    elif c.not_set is not None:
        n = c.not_set
        parts.append(_link(n.document, n.line, n.span.start, n.span.end, _e(mark), f"{word} · {n.text}"))
    if c.outcome is not None:
        o = c.outcome
        shown = number(o.value) + ("" if o.unit == unit else o.unit)
        parts.append(f'<span class="outcome">{_link(o.document, o.line, o.span.start, o.span.end, "实际 " + _e(shown), o.text)}</span>')
    return f'<td class="{_e(c.verdict)}">{"".join(parts)}</td>'


def _sources(ledger: Ledger, lines: dict[int, set[int]]) -> str:
    """Every report's text, line by line, each line addressable as #d{doc}-l{line}."""
    out = ['<section class="sources" id="sources"><h2>原文 Sources</h2>']
    for i, doc in enumerate(ledger.documents):
        out.append(f'<h3 id="doc{i}">{_e(doc.meta.year)} · {_e(doc.meta.title or doc.path)}</h3>')
        for n in range(1, doc.line_count + 1):
            span = doc.line_span(n)
            text = doc.text[span.start : span.end]
            if not text.strip() and n not in lines.get(i, ()):
                continue
            out.append(f'<div class="src" id="d{i}-l{n}" data-start="{span.start}"><span class="ln">{n}</span>'
                       f'<span class="txt">{_e(text)}</span></div>')
    out.append("</section>")
    return "\n".join(out)


def render_series_html(ledger: Ledger, rows: tuple[Row, ...]) -> str:
    docs = ledger.documents
    span = f"{docs[0].meta.year}–{docs[-1].meta.year}" if docs else ""
    title = f"指标序列 Series {span}"
    head = [f"<header><h1>{_e(title)}</h1><ul class=\"docs\">"]
    for i, d in enumerate(docs):
        head.append(f'<li><a href="#doc{i}">{_e(d.meta.year)}</a> {_e(d.meta.title)} <code>{_e(d.path)}</code></li>')
    if ledger.gaps:
        head.append(f'<li class="gap">缺少年份 no report for {_e(", ".join(map(str, ledger.gaps)))}</li>')
    head.append("</ul></header>")
    charts = ['<section><h2>主要指标 Headline indicators</h2><div class="charts">']
    for k, r in enumerate(rows):
        if r.tier != "headline":
            continue
        svg = render_chart(r, ledger.years, f"chart-{k}")
        if svg:
            charts.append(f'<figure data-key="{_e(r.key)}"><figcaption>{_e(r.label)} '
                          f'<span class="unit">{_e(r.unit)}</span></figcaption>{svg}</figure>')
    charts.append('</div><p class="legend">— 目标 target (band: 区间 range) · ○ 实际 outcome (next year\'s review) · '
                  '✗ 未完成 missed</p></section>')
    table = ['<section><h2>指标台账 Ledger</h2><table class="ledger"><thead><tr><th>指标 indicator</th>']
    for y in ledger.years:
        table.append(f'<th class="{"gap" if y in ledger.gaps else ""}">{y}</th>')
    table.append('<th>趋势</th></tr></thead><tbody>')
    for r in rows:
        cells = "".join(_cell(c, r.unit) for c in r.cells)
        streaks = "; ".join(f"{number(s.value)}{s.unit} ×{s.years} ({s.start}–{s.end})" for s in r.streaks)
        moves = " ".join(f"{c.year}{_ARROWS[c.direction]}{_AMBITION.get(c.ambition or '', '')}"
                         for c in r.changes if c.direction)
        table.append(f'<tr class="{_e(r.tier)}" data-key="{_e(r.key)}"><td>{_e(r.label)} <span class="unit">'
                     f'{_e(r.unit)}</span>{"<br><small>连续 " + _e(streaks) + "</small>" if streaks else ""}'
                     f'{"<br><small class=moves>调整 " + _e(moves) + "</small>" if moves else ""}</td>'
                     f'{cells}<td class="spark">{_e(sparkline(r))}</td></tr>')
    table.append("</tbody></table>")
    table.append('<p class="legend">✓ 完成 met · ✗ 未完成 missed · ? 无实际数 no outcome · 不设 no target set · '
                 '≈ 左右 · ≥ 以上 · ≤ 以内. 点击单元格跳到原文 (click a cell to see its sentence).</p></section>')
    lines: dict[int, set[int]] = {}
    for r in rows:
        for c in r.cells:
            for src, doc in ((c.target, c.document), (c.outcome, c.outcome.document if c.outcome else None),
                             (c.not_set, c.not_set.document if c.not_set else None)):
                if src is not None and doc is not None:
                    lines.setdefault(doc, set()).add(src.line)
    notes = "".join(f"<li>{_e(n)}</li>" for n in ledger.notes)
    return (
        page_start(title, _CSS)
        + "".join(head) + "\n<main>\n" + "".join(charts) + "\n" + "".join(table) + "\n"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + _sources(ledger, lines) + "\n</main>\n"
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )
