"""Goal sentences that set no number on purpose → NoTarget: 今年不设全年经济增速具体目标."""
from __future__ import annotations

import re
from collections.abc import Iterator

from docdiff.model import Document, Span
from docdiff.regex_cache import compile_regex
from docdiff.series.keys import series_key
from docdiff.targets.context import DocContext
from docdiff.targets.rules import strip_indicator

# 不设具体增长目标 / 不再设定…目标 / 对地区生产总值增速不设具体目标 / 没有提出全年经济增速具体目标
_NO_TARGET_RE = compile_regex(
    r"(?:不|没有|未)(?:再)?(?:设定|设置|设|提出|提|制定)(?:全年|年度|具体|量化|的)*([^,，;；。:：]{0,12}?)"
    r"(?:具体|量化|硬性)?(?:增长|增速)?(?:的)?(?:预期)?(?:目标|指标)"
)
_BEFORE_RE = compile_regex(r"(?:对|将)?([^,，;；。:：]{2,16}?)(?:今年|全年)?$")


def no_targets(doc: Document, ctx: DocContext, document: int) -> Iterator[tuple[str, Span, int]]:
    """(series key, span of the words, line) for each indicator a goal sentence leaves unset."""
    for line_no, span in ctx.body_lines:
        text = doc.norm[span.start : span.end]
        if "不" not in text and "没有" not in text and "未" not in text:
            continue
        for m in _NO_TARGET_RE.finditer(text):
            if ctx.regime(span.start + m.start())[0] == "review":
                continue
            words = strip_indicator(m.group(1))
            growth = "增长" in m.group(0) or "增速" in m.group(0)
            if not words:
                before = text[max(0, m.start() - 16) : m.start()]
                b = _BEFORE_RE.search(re.split(r"[,，;；。:：]", before)[-1])
                words = strip_indicator(b.group(1)) if b else ""
            if not words and growth:
                words = "经济增长"  # 不设具体增长目标 with nothing named: the economy's growth
            if not words:
                continue
            if growth and not re.search(r"增长|增速", words):
                words += "增长"
            yield series_key(words), Span(span.start + m.start(), span.start + m.end()), line_no
