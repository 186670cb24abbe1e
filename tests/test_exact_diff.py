"""exact_diff: exact diffs whose result does not depend on the machine's speed."""
from __future__ import annotations

import itertools
import random
import sys
from types import SimpleNamespace

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from docdiff.comparison import exact_diff
from docdiff.comparison.exact_diff import char_diff, symbol_diff
from docdiff.comparison.textdiff import diff_text


def _rebuilds(diffs: list[tuple[int, str]], a: str, b: str) -> bool:
    return ("".join(t for op, t in diffs if op <= 0) == a and "".join(t for op, t in diffs if op >= 0) == b
            and all(t for _, t in diffs) and all(x[0] != y[0] for x, y in itertools.pairwise(diffs)))


def _edits(diffs: list[tuple[int, str]]) -> int:
    return sum(len(t) for op, t in diffs if op)


_text = st.text(alphabet="abcdefg", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_text, _text, st.integers(2, 30))
def test_symbol_diff_is_exact_on_every_path(a: str, b: str, bound: int) -> None:
    with pytest.MonkeyPatch.context() as mp:  # a small bound sends most inputs through anchors and the LCS
        mp.setattr(exact_diff, "DMP_MAX_EDITS", bound)
        diffs = symbol_diff(diff_match_patch(), a, b)
    assert _rebuilds(diffs, a, b)


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_within_the_bound_the_diffs_are_dmps_own(a: str, b: str) -> None:
    dmp = diff_match_patch()
    assert symbol_diff(dmp, a, b) == dmp.diff_main(a, b, False)
    assert char_diff(dmp, a, b) == dmp.diff_main(a, b, False)


@settings(max_examples=200, deadline=None)
@given(_text, _text, st.integers(0, 20))
def test_char_diff_past_the_bound_is_the_minimal_lcs_diff(a: str, b: str, bound: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(exact_diff, "DMP_MAX_EDITS", bound)
        diffs = char_diff(diff_match_patch(), a, b)
    assert _rebuilds(diffs, a, b)
    if Indel.distance(a, b) > bound:
        assert _edits(diffs) == Indel.distance(a, b)


def test_past_the_lcs_matrix_bound_the_pieces_are_deleted_and_inserted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exact_diff, "DMP_MAX_EDITS", 2)
    monkeypatch.setattr(exact_diff, "OPCODES_MAX_CELLS", 10)
    assert char_diff(diff_match_patch(), "abcdef", "aXcdeY") == [(-1, "abcdef"), (1, "aXcdeY")]


def test_patience_anchors_are_the_longest_increasing_chain_of_unique_symbols() -> None:
    # b, c, e occur once on each side; c and e keep their order, b does not
    assert exact_diff._patience_anchors("abcaae", "ceb") == [(2, 0), (5, 1)]
    assert exact_diff._patience_anchors("aa", "aa") == []


def _sentences(n: int, edited: float, seed: int) -> tuple[str, str]:
    """Symbol strings of n distinct sentences; B edits a share of them in place."""
    rng = random.Random(seed)
    a = [chr(0x4E00 + i) for i in range(n)]
    b = [chr(0x9000 + i) if rng.random() < edited else s for i, s in enumerate(a)]
    return "".join(a), "".join(b)


def test_a_long_section_with_scattered_edits_keeps_every_unchanged_sentence() -> None:
    # 20,000 sentences, 5% edited: dmp's bisection needed seconds and, past its time limit, came
    # out as "everything replaced"; the anchors keep all 19,000 unchanged ones, in linear time
    a, b = _sentences(20_000, 0.05, 1)
    diffs = symbol_diff(diff_match_patch(), a, b)
    assert _rebuilds(diffs, a, b)
    assert sum(len(t) for op, t in diffs if op == 0) == sum(x == y for x, y in zip(a, b))


def test_the_result_does_not_depend_on_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow or busy machine: every reading of the clock is an hour later than the last. dmp's
    time limit then cut its search short and gave a coarser diff; there is none any more."""
    dmp_module = sys.modules[diff_match_patch.__module__]  # the package's name is the class's
    a = "今年地区生产总值增长6%左右，城镇新增就业1.2万人以上，居民人均可支配收入增长与经济增长同步。" * 12
    b = a.replace("6%", "5.5%").replace("1.2万", "1.5万")
    before = char_diff(diff_match_patch(), a, b)
    clock = itertools.count(0, 3600)
    monkeypatch.setattr(dmp_module, "time", SimpleNamespace(time=lambda: float(next(clock))))
    assert char_diff(diff_match_patch(), a, b) == before
    ops = diff_text("一、总体要求\n" + a, "一、总体要求\n" + b)
    assert "".join(op.text for op in ops if op.kind.value != "insert") == "一、总体要求\n" + a
    assert sum(1 for op in ops if op.kind.value == "equal") > 10  # edited in place, not replaced
