"""Metadata: title, issuer, date, number, kind, year and period, on real samples and on made-up heads."""
from __future__ import annotations

import pytest
from conftest import sample

from docdiff.ingest import load
from docdiff.ingest.debris import find_debris
from docdiff.ingest.metadata import cn_int, extract_metadata, five_year_plan_period
from docdiff.model import Kind

W, P, IP, R = Kind.WORK_REPORT, Kind.PLAN, Kind.IMPLEMENTATION_PLAN, Kind.REPLY

# sample → (title, kind, year, period, date)
SAMPLES = [
    ("hailar-district-2012", "政府工作报告", W, 2012, None, "2012-02-29"),
    ("hailar-district-2015", "政府工作报告", W, 2015, None, "2015-02-05"),
    ("hailar-district-2017", "", W, 2017, None, "2017-02-11"),
    ("hailar-district-2018", "政府工作报告", W, 2018, None, "2018-03-07"),
    ("hailar-district-2019", "政府工作报告", W, 2019, None, "2019-03-04"),
    ("linhai", "临海奋力打造共同富裕示范样板实施方案(2021-2025年)", IP, 2021, (2021, 2025), "2021-09-14"),
    ("luqiao", "台州市路桥区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", P, 2021, (2021, 2025), "2023-06-19"),
    ("quzhou", "关于注重六个统筹加大统筹力度高质量建设四省边际共同富裕示范区的", R, 2022, None, "2022-11-20"),
    ("taizhou", "市六届人大一次会议政府工作报告", W, 2022, None, "2022-04-11"),
    ("tiantai", "关于对天台县政协十一届四次会议第2025026号提案的答复", R, 2025, None, "2025-06-30"),
]


@pytest.mark.parametrize(("name", "title", "kind", "year", "period", "date"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_sample_metadata(name, title, kind, year, period, date) -> None:
    meta = load(str(sample(name))).meta
    assert (meta.title, meta.kind, meta.year, meta.period, meta.date) == (title, kind, year, period, date)


@pytest.mark.parametrize(
    ("name", "issuer", "number"),
    [
        ("hailar-district-2012", "海拉尔区人民政府", ""),
        ("hailar-district-2019", "呼伦贝尔市海拉尔区人民政府", ""),
        ("luqiao", "区发改局", "11331004002691722B/2023-158870"),
        ("quzhou", "衢州市人民政府办公室", "11330800002618015K/2022-137066"),
        ("taizhou", "市政府办公室", "台政发(2022)5号"),
        ("tiantai", "天台县发展和改革局", ""),
    ],
)
def test_sample_issuer_and_number(name, issuer, number) -> None:
    meta = load(str(sample(name))).meta
    assert (meta.issuer, meta.number) == (issuer, number)


def _meta(text: str):
    return extract_metadata(text, find_debris(text))


HEADS = [
    # (text, kind, year, period)
    ("某某市国民经济和社会发展第十三个五年规划纲要\n\n一、发展基础\n", P, 2016, (2016, 2020)),
    ("某某县“十五五”规划纲要\n\n第一章 发展环境\n", P, 2026, (2026, 2030)),
    ("某某区数字经济发展行动计划(2023—2027年)\n\n一、总体要求\n", IP, 2023, (2023, 2027)),
    ("某某市乡村振兴实施方案（2022年-2025年）\n", IP, 2022, (2022, 2025)),
    # 二〇三五年远景目标 is a vision, not the period end
    ("某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n", P, 2021, (2021, 2025)),
    ("政 府 工 作 报 告\n\n——二〇一八年一月十五日在某某市第十五届人民代表大会第二次会议上\n", W, 2018, None),
    ("2023年某某市国民经济和社会发展统计公报\n\n发布日期:2024-03-01\n", Kind.BULLETIN, 2023, None),
    ("关于市政协十届二次会议第45号提案的答复\n\n某某委员:\n\n现答复如下:\n\n某某市教育局\n\n2024年6月3日\n", R, 2024, None),
    ("关于加快发展的若干问题\n\n一、背景\n", Kind.OTHER, None, None),
    ("2024年某某县政府工作报告\n\n发布日期:2025-02-01\n\n各位代表：\n", W, 2024, None),
    ("——2023年12月20日在全市经济工作会议上\n\n同志们：\n", Kind.OTHER, 2023, None),
    ("——2023年1月5日在某某县第十八届人民代表大会第二次会议上\n\n各位代表：\n", W, 2023, None),
    ("Annual report of the city\n\nIt was a good year.\n", Kind.OTHER, None, None),
]


@pytest.mark.parametrize(("text", "kind", "year", "period"), HEADS, ids=[h[0][:16] for h in HEADS])
def test_kind_year_period_from_a_head(text, kind, year, period) -> None:
    meta = _meta(text)
    assert (meta.kind, meta.year, meta.period) == (kind, year, period)


def test_spaced_title_and_speech_date() -> None:
    meta = _meta("政 府 工 作 报 告\n\n——2021年1月8日在某某区第五届人民代表大会第六次会议上\n\n某某区人民政府区长　　王某\n")
    assert (meta.title, meta.date, meta.issuer) == ("政府工作报告", "2021-01-08", "某某区人民政府")


def test_portal_rows_give_issuer_date_and_number() -> None:
    text = ("索引号: | 0001/2024-1 | 发布机构: | 某某市发改委 |\n文件编号: | 某发改〔2024〕3号 | 成文日期: | 2024-02-03 |\n"
            "某某市推进某某工作实施方案\n\n一、总体目标\n")
    meta = _meta(text)
    assert (meta.issuer, meta.number, meta.date, meta.kind) == ("某某市发改委", "某发改〔2024〕3号", "2024-02-03", IP)


def test_body_citations_are_not_the_documents_number() -> None:
    text = "某某实施方案\n\n" + "正文内容。\n" * 20 + "根据《某某意见》(浙委发〔2021〕17号)文件精神。\n"
    assert _meta(text).number == ""


@pytest.mark.parametrize(("s", "n"), [("十四", 14), ("二十三", 23), ("九", 9), ("十", 10), ("二〇一八", 2018), ("2018", 2018)])
def test_cn_int(s: str, n: int) -> None:
    assert cn_int(s) == n


@pytest.mark.parametrize(("ordinal", "period"), [(1, (1953, 1957)), (3, (1966, 1970)), (13, (2016, 2020)), (14, (2021, 2025)), (15, (2026, 2030))])
def test_five_year_plan_periods(ordinal: int, period: tuple[int, int]) -> None:
    assert five_year_plan_period(ordinal) == period
