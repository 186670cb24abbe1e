"""Is an indicator a name? The checks every extracted indicator must pass, and the fallback when
one fails: the nearest noun phrase before the value, marked low-confidence.

An indicator names a quantity (赤字率, 城镇新增就业). It is never:
- a clause: it holds a clause mark (，；：) — a name never runs back across one;
- a function word alone (部分, 其中, 累计, 分别…);
- a subordinate clause (考虑到…, 为了…, 由于…, 按照…) or a sentence with its subject (我们…);
- a slogan or a verb-object clause: longer than MAX_NAME characters, or opening with a motto
  verb (坚持…, 围绕…, 聚焦…);
- an enumeration of the text itself (6项指标, 四个方面的工作, 3件事);
- no name at all (no Chinese character or letter: "∶").
"""
from __future__ import annotations

from functools import lru_cache

from docdiff.regex_cache import compile_regex
from docdiff.targets.rules import ACTION_VERBS, strip_indicator

CLAUSE_MARKS = ",，;；:：∶"
_CLAUSE_MARK_RE = compile_regex(f"[{CLAUSE_MARKS}]")
# The longest indicator in the answer keys is 21 Chinese characters; past this a name is a clause.
MAX_NAME = 28

# Words that say how a figure relates to others, never what is measured.
FUNCTION_WORDS = frozenset({
    "部分", "其中", "累计", "合计", "总计", "共", "共计", "分别", "均", "各", "约", "以上", "以下", "左右", "同比",
    "比上年", "较上年", "全年", "今年", "年内", "达到", "达", "为", "是", "的", "和", "及", "或", "等", "其", "此",
    "这", "该", "上述", "以下简称", "新增累计", "增长", "下降", "提高", "增加", "减少", "超过", "不超过", "不低于",
})
# Openings of a subordinate clause or of a sentence with its own subject.
_SUBORDINATE_RE = compile_regex(
    r"^(?:考虑到|考虑|如果|假如|由于|因为|为了|虽然|尽管|鉴于|按照|依照|根据|对于|关于|随着|除了|只要|只有|"
    r"即使|一旦|我们|我省|我市|我区|我县|我国|全省上下|大家)"
)
# A motto's opening verb: 坚持稳中求进, 围绕…, 聚焦…, 以…为….
_SLOGAN_RE = compile_regex(r"^(?:坚持|围绕|聚焦|紧扣|着眼|牢牢|牢固|始终|全力以赴|奋力|勇当|争当|争做|当好|打好|以.{1,12}为)")
# Counts of the text's own parts: 6项指标, 四个方面的工作, 抓好以下14个方面, 3件事 (GUIDELINES: not targets).
_ENUMERATION_RE = compile_regex(r"(?:指标|方面|方面的?工作|方面的?(?:保障)?措施|件事|部分|以下)$|^(?:以下|下列)")
_NAME_CHAR_RE = compile_regex(r"[\u4e00-\u9fffA-Za-z]")
# 从77%提高到80%: the start value is a baseline, never part of the name
_FROM_VALUE_RE = compile_regex(r"从(?:每[人户亩年月日]){0,2}\d")


def name_length(name: str) -> int:
    """Length in Chinese characters: a clause is long in words, and Latin letters, digits and
    marks (PM2.5, R&D, GDP) are short words however many characters they take."""
    return len(_CJK_RE.findall(name))


_CJK_RE = compile_regex(r"[\u4e00-\u9fff]")


def name_flaw(indicator: str) -> str | None:
    """Why ``indicator`` is not a name ("clause", "function word", …), or None if it is one."""
    name = indicator.strip()
    if not _NAME_CHAR_RE.search(name):
        return "no name"
    if _CLAUSE_MARK_RE.search(name):
        return "clause"
    if name in FUNCTION_WORDS:
        return "function word"
    if _SUBORDINATE_RE.match(name):
        return "subordinate clause"
    if _ENUMERATION_RE.search(name):
        return "enumeration"
    if _SLOGAN_RE.match(name) or (len(name) > MAX_NAME and name_length(name) > MAX_NAME):
        return "slogan"
    return None


def nearest_noun_phrase(indicator: str) -> str:
    """The part of a flawed indicator nearest its value that can still name it: after the last
    clause mark, without a subordinate opening or a baseline (从77%), and for a long clause the
    object of its last verb; '' when nothing is left."""
    name = _CLAUSE_MARK_RE.split(indicator)[-1]
    name = _SUBORDINATE_RE.sub("", name)
    name = _SLOGAN_RE.sub("", name)
    m = _FROM_VALUE_RE.search(name)
    if m:
        name = name[: m.start()]
    name = strip_indicator(name)
    if name_length(name) > MAX_NAME:
        # the last list item (after 、), else the object of the last verb
        item = name.rfind("、")
        cut = item + 1 if 0 <= item <= len(name) - 5 else max(
            (name.rfind(v) + len(v) for v in ACTION_VERBS if name.rfind(v) > 0), default=-1)
        if 0 < cut <= len(name) - 4:
            name = strip_indicator(name[cut:])
    if name_length(name) > MAX_NAME:
        return ""
    return name


# An attribute that says what is measured but not of what (全长37公里, 总投资2.7亿元): a name
# only with the project its sentence names before, in another clause — so kept, low-confidence.
_ATTRIBUTE_ONLY = frozenset({"全长", "总长", "长度", "总投资", "投资", "计划投资", "面积", "总面积", "建筑面积",
                             "占地", "占地面积", "规模", "总规模", "产值", "产量", "收入", "库容", "容量", "里程"})


@lru_cache(maxsize=4096)
def vet_indicator(indicator: str) -> tuple[str, str] | None:
    """(name, confidence) for an extracted indicator: as read when it is a name ("high"), else
    the nearest noun phrase ("low"); None when not even that is a name (部分, 6项指标).
    (Cached: a document names an indicator many times, and two versions mostly the same ones.)"""
    flaw = name_flaw(indicator)
    if flaw is None and indicator in _ATTRIBUTE_ONLY:
        return indicator, "low"
    if flaw is None:
        if _FROM_VALUE_RE.search(indicator):
            cut = nearest_noun_phrase(indicator)
            return (cut, "high") if cut and name_flaw(cut) is None else (indicator, "high")
        return indicator, "high"
    if flaw == "enumeration":
        return None
    fallback = nearest_noun_phrase(indicator)
    if not fallback or name_flaw(fallback) is not None:
        return None
    return fallback, "low"
