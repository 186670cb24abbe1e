"""render/target_sentences.py: the pairs skipped because their sections hold no flagged target
change nothing (the skip is checked against the full walk on real comparisons)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.cli_support import load_input
from docdiff.comparison import compare
from docdiff.model import Comparison, Span
from docdiff.render import target_sentences

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAIRS = [
    ("luqiao-14th-five-year-plan.txt", "linhai-common-prosperity-plan-2021-2025.txt"),
    ("hailar-district-2018-work-report.txt", "hailar-district-2019-work-report.txt"),
    ("hailar-district-2014-work-report.txt", "hailar-district-2015-work-report.txt"),
    ("hailar-district-2012-work-report.txt", "hailar-district-2013-work-report.txt"),
]


def _compare(a: str, b: str) -> Comparison:
    return compare(load_input(str(SAMPLES / a), None, None), load_input(str(SAMPLES / b), None, None))


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_skipping_pairs_without_a_flagged_target_changes_nothing(a: str, b: str, monkeypatch) -> None:
    c = _compare(a, b)
    asked: list[object] = []
    fast = target_sentences.changed_target_sentences(c, lambda p: asked.append(p) or list(p.diff))
    monkeypatch.setattr(target_sentences, "_may_hold", lambda span, spans: True)
    walked: list[object] = []
    full = target_sentences.changed_target_sentences(c, lambda p: walked.append(p) or list(p.diff))
    assert fast == full
    assert fast  # each pair has changed targets to show
    assert len(asked) < len(walked)  # and some pairs were skipped


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=12), st.integers(-2, 45),
       st.integers(-2, 45))
def test_any_hit_is_whether_hits_finds_one(spans: list[tuple[int, int]], start: int, end: int) -> None:
    found = target_sentences._Spans([Span(s, s + n) for s, n in spans])
    assert found.any_hit(start, end) == bool(found.hits(start, end))
