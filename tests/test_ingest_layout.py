"""ingest/layout.py: a report hard-wrapped, one sentence per line or double-spaced reads as the
report itself — the same targets, nothing flagged by ``check`` — with line numbers of the file."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import docdiff
from docdiff.cli import cli
from docdiff.ingest.layout import rejoin_lines
from docdiff.model import Document

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
_END = "。！？!?"
_CLOSE = "”’」』）)"


def _cols(c: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def sentence_per_line(text: str) -> str:
    """Each sentence on a line of its own, as corpora and translation memories keep them."""
    out = []
    for line in text.split("\n"):
        cur, i = "", 0
        while i < len(line):
            cur += line[i]
            if line[i] in _END:
                while i + 1 < len(line) and line[i + 1] in _CLOSE:
                    i += 1
                    cur += line[i]
                if i + 1 < len(line):
                    out.append(cur)
                    cur = ""
            i += 1
        out.append(cur)
    return "\n".join(out)


def wrapped(text: str, columns: int = 40) -> str:
    """Every line cut at ``columns`` display columns, as a fixed-width export does."""
    out = []
    for line in text.split("\n"):
        cur, w = "", 0
        for c in line:
            if w + _cols(c) > columns:
                out.append(cur)
                cur, w = "", 0
            cur += c
            w += _cols(c)
        out.append(cur)
    return "\n".join(out)


def double_spaced(text: str) -> str:
    return "\n".join(line + "\n" for line in text.split("\n"))


LAYOUTS = {"sentence-per-line": sentence_per_line, "wrapped-40": wrapped, "double-spaced": double_spaced}


def _targets(doc: Document) -> Counter:
    outline = docdiff.parse_outline(doc)
    return Counter((t.indicator, t.value, t.unit, t.comparator) for t in docdiff.extract_targets(doc, outline))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_published_samples_are_read_as_they_are(path: Path) -> None:
    doc = docdiff.load(str(path))
    assert doc.line_origins == ()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_layout_gives_the_same_targets_and_check_flags_nothing(path: Path, layout: str, tmp_path: Path) -> None:
    base = docdiff.load(str(path))
    relaid = tmp_path / f"{path.stem}.{layout}.txt"
    relaid.write_text(LAYOUTS[layout](base.text), encoding="utf-8")
    other = docdiff.load(str(relaid))
    assert _targets(other) == _targets(base)
    result = CliRunner().invoke(cli, ["check", str(path), str(relaid)])
    assert result.exit_code == 0, result.output  # 1 would mean something was flagged


def test_lines_stay_the_files_lines() -> None:
    para = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇登记失业率控制在4%以内。"
    text = "一、2019年工作安排\n\n" + ("\n\n".join([para] * 4) + "\n")
    relaid = wrapped(text, 30)
    reading, origins = rejoin_lines(relaid)
    assert reading == text  # each paragraph one line again
    doc = Document(path="x.txt", text=reading, line_origins=origins)
    file_lines = relaid.splitlines()
    for offset, char in enumerate(reading):
        if char != "\n":
            assert char in file_lines[doc.line_at(offset) - 1]
    at = reading.index("6%")
    assert "6%" in file_lines[doc.line_at(at) - 1] or "6" in file_lines[doc.line_at(at) - 1]
    assert doc.file_line_count == len(file_lines)
    targets = docdiff.extract_targets(doc, docdiff.parse_outline(doc))
    gdp = next(t for t in targets if t.indicator.startswith("地区生产总值"))
    assert "地区生产总值" in "".join(file_lines[gdp.line - 1 : gdp.line + 1])


def test_a_heading_after_a_sentence_end_is_never_joined() -> None:
    lines = ["这是一句刚好写满一行的话，写到这里结束了。"] * 9 + ["二、下一部分的标题"]
    text = "\n".join(lines) + "\n"
    reading, _ = rejoin_lines(wrapped(text, 40))
    assert "\n二、下一部分的标题" in reading


def test_published_layout_with_long_lines_is_left_alone() -> None:
    text = "\n".join("这是一段很长的段落，写了几句话。" * k + "结束。" for k in range(1, 30)) + "\n"
    assert rejoin_lines(text) == (text, ())


_SENTENCES = st.lists(
    st.text(alphabet="发展经济城市建设推进改革民生保障增长亿元生态农业", min_size=4, max_size=30).map(lambda s: s + "。"),
    min_size=1, max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=6, max_size=20), st.integers(min_value=20, max_value=60))
def test_wrapping_then_rejoining_gives_the_paragraphs_back(paragraphs: list[str], columns: int) -> None:
    text = "\n\n".join(paragraphs) + "\n"
    relaid = wrapped(text, columns)
    reading, origins = rejoin_lines(relaid)
    if origins:  # recognised as wrapped: nothing lost, nothing joined across a blank line
        assert reading == text
        assert len(origins) == len(relaid.splitlines())


def test_json_offsets_count_the_files_own_layout(tmp_path: Path) -> None:
    para = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇登记失业率控制在4%以内。"
    path = tmp_path / "wrapped.txt"
    file_text = wrapped("一、2019年工作安排\n\n" + "\n\n".join([para] * 4) + "\n", 30)
    path.write_text(file_text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["targets", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    for t in json.loads(result.output)["targets"]:
        span = file_text[t["start"] : t["end"]]
        assert span.replace("\n", "") == t["text"]  # the file's characters, its line breaks left in
        assert file_text.count("\n", 0, t["start"]) + 1 == t["line"]


@given(st.text(alphabet=st.sampled_from("ab 1，。中文、ＡＢ　ᄀ가𠀀\t"), max_size=40))
def test_width_counts_wide_and_fullwidth_characters_twice(s: str) -> None:
    import unicodedata

    from docdiff.ingest.layout import _width

    assert _width(s) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_too_few_lines_measure_no_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer than MIN_LINES text lines cannot be a hard wrap: no width is measured (a document on
    one 12 MB line took 0.14 s to measure for nothing)."""
    from docdiff.ingest import layout

    def no_width(s: str) -> int:
        raise AssertionError("width measured")

    monkeypatch.setattr(layout, "_width", no_width)
    text = "\n".join(["到2025年,地区生产总值增长6%。" * 1000] * (layout.MIN_LINES - 1))
    assert rejoin_lines(text) == (text, ())
