"""Property tests across every stage: any text → load → outline → targets → compare → every renderer.

For any Unicode text (CJK-heavy, with the numbering and target vocabulary that drives the
regexes, or arbitrary), the only exception that escapes is docdiff's own DocdiffError; every
span stays inside the text; every Target's text slices back out of it; and every renderer's
output is well-formed and escapes the document (JSON parses, HTML carries no document <script>,
CSV reads back, XML parses, GitHub annotations stay one line each).
Ingest from arbitrary bytes is covered by tests/test_ingest_errors.py.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from docdiff.errors import DocdiffError
from docdiff.ingest import load
from docdiff.model import Comparison, Document, Outline, Section, Span, Target

# What the heading, number and target regexes react to, plus markup and rich's markup.
CJK_ALPHABET = (
    "一二三四五六七八九十百千万亿〇、()（）1234567890.①②第章节篇条表专栏到年月日%％亿元万以上以内左右"
    "增长达到提高下降控制在比重生产总值收入人均,，。;；:：!！?？\n\n\n\u3000 —-~～《》“”[]/"
    "工作报告规划目标任务重点主要指标"
)
HOSTILE = ["<script>alert(1)</script>", "</textarea>", "&amp;", "[bold red]x[/]", "[/]", "|", "`", "\x00", "\ud7ff"]

cjk_text = st.text(alphabet=CJK_ALPHABET, min_size=1, max_size=400)
any_text = st.text(min_size=1, max_size=200)
line = st.one_of(
    cjk_text,
    st.sampled_from([
        "一、总体要求", "(二)发展目标", "第三章 建设现代产业体系", "1.激发市场主体活力。", "专栏1 重大项目",
        "表1 主要指标", "到2025年,地区生产总值达到1000亿元以上。", "城镇调查失业率控制在5.5%以内。",
        "指标", "单位", "2025年", "| 指标 | 2020年 | 2025年 |", "——综合实力显著增强。",
    ]),
    st.sampled_from(HOSTILE),
)
document_text = st.one_of(
    cjk_text,
    any_text,
    st.lists(line, min_size=1, max_size=25).map("\n".join),
)


def _load_text(tmp: Path, name: str, text: str) -> Document | None:
    """The Document ingest makes of ``text`` saved as UTF-8, or None when ingest refuses it."""
    path = tmp / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        return load(str(path))
    except DocdiffError:
        return None


def _check_section(doc: Document, s: Section, parent: Section | None) -> None:
    n = len(doc.text)
    assert 0 <= s.span.start <= s.span.end <= n
    assert s.span.contains(s.title_span) or len(s.title_span) == 0, (s.span, s.title_span)
    if parent is not None:
        assert parent.span.contains(s.span)
    assert 1 <= s.line <= max(doc.file_line_count, 1)
    for c in s.children:
        _check_section(doc, c, s)


def _check_outline(doc: Document, outline: Outline) -> None:
    for s in outline.sections:
        _check_section(doc, s, None)
    for t in outline.tables:
        assert 0 <= t.span.start <= t.span.end <= len(doc.text)
        assert 1 <= t.line <= doc.file_line_count
        for row in t.rows:
            assert len(row) == len(t.header)
            for cell in row:
                if cell is not None:
                    assert 0 <= cell.span.start <= cell.span.end <= len(doc.text)
                    assert 1 <= cell.line <= doc.file_line_count


def _check_targets(doc: Document, targets: tuple[Target, ...]) -> None:
    for n, t in enumerate(targets, 1):
        assert t.id == f"t{n}"
        assert 0 <= t.span.start <= t.span.end <= len(doc.text)
        assert doc.text[t.span.start : t.span.end] == t.text  # the target slices back
        assert t.line == doc.line_at(t.span.start)
        assert t.value is None or t.value == t.value  # never NaN: JSON has no NaN


def _pipeline(doc: Document) -> tuple[Outline, tuple[Target, ...]]:
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    outline = parse_outline(doc)
    _check_outline(doc, outline)
    targets = extract_targets(doc, outline)
    _check_targets(doc, targets)
    return outline, targets


@examples(40)
@given(text=document_text)
def test_any_text_survives_outline_and_targets(tmp_path: Path, text: str) -> None:
    doc = _load_text(tmp_path, "a.txt", text)
    if doc is None:
        return
    outline, targets = _pipeline(doc)
    from docdiff.render.csv import render_targets_csv
    from docdiff.render.json import render_outline_json, render_targets_json
    from docdiff.render.outline_term import render_outline_term
    from docdiff.render.targets_term import render_targets_term

    data = json.loads(render_targets_json(doc, targets))
    assert [t["text"] for t in data["targets"]] == [t.text for t in targets]
    json.loads(render_outline_json(doc, outline))
    rows = list(csv.reader(io.StringIO(render_targets_csv(doc, targets), newline="")))
    assert len(rows) == len(targets) + 1
    assert [r[rows[0].index("text")] for r in rows[1:]] == [t.text for t in targets]
    render_outline_term(doc, outline, color=True, width=80)
    render_targets_term(doc, targets, color=True, width=80)


def _edit(text: str, cut: int, insert: str) -> str:
    at = cut % (len(text) + 1)
    return text[:at] + insert + text[at + len(insert) // 2 :]


@examples(25)
@given(text=document_text, cut=st.integers(0, 10_000), insert=st.one_of(line, st.sampled_from(HOSTILE)))
def test_compare_and_every_renderer(tmp_path: Path, text: str, cut: int, insert: str) -> None:
    a = _load_text(tmp_path, "a.txt", text)
    b = _load_text(tmp_path, "b.txt", _edit(text, cut, insert))
    if a is None or b is None:
        return
    from docdiff.comparison import compare

    c = compare(a, b)
    _check_comparison(c)
    _check_renderers(c)


def _check_comparison(c: Comparison) -> None:
    _check_targets(c.a, c.targets_a)
    _check_targets(c.b, c.targets_b)
    # every target appears in at most one pair, on its own side; one left out restates (same
    # key, quantity, comparator and year) a target of its side that is in a pair
    from docdiff.comparison.restatements import restatement_key

    for side, targets in (("a", c.targets_a), ("b", c.targets_b)):
        shown = [getattr(p, side).id for p in c.targets if getattr(p, side)]
        assert len(shown) == len(set(shown)) and set(shown) <= {t.id for t in targets}
        shown_keys = {restatement_key(t) for t in targets if t.id in shown} - {None}
        assert all(restatement_key(t) in shown_keys for t in targets if t.id not in shown)
    for p in c.sections:
        assert 0.0 <= p.similarity <= 1.0
    for s in c.shared_passages:  # verbatim up to whitespace, width and debris (reuse's view)
        assert s.text == c.a.slice(s.span_a)
        assert _body_chars(c.a, s.span_a) == _body_chars(c.b, s.span_b)
        assert len(_body_chars(c.a, s.span_a)) >= 12
    for value in (c.similarity.document, c.similarity.reuse_a_in_b, c.similarity.reuse_b_in_a):
        assert 0.0 <= value <= 1.0


def _body_chars(doc: Document, span: Span) -> str:
    return "".join(doc.norm[i] for i in range(span.start, span.end)
                   if not doc.norm[i].isspace() and not doc.is_debris(i))


def _script_tags(html: str) -> int:
    return html.lower().count("<script")


_BASELINE_SCRIPTS: list[int] = []


def _baseline_scripts() -> int:
    """How many <script> elements the HTML report has of its own (for a harmless document)."""
    if not _BASELINE_SCRIPTS:
        from docdiff.comparison import compare
        from docdiff.render.html import render_html

        doc = Document(path="a.txt", text="一、总体要求\n地区生产总值增长6%。\n")
        _BASELINE_SCRIPTS.append(_script_tags(render_html(compare(doc, doc))))
    return _BASELINE_SCRIPTS[0]


def _check_renderers(c: Comparison) -> None:
    from docdiff.check.config import CheckConfig
    from docdiff.check.gate import evaluate
    from docdiff.render.check import render_check
    from docdiff.render.compare_term import render_compare_term
    from docdiff.render.html import render_html
    from docdiff.render.json import render_comparison_json
    from docdiff.render.markdown import render_markdown

    data = json.loads(render_comparison_json(c))
    assert len(data["targets"]) == len(c.targets)
    assert _script_tags(render_html(c)) == _baseline_scripts()
    md = render_markdown(c, context=1)
    assert not re.search(r"(?<!\\)<script", md, re.I), md  # an escaped \<script\> reads as text
    for color in (False, True):
        render_compare_term(c, color=color, width=80, context=1, only_changed=False)
    from docdiff.model import TargetStatus

    report = evaluate(c.a, c.b, c.targets, CheckConfig(fail_on=frozenset(TargetStatus)))
    for fmt in ("text", "json", "github", "junit", "sarif"):
        out = render_check(report, fmt)
        if fmt in ("json", "sarif"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        elif fmt == "github":
            rows = out.rstrip("\n").split("\n")  # the runner splits its log on LF only
            assert sum(r.startswith("::error ") for r in rows) == len(report.flagged)
            assert all(r.startswith("::") for r in rows[:-1]), rows  # the last is the summary


@examples(15)
@given(body=document_text, hostile=st.sampled_from(HOSTILE))
def test_hostile_text_round_trips_through_json(tmp_path: Path, body: str, hostile: str) -> None:
    """Whatever the document holds, the JSON output gives it back exactly (nothing dropped)."""
    doc = _load_text(tmp_path, "a.txt", f"到2025年,{hostile}{body}达到10%。\n")
    if doc is None:
        return
    from docdiff.render.json import render_targets_json

    _, targets = _pipeline(doc)
    data = json.loads(render_targets_json(doc, targets))
    for t, out in zip(targets, data["targets"]):
        assert out["text"] == t.text and out["line"] == t.line


@pytest.mark.parametrize("text", ["", " ", "\n", "\u3000\n\u3000", "\ufeff"])
def test_blank_documents_are_refused_not_crashed(tmp_path: Path, text: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocdiffError, match="blank.txt"):
        load(str(path))
