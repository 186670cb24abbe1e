"""Debris rules on made-up pages: what is debris wherever it stands, what never is, edge runs."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.ingest.debris import find_debris, is_debris_line, is_metadata_row, unspace
from docdiff.model import Document

DEBRIS = [
    "索引号: 0001/2024-1 公开方式: 主动公开",
    "发布机构: 某某局 成文日期: 2024-01-02",
    "有效性 文件编号",
    "字号 大 中 小",
    "发布日期:2024-01-02 12:29 访问次数:",
    "时间:2025-07-15 10:16 来源:县发改局 浏览次数:",
    "2022-01-17 13:18:00来源:某某市人民政府阅读量:1847",
    "索引号: | 0001/2024-1 | 成文日期: | 2024-01-02 |",
    "信息来源: 某某区政府",
    "打印本页 关闭窗口",
    "【打印】【关闭】",
    "分享到：微信 微博",
    "如果内容不能正常显示,请安装pdf软件 点击下载pdf软件",
    "版权所有：某某市人民政府办公室",
    "本网站所有注明来源的文字、图片，版权均属于本站所有，未经授权不得转载。",
    "如需转载本网文章，请注明出处。",
    "某某ICP备12345678号",
    "某政发(2022)5号某某市人民政府关于印发某某方案的通知.doc",
    "附件下载.pdf",
    "400-6666-737",
    "联系电话:0576-83930676",
    '<legend id="x"></legend><samp id="x"></samp>',
    '  • <input id="x"><address id="x"></address>',
    "    3. <dl id=\"x\"></dl>",
    "<!-- comment -->",
    "当前位置：首页 > 政务公开 > 政府文件",
    "首页 > 信息公开",
    "【字体：大 中 小】【打印】",
    "扫一扫在手机打开当前页",
    "上一篇：关于某某的通知",
    "主办单位：某某市人民政府办公室 网站标识码：3310000001",
    "- 3 -",
    "— 12 —",
    "第 3 页 共 10 页",
]

NOT_DEBRIS = [
    "一、总体要求",
    "(一)指导思想",
    "（二）时间安排",
    "第一章 发展基础",
    "政 府 工 作 报 告",
    "各位代表：",
    "——2018年3月7日在某某区第十五届人民代表大会第二次会议上",
    "某某区人民政府区长　　张三",
    "某某市人民政府办公室",
    "2022年11月6日",
    "专栏1 重大项目",
    "每千人注册护士数",  # a table cell flattened into a line
    "地区生产总值",
    "亿元",
    "700",
    "-5",
    "加快发展数字经济，推动政务服务APP和公众号建设，力争2025年用户达到100万。",
    "收入来源更加多元，居民人均可支配收入增长7%。",
    "坚持时间服从质量，确保工程进度。",
    "加强知识产权和版权保护。",
    "附件:名词解释",
    "(三)推广扫码支付",
    "固定宽带下载速率",
    "政务APP",
    "a <b>bold</b> claim",
]


@pytest.mark.parametrize("line", DEBRIS)
def test_debris_lines(line: str) -> None:
    assert is_debris_line(line)


@pytest.mark.parametrize("line", NOT_DEBRIS)
def test_document_lines_are_not_debris(line: str) -> None:
    assert not is_debris_line(line)


def test_metadata_rows_need_labels_not_just_words() -> None:
    assert is_metadata_row("来源:新华社")
    assert not is_metadata_row("这些资金的来源:一是财政拨款，二是社会资本。")
    assert not is_metadata_row("时间:三月至六月")  # a plan's schedule, not a portal timestamp


def _body(text: str) -> str:
    return Document(path="x", text=text, debris=find_debris(text)).body_text


def test_menu_run_at_the_top_and_bottom() -> None:
    menu = "首页\n\n政务公开\n\n办事服务\n\n互动交流\n\n"
    text = menu + "某某县乡村振兴实施方案\n\n一、总体要求\n\n正文第一段，说明目的和依据。\n\n" + "网站地图\n联系我们\n帮助中心\n"
    body = _body(text)
    assert body.split()[0] == "某某县乡村振兴实施方案"
    for word in ("首页", "政务公开", "办事服务", "互动交流", "联系我们", "帮助中心"):
        assert word not in body
    assert "一、总体要求" in body


def test_two_short_lines_at_the_top_are_not_a_menu() -> None:
    body = _body("通知\n\n特急\n\n各区县：\n\n请按时报送材料，逾期不候。\n")
    assert body.startswith("通知\n") and "特急" in body


def test_a_short_title_block_at_the_top_is_kept() -> None:
    text = "政 府 工 作 报 告\n\n——2019年3月4日在某某区第十五届人民代表大会第三次会议上\n\n某某区人民政府代区长  李四\n\n各位代表：\n"
    assert find_debris(text) == ()


def test_spans_are_line_aligned_and_merge_across_blank_lines() -> None:
    text = "首页\n\n新闻\n\n服务\n\n正文标题实施方案\n打印本页\n"
    spans = find_debris(text)
    assert [text[s.start:s.end] for s in spans] == ["首页\n\n新闻\n\n服务", "打印本页"]


def test_unspace_only_joins_cjk() -> None:
    assert unspace("政 府 工 作 报 告") == "政府工作报告"
    assert unspace("GDP 增长 6%") == "GDP 增长 6%"


def test_an_unseen_portal_page_end_to_end() -> None:
    """A scrape shaped like another city's portal (menus, breadcrumb, 印发 notice, footer)."""
    from pathlib import Path

    from docdiff.ingest import load

    doc = load(str(Path(__file__).parent / "data" / "ingest" / "portal-notice-plan.txt"))
    body = doc.body_text
    for kept in ("京政发〔2021〕1号", "各区人民政府，市政府各委、办、局，各市属机构：", "北京市人民政府\n2021年1月27日",
                 "第一篇 开启全面建设社会主义现代化国家新征程", "第一章 发展基础"):
        assert kept in body
    for gone in ("首页", "走进北京", "当前位置", "- 3 -", "【打印】", "扫一扫", "主办：", "ICP备"):
        assert gone not in body
    m = doc.meta
    assert (m.title, m.kind, m.period, m.year) == (
        "北京市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "plan", (2021, 2025), 2021)
    assert (m.number, m.issuer, m.date) == ("京政发〔2021〕1号", "北京市人民政府", "2021-01-27")

PIECES = st.sampled_from(["首页", "扫码下载", "索引号: 1", "浏览次数:", "一、总体要求", "(二)发展目标", "各位代表：",
                          "正文一段，到2025年达到10%。", "<p id=\"x\"></p>", "", "　", "打印本页", "700", "亿元"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_debris_spans_are_sorted_line_aligned_and_spare_headings(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    doc = Document(path="x", text=text, debris=find_debris(text))
    last = 0
    for span in doc.debris:
        assert last <= span.start < span.end <= len(text)
        assert span.start == 0 or text[span.start - 1] == "\n"
        assert span.end == len(text) or text[span.end] == "\n"
        last = span.end
    for n, line in enumerate(text.split("\n"), 1):
        if line in ("一、总体要求", "(二)发展目标", "各位代表：", "正文一段，到2025年达到10%。"):
            assert not doc.is_debris(doc.line_span(n).start), line


_ROW_WORDS = st.sampled_from(["索引号", "来源", "时间", "日期", "编辑", "文号", "浏览次数", "发布机构", ":", "：", "|", " ", "　",
                              "2024-01-02", "某某局", "正文", "。", "；", "一、", "x" * 150])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ROW_WORDS, max_size=8).map("".join))
def test_metadata_rows_found_without_the_label_search_are_the_same(line: str) -> None:
    """The label search in front of is_metadata_row only skips lines its tests would all reject."""
    import re
    from unittest import mock

    from docdiff.ingest import debris

    with mock.patch.object(debris, "_ANY_LABEL_RE", re.compile("")):
        unfiltered = is_metadata_row(line)
    assert is_metadata_row(line) == unfiltered


def test_every_sample_line_is_judged_as_without_the_label_search() -> None:
    import re
    from unittest import mock

    from conftest import SAMPLES
    from docdiff.ingest import debris, load

    lines = sorted({line for path in SAMPLES.glob("*.txt") for line in load(str(path)).text.split("\n")})
    with mock.patch.object(debris, "_ANY_LABEL_RE", re.compile("")):
        unfiltered = [is_debris_line(line) for line in lines]
    assert [is_debris_line(line) for line in lines] == unfiltered
