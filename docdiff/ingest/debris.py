"""Text → line-aligned spans of web debris: menus, app ads, portal metadata rows, copyright
footers, stray HTML tags. The debris stays in the text (line numbers stay true); stages skip it.

Rules, each general (none names a site):
1. tag-only lines (a scrape that kept junk markup: ``<legend id=…></legend>``);
2. portal metadata rows (索引号 / 发布机构 / 浏览次数 … as ``label: value`` pairs, also pipe rows);
3. page actions (打印本页, 关闭窗口, 扫码下载, 当前位置：首页 > …) on short non-heading lines;
4. copyright and reprint notices (版权所有, 本网站所有…, 转载…注明…);
5. links to attached files (``….doc``/``….pdf`` lines), bare hotline numbers, decorated page
   numbers (``- 3 -``, ``第3页 共10页``);
6. a run of ≥ 3 short lines at the top or bottom of the file, before the first real line
   (menus), where "real" means long, or shaped like a heading, title, salutation, date or
   signature — so 政 府 工 作 报 告, 一、总体要求, 各位代表： are never debris.
"""
from __future__ import annotations

import re

from docdiff.chinese import alternation
from docdiff.lines import split_lines
from docdiff.model import Span
from docdiff.regex_cache import compile_regex

SHORT = 12  # a menu item or button: "农交网APP", "扫码下载", "官方微信"
EDGE_RUN_MIN = 3  # fewer short lines than this at an edge may be a real title block
MAX_ROW = 160  # a metadata row is short; a longer line mentioning 来源 is body text

# Portal metadata labels. Strong ones never start a body sentence, so they count anywhere;
# weak ones (时间, 编辑 …) count only at the start of a short line followed by a colon.
STRONG_LABELS = (
    "索引号", "发布机构", "发文机关", "发布单位", "公开方式", "公开范围", "公开日期", "公开时限",
    "成文日期", "发文日期", "发布日期", "发布时间", "生效日期", "废止日期", "浏览次数", "访问次数",
    "访问量", "阅读量", "阅读次数", "点击数", "点击量", "浏览量", "信息来源", "文章来源",
    "文件编号", "发文字号", "组配分类", "主题分类", "体裁分类", "有效性", "责任编辑",
    "主办单位", "承办单位", "网站标识码", "政府网站标识码", "发文单位", "成文时间", "公开形式",
    "公开类别", "信息分类", "所属主题", "统一编号", "登记号",
)
WEAK_LABELS = ("来源", "文号", "字号", "主办", "承办", "协办", "主题词", "关键词", "编辑", "作者", "发布人",
               "联系单位", "联系人", "联系电话", "联系方式", "时间", "日期")
_ALL_LABELS = alternation(STRONG_LABELS + WEAK_LABELS)
LABEL_RE = compile_regex(rf"(?P<label>{_ALL_LABELS})[ \t\u3000]*(?P<sep>[:：|]|$)")
_STRONG_RE = compile_regex(rf"(?:{'|'.join(STRONG_LABELS)})[ \t\u3000]*[:：|]")
_WEAK_START_RE = compile_regex(rf"(?:{'|'.join(WEAK_LABELS)})[ \t\u3000]*[:：]")
_ONLY_LABELS_RE = compile_regex(rf"(?:(?:{_ALL_LABELS})[ \t\u3000:：|]*)+")
_ANY_LABEL_RE = compile_regex(_ALL_LABELS)  # every test of is_metadata_row needs one of the labels
_DATE_TIME_LABEL_RE = compile_regex(r"(?:时间|日期)[ \t\u3000]*[:：][ \t\u3000]*\d{4}[-/.]")

_TAG = r"<[!/?]?[A-Za-z][^<>\n]{0,2000}>|<!--[^<>\n]{0,2000}-->"
_LIST_MARK = r"(?:[•·●◆■▪\-*+]|\d{1,3}[.)、])?"
TAG_ONLY_RE = compile_regex(rf"[ \t\u3000]*{_LIST_MARK}[ \t\u3000]*(?:(?:{_TAG})[ \t\u3000]*)+")

# Page furniture that no document contains; checked on lines up to MAX_ACTION characters.
_ACTION_RE = compile_regex(
    r"打印本页|关闭窗口|打印此页|【打印】|【关闭】|分享到|收藏本页|返回顶部|返回首页|点击下载"
    r"|不能正常显示|(?:字号|字体)[:：]?[ \t\u3000]*[大中小][ \t\u3000]*[大中小]|扫码|扫一扫|二维码|关注有礼"
    r"|商务合作|网站地图|无障碍浏览|在线客服|我要纠错|当前位置[:：]|^首页[ \t\u3000]*[>»›]|^(?:上一篇|下一篇)[:：]"
)
MAX_ACTION = 60  # "如果内容不能正常显示,请安装pdf软件 点击下载pdf软件" is 34 characters
_COPYRIGHT_RE = compile_regex(
    r"版权所有|版权均属|版权归|Copyright|©|ICP备|ICP证|公网安备|网安备"
    r"|(?:本网|本站)[^\n]{0,40}(?:转载|版权|原创|所有)|转载[^\n]{0,30}(?:注明|出处|来源|联系)"
    r"|本文有删减|责任编辑"
)
MAX_COPYRIGHT = 300  # a footer notice is one paragraph at most
_FILE_LINK_RE = compile_regex(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|jpe?g|png)[ \t\u3000]*$", re.I)
MAX_FILE_LINK = 160
# "- 3 -", "— 12 —", "第3页 共10页": page furniture of converted or extracted documents. A bare
# number is never taken: flattened tables put cells such as "700" on lines of their own.
_PAGE_NUMBER_RE = compile_regex(r"[-—–]{1,2}[ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–]{1,2}"
                             r"|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[,，]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?")
_PHONE_ONLY_RE = compile_regex(r"[^\n\d]{0,12}\d{3,4}[-\s]?\d{3,4}[-\s]?\d{3,4}")

# Lines that belong to a document even when short: headings, titles, salutations, dates,
# signatures of the issuing body.
_HEADING_RE = compile_regex(
    r"[ \t\u3000]*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部篇编]|\d{1,3}[.．、]\S|专栏|附件|附表|表\d)"
)
_DOC_WORD_RE = compile_regex(
    r"报告|规划|纲要|方案|计划|答复|通知|意见|公报|决定|办法|建议|提案|目录|前言|说明|总结|讲话"
)
_ORG_END_RE = compile_regex(
    r"(?:政府|委员会|委|办公室|办|局|厅|署|院|政协|人大|党组|党委|工委|公司|集团|组)$"
)
_DATE_RE = compile_regex(r"\d{4}[ \t\u3000]*年|[〇零一二三四五六七八九]{4}年")
_SPACE_RE = compile_regex(r"[ \t\u3000\xa0]+")


def find_debris(text: str) -> tuple[Span, ...]:
    """Line-aligned debris spans of ``text``; adjacent debris lines (blank lines between) merge."""
    lines = _lines(text)
    known: dict[str, bool] = {}  # a line's verdict depends on its text alone: each text tested once
    flags = [known[s] if s in known else known.setdefault(s, is_debris_line(s)) for _, _, s in lines]
    _mark_edge_runs(lines, flags)
    return _merge(lines, flags)


def is_debris_line(line: str) -> bool:
    """Debris whatever its position: tags, metadata rows, actions, ads, copyright, file links."""
    s = line.strip(" \t\u3000\xa0")
    if not s:
        return False
    if TAG_ONLY_RE.fullmatch(s) or is_metadata_row(s) or _PAGE_NUMBER_RE.fullmatch(s):
        return True
    if len(s) <= MAX_FILE_LINK and _FILE_LINK_RE.search(s):
        return True  # an attachment link: 台政发(2022)5号…的通知.doc
    if len(s) <= MAX_COPYRIGHT and _COPYRIGHT_RE.search(s):
        return True
    if _HEADING_RE.match(s):
        return False  # (三)推广扫码支付 is a heading, whatever its words
    if len(s) <= MAX_ACTION and _ACTION_RE.search(s):
        return True
    # Menu words (APP, 客服, 下载) are left to the edge-run rule: mid-document, a short line with
    # them is more likely a table cell (固定宽带下载速率) than an ad.
    return len(s) <= 30 and not _looks_like_document_line(s) and _PHONE_ONLY_RE.fullmatch(s) is not None


def is_metadata_row(line: str) -> bool:
    """A portal row of ``label: value`` pairs: 索引号: … 公开方式: …, or 有效性 文件编号."""
    s = line.strip(" \t\u3000\xa0")
    if not s or len(s) > MAX_ROW or s.endswith(("。", "；", ";")) or not _ANY_LABEL_RE.search(s):
        return False
    if _STRONG_RE.search(s) or _ONLY_LABELS_RE.fullmatch(s):
        return True
    if _DATE_TIME_LABEL_RE.match(s):
        return True
    if _WEAK_START_RE.match(s) and not s.startswith(("时间", "日期")):
        return True
    return sum(1 for m in LABEL_RE.finditer(s) if m.group("sep")) >= 2


_CJK_GAP_RE = compile_regex(r"(?<=[\u3400-\u9fff])[ \t\u3000\xa0]+(?=[\u3400-\u9fff])")
_SPEAKER_RE = compile_regex(r"(?:长|主任|书记|主席)[ \t\u3000]+\S{2,4}$")


def unspace(s: str) -> str:
    """'政 府 工 作 报 告' → '政府工作报告': drop spaces between CJK characters only."""
    return _CJK_GAP_RE.sub("", s)


def _looks_like_document_line(s: str) -> bool:
    if _HEADING_RE.match(s) or s.endswith((":", "：", "!", "！")):
        return True
    if s.startswith(("—", "-", "－")) and _DATE_RE.search(s):
        return True  # ——2018年3月7日在…会议上
    joined = unspace(s)
    if _DOC_WORD_RE.search(joined):
        return True
    if _ORG_END_RE.search(joined) or _DATE_RE.search(joined):
        return True
    # a speaker line: 海拉尔区人民政府区长　　张天喜
    return bool(_SPEAKER_RE.search(s))


def _mark_edge_runs(lines: list[tuple[int, int, str]], flags: list[bool]) -> None:
    """Menus: short non-document lines before the first real line, at the top and the bottom."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        run: list[int] = []
        already = 0  # short lines of the run that another rule caught (网站地图) still count
        for i in order:
            s = lines[i][2].strip(" \t\u3000\xa0")
            if not s:
                continue
            if flags[i]:
                already += len(s) <= SHORT
                continue
            if len(s) > SHORT or _looks_like_document_line(s):
                break
            run.append(i)
        if run and len(run) + already >= EDGE_RUN_MIN:
            for i in run:
                flags[i] = True


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end without the break, content) of every line (``\n`` ends a line, nothing else)."""
    out, pos = [], 0
    for raw in split_lines(text, keepends=True):
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content), content))
        pos += len(raw)
    return out


def _merge(lines: list[tuple[int, int, str]], flags: list[bool]) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = end = None
    for (s, e, content), flag in zip(lines, flags):
        if flag:
            if start is None:
                start = s
            end = e
        elif content.strip(" \t\u3000\xa0") and start is not None:
            spans.append(Span(start, end))
            start = None
    if start is not None:
        spans.append(Span(start, end))
    return tuple(spans)
