"""indel.ratio is rapidfuzz's fuzz.ratio bit for bit; a small comparison never imports rapidfuzz."""
from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from docdiff.comparison import indel

# Few letters, so that strings share many characters; CJK and astral ones as documents hold them.
_TEXT = st.text(alphabet="abc年增长率%０1𠀋 ", max_size=90)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_ratio_is_rapidfuzz_s(a: str, b: str) -> None:
    assert indel.ratio(a, b) == fuzz.ratio(a, b)  # == on floats: the same bits


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, st.floats(min_value=0, max_value=100))
def test_ratio_with_a_cutoff_is_rapidfuzz_s(a: str, b: str, cutoff: float) -> None:
    assert indel.ratio(a, b, score_cutoff=cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff)


def test_lcs_of_known_pairs() -> None:
    assert indel.lcs_length("lewenstein", "levenshtein") == 9
    assert indel.lcs_length("", "abc") == indel.lcs_length("abc", "") == 0
    assert indel.lcs_length("地区生产总值增长6%", "地区生产总值增长5%左右") == 9


def test_beyond_a_few_pairs_rapidfuzz_scores(monkeypatch) -> None:
    assert indel.ratio_for(indel.FEW_PAIRS + 1) is fuzz.ratio
    assert indel.ratio_for(indel.FEW_PAIRS) is fuzz.ratio  # rapidfuzz loaded already: its C code
    monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")  # a run that has not loaded it
    assert indel.ratio_for(indel.FEW_PAIRS) is indel.ratio


def test_a_small_comparison_does_not_import_rapidfuzz(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、总体要求\n今年增长6%。\n", encoding="utf-8")
    b.write_text("一、总体要求\n今年增长5%。\n二、主要任务\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from docdiff.__main__ import main\n"
        f"sys.argv = ['docdiff', 'compare', {str(a)!r}, {str(b)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rapidfuzz', 'numpy'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert "主要任务" in (tmp_path / "out").read_text(encoding="utf-8")
