"""Text (+ debris spans) → Metadata: title, issuer, date, number, kind, year, period.

Sources, best first: the document's own lines (title, the speech's date line "——2018年3月7日在…
人民代表大会…", the signature at the end), then the portal's metadata rows (索引号, 发布机构,
成文日期 …), which ingest marks as debris but which still say what the document is.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from msgspec import Struct

from docdiff.ingest.body_clues import kind_from_body, year_from_body
from docdiff.ingest.debris import LABEL_RE, is_metadata_row, unspace
from docdiff.ingest.gated_regex import GatedRegex
from docdiff.lines import split_lines
from docdiff.model import Kind, Metadata, Span
from docdiff.regex_cache import compile_regex

HEAD_LINES = 60  # a title, date line or 印发 notice sits in the first screenful of a document
OPENING_LINES = 20  # non-blank lines that say what a document is: 现答复如下, 向大会作工作报告
TAIL_LINES = 30  # the signature and date close the document
MAX_TITLE = 100
MAX_FYP_YEARS = 15  # "2021-2035年" (a 2035 vision) is not a plan period; a plan spans ≤ 15 years

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN_NUM = "〇○零一二三四五六七八九十"
_YEAR = rf"(?:(?:19|20)\d{{2}}|[{_CN_NUM}]{{4}})"
_MD = rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})"
_SP = r"[ \t\u3000]*"
DATE_CN_RE = compile_regex(rf"(?P<y>{_YEAR}){_SP}年{_SP}(?P<m>{_MD}){_SP}月{_SP}(?P<d>{_MD}){_SP}日")
DATE_ISO_RE = compile_regex(
    rf"(?P<y>(?:19|20)\d{{2}}){_SP}[-/.年]{_SP}(?P<m>\d{{1,2}}){_SP}[-/.月]{_SP}(?P<d>\d{{1,2}})(?!\d)"
)
# ——2018年3月7日在海拉尔区第十五届人民代表大会第二次会议上
SPEECH_DATE_RE = compile_regex(rf"{DATE_CN_RE.pattern}{_SP}在[^\n]{{0,60}}?(?:代表大会|会议)")
_SPEECH_DATE = GatedRegex(SPEECH_DATE_RE.pattern, ("代表大会", "会议"))  # for long lines
_STANDALONE_DATE_RE = compile_regex(rf"[ \t\u3000]*{DATE_CN_RE.pattern}[ \t\u3000]*")
_SPEAKER_RE = compile_regex(r"[ \t\u3000]*(?P<org>\S{2,30}?)(?:代|副)?(?:区长|市长|县长|省长|旗长|州长|盟长|主席)[ \t\u3000]+\S")
_ORG_RE = compile_regex(r"(?:政府|委员会|办公室|局|厅|署|院|政协|人大常委会|党委|市委|县委|区委|办|委|公司)$")
# 台政发〔2022〕5号, 浙委发(2021)17号: a document number ("字号")
DOC_NUMBER_RE = compile_regex(r"[\u4e00-\u9fff]{1,8}[〔\[(（【]\d{4}[〕\])）】]\s{0,2}\d{1,4}\s{0,2}号")
_NOTICE_RES = (
    compile_regex(r"关于印发《?(?P<t>[^《》\n]{4,100}?)》?的通知"),
    compile_regex(r"(?:现将|将)《(?P<t>[^《》\n]{4,100})》印发"),
)
_BOOK_RE = compile_regex(r"《(?P<t>[^《》\n]{4,100})》")
_TITLE_WORD_RE = compile_regex(r"报告|规划|纲要|方案|计划|答复|通知|意见|公报|决定|办法|建议|提案|复函|的函")
_TITLE_PREFIX_RE = compile_regex(r"^(?:全文|标题|题目|文章标题|正文)[ \t\u3000]*[:：]")
_PREFIX_CHARS = len("文章标题：")  # the most non-blank characters _TITLE_PREFIX_RE removes
_TITLE_BAD_END = tuple("。，,；;：:！!？?、")
_HEADING_START_RE = compile_regex(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,3}[.．、]|第[一二三四五六七八九十百\d]+[章节条]")

# kind from a title: order matters ("…规划实施方案" is an implementation plan, "…建议的答复" a reply)
_KIND_RULES: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (compile_regex(r"答复|复函|提案|建议的函|办理情况|办理意见"), Kind.REPLY),
    (compile_regex(r"统计公报"), Kind.BULLETIN),
    (compile_regex(r"工作报告"), Kind.WORK_REPORT),
    (compile_regex(r"实施方案|行动计划|行动方案|工作方案|实施意见|方案|计划"), Kind.IMPLEMENTATION_PLAN),
    (compile_regex(r"规划|纲要"), Kind.PLAN),
)
# (searched in the opening lines, which may be a whole document pasted as one line: gated)
_BODY_KIND_RULES: tuple[tuple[GatedRegex, Kind], ...] = (
    (GatedRegex(r"答复如下|现答复|函复如下|(?:建议|提案|议案)[^。\n]{0,20}(?:收悉|悉)", ("答复", "函复如下", "悉")),
     Kind.REPLY),
    (GatedRegex(r"向大会(?:作|报告)(?:政府)?工作|政府工作报告", ("工作",)), Kind.WORK_REPORT),
    # a speech at a people's congress is the work report; one at any other meeting (讲话) is not
    (GatedRegex(rf"{DATE_CN_RE.pattern}{_SP}在[^\n]{{0,60}}?人民代表大会", ("人民代表大会",)), Kind.WORK_REPORT),
)

_FYP_ORDINAL_RE = compile_regex(r"第([一二三四五六七八九十]{1,3})个五年")
_FYP_SHORT_RE = compile_regex(r"(?<![一二三四五六七八九十])(十[一二三四五六七八九]|[一二三四五六七八九])五(?=”|\"|规划|计划|时期|期间|末|以来|目标)")
_RANGE_RE = compile_regex(rf"(?P<a>(?:19|20)\d{{2}}){_SP}年?{_SP}(?:[-—–~～至到]|——){_SP}(?P<b>(?:19|20)\d{{2}}){_SP}年?")

_ISSUER_LABELS = ("发布机构", "发文机关", "发布单位")
_SOURCE_LABELS = ("信息来源", "文章来源", "来源")
_NUMBER_LABELS = ("文件编号", "发文字号", "文号", "字号")
_DATE_LABELS_LATE = ("发布日期", "发布时间", "公开日期", "发文日期", "时间", "日期")


class _Line(Struct, frozen=True):
    n: int  # 0-based line index
    text: str  # stripped
    debris: bool


def extract_metadata(text: str, debris: tuple[Span, ...] = ()) -> Metadata:
    """What the document says about itself; fields it does not say stay empty/None."""
    lines = _lines(text, debris)
    body = [ln for ln in lines if ln.text and not ln.debris]
    head = [ln for ln in body if ln.n < HEAD_LINES]
    portal = parse_portal_rows(ln.text for ln in lines if ln.debris and is_metadata_row(ln.text))

    title = _title(head)
    opening = "\n".join(ln.text for ln in head[:OPENING_LINES])
    kind = classify(title, opening, portal)
    if kind == Kind.OTHER:  # no title, category or opening that says it: the body may
        kind = kind_from_body("\n".join(ln.text for ln in body))
    speech = next((m for ln in head if (m := _SPEECH_DATE.search(ln.text))), None)
    signature_date, signer = _signature(body[-TAIL_LINES:])
    if not signature_date:  # a 印发 notice signs and dates the document at its head
        signature_date, signer = _signature(head)
    date = (
        (_iso(speech) if speech else "")
        or _portal_date(portal, ("成文日期",))
        or signature_date
        or _portal_date(portal, _DATE_LABELS_LATE)
        or _row_timestamp(lines)
    )
    issuer = (
        _first(portal, _ISSUER_LABELS)
        or signer
        or _first(portal, _SOURCE_LABELS)
        or next((m.group("org") for ln in head[:10] if (m := _SPEAKER_RE.match(ln.text))), "")
    )
    period = find_period(title, opening) if kind in (Kind.PLAN, Kind.IMPLEMENTATION_PLAN) else None
    title_year = re.search(r"((?:19|20)\d{2})\s*年", title)
    if kind == Kind.WORK_REPORT and speech:
        year: int | None = _year(speech.group("y"))
    elif kind != Kind.REPLY and title_year and not period:
        # 2023年统计公报 / 2024年政府工作报告, published the next year; a reply's year is its date's
        year = int(title_year.group(1))
    elif period:
        year = period[0]
    else:
        year = int(date[:4]) if date else None
    from_body = year is None
    if from_body:  # no title, date line or portal date: a work report's body still tells
        year = year_from_body("\n".join(ln.text for ln in body), kind)
    return Metadata(title=title, issuer=issuer, date=date, number=_number(portal, lines),
                    kind=kind, year=year, period=period, year_read_from_body=from_body and year is not None)


def parse_portal_rows(rows: Iterable[str]) -> dict[str, str]:
    """{label: value} from rows like '索引号: 1133…/2023-158870 公开方式: 主动公开' (first value wins)."""
    out: dict[str, str] = {}
    for row in rows:
        hits = list(LABEL_RE.finditer(row))
        for i, m in enumerate(hits):
            end = hits[i + 1].start() if i + 1 < len(hits) else len(row)
            value = row[m.end():end].strip(" \t\u3000\xa0|:：")
            if value and m.group("label") not in out:
                out[m.group("label")] = value
    return out


def classify(title: str, opening: str = "", portal: dict[str, str] | None = None) -> Kind:
    """Kind from the title's words, else the portal's category, else the opening lines
    (现答复如下 → reply, 向大会作工作报告 → work report)."""
    for pattern, kind in _KIND_RULES:
        if pattern.search(title):
            return kind
    if portal and re.search(r"建议|提案", portal.get("组配分类", "") + portal.get("主题分类", "")):
        return Kind.REPLY
    for pattern, kind in _BODY_KIND_RULES:
        if pattern.search(opening):
            return kind
    return Kind.OTHER


def find_period(title: str, opening: str = "") -> tuple[int, int] | None:
    """(2021, 2025) from '(2021-2025年)', '第十四个五年规划' or '十四五', title first then opening."""
    for source in (title, opening):
        found = _range(source) or _five_year_plan(source)
        if found:
            return found
    return None


def five_year_plan_period(ordinal: int) -> tuple[int, int]:
    """14 → (2021, 2025). The 3rd plan began in 1966 (after the 1963-65 adjustment years)."""
    start = {1: 1953, 2: 1958}.get(ordinal, 1966 + 5 * (ordinal - 3))
    return start, start + 4


def cn_int(s: str) -> int | None:
    """'十四' → 14, '二十三' → 23, '九' → 9, '2018' → 2018, '二〇一八' → 2018."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        digits = [_CN_DIGIT.get(c) for c in s]
        return None if None in digits or not digits else int("".join(map(str, digits)))
    tens, _, ones = s.partition("十")
    t = _CN_DIGIT.get(tens, None) if tens else 1
    o = _CN_DIGIT.get(ones, None) if ones else 0
    return None if t is None or o is None else t * 10 + o


def _lines(text: str, debris: tuple[Span, ...]) -> list[_Line]:
    starts = [d.start for d in debris]  # debris spans are sorted and disjoint
    out, pos = [], 0
    for n, raw in enumerate(split_lines(text, keepends=True)):
        i = bisect.bisect_right(starts, pos) - 1
        is_debris = i >= 0 and (pos < debris[i].end or pos == debris[i].start)
        out.append(_Line(n, raw.strip(" \t\u3000\xa0\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), is_debris))
        pos += len(raw)
    return out


def _title(head: list[_Line]) -> str:
    """The document's own title line; a 关于印发《X》的通知 gives the fuller X."""
    own = ""
    for ln in head:
        if _too_long_for_title(ln.text):
            continue
        cand = _TITLE_PREFIX_RE.sub("", unspace(ln.text)).strip()
        if _is_title(cand):
            own = cand
            break
    for ln in head:
        for pattern in _NOTICE_RES:
            m = pattern.search(ln.text)
            if m and _TITLE_WORD_RE.search(m.group("t")):
                return m.group("t").strip()
    if own:
        return own
    for ln in head[:10]:  # a reply without a title line: the proposal it answers
        m = _BOOK_RE.search(ln.text)
        if m and re.search(r"建议|提案|议案", ln.text):
            return m.group("t").strip()
    return ""


def _too_long_for_title(line: str) -> bool:
    """Whether ``line`` has more non-blank characters than a title once its prefix (全文：, at
    most _PREFIX_CHARS non-blank) is cut: read from its first few hundred characters only, since
    unspace, the prefix and strip() remove blanks alone (a whole document on one line is 12 MB)."""
    return len("".join(line[: 4 * MAX_TITLE].split())) > MAX_TITLE + _PREFIX_CHARS


def _is_title(s: str) -> bool:
    return (
        4 <= len(s) <= MAX_TITLE
        and not s.endswith(_TITLE_BAD_END)
        and not s.startswith(("—", "-", "－", "–"))
        and not _HEADING_START_RE.match(s)
        and not SPEECH_DATE_RE.search(s)
        and _TITLE_WORD_RE.search(s) is not None
        and "。" not in s
    )


def _signature(tail: list[_Line]) -> tuple[str, str]:
    """(ISO date, issuer) from the last '衢州市人民政府办公室 / 2022年11月6日' block in ``tail``."""
    for i in range(len(tail) - 1, -1, -1):
        m = _STANDALONE_DATE_RE.fullmatch(tail[i].text)
        if m:
            signer = ""
            for prev in reversed(tail[max(0, i - 3):i]):
                name = unspace(prev.text)
                if len(name) <= 40 and _ORG_RE.search(name):
                    signer = name
                    break
            return _iso(m), signer
    return "", ""


def _iso(m: re.Match[str]) -> str:
    y, mo, d = _year(m.group("y")), cn_int(m.group("m")), cn_int(m.group("d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _year(s: str) -> int | None:
    y = cn_int(s)
    return y if y is not None and 1900 <= y <= 2100 else None


def _portal_date(portal: dict[str, str], labels: tuple[str, ...]) -> str:
    for label in labels:
        value = portal.get(label, "")
        m = DATE_ISO_RE.search(value) or DATE_CN_RE.search(value)
        if m and (iso := _iso(m)):
            return iso
    return ""


def _row_timestamp(lines: list[_Line]) -> str:
    """A portal row that opens with a bare timestamp: '2022-01-17 13:18:00来源:…阅读量:1847'."""
    for ln in lines[:HEAD_LINES]:
        if ln.debris and (m := DATE_ISO_RE.match(ln.text)) and (iso := _iso(m)):
            return iso
    return ""


def _first(portal: dict[str, str], labels: tuple[str, ...]) -> str:
    return next((portal[lb] for lb in labels if portal.get(lb)), "")


def _number(portal: dict[str, str], lines: list[_Line]) -> str:
    """文件编号/字号 from the portal, else a 字号 in the heading or portal lines, else 索引号."""
    labelled = _first(portal, _NUMBER_LABELS)
    if labelled:
        return labelled
    # only the head and debris lines: the body cites other documents' numbers (浙委发〔2021〕17号)
    for ln in lines:
        if ln.debris or (ln.n < 15 and len(ln.text) <= 40):
            m = DOC_NUMBER_RE.search(ln.text)
            if m and "《" not in ln.text[:m.start()]:
                return m.group(0)
    return portal.get("索引号", "")


def _range(s: str) -> tuple[int, int] | None:
    for m in _RANGE_RE.finditer(s):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < b - a <= MAX_FYP_YEARS:
            return a, b
    return None


def _five_year_plan(s: str) -> tuple[int, int] | None:
    m = _FYP_ORDINAL_RE.search(s) or _FYP_SHORT_RE.search(s)
    if not m:
        return None
    n = cn_int(m.group(1))
    return five_year_plan_period(n) if n and n >= 1 else None
