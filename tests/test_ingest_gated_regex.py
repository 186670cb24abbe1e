"""ingest/gated_regex.py: a regex gated by literals finds exactly what the bare regex finds;
metadata's bounded title scan agrees with the unbounded one."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.ingest import body_clues, metadata
from docdiff.ingest.gated_regex import GatedRegex

GATED = [
    metadata._SPEECH_DATE,
    *(rule for rule, _ in metadata._BODY_KIND_RULES),
    *body_clues._REPORT_CLUES,
]
# Pieces of every gated pattern (and near misses), so generated texts often match or almost match.
PIECES = [
    "答复如下", "现答复", "函复如下", "建议", "提案", "议案", "收悉", "悉", "答", "复", "函",
    "向大会", "作", "报告", "政府", "工作", "政府工作报告", "人民代表大会", "代表大会", "会议", "在",
    "2023", "二〇二三", "年", "3", "月", "7", "日", " ", "\u3000", "。", "\n", "海拉尔区第十五届",
    "工作回顾", "过去", "的", "一年", "五年", "今年", "明年", "主要", "预期目标", "各位代表",
    "2022年工作安排", "工作安排", "政府自身建设", "２０２３", "x",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_gated_search_equals_bare_search(text: str) -> None:
    for gated in GATED:
        got, bare = gated.search(text), gated.pattern.search(text)
        assert (got and got.span()) == (bare and bare.span()), (gated.pattern.pattern, text)


def test_a_gate_without_its_literal_skips_the_scan() -> None:
    gated = GatedRegex(r"a+b", ("b",))
    assert gated.search("aaa") is None
    assert gated.search("xaab").span() == (1, 4)


def _title_unbounded(head: list[metadata._Line]) -> str:
    cands = [metadata._TITLE_PREFIX_RE.sub("", metadata.unspace(ln.text)).strip() for ln in head]
    return next((c for c in cands if metadata._is_title(c)), "")


LINE_PIECES = ["全文：", "文章标题 ：", "政 府 工 作 报 告", "规划", " ", "\u3000", "\xa0", "\t", "关",
               "2023年", "。", "、", "报告" * 30, "x" * 37, "\u3000" * 50]
LINES = st.lists(st.sampled_from(LINE_PIECES), max_size=40).map("".join).map(lambda s: s.strip(" \t\u3000\xa0"))


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=3))
def test_bounded_title_scan_equals_unbounded(texts: list[str]) -> None:
    head = [metadata._Line(n, t, False) for n, t in enumerate(texts) if t]
    own = next((ln for ln in head if not metadata._too_long_for_title(ln.text)
                and metadata._is_title(metadata._TITLE_PREFIX_RE.sub("", metadata.unspace(ln.text)).strip())), None)
    expected = _title_unbounded(head)
    got = "" if own is None else metadata._TITLE_PREFIX_RE.sub("", metadata.unspace(own.text)).strip()
    assert got == expected


def test_a_long_line_is_never_a_title() -> None:
    line = "政府工作报告" + "。" * 10 + "规划" * 100_000
    assert metadata._too_long_for_title(line)
    assert metadata._too_long_for_title("全文：" + "报" * 101) is False  # 101 after the prefix: read in full
