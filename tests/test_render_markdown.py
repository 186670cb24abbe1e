"""render_markdown: golden output, escaping (checked by rendering with markdown-it), size limit."""
from __future__ import annotations

import importlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from render_fixtures import HOSTILE, hostile_comparison, small_comparison

from docdiff.model import DiffOp, OpKind, SectionPair, SectionStatus
from docdiff.render.markdown import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "report_small.md"
# What GitHub may show from our Markdown: the tags we write plus what Markdown itself makes.
ALLOWED_TAGS = {"h2", "h3", "h4", "p", "strong", "em", "br", "del", "ins", "table", "thead", "tbody", "tr",
                "th", "td", "details", "summary", "blockquote", "ul", "li", "code"}


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.cells_per_row: list[int] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.cells_per_row.append(0)
        elif tag in ("td", "th"):
            self.cells_per_row[-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def to_html(md: str) -> Collect:
    """Render as GitHub would (CommonMark + tables + strikethrough, raw HTML allowed) and parse."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (a rich dependency) is missing")
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    p = Collect()
    p.feed(html)
    return p


def test_golden_small(update_golden: bool) -> None:
    md = render_markdown(small_comparison())
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8")


def test_renders_to_the_expected_structure() -> None:
    p = to_html(render_markdown(small_comparison()))
    assert set(p.tags) <= ALLOWED_TAGS
    assert p.tags.count("h4") == 8  # the six changed pairs, one merged, one split; 三、 is identical
    assert set(p.cells_per_row) == {6, 4}  # target tables and the alignment table
    text = "".join(p.text)
    assert "一般公共预算收入增长" in text and "≤4.5% (2019)" in text and "↑ 提高 raised" in text


def test_hostile_text_stays_text() -> None:
    for context in (0, 1):
        md = render_markdown(hostile_comparison(), context=context)
        p = to_html(md)
        assert set(p.tags) <= ALLOWED_TAGS, set(p.tags) - ALLOWED_TAGS
        text = "".join(p.text)
        for s in HOSTILE[:8]:
            assert s in text, s
        # the pipe in the indicator did not split the row
        assert set(p.cells_per_row) <= {6, 4}


def test_only_changed_drops_the_shared_targets() -> None:
    full = render_markdown(small_comparison())
    short = render_markdown(small_comparison(), only_changed=True)
    assert "地区生产总值增长" in full and "地区生产总值增长 |" not in short
    assert "<details>" not in short


def test_context_keeps_that_many_sentences_around_a_change() -> None:
    c = small_comparison()
    text_a = "甲句。乙句。丙句。丁句变了。戊句。己句。庚句。"
    text_b = "甲句。乙句。丙句。丁句改了。戊句。己句。庚句。"
    pair = SectionPair(status=SectionStatus.CHANGED, a=c.sections[0].a, b=c.sections[0].b, similarity=0.9, diff=(
        DiffOp(OpKind.EQUAL, text_a[:11]), DiffOp(OpKind.DELETE, "变"), DiffOp(OpKind.INSERT, "改"),
        DiffOp(OpKind.EQUAL, text_a[12:]),
    ))
    assert "".join(op.text for op in pair.diff if op.kind != OpKind.DELETE) == text_b
    c = replace(c, sections=(pair,))

    def body(md: str) -> str:
        return md.split("相似度 90%")[1].split("\n\n")[1]

    assert body(render_markdown(c, context=0)) == "⋯ 丁句<del>变</del><ins>改</ins>了。 ⋯ "
    assert body(render_markdown(c, context=1)) == "⋯ 丙句。丁句<del>变</del><ins>改</ins>了。戊句。 ⋯ "
    assert body(render_markdown(c, context=5)) == "甲句。乙句。丙句。丁句<del>变</del><ins>改</ins>了。戊句。己句。庚句。"


def big_comparison(n: int):
    """The small pair with its changed section repeated ``n`` times, and many target rows."""
    c = small_comparison()
    pairs = tuple(c.sections[1] for _ in range(n))
    return replace(c, sections=pairs, targets=c.targets * (n // 2 + 1))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1500, max_value=20_000), st.integers(min_value=0, max_value=3))
def test_never_longer_than_max_chars(max_chars: int, context: int) -> None:
    md = render_markdown(big_comparison(120), context=context, max_chars=max_chars)
    assert len(md) <= max_chars
    assert md.count("<del>") == md.count("</del>") and md.count("<ins>") == md.count("</ins>")
    assert "truncated" in md


def test_truncation_note_says_what_was_cut() -> None:
    md = render_markdown(big_comparison(400), max_chars=20_000)
    note = re.search(r"未显示 not shown: (.*)\. 完整报告", md)
    assert note, md[:2000]
    assert "个修改章节 changed sections" in note.group(1)
    m = re.search(r"(\d+) / 400 个修改章节", note.group(1))
    complete = md.count("#### ") - md.count("（本节其余部分已截断）")
    assert m and int(m.group(1)) == 400 - complete
    full = render_markdown(small_comparison())
    assert "truncated" not in full


def test_default_limit_fits_a_github_comment() -> None:
    md = render_markdown(big_comparison(2000))
    assert len(md.encode("utf-16-le")) // 2 <= 65_536


def test_hostile_text_through_the_other_compare_renderers() -> None:
    """The same document through json and term: strings round-trip, markup is never interpreted."""
    import json

    from docdiff.render.json import render_comparison_json

    c = hostile_comparison()
    data = json.loads(render_comparison_json(c))
    assert data["a"]["title"] == c.a.meta.title and data["targets"][0]["a"]["indicator"] == c.targets[0].a.indicator
    term = importlib.import_module("docdiff.render.compare_term")
    plain = term.render_compare_term(c, color=False, width=200, context=1, only_changed=False)
    for s in ("[bold]红[/bold]", "<script>alert(1)</script>", "{{x}}"):
        assert s in plain, s
    colored = term.render_compare_term(c, color=True, width=200, context=1, only_changed=False)
    assert "[bold]" in colored  # rich did not eat it as markup


def test_real_pair_markdown_fits() -> None:
    """Luqiao vs Linhai through the whole pipeline: a big diff, cut to the comment limit."""
    from conftest import sample

    from docdiff.comparison import compare
    from docdiff.ingest import load

    c = compare(load(str(sample("luqiao"))), load(str(sample("linhai"))))
    md = render_markdown(c)
    assert len(md.encode("utf-16-le")) // 2 <= 65_000
    p = to_html(md)
    assert set(p.tags) <= ALLOWED_TAGS
    assert md.count("<del>") == md.count("</del>") and md.count("<ins>") == md.count("</ins>")


def test_a_rewritten_paragraph_is_cut_to_its_start() -> None:
    c = small_comparison()
    long_text = "新" * 2000
    pair = replace(c.sections[1], diff=(DiffOp(OpKind.EQUAL, "二、"), DiffOp(OpKind.INSERT, long_text)))
    md = render_markdown(replace(c, sections=(pair,)))
    assert "<ins>" + "新" * 400 + " ⋯（共 2,000 字）</ins>" in md
    assert "新" * 401 not in md
