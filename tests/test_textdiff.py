"""diff_text / pair_diffs + with_diffs: ops rebuild both sides exactly; moved sentences; caps and notes."""
from __future__ import annotations

import contextlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_align_support import make_doc

from docdiff.comparison import textdiff
from docdiff.comparison.align import align_sections
from docdiff.comparison.textdiff import diff_text, pair_diffs, split_sentences, with_diffs
from docdiff.model import DiffOp, Document, OpKind, SectionStatus, Span

CN = st.text(alphabet="到2025年达提高百分点%亿元万以上以内,。;；！\n　 一二三、()", max_size=300)


def rebuild(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    a = "".join(o.text for o in ops if o.kind != OpKind.INSERT)
    b = "".join(o.text for o in ops if o.kind != OpKind.DELETE)
    return a, b


@settings(max_examples=200, deadline=None)
@given(CN, CN)
def test_diff_rebuilds_both_sides(a: str, b: str) -> None:
    assert rebuild(diff_text(a, b)) == (a, b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["经济增长6%。", "城市建设加快推进。", "生态保护成效明显；", "新增就业5000人！",
                                 "民生持续改善。\n", "　　改革不断深化。"]), max_size=12), st.randoms())
def test_shuffled_sentences_rebuild_and_moves_are_marked_on_both_sides(sents: list[str], rnd) -> None:
    shuffled = sents[:]
    rnd.shuffle(shuffled)
    a, b = "".join(sents), "".join(shuffled)
    ops = diff_text(a, b)
    assert rebuild(ops) == (a, b)
    # A pure permutation changes no sentence: every deleted or inserted sentence is a move
    # (indentation that ended up elsewhere is a whitespace edit, shown as such).
    assert all(o.moved for o in ops if o.kind != OpKind.EQUAL and o.text.strip())
    moved_a = sorted(x.strip() for o in ops if o.kind == OpKind.DELETE and o.moved for x in split_sentences(o.text))
    moved_b = sorted(x.strip() for o in ops if o.kind == OpKind.INSERT and o.moved for x in split_sentences(o.text))
    assert moved_a == moved_b


@given(CN)
def test_split_sentences_joins_back(text: str) -> None:
    assert "".join(split_sentences(text)) == text


def test_split_sentences_keeps_terminators_quotes_and_indentation() -> None:
    assert split_sentences("坚决完成任务！”\n　　二是调结构；三") == ["坚决完成任务！”\n　　", "二是调结构；", "三"]


def test_similar_sentences_are_diffed_by_character() -> None:
    ops = diff_text("地区生产总值增长6%左右。新增就业5000人。", "地区生产总值增长3.5%左右。新增就业5000人。")
    assert DiffOp(OpKind.DELETE, "6") in ops
    assert DiffOp(OpKind.INSERT, "3.5") in ops
    assert ops[-1] == DiffOp(OpKind.EQUAL, "%左右。新增就业5000人。")


def test_unrelated_sentences_are_deleted_and_inserted_whole() -> None:
    ops = diff_text("发展旅游产业。", "深化放管服改革。")
    assert ops == (DiffOp(OpKind.DELETE, "发展旅游产业。"), DiffOp(OpKind.INSERT, "深化放管服改革。"))


def test_moved_and_touched_up_sentence_is_marked_moved() -> None:
    a = "过去一年，经济增长6%。城市建设加快推进。生态保护成效明显。"
    b = "城市建设加快推进。生态保护成效明显。过去一年，经济增长6.5%。"
    ops = diff_text(a, b)
    assert rebuild(ops) == (a, b)
    assert [o.kind for o in ops if o.moved] == [OpKind.DELETE, OpKind.INSERT]


def test_identical_and_empty() -> None:
    assert diff_text("", "") == ()
    assert diff_text("同。", "同。") == (DiffOp(OpKind.EQUAL, "同。"),)
    assert diff_text("", "新。") == (DiffOp(OpKind.INSERT, "新。"),)


def test_width_only_difference_is_kept_exact() -> None:
    a, b = "增长７％。", "增长7%。"
    assert rebuild(diff_text(a, b)) == (a, b)


def test_long_sentences_fall_back_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(textdiff, "MAX_CHAR_DIFF", 10)
    notes: list[str] = []
    ops = diff_text("一二三四五六七八九十甲乙。", "一二三四五六七八九十甲丙。", notes=notes)
    assert ops == (DiffOp(OpKind.DELETE, "一二三四五六七八九十甲乙。"), DiffOp(OpKind.INSERT, "一二三四五六七八九十甲丙。"))
    assert notes and "not diffed by character" in notes[0]


def diff_pairs(a, b, pairs):  # type: ignore[no-untyped-def]
    """The pairs with their diffs filled in, as the pipeline fills them."""
    return with_diffs(pairs, *pair_diffs(a, b, pairs))


def test_diff_pairs_fills_own_text_of_aligned_pairs_and_notes_large_ones(monkeypatch) -> None:
    text_a = "一、总体要求\n今年增长6%。\n(一)城市\n建设道路十条。\n二、保障\n加强组织领导。\n"
    text_b = "一、总体要求\n今年增长5%。\n(一)城市\n建设道路十条。\n二、保障\n加强组织领导，狠抓落实。\n"
    da, oa = make_doc(text_a)
    db, ob = make_doc(text_b)
    pairs, _ = align_sections(da, oa, db, ob)
    filled, notes = diff_pairs(da, db, pairs)
    assert notes == ()
    by_path = {p.a.path: p for p in filled}
    top = by_path["一"]
    # The parent's diff covers its heading and lead text only; its subsection is its own pair.
    assert rebuild(top.diff) == ("一、总体要求\n今年增长6%。\n", "一、总体要求\n今年增长5%。\n")
    assert by_path["一/(一)"].diff == ()  # identical text: nothing to show
    assert rebuild(by_path["二"].diff) == ("二、保障\n加强组织领导。\n", "二、保障\n加强组织领导，狠抓落实。\n")

    monkeypatch.setattr(textdiff, "MAX_SECTION_CHARS", 5)
    _, notes = diff_pairs(da, db, pairs)
    assert any("diffed by sentence only" in n and n.startswith("一:") for n in notes)


def test_diff_pairs_skips_debris_and_leaves_added_removed_alone() -> None:
    text = "一、总体要求\n菜单 首页 登录\n今年增长6%。\n"
    da, oa = make_doc(text)
    menu = text.index("菜单")
    da = Document(path=da.path, text=da.text, debris=(Span(menu, menu + len("菜单 首页 登录\n")),))
    db, ob = make_doc("一、总体要求\n今年增长5%。\n二、新增\n新内容。\n")
    pairs, _ = align_sections(da, oa, db, ob)
    filled, _ = diff_pairs(da, db, pairs)
    first = next(p for p in filled if p.a is not None)
    assert "菜单" not in rebuild(first.diff)[0]
    added = next(p for p in filled if p.status == SectionStatus.ADDED)
    assert added.diff == ()


def test_width_variants_align_as_one_text_and_differ_only_where_spelled_differently() -> None:
    a = "地区生产总值增长７.５%,达到326亿元;"
    b = "地区生产总值增长7.5%，达到326亿元；"
    ops = diff_text(a, b)
    assert rebuild(ops) == (a, b)
    changed = [(o.kind, o.text) for o in ops if o.kind != OpKind.EQUAL]
    assert changed == [(OpKind.DELETE, "７"), (OpKind.INSERT, "7"), (OpKind.DELETE, "５"), (OpKind.INSERT, "5"),
                       (OpKind.DELETE, ","), (OpKind.INSERT, "，"), (OpKind.DELETE, ";"), (OpKind.INSERT, "；")]


def test_text_after_the_last_subsection_is_diffed_with_its_parent() -> None:
    # A table (or 专栏) ends where its rows end; a note after it belongs to the parent section.
    from docdiff.model import Section, SectionKind, SectionPair

    def doc(note: str) -> tuple[Document, Section]:
        text = f"一、主要指标\n表1 指标\n增长 | 6%\n注:数据为{note}数。\n"
        table_start, table_end = text.index("表1"), text.index("注")
        table = Section(number="表1", title="指标", level=2, kind=SectionKind.TABLE, span=Span(table_start, table_end),
                        title_span=Span(table_start + 3, table_start + 5), line=2, path="一/表1")
        top = Section(number="一", title="主要指标", level=1, kind=SectionKind.HEADING, span=Span(0, len(text)),
                      title_span=Span(2, 6), line=1, path="一", children=(table,))
        return Document(path=note, text=text), top

    (a, top_a), (b, top_b) = doc("预计"), doc("快报")
    pair = SectionPair(status=SectionStatus.MATCHED, a=top_a, b=top_b, similarity=0.9)
    (out,), _ = diff_pairs(a, b, (pair,))
    assert rebuild(out.diff) == ("一、主要指标\n注:数据为预计数。\n", "一、主要指标\n注:数据为快报数。\n")
    assert [o.text for o in out.diff if o.kind != OpKind.EQUAL] == ["预计", "快报"]


def test_own_spans_cover_everything_outside_the_children() -> None:
    spans = textdiff.own_spans(Span(0, 100), [Span(60, 80), Span(10, 30)])
    assert spans == [Span(0, 10), Span(30, 60), Span(80, 100)]
    assert textdiff.own_spans(Span(0, 5), []) == [Span(0, 5)]


def _pair_block_full_table(dels: list[int], inss: list[int], keys_a: list[str], keys_b: list[str]) -> list:
    """The pairing DP filled cell by cell (no row shortcut), with the same traceback."""
    sim = textdiff._ratios([keys_a[i] for i in dels], [keys_b[j] for j in inss])
    sim = sim if isinstance(sim, list) else sim.tolist()
    k, m = len(dels), len(inss)
    best = [[0.0] * (m + 1) for _ in range(k + 1)]
    for x in range(k - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            v = max(best[x + 1][y], best[x][y + 1])
            s = sim[x][y]
            if s >= textdiff.SIMILAR_MIN and s + best[x + 1][y + 1] > v:
                v = s + best[x + 1][y + 1]
            best[x][y] = v
    out, x, y = [], 0, 0
    while x < k and y < m:
        s = sim[x][y]
        if s >= textdiff.SIMILAR_MIN and best[x][y] == s + best[x + 1][y + 1]:
            out.append(("sim", dels[x], inss[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            out.append(("del", dels[x], -1))
            x += 1
        else:
            out.append(("ins", -1, inss[y]))
            y += 1
    return out + [("del", dels[i], -1) for i in range(x, k)] + [("ins", -1, inss[j]) for j in range(y, m)]


KEYS = st.lists(st.text(alphabet="经济增长城市建设生态保护", min_size=1, max_size=12), min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(KEYS, KEYS)
def test_pair_block_skips_rows_without_a_similar_pair_and_still_pairs_as_the_full_table(
    keys_a: list[str], keys_b: list[str]
) -> None:
    dels, inss = list(range(len(keys_a))), list(range(len(keys_b)))
    expected = _pair_block_full_table(dels, inss, keys_a, keys_b)
    assert textdiff._pair_block(dels, inss, keys_a, keys_b, None) == expected


@settings(max_examples=100, deadline=None)
@given(KEYS, KEYS)
def test_pair_block_on_cdist_scores_pairs_as_the_full_table(keys_a: list[str], keys_b: list[str]) -> None:
    """The numpy path (cdist's matrix: rows without a similar pair never made lists) pairs alike."""
    from unittest import mock

    dels, inss = list(range(len(keys_a))), list(range(len(keys_b)))
    expected = _pair_block_full_table(dels, inss, keys_a, keys_b)
    with mock.patch.object(textdiff, "PURE_ALWAYS_CELLS", 0), \
            mock.patch.object(textdiff.matrix_path, "lists_for", lambda *args: False):
        assert textdiff._pair_block(dels, inss, keys_a, keys_b, None) == expected


_WHITESPACE = re.compile(r"\s+")


def test_str_split_cuts_at_exactly_the_regex_whitespace() -> None:
    """_sentences drops whitespace by str.split(): the same characters as the regex \\s, every code point."""
    import sys

    chars = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    assert "".join(chars.split()) == _WHITESPACE.sub("", chars)


@given(CN)
def test_sentence_keys_are_each_sentence_folded_without_whitespace(text: str) -> None:
    from docdiff.chinese import fold_width

    sents, keys = textdiff._sentences(text)
    assert list(sents) == split_sentences(text)
    assert list(keys) == [_WHITESPACE.sub("", fold_width(s)) for s in sents]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdef", max_size=40), st.text(alphabet="defghi", max_size=40))
def test_sentence_runs_are_dmps_runs_with_or_without_a_symbol_in_common(a: str, b: str) -> None:
    from docdiff.comparison.exact_diff import symbol_diff

    dmp = textdiff._dmp()
    assert symbol_diff(dmp, a, b) == [tuple(d) for d in dmp.diff_main(a, b, False)]
    disjoint_a = a.translate(str.maketrans("def", "xyz"))
    assert symbol_diff(dmp, disjoint_a, b) == [tuple(d) for d in dmp.diff_main(disjoint_a, b, False)]


def _merge_one_by_one(ops: list[DiffOp]) -> tuple[DiffOp, ...]:
    out: list[DiffOp] = []
    for op in ops:
        if op.text and out and out[-1].kind == op.kind and out[-1].moved == op.moved:
            out[-1] = DiffOp(op.kind, out[-1].text + op.text, op.moved)
        elif op.text:
            out.append(op)
    return tuple(out)


@given(st.lists(st.builds(DiffOp, st.sampled_from(list(OpKind)), st.text(alphabet="ab", max_size=2), st.booleans())))
def test_merge_joins_runs_of_one_kind_and_flag_as_op_by_op_joining_does(ops: list[DiffOp]) -> None:
    assert textdiff._merge(ops) == _merge_one_by_one(ops)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="经济增长城市", min_size=3, max_size=12), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 11), st.sampled_from("社会民生")), min_size=1, max_size=6), st.booleans())
def test_ratios_with_a_floor_keep_every_score_that_reaches_it(
    keys_a: list[str], edits: list[tuple[int, str]], lists: bool
) -> None:
    from unittest import mock

    # near-copies (one character replaced, or one added): ratios around the floor
    keys_b = [k[: at % len(k)] + c + k[at % len(k) + at % 2 :] for k, (at, c) in zip(keys_a * 6, edits)]
    with mock.patch("docdiff.comparison.matrix_path.lists_for", lambda cells, limit: lists):
        full = textdiff._ratios(keys_a, keys_b)
        cut = textdiff._ratios(keys_a, keys_b, at_least=textdiff.MOVED_SIMILAR_MIN)
    full, cut = (m if isinstance(m, list) else m.tolist() for m in (full, cut))
    floor = textdiff.MOVED_SIMILAR_MIN
    for row_full, row_cut in zip(full, cut):
        for f, c in zip(row_full, row_cut):
            assert c == f if f >= floor else c < floor


# Sentences and their light edits (ratio ≥ MOVED_SIMILAR_MIN): B holds the edits shuffled, so
# _pair_block pairs those still in order and _similar_moves finds the rest from its scores.
EDITED = [("全面推进乡村振兴战略实施工作。", "全面推进乡村振兴战略落实工作。"),
          ("加快建设现代化产业体系步伐；", "加快建设现代产业体系步伐；"),
          ("持续改善城乡生态环境质量。", "持续改善城乡人居生态环境质量。"),
          ("新增城镇就业岗位5000个！", "新增城镇就业岗位5500个！"),
          ("深化重点领域关键环节改革。", "深化重点领域和关键环节改革。"),
          ("稳步提升基本公共服务水平。", "稳步提升基本公共服务能力水平。")]


@st.composite
def _moved_texts(draw: st.DrawFn) -> tuple[str, str]:
    picked = draw(st.lists(st.sampled_from(range(len(EDITED))), unique=True, max_size=len(EDITED)))
    only = st.lists(st.sampled_from(["民生持续改善。\n", "到2025年达到目标。", "坚持以人民为中心。"]), max_size=3)
    a = draw(st.permutations([EDITED[k][0] for k in picked] + draw(only)))
    b = draw(st.permutations([EDITED[k][1] for k in picked] + draw(only)))
    return "".join(a), "".join(b)


MOVABLE = _moved_texts()


@settings(max_examples=150, deadline=None)
@given(MOVABLE, st.booleans())
def test_similar_moves_reusing_block_scores_changes_nothing(texts: tuple[str, str], numpy_path: bool) -> None:
    """Moves found from _pair_block's scores are those found by scoring again (lists and numpy)."""
    from unittest import mock

    text_a, text_b = texts
    path = (mock.patch.object(textdiff, "PURE_ALWAYS_CELLS", 0), mock.patch.object(textdiff.matrix_path, "lists_for",
            lambda *args: False)) if numpy_path else (mock.patch.object(textdiff, "PURE_ALWAYS_CELLS", 10**9),)
    with contextlib.ExitStack() as stack:
        for patch in path:
            stack.enter_context(patch)
        reused = diff_text(text_a, text_b)
        with mock.patch.object(textdiff, "_scored_within", lambda *args: None):
            again = diff_text(text_a, text_b)
    assert reused == again


def test_similar_moves_reuses_the_scored_block() -> None:
    """A whole section rewritten is one block: its near-copies are found from that block's scores."""
    text_a = "持续改善生态环境质量。深化重点领域改革。全面推进乡村振兴战略实施。"
    text_b = "全面推进乡村振兴战略落实。新增就业5000人！持续改善城乡生态环境质量。"
    calls: list[object] = []
    real = textdiff._scored_within

    def spy(*args):  # type: ignore[no-untyped-def]
        calls.append(out := real(*args))
        return out

    from unittest import mock

    with mock.patch.object(textdiff, "_scored_within", spy):
        ops = diff_text(text_a, text_b)
    assert calls and calls[0] is not None
    assert rebuild(ops) == (text_a, text_b)
    assert any(op.moved for op in ops)


# Sentences from a few words: some pairs similar (≥ SIMILAR_MIN), some copies, some unrelated.
_SENTENCE_TEXTS = st.lists(
    st.builds(lambda words, end: "".join(words) + end,
              st.lists(st.sampled_from(["经济", "增长", "城市", "建设", "生态", "保护", "民生", "改善"]), min_size=1, max_size=6),
              st.sampled_from(["。", "；", "！\n", "。\n"])),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_TEXTS, _SENTENCE_TEXTS, st.booleans())
def test_whole_replacement_shortcut_gives_the_ops_of_the_general_walk(a: str, b: str, numpy_path: bool) -> None:
    """Where _all_replaced holds, the two ops returned are what the walk over every sentence
    (moves, merge) gives; and it holds only when a and b share no sentence."""
    from unittest import mock

    path = mock.patch.object(textdiff.matrix_path, "lists_for", lambda *args: not numpy_path)
    with path, mock.patch.object(textdiff, "PURE_ALWAYS_CELLS", 0 if numpy_path else 10**9):
        fast = diff_text(a, b)
        with mock.patch.object(textdiff, "_all_replaced", lambda *args: False):
            general = diff_text(a, b)
    assert fast == general
    assert rebuild(fast) == (a, b)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_scored_within_cuts_the_same_cells_as_numpy_ix(k: int, m: int, data: st.DataObject) -> None:
    import numpy as np

    sim = np.arange(k * m, dtype=np.float32).reshape(k, m) / 7
    dels = sorted(data.draw(st.sets(st.integers(0, k - 1), min_size=1)))
    inss = sorted(data.draw(st.sets(st.integers(0, m - 1), min_size=1)))
    block = (list(range(10, 10 + k)), list(range(20, 20 + m)), sim)
    got = textdiff._scored_within([block], [10 + d for d in dels], [20 + j for j in inss])
    assert got.dtype == np.float32 and got.tolist() == sim[np.ix_(dels, inss)].tolist()


def test_own_text_of_every_sample_section_is_the_text_of_its_own_spans() -> None:
    """A leaf's own text is read straight from its span: the same as through own_spans."""
    from conftest import SAMPLES

    from docdiff.comparison.similarity import body_text
    from docdiff.ingest import load
    from docdiff.outline import parse_outline

    for path in sorted(SAMPLES.glob("*.txt"))[-5:]:
        doc = load(str(path))
        for root in parse_outline(doc).sections:
            for s in root.walk():
                spans = textdiff.own_spans(s.span, [c.span for c in s.children])
                assert textdiff.own_text(doc, s) == "".join(body_text(doc, sp) for sp in spans)
