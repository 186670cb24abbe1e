"""Target diff: hand-built targets (independent of extraction), then revised copies of real reports."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from docdiff.comparison.quantity import (
    parse_unit,
    same_dimension,
    same_quantity,
    to_quantity,
)
from docdiff.comparison.restatements import restatement_key
from docdiff.comparison.target_direction import better_direction
from docdiff.comparison.target_keys import key_similarity, match_form
from docdiff.comparison.targetdiff import match_targets
from docdiff.model import (
    Comparator,
    Document,
    Metadata,
    Period,
    Section,
    SectionKind,
    SectionPair,
    SectionStatus,
    Span,
    Target,
    TargetPair,
    TargetStatus,
)

# --- builders --------------------------------------------------------------------------------


def make_doc(
    text: str, year: int | None = None, path: str = "doc.txt", period: tuple[int, int] | None = None
) -> Document:
    return Document(path=path, text=text, meta=Metadata(year=year, period=period))


def tgt(
    doc: Document,
    snippet: str,
    indicator: str,
    value: float | None,
    unit: str,
    comparator: str = "=",
    *,
    key: str | None = None,
    year: int | None = -1,
    period: str = "annual",
    value_high: float | None = None,
    status: str = "target",
    nth: int = 0,
    tid: str = "t",
) -> Target:
    """A Target for the ``nth`` occurrence of ``snippet`` in ``doc`` (year -1: the doc's year)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(snippet, start + 1)
    return Target(
        id=tid,
        indicator=indicator,
        key=key or indicator,
        value=value,
        value_high=value_high,
        unit=unit,
        comparator=Comparator(comparator),
        year=doc.meta.year if year == -1 else year,
        period=Period(period),
        text=snippet,
        span=Span(start, start + len(snippet)),
        line=doc.line_at(start),
        section="",
        status=status,
    )


def statuses(pairs: tuple[TargetPair, ...]) -> list[tuple[str, str | None, str | None]]:
    return [(str(p.status), p.a and p.a.indicator, p.b and p.b.indicator) for p in pairs]


def pair_of(pairs: tuple[TargetPair, ...], indicator: str) -> TargetPair:
    hits = [p for p in pairs if (p.a or p.b).indicator == indicator or (p.b and p.b.indicator == indicator)]
    assert len(hits) == 1, (indicator, statuses(pairs))
    return hits[0]


def swapped(pairs: tuple[TargetPair, ...]) -> set[tuple]:
    """What the pairs look like from the other side: a↔b, added↔removed, raised↔lowered."""
    flip_status = {"added": "removed", "removed": "added"}
    flip_dir = {"raised": "lowered", "lowered": "raised", None: None}
    return {
        (flip_status.get(str(p.status), str(p.status)), p.b and p.b.id, p.a and p.a.id,
         tuple(p.changes), flip_dir[p.direction])
        for p in pairs
    }


def as_set(pairs: tuple[TargetPair, ...]) -> set[tuple]:
    return {(str(p.status), p.a and p.a.id, p.b and p.b.id, tuple(p.changes), p.direction) for p in pairs}


# Hailar 2012 → 2013 goals, as the gold pair key reads them (gold/pairs/hailar-2012-2013).
TEXT_2012 = ("2012年全区经济社会发展的预期目标是：地区生产总值达到240亿元，同比增长21%；固定资产投资完成194亿元，"
             "同比增长25％；城镇人均可支配收入达到23896元，同比增长18％；农民人均纯收入达到16892元，同比增长18％。")
TEXT_2013 = ("经济社会发展主要预期目标是：地区生产总值增长20%，达到282亿元；区本级固定资产投资增长23%，达到100亿元；"
             "城乡居民可支配收入增长18%。")


def hailar_pair() -> tuple[Document, tuple[Target, ...], Document, tuple[Target, ...]]:
    a = make_doc(TEXT_2012, 2012, "a.txt")
    ta = (
        tgt(a, "地区生产总值达到240亿元", "地区生产总值", 240, "亿元", tid="a1"),
        tgt(a, "同比增长21%", "地区生产总值增长", 21, "%", tid="a2"),
        tgt(a, "固定资产投资完成194亿元", "固定资产投资", 194, "亿元", tid="a3"),
        tgt(a, "同比增长25％", "固定资产投资增长", 25, "%", tid="a4"),
        tgt(a, "城镇人均可支配收入达到23896元", "城镇人均可支配收入", 23896, "元", tid="a5"),
        tgt(a, "同比增长18％", "城镇人均可支配收入增长", 18, "%", tid="a6"),
        tgt(a, "农民人均纯收入达到16892元", "农民人均纯收入", 16892, "元", tid="a7"),
        tgt(a, "同比增长18％", "农民人均纯收入增长", 18, "%", nth=1, tid="a8"),
    )
    b = make_doc(TEXT_2013, 2013, "b.txt")
    tb = (
        tgt(b, "地区生产总值增长20%", "地区生产总值增长", 20, "%", tid="b1"),
        tgt(b, "达到282亿元", "地区生产总值", 282, "亿元", tid="b2"),
        tgt(b, "区本级固定资产投资增长23%", "区本级固定资产投资增长", 23, "%", tid="b3"),
        tgt(b, "达到100亿元", "区本级固定资产投资", 100, "亿元", tid="b4"),
        tgt(b, "城乡居民可支配收入增长18%", "城乡居民可支配收入增长", 18, "%", tid="b5"),
    )
    return a, ta, b, tb


# --- quantities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("va", "ua", "vb", "ub", "same"),
    [
        (1000, "亿元", 0.1, "万亿元", True),
        (1000, "亿元", 10_000_000, "万元", True),
        (5, "‰", 0.5, "%", True),
        (7, "%", 7, "个百分点", False),
        (7, "%", 7, "％", True),
        (150, "家", 150, "个", True),
        (3, "万人", 30000, "人", True),
        (3, "万人", 3, "万人次", False),
        (20, "公里", 20, "千米", True),
        (2, "倍", 2, "倍", True),
        (None, "", None, "", True),
        (None, "", 0, "", False),
    ],
)
def test_same_quantity(va, ua, vb, ub, same):
    assert same_quantity(va, ua, vb, ub) is same


def test_units_of_one_dimension_and_tolerance_in_b_unit():
    assert same_dimension("亿元", "万元") and not same_dimension("%", "个百分点")
    assert to_quantity(2.5, "万亿元").amount == pytest.approx(2.5e12)
    assert parse_unit("万千瓦").factor == pytest.approx(1e7)
    assert same_quantity(100, "亿元", 100.4, "亿元", abs_tol=0.5)
    assert not same_quantity(100, "亿元", 101, "亿元", abs_tol=0.5)
    assert same_quantity(100, "亿元", 102, "亿元", rel_tol=0.05)


# --- matching hand-built targets -------------------------------------------------------------


def test_hailar_2012_2013_statuses_as_the_gold_key():
    a, ta, b, tb = hailar_pair()
    pairs = match_targets(a, ta, b, tb, ())
    got = {(str(p.status), p.a and p.a.id, p.b and p.b.id) for p in pairs}
    assert got == {
        ("changed", "a1", "b2"), ("changed", "a2", "b1"), ("changed", "a3", "b4"), ("changed", "a4", "b3"),
        ("removed", "a5", None), ("shared", "a6", "b5"), ("removed", "a7", None), ("shared", "a8", "b5"),
    }
    gdp = next(p for p in pairs if p.a and p.a.id == "a1")
    assert gdp.changes == ("value",) and gdp.direction == "raised" and gdp.ambition == "stricter"
    growth = next(p for p in pairs if p.a and p.a.id == "a2")
    assert growth.direction == "lowered" and growth.ambition == "looser"


def test_swapping_a_and_b_swaps_added_removed_and_raised_lowered():
    a, ta, b, tb = hailar_pair()
    forward = match_targets(a, ta, b, tb, ())
    backward = match_targets(b, tb, a, ta, ())
    assert swapped(forward) == as_set(backward)


def test_a_document_against_itself_is_all_shared():
    a, ta, _, _ = hailar_pair()
    pairs = match_targets(a, ta, a, ta, ())
    assert [p.status for p in pairs] == [TargetStatus.SHARED] * len(ta)
    assert all(p.a is p.b for p in pairs)


def test_own_document_year_counts_as_the_same_year():
    a = make_doc("今年主要预期目标：地区生产总值增长6%左右。", 2018)
    b = make_doc("今年主要预期目标：地区生产总值增长6%左右。", 2019)
    ta = (tgt(a, "地区生产总值增长6%左右", "地区生产总值增长", 6, "%", "~"),)
    tb = (tgt(b, "地区生产总值增长6%左右", "地区生产总值增长", 6, "%", "~"),)
    assert [p.status for p in match_targets(a, ta, b, tb, ())] == [TargetStatus.SHARED]
    # A stated year that is not the document's own is a real change.
    tb2 = (replace(tb[0], year=2020),)
    (p,) = match_targets(a, ta, b, tb2, ())
    assert p.status == TargetStatus.CHANGED and p.changes == ("year",)


def test_own_year_inferred_from_targets_when_metadata_lacks_it():
    a = make_doc("预期目标：生产总值增长6%；投资增长8%。")
    b = make_doc("预期目标：生产总值增长6%；投资增长8%。")
    ta = (tgt(a, "生产总值增长6%", "生产总值增长", 6, "%", year=2018),
          tgt(a, "投资增长8%", "投资增长", 8, "%", year=2018))
    tb = (tgt(b, "生产总值增长6%", "生产总值增长", 6, "%", year=2019),
          tgt(b, "投资增长8%", "投资增长", 8, "%", year=2019))
    assert {p.status for p in match_targets(a, ta, b, tb, ())} == {TargetStatus.SHARED}


def test_changes_value_unit_comparator_not_period():
    a = make_doc("到2025年，研发投入强度达到3%，新增企业150家，能耗降低13%，农业人口比重5%。", 2021, period=(2021, 2025))
    b = make_doc("到2025年，研发投入强度达到3%以上，新增企业0.015万家，能耗降低13%，农业人口比重5个百分点。", 2021,
                 period=(2021, 2025))
    ta = (tgt(a, "研发投入强度达到3%", "研发投入强度", 3, "%", year=2025),
          tgt(a, "新增企业150家", "新增企业", 150, "家", year=2025, period="cumulative"),
          tgt(a, "能耗降低13%", "能耗降低", 13, "%", year=2025),
          tgt(a, "农业人口比重5%", "农业人口比重", 5, "%", year=2025))
    tb = (tgt(b, "研发投入强度达到3%以上", "研发投入强度", 3, "%", ">=", year=2025),
          tgt(b, "新增企业0.015万家", "新增企业", 0.015, "万家", year=2025, period="cumulative"),
          tgt(b, "能耗降低13%", "能耗降低", 13, "%", year=2025, period="cumulative"),
          tgt(b, "农业人口比重5个百分点", "农业人口比重", 5, "个百分点", year=2025))
    pairs = match_targets(a, ta, b, tb, ())
    assert pair_of(pairs, "研发投入强度").changes == ("comparator",)
    assert pair_of(pairs, "新增企业").status == TargetStatus.SHARED  # 150家 == 0.015万家
    # period is docdiff's own reading: alone it changes nothing
    assert pair_of(pairs, "能耗降低").status == TargetStatus.SHARED and pair_of(pairs, "能耗降低").changes == ()
    unit = pair_of(pairs, "农业人口比重")
    assert unit.changes == ("unit",) and unit.direction is None


def test_level_and_growth_of_one_indicator_never_pair():
    a = make_doc("生产总值达到240亿元。", 2012)
    b = make_doc("生产总值增长20%。", 2013)
    ta = (tgt(a, "生产总值达到240亿元", "生产总值", 240, "亿元"),)
    tb = (tgt(b, "生产总值增长20%", "生产总值增长", 20, "%"),)
    assert sorted(str(p.status) for p in match_targets(a, ta, b, tb, ())) == ["added", "removed"]


@pytest.mark.parametrize(
    ("ind_a", "ind_b"),
    [
        ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"),
        ("PM2.5平均浓度", "PM10平均浓度"),
        ("进口总额增长", "出口总额增长"),
        ("一般公共预算收入增长", "社会消费品零售总额增长"),
        ("单位生产总值能耗下降", "单位生产总值能耗增长"),
        ("数字经济核心产业增加值增长", "数字经济核心产业增加值占生产总值比重"),
        ("新增国家高新技术企业", "国家高新技术企业"),
        ("城镇登记失业率", "城镇调查失业率"),  # two statistics, keys 0.71 alike
    ],
)
def test_different_indicators_stay_apart(ind_a, ind_b):
    a = make_doc(f"{ind_a}7%。", 2019)
    b = make_doc(f"{ind_b}7%。", 2019)
    pairs = match_targets(a, (tgt(a, f"{ind_a}7%", ind_a, 7, "%"),), b, (tgt(b, f"{ind_b}7%", ind_b, 7, "%"),), ())
    assert sorted(str(p.status) for p in pairs) == ["added", "removed"]


def test_past_targets_only_match_past_targets():
    a = make_doc("十三五目标：生产总值700亿元。十四五目标：生产总值1000亿元。", 2021)
    b = make_doc("十四五目标：生产总值700亿元。", 2021)
    ta = (tgt(a, "生产总值700亿元", "生产总值", 700, "亿元", status="past", tid="past"),
          tgt(a, "生产总值1000亿元", "生产总值", 1000, "亿元", tid="now"))
    tb = (tgt(b, "生产总值700亿元", "生产总值", 700, "亿元", tid="b"),)
    pairs = match_targets(a, ta, b, tb, ())
    assert {(str(p.status), p.a and p.a.id) for p in pairs} == {("removed", "past"), ("changed", "now")}


def _section(doc: Document, number: str, title: str, until: str | None) -> Section:
    """A heading section from ``number + title`` up to the line ``until`` (or the end)."""
    start = doc.text.index(number + title)
    end = doc.text.index(until) if until else len(doc.text)
    return Section(number=number, title=title, level=1, kind=SectionKind.HEADING, span=Span(start, end),
                   title_span=Span(start + len(number), start + len(number) + len(title)),
                   line=doc.line_at(start), path=number.rstrip("、"), children=())


def test_a_target_repeated_in_prose_and_table_pairs_with_its_own_counterpart():
    a = make_doc("一、发展目标\n到2025年，研发投入强度达到3%。\n二、指标表\n研发投入强度(%) 3\n", 2021, "a.txt")
    # B raised the prose goal but kept the table; the table now comes first (a moved section).
    b = make_doc("二、指标表\n研发投入强度(%) 3\n一、发展目标\n到2025年，研发投入强度达到3.2%。\n", 2021, "b.txt")
    ta = (tgt(a, "研发投入强度达到3%", "研发投入强度", 3, "%", tid="prose"),
          tgt(a, "研发投入强度(%) 3", "研发投入强度", 3, "%", tid="table"))
    tb = (tgt(b, "研发投入强度(%) 3", "研发投入强度", 3, "%", tid="table"),
          tgt(b, "研发投入强度达到3.2%", "研发投入强度", 3.2, "%", tid="prose"))
    sections = (
        SectionPair(status=SectionStatus.MOVED, a=_section(a, "一、", "发展目标", "二、"),
                    b=_section(b, "一、", "发展目标", None), similarity=0.9),
        SectionPair(status=SectionStatus.MOVED, a=_section(a, "二、", "指标表", None),
                    b=_section(b, "二、", "指标表", "一、"), similarity=1.0),
    )
    pairs = match_targets(a, ta, b, tb, sections)
    assert {(p.a.id, p.b.id, str(p.status)) for p in pairs} == {
        ("prose", "prose", "changed"), ("table", "table", "shared")}
    flipped = tuple(replace(p, a=p.b, b=p.a) for p in sections)
    assert swapped(pairs) == as_set(match_targets(b, tb, a, ta, flipped))


@pytest.mark.parametrize(
    ("indicator", "comparator", "va", "vb", "direction", "ambition"),
    [
        ("城镇调查失业率", "<=", 5.5, 5.0, "lowered", "stricter"),
        ("单位生产总值能耗降低", "=", 13.5, 14.0, "raised", "stricter"),
        ("地区生产总值增长", "~", 6.0, 3.5, "lowered", "looser"),
        ("PM2.5平均浓度", "=", 30, 35, "raised", "looser"),
        ("森林覆盖率", ">=", 60, 62, "raised", "stricter"),
    ],
)
def test_direction_and_ambition(indicator, comparator, va, vb, direction, ambition):
    a = make_doc(f"{indicator}{va}", 2021)
    b = make_doc(f"{indicator}{vb}", 2021)
    (p,) = match_targets(a, (tgt(a, f"{indicator}{va}", indicator, va, "%", comparator),),
                         b, (tgt(b, f"{indicator}{vb}", indicator, vb, "%", comparator),), ())
    assert (p.status, p.changes, p.direction, p.ambition) == ("changed", ("value",), direction, ambition)


def test_range_direction_by_midpoint_and_scaled_units():
    a = make_doc("投资增长5%—7%，营业收入1000亿元", 2021)
    b = make_doc("投资增长6%—9%，营业收入0.09万亿元", 2021)
    ta = (tgt(a, "投资增长5%—7%", "投资增长", 5, "%", "range", value_high=7),
          tgt(a, "营业收入1000亿元", "营业收入", 1000, "亿元"))
    tb = (tgt(b, "投资增长6%—9%", "投资增长", 6, "%", "range", value_high=9),
          tgt(b, "营业收入0.09万亿元", "营业收入", 0.09, "万亿元"))
    pairs = match_targets(a, ta, b, tb, ())
    assert pair_of(pairs, "投资增长").direction == "raised"
    revenue = pair_of(pairs, "营业收入")
    assert (revenue.changes, revenue.direction) == (("value",), "lowered")


def test_targets_without_a_number():
    a = make_doc("城镇登记失业率完成上级下达指标；新增就业1万人", 2018)
    b = make_doc("城镇登记失业率完成上级下达指标；新增就业完成上级下达指标", 2019)
    ta = (tgt(a, "城镇登记失业率完成上级下达指标", "城镇登记失业率", None, ""),
          tgt(a, "新增就业1万人", "新增就业", 1, "万人"))
    tb = (tgt(b, "城镇登记失业率完成上级下达指标", "城镇登记失业率", None, ""),
          tgt(b, "新增就业完成上级下达指标", "新增就业", None, ""))
    pairs = match_targets(a, ta, b, tb, ())
    assert pair_of(pairs, "城镇登记失业率").status == TargetStatus.SHARED
    jobs = pair_of(pairs, "新增就业")
    assert jobs.changes == ("value",) and jobs.direction is None


def test_key_similarity_and_better_direction_helpers():
    assert key_similarity(match_form("固定资产投资"), match_form("区本级固定资产投资")) >= 0.8
    assert key_similarity(match_form("农民人均纯收入增长"), match_form("城乡居民可支配收入增长")) >= 0.8
    assert key_similarity(match_form("一般公共预算收入增长"), match_form("社会消费品零售总额增长")) < 0.5
    a = make_doc("x")
    assert better_direction(tgt(a, "x", "人口规模", 1, "万人")) is None


# --- properties ------------------------------------------------------------------------------

INDICATORS = ["地区生产总值增长", "一般公共预算收入增长", "城镇居民人均可支配收入增长", "农村居民人均可支配收入增长",
              "社会消费品零售总额", "固定资产投资", "城镇调查失业率", "单位生产总值能耗降低", "森林覆盖率", "新增企业"]
UNITS = ["%", "亿元", "万元", "家", "个百分点"]
spec = st.tuples(st.sampled_from(INDICATORS), st.sampled_from([1.0, 2.5, 6.0, 7.5, 100.0]), st.sampled_from(UNITS),
                 st.sampled_from(["=", ">=", "<=", "~"]))


def _random_side(specs: list, year: int, path: str) -> tuple[Document, tuple[Target, ...]]:
    pieces = [f"{ind}{v:g}{u}；" for ind, v, u, _ in specs]
    doc = make_doc("".join(pieces), year, path)
    out, pos = [], 0
    for n, ((ind, v, u, c), piece) in enumerate(zip(specs, pieces)):
        snippet = piece[:-1]
        out.append(replace(tgt(doc, snippet, ind, v, u, c, tid=f"{path}{n}"), span=Span(pos, pos + len(snippet))))
        pos += len(piece)
    return doc, tuple(out)


@settings(max_examples=40, deadline=None)
@given(st.lists(spec, max_size=8), st.lists(spec, max_size=8))
def test_every_target_appears_once_and_swapping_mirrors(specs_a, specs_b):
    a, ta = _random_side(specs_a, 2018, "a")
    b, tb = _random_side(specs_b, 2019, "b")
    pairs = match_targets(a, ta, b, tb, ())
    # Without 城乡 aggregates each target is in at most one pair, and one left out restates
    # (same key, quantity, comparator, year) a target of its side that is in one.
    for side, targets in (("a", ta), ("b", tb)):
        shown = [getattr(p, side).id for p in pairs if getattr(p, side)]
        assert len(shown) == len(set(shown))
        shown_keys = {restatement_key(t) for t in targets if t.id in shown}
        assert all(restatement_key(t) in shown_keys - {None} for t in targets if t.id not in shown)
    for p in pairs:
        assert (p.status == TargetStatus.SHARED) == (p.a is not None and p.b is not None and not p.changes)
        assert p.direction is None or "value" in p.changes
    assert all(p.status == TargetStatus.SHARED for p in match_targets(a, ta, a, ta, ()))
    assert swapped(pairs) == as_set(match_targets(b, tb, a, ta, ()))


# --- revised copies of real reports (need extraction) ----------------------------------------


def _pipeline():
    from docdiff.comparison.align import align_sections
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    def run(a: Document, b: Document) -> tuple[TargetPair, ...]:
        oa, ob = parse_outline(a), parse_outline(b)
        pairs, _ = align_sections(a, oa, b, ob)
        return match_targets(a, extract_targets(a, oa), b, extract_targets(b, ob), pairs)

    return run


def _load(name: str) -> Document:
    from conftest import sample

    from docdiff.ingest import load

    return load(str(sample(name)))


def revise(doc: Document, edits: list[tuple[str, str]]) -> Document:
    """A copy of ``doc`` with each ``old`` (which must occur exactly once) replaced by ``new``."""
    text = doc.text
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return replace(doc, path="revised-" + doc.path.rsplit("/", 1)[-1], text=text)


def _by_text(pairs: tuple[TargetPair, ...], fragment: str, side: str = "a") -> list[TargetPair]:
    return [p for p in pairs if getattr(p, side) is not None and fragment in getattr(p, side).text]


@pytest.mark.parametrize("name", ["hailar-district-2018", "hailar-district-2013", "taizhou-2022"])
def test_real_document_against_itself_is_all_shared(name):
    run = _pipeline()
    doc = _load(name)
    pairs = run(doc, doc)
    assert pairs, "no targets extracted"
    assert {p.status for p in pairs} == {TargetStatus.SHARED}


def test_revised_work_report_flags_exactly_the_edits():
    run = _pipeline()
    a = _load("hailar-district-2018")
    paragraphs = a.text.split("\n")
    # Move the last two non-empty paragraphs before the third-last one: moving alone flags nothing.
    body = [n for n, p in enumerate(paragraphs) if p.strip()]
    i, j = body[-3], body[-1]
    moved = "\n".join(paragraphs[:i] + paragraphs[i + 1 : j + 1] + [paragraphs[i]] + paragraphs[j + 1 :])
    a_moved = replace(a, text=moved)
    b = revise(a_moved, [
        ("地区生产总值增长6%左右", "地区生产总值增长7%左右"),  # value raised
        ("一般公共预算收入增长6%；", "一般公共预算收入增长6%以上；"),  # comparator
        ("城乡居民人均可支配收入分别增长7.5%；", ""),  # clause removed
        ("今年经济社会发展主要预期目标是：", "今年经济社会发展的主要预期目标是：社会消费品零售总额增长6.5%左右；"),  # added + reworded
    ])
    pairs = run(a, b)
    gdp = _by_text(pairs, "地区生产总值增长6%")
    assert [(p.status, p.changes, p.direction) for p in gdp] == [(TargetStatus.CHANGED, ("value",), "raised")]
    revenue = _by_text(pairs, "一般公共预算收入增长6%")
    assert [(p.status, p.changes) for p in revenue] == [(TargetStatus.CHANGED, ("comparator",))]
    income = _by_text(pairs, "7.5%")
    assert income and {p.status for p in income} == {TargetStatus.REMOVED}
    added = [p for p in pairs if p.status == TargetStatus.ADDED]
    assert [p.b.value for p in added] == [6.5]
    flagged = {id(p) for p in gdp + revenue + income + added}
    assert all(p.status == TargetStatus.SHARED for p in pairs if id(p) not in flagged)
    # And the other way round: added ↔ removed, raised ↔ lowered.
    back = run(b, a)
    assert sorted(str(p.status) for p in back) == sorted(
        {"added": "removed", "removed": "added"}.get(str(p.status), str(p.status)) for p in pairs)
    assert [p.direction for p in _by_text(back, "地区生产总值增长6%", "b")] == ["lowered"]


def test_rewording_and_moving_alone_flag_nothing():
    run = _pipeline()
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    a = _load("taizhou-2022")
    outline = parse_outline(a)
    targets = extract_targets(a, outline)

    # Move a section: swap the first two sibling sections that both set targets.
    def has_targets(sec: Section) -> bool:
        return any(sec.span.start <= t.span.start < sec.span.end for t in targets)

    first, second = next((p.children[0], p.children[1]) for p in outline.walk()
                         if len(p.children) >= 2 and has_targets(p.children[0]) and has_targets(p.children[1]))
    assert first.span.end == second.span.start
    text = a.text
    text = (text[: first.span.start] + a.slice(second.span) + a.slice(first.span) + text[second.span.end :])
    # Reword: add a sentence to every long paragraph that sets no target.
    target_texts = {t.text for t in targets}
    reworded = [(line + "对此要认真研究落实。" if len(line.strip()) > 40 and not any(x in line for x in target_texts)
                 else line) for line in text.split("\n")]
    b = replace(a, path="b.txt", text="\n".join(reworded))
    pairs = run(a, b)
    assert pairs and {p.status for p in pairs} == {TargetStatus.SHARED}
    assert len(pairs) == len(targets)


def test_generic_keys_pair_only_in_the_same_clause():
    a = make_doc("一、商贸物流\n全年计划投资12.7亿元，实施商贸项目。\n二、农牧业\n全年计划投资3.7亿元，建设大棚。\n", 2012)
    b = make_doc("一、东山组团建设\n年内新建道路，投资64.8亿元。\n二、农牧业\n全年计划投资3.9亿元，建设大棚。\n", 2013)
    ta = (replace(tgt(a, "投资12.7亿元", "投资", 12.7, "亿元", tid="trade"), section="一、商贸物流"),
          replace(tgt(a, "投资3.7亿元", "投资", 3.7, "亿元", tid="farm"), section="二、农牧业"))
    tb = (replace(tgt(b, "投资64.8亿元", "投资", 64.8, "亿元", tid="east"), section="一、东山组团建设"),
          replace(tgt(b, "投资3.9亿元", "投资", 3.9, "亿元", tid="farm"), section="二、农牧业"))
    pairs = match_targets(a, ta, b, tb, ())
    assert {(str(p.status), p.a and p.a.id, p.b and p.b.id) for p in pairs} == {
        ("changed", "farm", "farm"), ("removed", "trade", None), ("added", None, "east")}


def test_a_generic_key_under_another_title_pairs_on_the_same_figure_in_the_same_clause():
    """The title is lost (a lead sentence split off, a section pasted elsewhere): the same value,
    unit and comparator in a clause that reads the same still pair; a new value does not."""
    a = make_doc("一、商贸物流\n全年计划投资12.7亿元，实施商贸项目。\n", 2012)
    ta = (replace(tgt(a, "投资12.7亿元", "投资", 12.7, "亿元", tid="a"), section="一、商贸物流"),)
    for value, status in ((12.7, ["shared"]), (13.5, ["added", "removed"])):
        b = make_doc(f"三、重点项目\n全年计划投资{value:g}亿元，实施商贸项目。\n", 2012)
        tb = (replace(tgt(b, f"投资{value:g}亿元", "投资", value, "亿元", tid="b"), section="三、重点项目"),)
        assert sorted(str(p.status) for p in match_targets(a, ta, b, tb, ())) == status
        assert sorted(str(p.status) for p in match_targets(b, tb, a, ta, ())) == status


def test_a_clause_too_short_never_decides_alone():
    a = make_doc("一、商贸物流\n投资3.7亿元。\n", 2012)
    b = make_doc("四、重点工程\n投资3.7亿元。\n", 2012)
    ta = (replace(tgt(a, "投资3.7亿元", "投资", 3.7, "亿元"), section="一、商贸物流"),)
    tb = (replace(tgt(b, "投资3.7亿元", "投资", 3.7, "亿元"), section="四、重点工程"),)
    assert sorted(str(p.status) for p in match_targets(a, ta, b, tb, ())) == ["added", "removed"]


def test_a_level_never_pairs_with_a_growth_that_states_no_value():
    a = make_doc("居民人均可支配收入达到3.2万元。", 2019)
    b = make_doc("居民人均可支配收入增长高于经济增长。", 2020)
    ta = (tgt(a, "居民人均可支配收入达到3.2万元", "居民人均可支配收入", 3.2, "万元"),)
    tb = (tgt(b, "居民人均可支配收入增长高于经济增长", "居民人均可支配收入增长", None, "%", ">="),)
    assert sorted(str(p.status) for p in match_targets(a, ta, b, tb, ())) == ["added", "removed"]
    # Without a unit on one side nothing is known against it: the value alone changed.
    tb = (replace(tb[0], unit=""),)
    assert [str(p.status) for p in match_targets(a, ta, b, tb, ())] == ["changed"]


def test_a_unit_change_across_families_is_not_one_indicator():
    a = make_doc("投资15亿元", 2016)
    b = make_doc("投资65条", 2017)
    pairs = match_targets(a, (tgt(a, "投资15亿元", "道路投资", 15, "亿元"),),
                          b, (tgt(b, "投资65条", "道路投资", 65, "条"),), ())
    assert sorted(str(p.status) for p in pairs) == ["added", "removed"]


def test_an_aggregate_pairs_with_both_halves_only():
    a = make_doc("城乡居民人均可支配收入分别增长7.5%", 2018)
    b = make_doc("城镇居民人均可支配收入增长7%，农村居民人均可支配收入增长8%", 2019)
    ta = (tgt(a, "城乡居民人均可支配收入分别增长7.5%", "城乡居民人均可支配收入分别增长", 7.5, "%", tid="both"),)
    tb = (tgt(b, "城镇居民人均可支配收入增长7%", "城镇居民人均可支配收入增长", 7, "%", tid="urban"),
          tgt(b, "农村居民人均可支配收入增长8%", "农村居民人均可支配收入增长", 8, "%", tid="rural"))
    pairs = match_targets(a, ta, b, tb, ())
    assert {(str(p.status), p.a.id, p.b.id, p.direction) for p in pairs} == {
        ("changed", "both", "urban", "lowered"), ("changed", "both", "rural", "raised")}
    # An aggregate already paired with an aggregate leaves a lone half unpaired.
    b2 = make_doc("城乡居民人均可支配收入增长7.5%，城镇居民人均可支配收入增长7%", 2019)
    tb2 = (tgt(b2, "城乡居民人均可支配收入增长7.5%", "城乡居民人均可支配收入增长", 7.5, "%", tid="both"),
           tgt(b2, "城镇居民人均可支配收入增长7%", "城镇居民人均可支配收入增长", 7, "%", tid="urban"))
    pairs = match_targets(a, ta, b2, tb2, ())
    assert {(str(p.status), p.a and p.a.id, p.b and p.b.id) for p in pairs} == {
        ("shared", "both", "both"), ("added", None, "urban")}


def test_no_direction_when_the_better_direction_is_unknown():
    a = make_doc("常住人口规模100万人", 2021)
    b = make_doc("常住人口规模110万人", 2021)
    (p,) = match_targets(a, (tgt(a, "常住人口规模100万人", "常住人口规模", 100, "万人"),),
                         b, (tgt(b, "常住人口规模110万人", "常住人口规模", 110, "万人"),), ())
    assert (p.status, p.changes, p.direction, p.ambition) == ("changed", ("value",), None, None)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_the_assignment_solver_agrees_with_scipy(n, m, seed):
    """match_targets uses align's import-free solver; its optimum must be scipy's."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from docdiff.comparison.hungarian import linear_assignment

    rng = np.random.default_rng(seed)
    gain = np.where(rng.random((n, m)) < 0.3, -1.0, rng.random((n, m)) - 0.45)
    r1, c1 = linear_assignment(gain, maximize=True)
    r2, c2 = linear_sum_assignment(gain, maximize=True)
    assert gain[r1, c1].sum() == pytest.approx(gain[r2, c2].sum())
    assert len(r1) == len(r2) == min(n, m)



KEY_FORMS = st.lists(st.text(alphabet="地区生产总值率", min_size=1, max_size=8), min_size=1, max_size=12)


def _similar_key_pairs_every_pair_scored(forms_a: tuple[str, ...], forms_b: tuple[str, ...]) -> list:
    from docdiff.comparison.targetdiff import MIN_KEY_SIMILARITY

    return sorted((i, j, key_similarity(ka, kb)) for i, ka in enumerate(forms_a) for j, kb in enumerate(forms_b)
                  if key_similarity(ka, kb) >= MIN_KEY_SIMILARITY)


@settings(max_examples=150, deadline=None)
@given(KEY_FORMS, KEY_FORMS, st.booleans())
def test_similar_key_pairs_screened_with_a_cutoff_are_those_of_every_pair_scored(
    forms_a: list[str], forms_b: list[str], with_numpy: bool
) -> None:
    """rapidfuzz's score_cutoff drops no pair the uncut screen keeps (the cdist and the
    pair-by-pair path), and the kept pairs carry the same similarity."""
    from unittest import mock

    from docdiff.comparison.targetdiff import _similar_key_pairs

    expected = _similar_key_pairs_every_pair_scored(tuple(forms_a), tuple(forms_b))
    with mock.patch("docdiff.comparison.matrix_path.lists_for", lambda cells, limit: not with_numpy):
        assert _similar_key_pairs(tuple(forms_a), tuple(forms_b)) == expected


@pytest.mark.parametrize("with_numpy", [False, True])
def test_similar_key_pairs_of_real_reports_are_those_of_every_pair_scored(with_numpy: bool) -> None:
    from unittest import mock

    import docdiff
    from docdiff.comparison.targetdiff import _similar_key_pairs

    def forms(name: str) -> tuple[str, ...]:
        doc = docdiff.load(f"samples/{name}")
        return tuple(match_form(t.key or t.indicator) for t in docdiff.extract_targets(doc, docdiff.parse_outline(doc)))

    fa, fb = forms("hailar-district-2018-work-report.txt"), forms("hailar-district-2019-work-report.txt")
    with mock.patch("docdiff.comparison.matrix_path.lists_for", lambda cells, limit: not with_numpy):
        assert _similar_key_pairs(fa, fb) == _similar_key_pairs_every_pair_scored(fa, fb)
