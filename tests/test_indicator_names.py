"""Indicator names: the checks (``names.name_flaw``) on constructed examples, the fallback to the
nearest noun phrase, and a property over every target extracted from every bundled sample, every
test document and every provincial report in ../shared: no indicator is a clause, a function
word, a subordinate clause or a slogan.

The checks, concretely: no clause mark (，；：∶) in a name; no name that is only a function word
(stop-list below); no name opening with a subordinate conjunction or a subject (考虑到, 由于,
我们…); no name longer than MAX_NAME (28) Chinese characters or opening with a motto verb (坚持, 围绕…);
at least one Chinese character or letter.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from docdiff.ingest import load
from docdiff.model import Document, Metadata
from docdiff.targets import extract_targets
from docdiff.targets.names import (
    MAX_NAME,
    name_flaw,
    name_length,
    nearest_noun_phrase,
    vet_indicator,
)

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT.parent / "shared" / "corpus" / "provinces-2026"
DOCUMENTS = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*/*.txt")) + sorted(
    PROVINCES.glob("*.txt"))

# independent of names.py: the words a reader would laugh at as an indicator
STOP_WORDS = {"部分", "其中", "累计", "合计", "分别", "均", "共", "约", "同比", "以上", "左右", "全年", "今年", "的", "和"}
OPENINGS = ("考虑到", "由于", "为了", "因为", "如果", "虽然", "鉴于", "我们", "坚持", "围绕")


@pytest.mark.parametrize("name", ["赤字率", "城镇新增就业", "地区生产总值增长", "新建乡村道路", "PM2.5平均浓度",
                                  "规上工业增加值增长", "新建、改建农村公路优良率"])
def test_names_pass(name):
    assert name_flaw(name) is None


@pytest.mark.parametrize(("name", "flaw"), [
    ("部分", "function word"), ("其中", "function word"), ("∶", "no name"),
    ("考虑到明年财政收支压力较大赤字率", "subordinate clause"),
    ("总体上看，居民收入", "clause"), ("重点任务：新建学校", "clause"),
    ("坚持稳中求进工作总基调推进", "slogan"),
    ("推动乡村全面振兴和城乡融合发展并加快建设农业强省的各项重点工程", "slogan"),
    ("8项指标", "enumeration"), ("抓好以下方面的工作", "enumeration"),
])
def test_flawed_names(name, flaw):
    assert name_flaw(name) == flaw


def test_fallback_is_nearest_noun_phrase_and_low_confidence():
    assert nearest_noun_phrase("总体上看，居民收入") == "居民收入"
    assert vet_indicator("总体上看，居民收入") == ("居民收入", "low")
    assert vet_indicator("由于基数较高工业用电量") == ("基数较高工业用电量", "low")
    assert vet_indicator("部分") is None and vet_indicator("5项指标") is None
    # 从X提高到Y: X is the baseline, not part of the name
    assert vet_indicator("农村养老金标准从每人每月150元") == ("农村养老金标准", "high")


def test_extraction_never_names_a_target_after_a_clause_or_a_function_word():
    text = ("某市2031年政府工作报告\n二、2031年工作安排\n"
            "考虑到外部环境，我们把赤字率按2.8%安排。年应纳税所得额不超过200万元的部分，减按20%计入。"
            "全年新建口袋公园30个，其中，社区足球场12个。")
    found = extract_targets(Document(path="r.txt", text=text, meta=Metadata(year=2031)))
    names = [t.indicator for t in found]
    assert all(name_flaw(n) is None for n in names), names
    assert "部分" not in names and not any(n.startswith("考虑到") for n in names)


def _check(indicator: str) -> None:
    assert not set(indicator) & set("，,；;：:∶"), indicator
    assert indicator not in STOP_WORDS, indicator
    assert not indicator.startswith(OPENINGS), indicator
    assert name_length(indicator) <= MAX_NAME, indicator
    assert name_flaw(indicator) is None, indicator


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_no_extracted_indicator_is_a_clause_function_word_or_slogan(path: Path):
    for t in extract_targets(load(str(path))):
        if t.status == "past":
            continue  # review-table rows name their indicator in a cell, not in prose
        _check(t.indicator)


def test_a_name_never_runs_back_across_a_clause_mark():
    from docdiff.targets.clauses import read_sentence

    drafts = read_sentence("统筹考虑稳增长和防风险,今年财政赤字率拟按3.5%左右安排。实施道路提升工程,全长12公里。")
    assert [(d.indicator, float(d.value)) for d in drafts] == [("财政赤字率", 3.5), ("全长", 12.0)]


def test_a_rate_keeps_its_name_across_years_so_the_pair_is_one_changed_target(tmp_path):
    from docdiff.comparison import compare

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("政府工作报告（2030年）\n一、2029年工作回顾\n过去一年，经济增长5%。\n二、2030年工作安排\n"
                 "财政赤字率拟按3%安排。\n", encoding="utf-8")
    b.write_text("政府工作报告（2031年）\n一、2030年工作回顾\n过去一年，经济增长5%。\n二、2031年工作安排\n"
                 "统筹考虑稳增长和防风险，今年财政赤字率拟按3.5%左右安排。\n", encoding="utf-8")
    (pair,) = compare(load(str(a)), load(str(b))).targets
    assert str(pair.status) == "changed" and pair.b.indicator == "财政赤字率"


def test_an_attribute_alone_is_kept_low_confidence():
    assert vet_indicator("全长") == ("全长", "low") and vet_indicator("总投资") == ("总投资", "low")
    assert vet_indicator("赤字率") == ("赤字率", "high")
