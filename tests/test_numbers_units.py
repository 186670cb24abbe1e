"""Numbers and units on constructed sentences: one list of measure words (compounds included),
近 as approximate, a 、-chain's later value, a rate shared by listed modifiers without 均, a value
before its noun after any counting verb, and a number too large for a float kept exact."""
from __future__ import annotations

import json

from click.testing import CliRunner

from docdiff.cli import cli
from docdiff.comparison.quantity import parse_unit, same_quantity
from docdiff.measure_words import COMPOUND_MEASURES, COUNT_CLASSIFIERS, MEASURE_WORDS
from docdiff.model import Document, Metadata
from docdiff.targets import extract_targets
from docdiff.targets.numbers import BASE_UNITS, find_quantities

HEAD = "某市2031年政府工作报告\n二、2031年工作安排\n"


def _read(sentence: str) -> list[tuple[str, float | None, str, str]]:
    doc = Document(path="r.txt", text=HEAD + sentence, meta=Metadata(year=2031))
    return [(t.indicator, t.value, t.unit, str(t.comparator)) for t in extract_targets(doc)]


def test_one_measure_word_list_feeds_numbers_and_quantities():
    assert set(MEASURE_WORDS) <= set(BASE_UNITS)
    for word in "例门列支期":
        assert word in MEASURE_WORDS
    assert {"户次", "场次", "人次"} <= set(COMPOUND_MEASURES)
    assert parse_unit("门").base == parse_unit("个").base  # a classifier counts things
    assert parse_unit("场次").base == "场次" != parse_unit("场").base  # sessions are not venues
    assert {c for c in "例门列" if c in COUNT_CLASSIFIERS} == set("例门列")


def test_compound_measure_words_are_read_whole():
    got = _read("全年完成义诊1200例，开设选修课16门，开行货运班列240列，组建志愿服务队35支，"
                "举办研修班6期，入户走访900户次，组织展演45场次。")
    assert [(i, v, u) for i, v, u, _ in got] == [
        ("完成义诊", 1200, "例"), ("开设选修课", 16, "门"), ("开行货运班列", 240, "列"),
        ("组建志愿服务队", 35, "支"), ("举办研修班", 6, "期"), ("入户走访", 900, "户次"),
        ("组织展演", 45, "场次")]


def test_near_is_approximate_but_recent_years_are_a_date():
    assert _read("全年外贸进出口额近7万亿元。") == [("外贸进出口额", 7, "万亿元", "~")]
    assert [q.value for q in find_quantities("近3年")] == [3]
    assert _read("近3年新建图书馆12座。") == []  # the last three years: a result


def test_later_value_of_a_chain_is_read_with_its_own_indicator():
    got = _read("全年港口吞吐量达到3亿吨、集装箱吞吐量增长9%。")
    assert got == [("港口吞吐量", 3, "亿吨", "="), ("集装箱吞吐量增长", 9, "%", "=")]


def test_rate_shared_by_listed_modifiers_gives_one_target_each():
    got = _read("新建、改建乡村道路优良率达到92%。")
    assert [i for i, *_ in got] == ["新建乡村道路优良率", "改建乡村道路优良率"]
    # an amount is a total: one target
    assert [i for i, *_ in _read("新建、改建乡村道路650公里。")] == ["新建、改建乡村道路"]


def test_subjects_sharing_one_change_give_one_target_each():
    got = _read("城乡居民储蓄存款、住户贷款余额增长6%左右。")
    assert got == [("城乡居民储蓄存款增长", 6, "%", "~"), ("住户贷款余额增长", 6, "%", "~")]


def test_value_before_noun_after_a_counting_verb():
    assert _read("牢牢守住30万亩永久基本农田保护红线。") == [("守住永久基本农田保护红线", 30, "万亩", "=")]


def test_a_number_too_large_for_a_float_stays_exact(tmp_path):
    digits = "7" * 350
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"今年，新建步道{digits}公里。\n", encoding="utf-8")
    other = "6" + digits[1:]
    b.write_text(f"今年，新建步道{other}公里。\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["targets", str(a), "--format", "json"]).output
    assert "Infinity" not in out and json.loads(out)["targets"][0]["value"] == int(digits)
    assert not same_quantity(int(digits), "公里", int(other), "公里")
    assert same_quantity(int(digits), "公里", int(digits + "000"), "米")
    r = CliRunner().invoke(cli, ["check", str(a), str(b), "--format", "json"])
    assert r.exit_code == 1 and "Infinity" not in r.output
    assert json.loads(r.output)["findings"][0]["status"] == "changed"


def test_numerals_side_by_side_enumerate_and_brackets_hold_their_separators():
    assert _read("推动一二三次产业融合发展，支持三四线城市更新。") == []
    assert _read("今年覆盖80个乡（镇、街道）。") == [("覆盖乡(镇、街道)", 80, "个", "=")]


def test_listed_modifiers_under_respectively_share_the_noun():
    got = _read("城镇、农村居民人均可支配收入分别增长5%、6.5%左右。")
    assert [(i, v) for i, v, *_ in got] == [("城镇居民人均可支配收入增长", 5), ("农村居民人均可支配收入增长", 6.5)]
    got = _read("粮食、油料产量分别达到80万吨、12万吨以上。")
    assert [i for i, *_ in got] == ["粮食产量", "油料产量"]


def test_per_head_words_are_no_distribution_and_fillers_are_no_name():
    assert _read("普通高中生均公用经费提高200元。") == [("普通高中生均公用经费提高", 200, "元", "=")]
    assert _read("蔬菜产量继续保持30万吨以上。") == [("蔬菜产量", 30, "万吨", ">=")]
