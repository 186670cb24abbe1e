"""Status semantics of the target diff on constructed examples: period alone is no change, and a
target a document restates is one target."""
from __future__ import annotations

from test_targetdiff import make_doc, statuses, tgt

from docdiff.comparison.restatements import unmatched_statements
from docdiff.comparison.targetdiff import match_targets
from docdiff.model import TargetStatus


def test_period_alone_is_shared():
    a = make_doc("今年，新建绿道200公里。", 2023)
    b = make_doc("今年，新建绿道200公里。", 2024)
    ta = (tgt(a, "新建绿道200公里", "新建绿道", 200, "公里", period="annual"),)
    tb = (tgt(b, "新建绿道200公里", "新建绿道", 200, "公里", period="cumulative"),)
    (pair,) = match_targets(a, ta, b, tb, ())
    assert pair.status == TargetStatus.SHARED and pair.changes == ()


def test_period_does_not_hide_a_value_change():
    a = make_doc("今年，新建绿道200公里。", 2023)
    b = make_doc("今年，新建绿道260公里。", 2024)
    ta = (tgt(a, "新建绿道200公里", "新建绿道", 200, "公里", period="annual"),)
    tb = (tgt(b, "新建绿道260公里", "新建绿道", 260, "公里", period="point"),)
    (pair,) = match_targets(a, ta, b, tb, ())
    assert pair.status == TargetStatus.CHANGED and pair.changes == ("value",)


def test_restated_target_is_one_target():
    a = make_doc("主要预期目标是：全市生产总值增长5.5%左右。", 2023)
    b = make_doc("主要预期目标是：全市生产总值增长5%以上。我们把增长目标设定为5%以上，主要考虑是稳就业。", 2024)
    ta = (tgt(a, "全市生产总值增长5.5%左右", "全市生产总值增长", 5.5, "%", "~"),)
    tb = (tgt(b, "全市生产总值增长5%以上", "全市生产总值增长", 5, "%", ">="),
          tgt(b, "增长目标设定为5%以上", "全市生产总值增长", 5, "%", ">="))
    pairs = match_targets(a, ta, b, tb, ())
    assert statuses(pairs) == [("changed", "全市生产总值增长", "全市生产总值增长")]


def test_restated_added_target_is_one_added_target():
    a = make_doc("新建绿道200公里。", 2023)
    b = make_doc("新增城镇就业5万人。新增城镇就业目标为5万人，与去年持平。", 2024)
    ta = (tgt(a, "新建绿道200公里", "新建绿道", 200, "公里"),)
    tb = (tgt(b, "新增城镇就业5万人", "新增城镇就业", 5, "万人"),
          tgt(b, "新增城镇就业目标为5万人", "新增城镇就业", 5, "万人"))
    assert sorted(statuses(match_targets(a, ta, b, tb, ()))) == [
        ("added", None, "新增城镇就业"), ("removed", "新建绿道", None)]


def test_restatement_needs_same_quantity_and_a_real_key():
    d = make_doc("新建学校2所，改造学校2所，投资3亿元，投资3亿元，新增就业1万人，新增就业10000人。", 2024)
    ts = (tgt(d, "新建学校2所", "新建学校", 2, "所"),
          tgt(d, "改造学校2所", "改造学校", 2, "所"),
          tgt(d, "投资3亿元", "投资", 3, "亿元"),
          tgt(d, "投资3亿元", "投资", 3, "亿元", nth=1),
          tgt(d, "新增就业1万人", "新增就业", 1, "万人"),
          tgt(d, "新增就业10000人", "新增就业", 10000, "人"))
    kept = unmatched_statements(ts, set())
    # different indicators and a too-generic key stay; 1万人 == 10000人 is one statement
    assert [t.text for t in kept] == ["新建学校2所", "改造学校2所", "投资3亿元", "投资3亿元", "新增就业1万人"]


def _one_section(doc, title: str):
    from docdiff.model import Section, SectionKind, Span

    start = doc.text.index(title)
    return Section(number="一、", title=title[2:], level=1, kind=SectionKind.HEADING,
                   span=Span(start, len(doc.text)), title_span=Span(start + 2, start + len(title)),
                   line=doc.line_at(start), path="一", children=())


def _aligned(a, b, title_a: str, title_b: str):
    from docdiff.model import SectionPair, SectionStatus

    return (SectionPair(status=SectionStatus.MATCHED, a=_one_section(a, title_a), b=_one_section(b, title_b),
                        similarity=0.8),)


def test_renamed_indicator_in_the_same_section_is_one_changed_target():
    a = make_doc("一、城乡建设\n今年，建成水冲式公厕30座，新建绿道200公里。\n", 2023)
    b = make_doc("一、城乡建设\n今年，新建环保式公共厕所24座，新建绿道200公里。\n", 2024)
    ta = (tgt(a, "建成水冲式公厕30座", "建成水冲式公厕", 30, "座"), tgt(a, "新建绿道200公里", "新建绿道", 200, "公里"))
    tb = (tgt(b, "新建环保式公共厕所24座", "新建环保式公共厕所", 24, "座"),
          tgt(b, "新建绿道200公里", "新建绿道", 200, "公里"))
    pairs = match_targets(a, ta, b, tb, _aligned(a, b, "一、城乡建设", "一、城乡建设"))
    assert sorted(statuses(pairs)) == [("changed", "建成水冲式公厕", "新建环保式公共厕所"),
                                       ("shared", "新建绿道", "新建绿道")]
    # without an aligned section holding both, a rename is not guessed
    assert len(match_targets(a, ta, b, tb, ())) == 3


def test_renaming_needs_the_same_measure_and_unit():
    a = make_doc("一、农业\n今年，鲜奶产量25万吨，建成冷库3座。\n", 2023)
    b = make_doc("一、农业\n今年，蔬菜产量10万吨，建成冷链仓库3万平方米。\n", 2024)
    ta = (tgt(a, "鲜奶产量25万吨", "鲜奶产量", 25, "万吨"), tgt(a, "建成冷库3座", "建成冷库", 3, "座"))
    tb = (tgt(b, "蔬菜产量10万吨", "蔬菜产量", 10, "万吨"), tgt(b, "建成冷链仓库3万平方米", "建成冷链仓库", 3, "万平方米"))
    pairs = match_targets(a, ta, b, tb, _aligned(a, b, "一、农业", "一、农业"))
    assert {str(p.status) for p in pairs} == {"added", "removed"}


def test_task_wording_of_a_renamed_indicator_pairs():
    a = make_doc("一、城市更新\n今年，实施棚户区改造3000户。\n", 2023)
    b = make_doc("一、城市更新\n今年，继续推进城市更新，努力完成2500户的改造任务。\n", 2024)
    ta = (tgt(a, "棚户区改造3000户", "棚户区改造", 3000, "户"),)
    tb = (tgt(b, "完成2500户的改造任务", "完成改造任务", 2500, "户"),)
    (pair,) = match_targets(a, ta, b, tb, _aligned(a, b, "一、城市更新", "一、城市更新"))
    assert pair.status == TargetStatus.CHANGED and pair.changes == ("value",)
