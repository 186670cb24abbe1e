"""Real documents after ingest: what the body must and must not contain, line counts, encodings."""
from __future__ import annotations

import pytest
from conftest import SAMPLES, sample

from docdiff.ingest import load

# Hailar files have no debris; what must not be there is the trace of a wrong decode: CR left by
# unfolded CRLF, U+FFFD from errors="replace", or GB18030 bytes read as Latin-1 (政 → Õþ).
CLEAN = ("\r", "\ufffd", "Õþ")

# sample → (substrings the body keeps, substrings that are debris)
CASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "hailar-district-2012": (("政 府 工 作 报 告", "各位代表", "海拉尔区人民政府区长", "2012年2月29日在海拉尔区"), CLEAN),
    "hailar-district-2013": (("政 府 工 作 报 告", "各位代表：", "一、过去一年工作回顾"), CLEAN),
    "hailar-district-2014": (("政 府 工 作 报 告", "一、2013年工作回顾", "三要依法行政"), CLEAN),
    "hailar-district-2015": (("政 府 工 作 报 告", "各位代表：", "一、2014年工作回顾"), CLEAN),
    "hailar-district-2016": (("政 府 工 作 报 告", "“十二五”时期和2015年工作回顾"), CLEAN),
    "hailar-district-2017": (("—2017年2月11日在海拉尔区", "海拉尔区人民政府代区长 杨国宏", "一、2016年工作回顾"), CLEAN),
    "hailar-district-2018": (("政府工作报告", "海拉尔区人民政府区长", "一、2017年工作回顾"), CLEAN),
    "hailar-district-2019": (("政 府 工 作 报 告", "呼伦贝尔市海拉尔区人民政府代区长", "各位代表："), CLEAN),
    "linhai": (
        ("临海奋力打造共同富裕示范样板实施方案", "一、总体要求", "(一)指导思想", "各镇(街道)党委", "中 共 临 海 市 委",
         "临海市人民政府\n", "附件:名词解释"),
        ("农交网APP", "扫码下载", "版权均属于", "400-6666-737", "全国统一服务热线", "官方微信", "阅读量:1847",
         "本网所有转载文章"),
    ),
    "luqiao": (
        ("台州市路桥区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "(一)高水平全面建成小康社会取得决定性成就",
         "每千人注册护士数", "十四、规划实施保障", "(四)加强规划监测监督"),
        ("索引号", "发布机构", "有效性 文件编号", "访问次数", "打印本页", "请安装pdf软件", "信息来源"),
    ),
    "quzhou": (
        ("朱伟正等代表:", "一、关于统筹产业发展", "衢州市人民政府办公室", "2022年11月6日"),
        ("索引号", "组配分类", "11330800002618015K"),
    ),
    "taizhou": (
        ("台州市人民政府关于印发市六届人大一次会议政府工作报告的通知", "政 府 工 作 报 告", "各位代表:",
         "一、过去五年工作回顾", "(一)经济运行稳中向好。", "(此件公开发布)"),
        ("<legend", "<menuitem", "h4sia", "浏览次数", "索引号", "打印本页", "关闭窗口", ".doc", ".pdf"),
    ),
    "tiantai": (
        ("关于对天台县政协十一届四次会议第2025026号提案的答复", "民盟天台支部:", "一、产业是共富的根基", "天台县发展和改革局",
         "2025年6月30日"),
        ("浏览次数", "时间:2025-07-15", "0576-83930676"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_keeps_the_document_and_drops_the_debris(name: str) -> None:
    doc = load(str(sample(name)))
    must, must_not = CASES[name]
    body = doc.body_text
    for s in must:
        assert s in body, f"{name}: lost {s!r}"
    for s in must_not:
        assert s not in body, f"{name}: kept debris {s!r}"


def test_every_sample_has_a_case() -> None:
    names = {p.name for p in SAMPLES.glob("*.txt")}
    covered = {sample(k).name for k in CASES}
    assert names == covered


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_lines_are_the_files_lines(path) -> None:
    doc = load(str(path))
    raw = path.read_bytes()
    assert doc.format == "text"
    assert "\r" not in doc.text
    # CRLF folded to LF: one line per line break of the file, nothing added or lost
    assert doc.line_count == len(raw.decode(doc.encoding).splitlines())
    for span in doc.debris:
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert doc.line_starts[doc.line_at(span.start) - 1] == span.start, "debris starts mid-line"


def test_gb18030_sample_is_decoded_as_gb18030() -> None:
    doc = load(str(sample("hailar-district-2015")))
    assert doc.encoding == "gb18030"
    assert "海拉尔区人民政府区长" in doc.text


def test_utf8_samples_are_utf8() -> None:
    assert load(str(sample("hailar-district-2016"))).encoding == "utf-8"


def test_taizhou_stray_tags_keep_their_line_numbers() -> None:
    doc = load(str(sample("taizhou")))
    lines = doc.text.splitlines()
    assert lines[0].startswith("<legend")  # nothing stripped from the text
    assert "各位代表:" in lines[44]  # line 45 of the file
    assert doc.is_debris(doc.line_span(1).start)
    assert not doc.is_debris(doc.line_span(45).start)
