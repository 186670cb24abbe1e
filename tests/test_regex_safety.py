"""Regex safety: every module's entry points on inputs built to make a regex backtrack.

Each call runs under a generous guard (HANG_SECONDS of CPU time for 100,000 characters, 7× what
the slowest call needs today) that fails only on a real hang — catastrophic backtracking or a
quadratic loop. It counts this process's CPU time (ITIMER_VIRTUAL), not wall-clock time, so a
busy CI machine cannot trip it. Nothing here times anything. CPython's regex engine checks for
signals while it matches, so the guard interrupts a runaway pattern too.

The inputs: long runs of digits, of 一二三, of punctuation, "1.1.1.1…", "((((((", 50k-character
lines without 。, alternations such as "12万12万…" and "到2025年到2025年…", whitespace runs, and
the heading, caption and table shapes the outline reads.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
from cpu_guard import Hang, hang_guard

from docdiff.chinese import fold_width
from docdiff.errors import DocdiffError
from docdiff.model import Document

SIZE = 100_000
HANG_SECONDS = 10  # for SIZE characters; the slowest call needs 1.4 s (parse_outline, 12,500 headings)
STAGE_SIZE = 20_000  # whole stages (targets, compare) also do per-target work, not only regex
COMPARE_SIZE = 10_000  # and compare pairs every target of A with every look-alike of B


def run_guarded(fn: Callable[[str], object], text: str, seconds: float = HANG_SECONDS) -> None:
    """Call ``fn(text)``; a DocdiffError is a fine answer, a hang or any other error is not."""
    with hang_guard(seconds):
        try:
            fn(text)
        except DocdiffError:
            pass


def rep(unit: str, n: int = SIZE) -> str:
    return (unit * (n // len(unit) + 1))[:n]


ADVERSARIAL: dict[str, str] = {
    "digits": rep("1"),
    "cn_numerals": rep("一二三"),
    "punctuation": rep("，。；、"),
    "dunhao": rep("、"),
    "dotted_numbers": rep("1."),
    "thousands": rep("1,"),
    "open_parens": rep("("),
    "fullwidth_parens": rep("（"),
    "cn_paren_unclosed": rep("(一"),
    "line_without_stop": rep("到2025年全市生产总值达到5000亿元以上，"),
    "wan_run": rep("12万"),
    "deadline_run": rep("到2025年"),
    "year_percent": rep("2025年12%"),
    "range_dashes": rep("1-"),
    "range_mixed": rep("1～2.5—"),
    "comparators": rep("以上以内"),
    "dates": rep("2018年3月7日"),
    "chapters": rep("第一章"),
    "boxes": rep("专栏1"),
    "tables": rep("表1"),
    "cn_items": rep("一、"),
    "circled": rep("①"),
    "em_dashes": rep("——"),
    "quotes": rep("“"),
    "book_marks": rep("《"),
    "pipes": rep("|"),
    "angle": rep("<"),
    "tag_starts": rep("<a "),
    "spaces": rep(" "),
    "ideographic_spaces": rep("\u3000"),
    "blank_mix": rep(" \t\u3000\xa0"),
    "labels": rep("索引号:发布机构:"),
    "mix": rep("1.(一)第二章①12万%，。"),
    # many short lines: headings, table cells, pipe rows, blank lines
    "paren_heading_lines": rep("(一)\n"),
    "heading_lines": "\n".join(f"({'一二三四五六七八九十'[i % 10]})标题{i}" for i in range(SIZE // 8)),
    "flat_table_cells": rep("指标\n单位\n2020年\n12\n"),
    "pipe_rows": rep("|1|2|\n"),
    "blank_lines": rep("\n"),
    "newline_then_text": rep("\n", SIZE - 1) + "x",
}
TEXT_CASES = sorted(ADVERSARIAL)


def _doc(text: str) -> Document:
    from docdiff.ingest.debris import find_debris
    from docdiff.ingest.metadata import extract_metadata

    debris = find_debris(text)
    return Document(path="adversarial.txt", text=text, debris=debris, meta=extract_metadata(text, debris))


# --- ingest: every line and the head/tail of the text go through debris and metadata regexes ---


def _ingest_entry_points() -> dict[str, Callable[[str], object]]:
    from docdiff.ingest.body_clues import kind_from_body, year_from_body
    from docdiff.ingest.debris import (
        find_debris,
        is_debris_line,
        is_metadata_row,
        unspace,
    )
    from docdiff.ingest.decode import decode_bytes
    from docdiff.ingest.html import extract_html_text, is_html
    from docdiff.ingest.layout import rejoin_lines
    from docdiff.ingest.metadata import classify, extract_metadata, find_period
    from docdiff.ingest.page_cleanup import autospaced as _autospaced
    from docdiff.ingest.page_cleanup import running_lines as _without_running_lines
    from docdiff.ingest.page_cleanup import without_cjk_spaces as _without_cjk_spaces
    from docdiff.ingest.read import parse_size
    from docdiff.model import Kind

    return {
        "kind_from_body": kind_from_body,
        "year_from_body": lambda s: year_from_body(s, Kind.WORK_REPORT),
        "rejoin_lines": rejoin_lines,
        "rejoin_lines_lines": lambda s: rejoin_lines("\n".join(s[i : i + 40] for i in range(0, len(s), 40))),
        "pdf_running_lines": lambda s: _without_running_lines([[s, s[:40], s[-40:]]] * 3),
        "pdf_autospaced": lambda s: _autospaced([s]) or _without_cjk_spaces(s),
        "find_debris": find_debris,
        "is_debris_line": is_debris_line,
        "is_metadata_row": is_metadata_row,
        "unspace": unspace,
        "extract_metadata": extract_metadata,
        "classify": lambda s: classify(s, s),
        "find_period": lambda s: find_period(s, s),
        "is_html": is_html,
        "extract_html_text": lambda s: extract_html_text(s, "x.html"),
        "extract_html_text_wrapped": lambda s: extract_html_text(f"<html><body><p>{s}</p></body></html>", "x.html"),
        "decode_utf8": lambda s: decode_bytes(s.encode("utf-8"), "x.txt"),
        "decode_declared": lambda s: decode_bytes(b"<meta charset=" + s.encode("utf-8")[:SIZE], "x.html"),
        "parse_size": parse_size,
    }


@pytest.mark.parametrize("case", TEXT_CASES)
def test_ingest_regexes_never_hang(case: str) -> None:
    for name, fn in _ingest_entry_points().items():
        try:
            run_guarded(fn, ADVERSARIAL[case])
        except Hang as e:
            raise AssertionError(f"{name} on {case}: {e}") from None


# --- low-level readers: numbers, indicators, sentence splitting, similarity, target keys ---
# (key_similarity is RapidFuzz's edit distance, no regex: it sees short keys, not 100k strings.)


def _reader_entry_points() -> dict[str, Callable[[str], object]]:
    from docdiff.comparison.reuse import common_runs, reused_share
    from docdiff.comparison.similarity import clean_title
    from docdiff.comparison.target_keys import match_form
    from docdiff.comparison.textdiff import split_sentences
    from docdiff.targets.keys import fold_key
    from docdiff.targets.numbers import find_quantities

    return {
        "find_quantities": lambda s: find_quantities(fold_width(s)),
        "fold_key": fold_key,
        "split_sentences": split_sentences,
        "clean_title": clean_title,
        "match_form": match_form,
        "common_runs": lambda s: common_runs(s, s[::-1]),
        "reused_share": lambda s: reused_share(s, s[: len(s) // 2]),
    }


@pytest.mark.parametrize("case", TEXT_CASES)
def test_reader_regexes_never_hang(case: str) -> None:
    for name, fn in _reader_entry_points().items():
        try:
            run_guarded(fn, ADVERSARIAL[case])
        except Hang as e:
            raise AssertionError(f"{name} on {case}: {e}") from None


# --- stages: outline and tables on 100k characters; targets on STAGE_SIZE ---


@pytest.mark.parametrize("case", TEXT_CASES)
def test_outline_and_tables_never_hang(case: str) -> None:
    from docdiff.outline import parse_outline
    from docdiff.outline.tables import find_flat_tables, find_pipe_tables, find_tables

    doc = _doc(ADVERSARIAL[case])
    for name, fn in (("parse_outline", parse_outline), ("find_tables", find_tables),
                     ("find_pipe_tables", find_pipe_tables), ("find_flat_tables", find_flat_tables)):
        try:
            run_guarded(lambda _: fn(doc), "")
        except Hang as e:
            raise AssertionError(f"{name} on {case}: {e}") from None


# Fallback headings (no outline found) make target_context.DocContext.chain walk every heading
# for every line: quadratic, see test_fallback_headings_are_not_quadratic.
_QUADRATIC_CHAIN = {"paren_heading_lines"}


@pytest.mark.parametrize("case", sorted(set(TEXT_CASES) - _QUADRATIC_CHAIN))
def test_target_extraction_never_hangs(case: str) -> None:
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    doc = _doc(ADVERSARIAL[case][:STAGE_SIZE])
    run_guarded(lambda _: extract_targets(doc, parse_outline(doc)), "")


def test_fallback_headings_are_not_quadratic() -> None:
    """Without an outline, each fallback heading's chain is built once and found by bisection
    (a scan of every heading for every line took ~20 s here)."""
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    doc = _doc("(一)\n" * 10_000)
    outline = parse_outline(doc)
    assert not outline.sections  # empty titles: the fallback headings are what is left
    with hang_guard(2):  # linear work here is ~0.2 s
        extract_targets(doc, outline)


def test_one_goal_sentence_of_many_quantities_is_not_quadratic() -> None:
    """The indicator is read from a bounded stretch before each value and the clause's later
    values are found by bisection (re-reading everything before each value took ~17 s here)."""
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    doc = _doc("到2025年,力争完成" + "12.5%" * 4000 + "。\n")
    outline = parse_outline(doc)
    with hang_guard(2):  # linear work here is well under a second
        extract_targets(doc, outline)


@pytest.mark.parametrize("unit", ["(", "（", "《", "“", "”", ")", "和", "的"])
def test_strip_indicator_is_linear_in_runs_of_brackets_and_fillers(unit: str) -> None:
    """An unpaired bracket (or a filler) is dropped one at a time: each drop must not recount or
    re-slice the rest (100,000 '(' took 5 s, now well under a tenth of that)."""
    from docdiff.targets.rules import strip_indicator

    # Linear work takes up to 0.65 s of CPU here (a run of 和); the quadratic version took 5–17 s.
    with hang_guard(4):
        assert strip_indicator(unit * SIZE) in ("", unit)  # all dropped, or a filler kept as the whole text
        assert strip_indicator(unit * SIZE + "覆盖率") == ("覆盖率" if unit in "(（《“”)和" else unit * SIZE + "覆盖率")


# --- compare and the renderers, whose own regexes see section titles, diff runs and cells ---


# flat_table_cells is left to the limits benchmark: its cost there is target pairing, not regex.
COMPARE_CASES = ["line_without_stop", "wan_run", "deadline_run", "heading_lines", "pipe_rows", "spaces",
                 "newline_then_text", "open_parens", "mix"]


@pytest.mark.parametrize("case", COMPARE_CASES)
def test_compare_and_renderers_never_hang(case: str) -> None:
    from docdiff.comparison import compare
    from docdiff.render.compare_term import render_compare_term
    from docdiff.render.html import render_html
    from docdiff.render.json import render_comparison_json
    from docdiff.render.markdown import render_markdown

    text = ADVERSARIAL[case][:COMPARE_SIZE]
    a, b = _doc(text), _doc(text[: COMPARE_SIZE // 2] + "新增内容。\n" + text[COMPARE_SIZE // 2 + 7 :])
    with hang_guard(2 * HANG_SECONDS):
        c = compare(a, b)
    for render in (render_comparison_json, render_html, render_markdown,
                   lambda c: render_compare_term(c, color=False, width=100, context=1, only_changed=False),
                   lambda c: render_compare_term(c, color=True, width=80, context=1, only_changed=False, full=False)):
        with hang_guard(HANG_SECONDS):
            render(c)


def test_markdown_cells_fold_long_whitespace_runs() -> None:
    """A 100k-space section title once took r'\\s*\\n\\s*' quadratic time in a table cell."""
    from docdiff.render.markdown import _cell

    with hang_guard(HANG_SECONDS):
        assert _cell(" " * SIZE + "x\n  y") == "x y"
    assert _cell("a \n\n b") == "a b"
    assert _cell("a  b") == "a  b"  # only a run holding a line break becomes one space
    assert _cell("   ") == "—"


def test_the_guard_does_stop_a_runaway_regex() -> None:
    """The guard itself works: a classic catastrophic pattern is interrupted, not waited for."""
    import re

    evil = re.compile(r"(a+)+$")
    with pytest.raises(Hang):
        with hang_guard(0.5):
            evil.match("a" * 40 + "b")
