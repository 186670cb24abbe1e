"""Tier (headline / task) of extracted targets, and which targets compare and check diff:
past rows only with --include-past, one tier alone with --tier. Constructed texts, plus an
end-to-end run on the Luqiao plan, whose 十三五 review table gives 31 past rows."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docdiff.cli import cli
from docdiff.comparison.selection import select_targets
from docdiff.ingest import load
from docdiff.model import Document, Metadata
from docdiff.targets import extract_targets
from docdiff.targets.tiers import is_goal_list_title, sentence_tier

LUQIAO = str(Path(__file__).parent.parent / "samples" / "luqiao-14th-five-year-plan.txt")

REPORT = (
    "某县2030年政府工作报告\n"
    "一、2029年工作回顾\n"
    "过去一年，全县生产总值增长6.1%。\n"
    "二、2030年工作安排\n"
    "今年全县经济社会发展的主要预期目标是：全县生产总值增长6%左右，城镇新增就业1.2万人以上。\n"
    "（一）抓好项目建设。全年新建乡村道路80公里，改造老旧小区12个。\n"
)


def _targets(text: str, year: int = 2030):
    return extract_targets(Document(path="r.txt", text=text, meta=Metadata(year=year)))


def test_goal_list_is_headline_task_paragraph_is_task():
    tiers = {t.indicator: t.tier for t in _targets(REPORT)}
    assert tiers == {"全县生产总值增长": "headline", "城镇新增就业": "headline",
                     "新建乡村道路": "task", "改造老旧小区": "task"}


def test_goal_list_titles_and_cues():
    assert is_goal_list_title("(二)发展目标") and is_goal_list_title("2030年主要预期目标")
    assert is_goal_list_title("二、“十六五”时期主要目标任务")
    assert not is_goal_list_title("三、今后五年目标任务") and not is_goal_list_title("主要目标和重点工作")
    assert sentence_tier("主要指标是：", []) == "headline"
    assert sentence_tier("全年新建", ["二、重点工作"]) == "task"


def test_select_targets_drops_past_and_other_tiers():
    found = extract_targets(load(LUQIAO))
    past = [t for t in found if t.status == "past"]
    assert past and all(t.tier == "headline" for t in past)  # review-table rows
    assert not [t for t in select_targets(found) if t.status == "past"]
    assert len(select_targets(found, include_past=True)) == len(found)
    assert {t.tier for t in select_targets(found, tier="task")} == {"task"}


def _pairs(*args: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["compare", LUQIAO, LUQIAO, "--format", "json", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)["targets"]


def test_compare_leaves_past_rows_out_unless_asked():
    default = _pairs()
    assert default and not [p for p in default if p["a"]["status"] == "past"]
    with_past = _pairs("--include-past")
    assert len([p for p in with_past if p["a"]["status"] == "past"]) == 31
    headline = _pairs("--tier", "headline")
    assert headline and all(p["a"]["tier"] == "headline" and p["a"]["status"] != "past" for p in headline)


LINHAI = str(Path(__file__).parent.parent / "samples" / "linhai-common-prosperity-plan-2021-2025.txt")


def _findings(*args: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["check", LUQIAO, LINHAI, "--format", "json", *args])
    assert r.exit_code == 1, r.output
    return json.loads(r.output)["findings"]


def _sides(f: dict) -> list[dict]:
    return [t for t in (f["a"], f["b"]) if t]


def test_check_takes_include_past_and_tier():
    # Luqiao's 31 past rows have no counterpart in Linhai: "removed" only when asked for
    past_rows = [f for f in _findings("--include-past") if any(t["status"] == "past" for t in _sides(f))]
    assert len(past_rows) == 31 and {f["status"] for f in past_rows} == {"removed"}
    assert not [f for f in _findings() if any(t["status"] == "past" for t in _sides(f))]
    headline = _findings("--tier", "headline")
    assert headline and all(t["tier"] == "headline" for f in headline for t in _sides(f))


def test_headline_pairs_only_with_headline_when_both_have_a_goal_list(tmp_path):
    from docdiff.comparison import compare

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("某县2030年政府工作报告\n二、2030年工作安排\n今年主要预期目标是：全县生产总值增长6%左右。\n"
                 "（一）稳就业。全年城镇新增就业1.2万人。\n", encoding="utf-8")
    b.write_text("某县2031年政府工作报告\n二、2031年工作安排\n今年主要预期目标是：全县生产总值增长6%左右，"
                 "城镇新增就业1.2万人。\n（一）稳就业。实施技能培训3000人次。\n", encoding="utf-8")
    pairs = compare(load(str(a)), load(str(b))).targets
    jobs = [(str(p.status), p.a and p.a.tier, p.b and p.b.tier) for p in pairs
            if "就业" in (p.a or p.b).indicator]
    # A's task mention and B's goal-list target are two statements, not one shared target
    assert sorted(jobs, key=str) == sorted([("removed", "task", None), ("added", None, "headline")], key=str)


def test_goal_list_cue_carries_into_the_next_paragraph(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("某县2031年政府工作报告\n一、2030年工作回顾\n过去一年，全县生产总值增长6%。\n"
                 "二、2031年工作安排\n今年经济社会发展的主要预期目标是：坚持稳中求进，建设现代化新城。\n\n"
                 "全县生产总值增长5.5%，城镇新增就业6000人。\n（一）抓项目。今年新建道路20公里。\n", encoding="utf-8")
    tiers = {t.indicator: t.tier for t in extract_targets(load(str(p)))}
    assert tiers == {"全县生产总值增长": "headline", "城镇新增就业": "headline", "新建道路": "task"}


def _headline_last_comparison():
    """The small render fixture with its last added target (新增市场主体) made a headline one."""
    from msgspec.structs import replace
    from render_fixtures import small_comparison

    c = small_comparison()
    last = c.targets[-1]
    promoted = replace(last, b=replace(last.b, tier="headline"))
    return replace(c, targets=c.targets[:-1] + (promoted,))


def test_terminal_html_and_markdown_list_headline_targets_first():
    from docdiff.render.compare_term import target_rows
    from docdiff.render.html import render_html
    from docdiff.render.markdown import render_markdown

    c = _headline_last_comparison()
    rows = [r.plain for r in target_rows(c, width=120)][2:]
    assert "新增市场主体" in rows[0] and "地区生产总值增长" in rows[1]
    html = render_html(c)
    assert html.index(">新增市场主体<") < html.index(">地区生产总值增长<")
    md = render_markdown(c)
    assert md.index("新增市场主体") < md.index("一般公共预算收入增长")


def test_config_file_sets_tier_and_include_past_and_the_options_override(tmp_path):
    from docdiff.check.config import load_config
    from docdiff.errors import ConfigError

    cfg = tmp_path / "gate.toml"
    cfg.write_text('[tool.docdiff]\ntier = "headline"\ninclude_past = true\n', encoding="utf-8")
    config = load_config(str(cfg), fail_on=None)
    assert config.tier == "headline" and config.include_past is True
    bad = tmp_path / "bad.toml"
    bad.write_text('[tool.docdiff]\ntier = "main"\n', encoding="utf-8")
    try:
        load_config(str(bad), fail_on=None)
    except ConfigError as e:
        assert "tier" in str(e)
    else:
        raise AssertionError("an unknown tier must be refused")
    # from the file: past rows compared, headline only
    r = CliRunner().invoke(cli, ["check", LUQIAO, LINHAI, "--format", "json", "--config", str(cfg)])
    findings = json.loads(r.output)["findings"]
    assert any(t["status"] == "past" for f in findings for t in _sides(f))
    assert all(t["tier"] == "headline" for f in findings for t in _sides(f))
