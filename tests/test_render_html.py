"""render_html: golden output, escaping, self-containment, and anchors for every target."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from render_fixtures import (
    HOSTILE,
    Part,
    build_document,
    diff_ops,
    hostile_comparison,
    make_target,
    own_text,
    small_comparison,
)

from docdiff.model import (
    Comparator,
    DiffOp,
    Kind,
    Metadata,
    OpKind,
    Period,
    SectionPair,
    SectionStatus,
    Similarity,
    TargetPair,
    TargetStatus,
)
from docdiff.render.html import render_html
from docdiff.render.html_page import CSP, script_json

GOLDEN = Path(__file__).parent / "golden" / "report_small.html"


class Collect(HTMLParser):
    """Tags, attributes and text of a page, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.script_bodies if self._in_script else self.text).append(data)


def parse(page: str) -> Collect:
    p = Collect()
    p.feed(page)
    p.close()
    return p


def test_golden_small_report(update_golden: bool) -> None:
    page = render_html(small_comparison())
    if update_golden or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(page, encoding="utf-8")
    assert page == GOLDEN.read_text(encoding="utf-8")


def test_self_contained_with_restrictive_csp() -> None:
    page = render_html(small_comparison())
    p = parse(page)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in p.tags
    for tag, attrs in p.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert "src" not in attrs, (tag, attrs)
        assert not (attrs.get("href") or "#").strip().lower().startswith(("http", "//", "javascript"))
    assert not re.search(r"url\(|@import|https?://", page)


def test_semantic_structure() -> None:
    p = parse(render_html(small_comparison()))
    names = [t for t, _ in p.tags]
    for tag in ("header", "nav", "main", "table", "details"):
        assert tag in names
    cols = [a for t, a in p.tags if t == "th" and a.get("scope") == "col"]
    assert len(cols) == 7
    assert sum(1 for t, a in p.tags if t == "tr" and a.get("tabindex") == "0") == 6
    toggles = [a for t, a in p.tags if t == "button" and "aria-pressed" in a]
    assert {a.get("id") for a in toggles} >= {"v-sbs", "v-uni", "only"}
    assert any(a.get("aria-live") == "polite" for _, a in p.tags)


def test_every_target_has_an_anchor_in_its_pane() -> None:
    c = small_comparison()
    p = parse(render_html(c))
    data = json.loads(p.script_bodies[0])
    assert len(data["rows"]) == len(c.targets)
    marks = [a["data-t"] for t, a in p.tags if t == "mark" and a.get("data-t")]
    for row, pair in zip(data["rows"], c.targets):
        assert row["s"] == str(pair.status)
        for side, t in (("a", pair.a), ("b", pair.b)):
            assert (row[side] is None) == (t is None)
            if t is not None:
                assert any(row[side] in m.split() for m in marks)
    # the removed target sits in the A pane of pair 3 ((一) 打好三大攻坚战)
    removed = data["rows"][3]
    assert (removed["a"], removed["pa"], removed["b"]) == ("a:t4", 3, None)


def test_marks_cover_exactly_the_target_text() -> None:
    page = render_html(small_comparison())
    # in pane B of the 二、 pair, t3's characters are split by the inserted ".5"
    pane = page.split('id="p1"')[1].split('class="pane pane-b"')[1].split("</div>")[0]
    text = "".join(re.findall(r'<mark class="tg" data-t="[^"]*\bb:t3\b[^"]*">([^<]*)</mark>', pane))
    assert text == "城镇登记失业率控制在4.5%以内"


def test_diff_runs_rebuild_each_side() -> None:
    c = small_comparison()
    page = render_html(c)
    p1 = page.split('id="p1"')[1].split("</article>")[0]
    pane_a = p1.split('class="pane pane-a"')[1].split(">", 1)[1].split("</div>")[0]
    assert "<ins" not in pane_a and "<del" in pane_a
    plain = re.sub(r"<[^>]+>", "", pane_a)
    a_text = "".join(op.text for op in c.sections[1].diff if op.kind != OpKind.INSERT)
    assert plain == a_text  # this text needs no escaping


def test_moved_runs_carry_a_text_marker() -> None:
    c = small_comparison()
    pair = c.sections[3]
    moved = replace(pair, diff=tuple(DiffOp(op.kind, op.text, op.kind != OpKind.EQUAL) for op in pair.diff))
    page = render_html(replace(c, sections=c.sections[:3] + (moved,) + c.sections[4:]))
    article = page.split('id="p3"')[1].split("</article>")[0]
    assert re.search(r'<del data-i="\d+" class="mv"><b class="mvk" title="[^"]+">⇄</b>', article)
    assert re.search(r'<ins data-i="\d+" class="mv"><b class="mvk"', article)


def test_hostile_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_comparison())
    p = parse(page)
    assert [t for t, _ in p.tags if t == "script"] == ["script", "script"]
    assert [t for t, _ in p.tags if t in ("style", "img")] == ["style"]
    # links stay inside the report; the one exception is the CSV download, a base64 data: URL
    assert all(a["href"].startswith("#") or a.get("id") == "csv" and re.fullmatch(
        r"data:text/csv;charset=utf-8;base64,[A-Za-z0-9+/=]+", a["href"]) for t, a in p.tags if t == "a")
    assert all(not k.startswith("on") for _, a in p.tags for k in a)
    text = "".join(p.text)
    for s in HOSTILE[:9]:
        assert s in text, s
    assert "</script>" not in p.script_bodies[0] and "<" not in p.script_bodies[0]
    assert "\u2028" not in p.script_bodies[0]
    data = json.loads(p.script_bodies[0])
    assert HOSTILE[0] in data["rows"][0]["q"]
    assert page.count("</style>") == 1 and page.count("</script>") == 2


def test_script_json_escapes_what_could_end_a_script() -> None:
    s = script_json({"x": "</script><!-- & \u2028\u2029 >"})
    assert not set(s) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(s) == {"x": "</script><!-- & \u2028\u2029 >"}


@given(st.recursive(st.text(alphabet="<>&a中\u2028\u2029\\\"/u"), lambda inner: st.lists(inner, max_size=3), max_leaves=8))
def test_script_json_escapes_character_by_character(data: object) -> None:
    table = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(table)
    assert script_json(data) == expected


def test_empty_comparison_still_renders() -> None:
    c = small_comparison()
    page = render_html(replace(c, sections=(), targets=(), shared_passages=(), notes=()))
    assert "两份文件都没有找到量化指标" in page and "没有可对照的章节" in page
    assert json.loads(parse(page).script_bodies[0])["rows"] == []


def test_real_pair_report(tmp_path: Path) -> None:
    """Hailar 2018 → 2019 through the whole pipeline."""
    from conftest import sample

    from docdiff.comparison import compare
    from docdiff.ingest import load

    c = compare(load(str(sample("hailar-district-2018"))), load(str(sample("hailar-district-2019"))))
    page = render_html(c)
    p = parse(page)
    data = json.loads(p.script_bodies[0])
    assert len(data["rows"]) == len(c.targets)
    anchored = sum(1 for r in data["rows"] if r["a"] or r["b"])
    assert anchored >= 0.9 * len(c.targets)
    assert sum(1 for t, _ in p.tags if t == "article") == len(c.sections)


@pytest.mark.parametrize("fmt, start", [("html", "<!DOCTYPE html>"), ("md", "## 文档比较报告")])
def test_cli_writes_the_report(tmp_path: Path, fmt: str, start: str) -> None:
    from click.testing import CliRunner
    from conftest import sample

    from docdiff.cli import cli

    out = tmp_path / f"report.{fmt}"
    args = ["compare", str(sample("hailar-district-2012")), str(sample("hailar-district-2013")),
            "--format", fmt, "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(start)


TEXT = st.text(alphabet="到2025年达提高%亿元,。；\n<>&\"'`|*_[]{}/ \u3000\u2028", min_size=1, max_size=60)


class PaneText(HTMLParser):
    """The text inside each pane, keyed by its class (pane-a / pane-b)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.panes: dict[str, list[str]] = {}
        self.depth = 0
        self.current: str | None = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "div" and cls.startswith("pane pane-") and "missing" not in cls:
            self.current, self.depth = cls.split()[1], 1
            self.panes[self.current] = []
        elif self.current and tag == "div":
            self.depth += 1
        elif self.current and tag == "b":  # the moved marker is not document text
            self.panes[self.current].append("\0")

    def handle_endtag(self, tag):
        if self.current and tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.current = None

    def handle_data(self, data):
        if self.current:
            self.panes[self.current].append(data)


@settings(max_examples=40, deadline=None)
@given(TEXT, TEXT, TEXT)
def test_panes_show_each_side_exactly(body_a: str, body_b: str, title: str) -> None:
    meta = Metadata(title=title, kind=Kind.PLAN)
    a, outline_a = build_document("a.txt", "", (Part("一、", title, body_a + "增长5%\n"),), meta)
    b, outline_b = build_document("b.txt", "", (Part("一、", title, body_b + "增长6%\n"),), meta)
    sa, sb = outline_a.sections[0], outline_b.sections[0]
    ta = make_target(a, outline_a, "t1", "增长5%", "增长", 5, "%", Comparator.EQ, year=2025, period=Period.POINT)
    tb = make_target(b, outline_b, "t1", "增长6%", "增长", 6, "%", Comparator.EQ, year=2025, period=Period.POINT)
    c = small_comparison()
    c = replace(c, a=a, b=b, outline_a=outline_a, outline_b=outline_b, targets_a=(ta,), targets_b=(tb,),
                sections=(SectionPair(status=SectionStatus.CHANGED, a=sa, b=sb, similarity=0.5,
                                      diff=diff_ops(own_text(a, sa), own_text(b, sb))),),
                targets=(TargetPair(status=TargetStatus.CHANGED, a=ta, b=tb, changes=("value",)),),
                similarity=Similarity(document=0.5, reuse_a_in_b=0.5, reuse_b_in_a=0.5), shared_passages=())
    p = PaneText()
    p.feed(render_html(c))
    assert "".join(p.panes["pane-a"]) == own_text(a, sa)
    assert "".join(p.panes["pane-b"]) == own_text(b, sb)
    data = json.loads(parse(render_html(c)).script_bodies[0])
    assert data["rows"][0]["a"] == "a:t1" and data["rows"][0]["b"] == "b:t1"


def test_target_found_by_its_words_when_the_diff_is_not_verbatim() -> None:
    """A diff over folded text (full-width commas → ',') still gets its targets anchored."""
    c = small_comparison()
    pair = c.sections[1]
    folded = tuple(DiffOp(op.kind, op.text.replace("；", ";"), op.moved) for op in pair.diff)
    page = render_html(replace(c, sections=c.sections[:1] + (replace(pair, diff=folded),) + c.sections[2:]))
    data = json.loads(parse(page).script_bodies[0])
    assert data["rows"][1]["a"] == "a:t2" and data["rows"][1]["pa"] == 1


@given(st.one_of(st.text(alphabet="<>&\"'a中 \u00a0;#x"), st.integers(), st.floats(allow_nan=False)))
def test_escaping_is_html_escape_with_quotes(value: object) -> None:
    import html

    from docdiff.render.html_page import e

    assert e(value) == html.escape(str(value), quote=True)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("&<>\"'a中 \n;#")), max_size=30) | st.integers() | st.floats())
def test_escape_is_html_escape(value: object) -> None:
    import html

    from docdiff.render.html_page import e

    assert e(value) == html.escape(str(value))
