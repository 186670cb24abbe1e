"""find_destinations: a section without a partner is merged where its topic went, removed only
when it went nowhere; the words every renderer uses for it."""
from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import sample
from test_align import TOPICS
from test_align_support import make_doc

import docdiff
from docdiff.cli import cli
from docdiff.comparison.align import align_sections
from docdiff.comparison.destinations import find_destinations
from docdiff.model import Destination, SectionPair, SectionStatus
from docdiff.render.labels import destination_phrase, section_part


def _compare_json(a, b) -> dict:
    r = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_sections_a_report_splits_into_leads_merge_into_the_chapter_that_holds_them() -> None:
    # 2018 splits each task chapter into lead paragraphs; 2019 writes each chapter as one.
    out = _compare_json(sample("hailar-district-2018"), sample("hailar-district-2019"))
    by_a = {s["a"]["path"]: s for s in out["sections"] if s["a"]}
    assert not [s for s in out["sections"] if s["status"] == "removed"]
    poverty = by_a["二/(一)/L2"]  # 打好精准脱贫攻坚战
    assert poverty["status"] == "merged"
    assert poverty["into"] == [{"path": "二/(一)", "line": poverty["b"]["line"], "share": 1.0}]
    assert poverty["b"]["title"].endswith("全力打好三大攻坚战")
    assert poverty["diff"], "a merged section is diffed against the section it went into"
    assert by_a["二/(八)"]["b"]["title"] == "加强政府自身建设"  # a chapter item promoted to a chapter
    assert all("into" not in s for s in out["sections"] if s["status"] not in ("merged", "split"))


def test_plans_of_different_shape_keep_removed_for_topics_that_went_nowhere() -> None:
    out = _compare_json(sample("luqiao"), sample("linhai"))
    statuses = [s["status"] for s in out["sections"]]
    assert statuses.count("removed") <= 205 // 2  # 205 before sections learnt where content went (now 48)
    by_a = {s["a"]["title"]: s for s in out["sections"] if s["a"]}
    preschool = by_a["加快学前教育普惠发展"]
    assert preschool["status"] in ("merged", "split")
    linhai = sample("linhai").read_text(encoding="utf-8").splitlines()
    into = preschool["into"][0]
    assert "学前教育" in "".join(linhai[into["line"] - 1 : into["line"] + 3])
    # Luqiao's transport chapter (airport, port, railway) has no counterpart in a prosperity plan,
    # nor its eight local districts; elderly care goes where Linhai's ageing chapter took it.
    assert by_a["打造内畅外联的综合交通网络"]["status"] == "removed"
    assert by_a["铁路物流区块"]["status"] == "removed"
    assert by_a["着力提升养老服务水平"]["b"]["title"] == by_a["实施应对人口老龄化战略"]["b"]["title"]


def _doc(parts: list[tuple[str, list[str]]], path: str):
    lines = []
    for k, (chapter, topics) in enumerate(parts):
        lines.append(f"{'一二三四五六'[k]}、{chapter}")
        for i, t in enumerate(topics):
            lines.append(f"({'一二三四五'[i]}){t}")
            lines.append(TOPICS[t])
    return make_doc("\n".join(lines) + "\n", path)


def test_unrelated_leftover_stays_removed_and_related_one_merges() -> None:
    a, oa = _doc([("工作回顾", ["经济发展", "城市建设"]), ("其他", ["文化旅游"])], "a.txt")
    b, ob = _doc([("工作回顾", ["经济发展"]), ("城乡", ["城市建设", "乡村振兴"])], "b.txt")
    pairs, _ = align_sections(a, oa, b, ob)
    pairs = find_destinations(a, oa, b, ob, pairs)
    by_title = {p.a.title: p for p in pairs if p.a}
    assert by_title["文化旅游"].status == SectionStatus.REMOVED  # no tourism anywhere in b
    assert all(p.status != SectionStatus.MERGED or p.into for p in pairs)


def test_nothing_changes_when_nothing_is_left_over() -> None:
    a, oa = _doc([("工作回顾", ["经济发展", "城市建设"])], "a.txt")
    pairs, _ = align_sections(a, oa, a, oa)
    assert find_destinations(a, oa, a, oa, pairs) == pairs


def test_phrases() -> None:
    a, oa = _doc([("工作回顾", ["经济发展", "城市建设"])], "a.txt")
    chapter, first, second = oa.sections[0], *oa.sections[0].children
    assert section_part(first) == "第(一)部分" and section_part(chapter) == "第一部分"
    merged = SectionPair(status=SectionStatus.MERGED, a=first, b=chapter, similarity=0.234,
                         into=(Destination(section=chapter, share=1.0),))
    assert destination_phrase(merged) == "并入 B 第一部分 (similarity 23%)"
    split = SectionPair(status=SectionStatus.SPLIT, a=chapter, b=first, similarity=0.18,
                        into=(Destination(section=first, share=0.6), Destination(section=second, share=0.4)))
    assert destination_phrase(split) == "分入 B 第(一)部分 60%、第(二)部分 40% (similarity 18%)"
    assert destination_phrase(SectionPair(status=SectionStatus.REMOVED, a=first, b=None, similarity=0.0)) == ""


def test_compare_api_reports_merged_sections() -> None:
    c = docdiff.compare(docdiff.load(sample("hailar-district-2018")), docdiff.load(sample("hailar-district-2019")))
    merged = [p for p in c.sections if p.status == SectionStatus.MERGED]
    assert merged and all(p.b is p.into[0].section and p.diff for p in merged)


def test_a_merge_of_several_sections_names_each_contributor() -> None:
    # 2013 condenses 2012's four industry items into （一）加快产业发展 with 做强三产 / 做精一产 leads:
    # 2012's （四）…做精第一产业 goes to 做精一产, not to the whole work-plan chapter.
    out = _compare_json(sample("hailar-district-2012"), sample("hailar-district-2013"))
    by_a = {s["a"]["path"]: s for s in out["sections"] if s["a"]}
    assert by_a["二/(四)"]["b"]["title"] == "做精一产"
    assert by_a["二/(二)"]["b"]["title"] == "做强三产"
    assert not [s for s in out["sections"] if s["status"] == "removed"]
