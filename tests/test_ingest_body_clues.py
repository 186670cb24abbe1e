"""ingest/body_clues.py: kind and year of a work report whose title, date line and portal rows
are gone, read from its body."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import docdiff
from docdiff.ingest.body_clues import kind_from_body, year_from_body
from docdiff.ingest.metadata import extract_metadata
from docdiff.model import Kind

REPORTS = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*work-report.txt"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_a_report_without_its_head_keeps_its_kind_and_year(path: Path) -> None:
    whole = docdiff.load(str(path))
    lines = whole.text.split("\n")
    first = next(i for i, line in enumerate(lines) if re.match(r"[\s\u3000]*一、", line))
    headless = extract_metadata("\n".join(lines[first:]))
    assert (headless.kind, headless.year) == (whole.meta.kind, whole.meta.year) == (Kind.WORK_REPORT, whole.meta.year)
    assert whole.meta.year is not None


def test_full_width_speech_line() -> None:
    text = "——２０２３年１月１２日在安吉县第十七届人民代表大会第一次会议上\n各位代表：\n一、过去五年工作回顾\n"
    assert year_from_body(text, Kind.WORK_REPORT) == 2023


def test_headings_name_the_year() -> None:
    assert year_from_body("一、2021年工作回顾\n过去一年……\n二、2022年工作安排\n", Kind.WORK_REPORT) == 2022
    assert year_from_body("一、2025年和“十四五”时期工作回顾\n……\n", Kind.WORK_REPORT) == 2026


def test_without_a_year_in_any_heading_the_review_year_plus_one() -> None:
    review = "过去一年，2021年地区生产总值增长8%。2021年一般公共预算收入增长5%。2020年……\n"
    plan = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n" * 4
    assert year_from_body(review + plan, Kind.WORK_REPORT) == 2022


def test_other_documents_are_not_taken_for_reports() -> None:
    notice = "为加快推进数字化改革，现将有关事项通知如下。一、总体要求。到2025年，建成……\n"
    assert kind_from_body(notice) == Kind.OTHER
    assert year_from_body(notice, Kind.OTHER) is None
    report = "各位代表：\n一、2021年工作回顾\n过去一年……\n二、2022年工作安排\n今年主要预期目标是……\n"
    assert kind_from_body(report) == Kind.WORK_REPORT
