"""The review part of report N+1 → the figures it states for year N (去年…地区生产总值增长6.6%).

The target extractor drops result sentences; here they are what is read. Each review sentence
is read by the same clause reader as goals (``clauses.read_sentence``: indicator, value, unit,
分别 lists); what makes it a single-year outcome is decided here: the sentence sits in the review
(a 回顾 heading, or a result cue when headings say nothing), and neither it nor its paragraph
speaks of a longer period (五年来, “十二五”时期, 年均, 由2010年的…增加到…).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct
from msgspec.structs import replace

from docdiff.model import Comparator, Document, Span
from docdiff.regex_cache import compile_regex
from docdiff.series.keys import series_key, split_urban_rural, unit_family
from docdiff.targets.clauses import read_sentence
from docdiff.targets.context import YEAR_RE, DocContext
from docdiff.targets.drafts import Draft
from docdiff.targets.numbers import to_float
from docdiff.targets.rules import ACHIEVEMENT_RE, strip_indicator

_SENTENCE_RE = compile_regex(r"[^。！？!?]*[。！？!?]|[^。！？!?]+\Z")
# A paragraph (line) that looks back over several years: its figures are totals or averages.
_MULTI_YEAR_RE = compile_regex(
    r"[五三两十]年来|过去[的]?[五三两]年|[五三两]年[间里中共累]|的[五三两]年(?![级期制])|“?十[一二三四五六]五”?(?:时期|期间|以来)"
    r"|[这近][五三两]年|本届政府"
)
# …and a sentence that brings the reading back to the reviewed year.
_ONE_YEAR_RE = compile_regex(r"过去的?一年|刚刚过去的|去年|上一年|一年来")
# Within a sentence: an average, a change since a base year, a running total.
_NOT_ONE_YEAR_RE = compile_regex(
    r"年均|平均每年|累计|由(?:19|20)\d\d年|比(?:19|20)\d\d年|较(?:19|20)\d\d年|[五三两十]年共|是(?:19|20)\d\d年"
    r"|[从由][\d.]+(?:万亿|万|亿)?[^\d,，;；]{0,3}(?:提高|增加|增长|提升|扩大|上升|下降|降低|减少)(?:到|至)"
)
_RATES = ("%", "‰", "个百分点", "百分点")


class Figure(Struct, frozen=True):
    """One value a review states, with the row it can belong to."""

    key: str
    family: str
    indicator: str
    value: float
    value_high: float | None
    unit: str
    comparator: Comparator
    span: Span
    line: int


def review_figures(doc: Document, ctx: DocContext) -> Iterator[Figure]:
    """Every single-year figure in the review part of ``doc``, in document order.

    A paragraph that opens on a longer period (过去的五年极不寻常。/ 这是…的五年。/ 五年来，…)
    starts a five-year passage that runs on over the following paragraphs — which list their
    figures without saying so again — until a sentence turns back to the reviewed year
    (刚刚过去的2025年, 过去一年, 去年) or the review ends. A mention further into a paragraph
    (…实现五年来首次…) covers the rest of that paragraph only."""
    reviewed = (doc.meta.year or 0) - 1
    passage = False  # inside a five-year passage begun by an earlier paragraph
    for line_no, span in ctx.body_lines:
        mode, _ = ctx.regime(span.start)
        if mode == "goal":
            passage = False
            continue
        text = doc.norm[span.start : span.end]
        if not text.strip():
            continue
        multi_year = passage
        for k, m in enumerate(_SENTENCE_RE.finditer(text)):
            sent = m.group()
            if _ONE_YEAR_RE.search(sent) or f"{reviewed}年" in sent:
                multi_year = passage = False
            elif _MULTI_YEAR_RE.search(sent):
                multi_year = True
                passage = passage or k == 0
            if multi_year or (mode is None and not (ACHIEVEMENT_RE.search(sent) or _ONE_YEAR_RE.search(sent))):
                continue
            if any(int(y.group(1)) not in (reviewed, reviewed + 1) for y in YEAR_RE.finditer(sent)):
                continue  # a figure of another year (比2010年, 2014年末…) is no outcome of this one
            yield from _figures(doc, sent, span.start + m.start(), line_no)


# How a figure was computed, not what it measures: (按可比价计算), 按可比口径, 同比, 平均为. Blanked out (same
# length, so offsets hold) before the sentence is read, so that 按可比口径增长13% after an amount
# reads as that amount's growth.
_QUALIFIER_RE = compile_regex(
    r"[(（](?:[^()（）]{0,12}?(?:可比|计算|口径|预计|初步核算|快报)[^()（）]{0,12}?)[)）]"
    r"|按可比(?:价格|价|口径)(?:计算)?[,，]?|同比(?!分别)|预计|(?:剔除|扣除)[^,，。;；]{1,12}?(?:因素)?后"
    r"|平均(?=为|达|在)"
)
# 城镇和农村居民人均可支配收入: two subjects sharing one noun. Rewritten, padded to the same
# length, as 城乡居民…, which the clause reader splits into 城镇… and 农村… under 分别.
_URBAN_AND_RURAL_RE = compile_regex(r"城镇(?:常住)?(?:居民)?(?:和|与|及|、)农村(?:牧区)?(?:常住)?居民")
_REGION_RE = compile_regex(r"^(城镇|农村|城市|城乡)")
_BARE_CHANGE_RE = compile_regex(
    r"(?:同比|比上年|较上年)?(?:分别|均)?(?:同比)?(?:增长|增速|下降|提高|增加|减少)?(?:分别|均)?")
_CHANGE_TAIL_RE = compile_regex(r"(?:增长|增速|下降|提高|增加|减少)$")


# An amount inside an indicator (…分别达35512元增长): the reader took the clause of amounts before
# 分别增长 as its subject; the rate belongs to those amounts, in order.
_AMOUNT_INSIDE_RE = compile_regex(r"\d(?:万|亿)?(?:元|人|户|吨|%)")


def _is_bare_change(indicator: str) -> bool:
    """同比增长, 分别增长, 按可比口径增长, or a change whose subject is a clause of amounts."""
    core = strip_indicator(indicator)
    return bool(_BARE_CHANGE_RE.fullmatch(core)
                or (_AMOUNT_INSIDE_RE.search(core) and _CHANGE_TAIL_RE.search(core)))


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _prepared(sent: str) -> str:
    """The sentence with qualifiers blanked and 城镇和农村居民 written as 城乡居民 (same length)."""
    sent = _QUALIFIER_RE.sub(_blank, sent)
    return _URBAN_AND_RURAL_RE.sub(lambda m: "城乡居民".ljust(len(m.group())), sent)


def _attached(drafts: list[Draft], sent: str) -> list[Draft]:
    """Growth rates the reader left without a subject, given the amounts they follow:
    …分别完成37820元、28104元,分别增长6.5%、9.4% → each amount's growth, in order."""
    out = list(drafts)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].unit in _RATES and _is_bare_change(out[j].indicator):
            j += 1
        if j == i:
            i += 1
            continue
        k = i
        while k > 0 and out[k - 1].unit not in _RATES and out[k - 1].value is not None:
            k -= 1
        amounts = out[k:i]
        changes = out[i:j]
        if amounts and (len(changes) == len(amounts) or len(changes) == 1):
            verb = _CHANGE_TAIL_RE.search(strip_indicator(changes[0].indicator))
            word = verb.group() if verb else "增长"
            pairs = zip(amounts, changes) if len(changes) == len(amounts) else ((amounts[-1], changes[0]),)
            for a, c in pairs:
                # the text shown runs from the amount's subject to the rate: 收入完成17亿元,增长13%
                out[out.index(c)] = replace(c, indicator=_CHANGE_TAIL_RE.sub("", a.indicator) + word,
                                            start=min(a.start, c.start))
        i = j
    # 城镇 | 农村居民人均可支配收入: a bare region before a fuller name takes that name's noun
    for a, b in zip(out, out[1:]):
        ma, mb = _REGION_RE.match(a.indicator), _REGION_RE.match(b.indicator)
        if ma and mb and ma.group() != mb.group():
            tail_a, tail_b = a.indicator[ma.end():], b.indicator[mb.end():]
            if len(tail_a) < len(tail_b) and tail_b.endswith(tail_a):
                out[out.index(a)] = replace(a, indicator=ma.group() + tail_b)
    return out


def _figures(doc: Document, sent: str, base: int, line_no: int) -> Iterator[Figure]:
    prev: Draft | None = None
    for d in _attached(read_sentence(_prepared(sent)), sent):
        if d.value is None:
            continue
        if prev is not None and d.indicator[:2] not in sent[d.start : d.end] and prev.indicator[:2] == d.indicator[:2]:
            d = replace(d, start=prev.start)  # 同比增长6.6% shows the amount it grows: 地区生产总值完成300亿元,…
        prev = d
        clause = sent[max(0, d.start - 12) : d.end]
        if _NOT_ONE_YEAR_RE.search(d.indicator) or _NOT_ONE_YEAR_RE.search(clause):
            continue
        comparator = d.comparator
        if comparator == Comparator.LE and not sent[: d.end].endswith(("以内", "以下")):
            comparator = Comparator.EQ  # 失业率控制在3.9%: a result, not a ceiling (…以内 stays one)
        start, end = base + d.start, base + d.end
        for key in split_urban_rural(series_key(d.indicator)):
            yield Figure(key=key, family=unit_family(d.unit), indicator=d.indicator, value=to_float(d.value),
                         value_high=to_float(d.value_high), unit=d.unit, comparator=comparator,
                         span=Span(start, end), line=line_no)
