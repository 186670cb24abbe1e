"""One goal sentence → draft targets: number, unit, indicator, comparator.

Every candidate number (``candidates.py``: not a date, ordinal, name or enumeration) is read
with the words around it: the indicator written before it (or, after a bare verb, the thing counted after it:
新建2所公立幼儿园), 以上/控制在/左右, value lists under 分别 (分别增长7%和8%), subjects shared
by 均, and qualifiers that only describe what is counted (投资5000万元以上医疗项目9个).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from docdiff.targets.candidates import (
    CLAUSE_SEP,
    SENTENCE_END,
    candidate_quantities,
    clause_bounds,
    is_cjk,
    suffix_len,
)
from docdiff.model import Comparator
from docdiff.targets.numbers import Quantity
from docdiff.targets.rules import (
    ACTION_VERBS,
    TRAILING_VERBS,
    comparator_for,
    leading_verb,
    strip_indicator,
)

_ITEM_SEP = "、"
_SEPARATOR_WORDS = ("和", "与", "及", "或", "、", "以及", "至", "且", "并", "为")
# 分别/均 share a value out; 亩均, 人均, 年均 are part of a name.
_DISTRIBUTE_RE = re.compile(r"分别|(?<![亩人年户村平日月])均(?![衡等匀值])")
_URBAN_RURAL = ("城镇", "农村")
_SHARED_BEFORE_RE = re.compile(r"(?:分别|(?<![亩人年户村平日月])均)[^\d,，;；、]{0,6}$")


@dataclass
class Draft:
    """A target before it gets its id and key."""

    indicator: str
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    comparator: Comparator
    start: int  # offsets into the sentence
    end: int
    bracketed: bool = False
    context: str = ""


# A list of short names right before a count: 平桥、白鹤、坦头3个省级中心镇.
_ENUMERATION_RE = re.compile(r"[\u4e00-\u9fff“”]{1,6}(?:、[\u4e00-\u9fff“”]{1,6})+(?<!等)$")  # no 等: the list is all
# A noun that only says "the task": 完成800户的改造任务 names its task in the clause before.
_GENERIC_NOUN_RE = re.compile(r"^[\u4e00-\u9fff]{0,3}(?:任务|目标)$")
CHANGE_TAIL_RE = re.compile(r"(?:增长|增速|下降|降低|提高|提升|减少|增加)$")
# Examples before 等 (白云小区、巾山小区等): what is counted is named after them.
_EXAMPLES_RE = re.compile(r"[^,，、:：;；]{1,12}(?:、[^,，、:：;；]{1,12})*等")
# Lists are matched in a bounded window before the number, so that a pathological line of
# thousands of 、-items stays linear; real lists of names are far shorter.
_LIST_WINDOW = 120
_CONTEXT = 40  # characters of the clause before a value that can say 累计/全年/保持 about it
# An indicator is read from at most this many characters before its value. The longest gold
# indicator is 21 characters and the longest stretch the corpus reads is 42; a sentence of
# thousands of values without a separator would otherwise have the whole stretch before each
# value re-read (quadratic). Past this, no reading of the start makes a better indicator.
_REGION_WINDOW = 80
_SPACES_RE = re.compile(r" *")
_SUBSIDY_RE = re.compile(r"奖励|奖补|补助|补贴|资助|给予|贴息")
# 补助标准提高30元, 奖补资金5000万元: a standard or a budget is a goal, a payment to one firm is not
_SUBSIDY_LEVEL_RE = re.compile(r"标准|资金|规模|总额")
# 最高不超过3000万元 after a subsidy: the cap of one payment
_CAP_RE = re.compile(r"(?:最高|最多|单[个项笔家户]|每[个项家户人])")
# An amount followed by what it is for: …国债3000亿元支持消费品以旧换新
_PURPOSE_AFTER = r"(?:重点|专项|主要)?(?:支持|用于|支撑|撬动|带动|引导|投向)"
# …4.4万亿元、比上年增加5000亿元: the change from last year restates the value before it
_DELTA_RE = re.compile(r"(?:比|较)(?:上年|去年|上一年)(?:增加|提高|减少|下降|降低|增长|多|少)?")
_BARE_CHANGE_RE = re.compile(r"(?:年均|每年|年|同比|比上年|较上年)?(?:增长|增速|下降|降低|提高|提升|减少|增加)")
_BASE_YEAR_SPLIT_RE = re.compile(r"(?:比|较)(?:20\d\d年)")
_ITEM_SPLIT_RE = re.compile(r"[、和及]")
_SHARE_WORD_RE = re.compile(r"^(?:分别|均)")
_MAGNITUDE_PREFIX_RE = re.compile(r"^(?:万亿|千万|百万|十万|万|亿)")
_COMPARED_PREFIX_RE = re.compile(r"^(?:同比|比上年|较上年)")


def _value_lists(text: str, quants: list[Quantity]) -> list[list[int]]:
    """Runs of values joined only by 、/和 (170万元以上和34万元以上): one per listed indicator."""
    runs: list[list[int]] = []
    for i, q in enumerate(quants):
        if runs and runs[-1][-1] == i - 1:
            prev = quants[i - 1]
            gap = text[prev.end + _suffix_len(text, prev.end) : q.start]
            if gap.strip(" ") in ("、", "和", "及", "与", ",", "，"):
                runs[-1].append(i)
                continue
        runs.append([i])
    return [r for r in runs if len(r) > 1]


def _subject_items(subject: str) -> list[str]:
    subject = _BASE_YEAR_SPLIT_RE.split(subject)[0]
    items, depth, start = [], 0, 0
    for i, ch in enumerate(subject):  # 各县(市、区): a 、 inside brackets separates nothing
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        elif depth == 0 and ch in "、和及":
            items.append(subject[start:i].removesuffix("以"))  # 以及
            start = i + 1
    items.append(subject[start:])
    return [strip_indicator(it).removesuffix("等") for it in items if strip_indicator(it)]


def _lead_action(text: str) -> str:
    """The action verb a clause opens with (after fillers): '加快实施47项…' → '实施'."""
    core = strip_indicator(text)
    for v in ACTION_VERBS:
        if core.startswith(v):
            return v
    return ""


def read_sentence(text: str) -> list[Draft]:
    """Number → indicator, value, unit, comparator for one goal sentence."""
    quants = candidate_quantities(text)
    starts = [q.start for q in quants]
    subsidy_text: bool | None = None  # whether the sentence speaks of a subsidy, read once if asked
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for run in _value_lists(text, quants):
        drafts.extend(_read_value_list(text, quants, run, consumed))
    region_start, last_clause, lead_verb = 0, -1, ""
    last_subject: tuple[str, int] | None = None  # (subject, clause start) of the last attribute
    for i, q in enumerate(quants):
        c_start, c_end = clause_bounds(text, q.start)
        if c_start != last_clause:
            region_start, last_clause = c_start, c_start
            lead_verb = _lead_action(text[c_start:q.start])
        if i in consumed:
            region_start = max(region_start, q.end + _suffix_len(text, q.end))
            continue
        unit = _unit(q, text)
        after_pos = q.end + (1 if unit != q.unit else 0)  # 五百亿级: 级 is read with the number
        after_pos += _suffix_len(text, after_pos)
        nxt_pos = after_pos + (1 if text[after_pos : after_pos + 1] == "的" else 0)
        nxt = text[nxt_pos : nxt_pos + 1]
        followed_by_noun = bool(nxt) and (is_cjk(nxt) or nxt.isalnum() or nxt in "“(") and not text.startswith(
            _SEPARATOR_WORDS, after_pos)
        if q.unit == "倍" and not q.chinese:
            followed_by_noun = False  # 翻一番 ends its phrase
        read_from = _read_start(text, region_start, q.start)
        region = text[read_from : q.start]
        core = strip_indicator(region)
        tail = strip_indicator(_ITEM_SPLIT_RE.split(region)[-1]) if region else ""
        comp = comparator_for(text[max(0, q.start - 3) : q.start], _after(text, q.end))
        verb = _verb_of(region.rstrip(" "))
        if comp == Comparator.EQ and verb:  # 至少建成1家: the cue stands before the verb
            cut = q.start - (len(region) - len(region.rstrip(" "))) - len(verb)
            comp = comparator_for(text[max(0, cut - 3) : cut], "")
        if unit != q.unit:
            comp = Comparator.GE  # 五百亿级: at least that size
        if followed_by_noun:
            # the clause's later numbers: starts[i + 1 : later_end], its end found by bisection
            later_end = bisect.bisect_left(starts, c_end, i + 1)
            found = _counted_after(_Around(text=text, region=region, core=core, tail=tail, unit=unit,
                                           sized=unit != q.unit, after_pos=after_pos, noun_pos=nxt_pos,
                                           c_start=c_start, c_end=c_end, starts=starts, later_start=i + 1,
                                           later_end=later_end, lead_verb=lead_verb))
            if found is None:
                continue
            indicator, end = found
            span_start = read_from
        else:
            indicator, end = core, after_pos
            span_start = read_from
            if drafts and drafts[-1].end <= q.start:
                indicator = _same_subject(indicator, drafts[-1].indicator)
            if not indicator or indicator in TRAILING_VERBS:
                continue
        if not indicator:
            continue
        if _SUBSIDY_RE.search(indicator) and not _SUBSIDY_LEVEL_RE.search(indicator):
            continue  # 给予一次性奖励50万元: a policy's payment, not a goal
        if _CAP_RE.fullmatch(indicator):
            if subsidy_text is None:
                subsidy_text = bool(_SUBSIDY_RE.search(text))
            if subsidy_text:
                continue  # …给予补助,最高不超过3000万元: the cap of one payment
        if drafts and _is_delta(text, region, drafts[-1], unit):
            continue
        shown_from = _text_start(text, span_start, q.start, indicator)
        if len(indicator) <= 3 and read_from == c_start and not indicator.startswith(ACTION_VERBS):
            # 实施…步道建设项目,全长37公里,总投资2.7亿元: attributes of the project named before
            subject = _subject_before(text, c_start)
            if not subject and last_subject and last_subject[1] == clause_bounds(text, max(0, c_start - 1))[0]:
                subject = last_subject[0]
            if subject:
                indicator = subject + indicator
                last_subject = (subject, c_start)
        if drafts and indicator in ACTION_VERBS and _base_unit(unit) == _base_unit(drafts[-1].unit):
            # 新开工保障性租赁住房5000套、筹集2.2万套: the verb alone counts the same thing
            indicator += _object_of(drafts[-1].indicator)
        elif drafts:
            indicator = _shared_verb(text, indicator, unit, drafts[-1], lead_verb, c_start) + indicator
        d = Draft(indicator=indicator, value=q.value, value_high=q.value_high, unit=unit,
                   comparator=comp, start=shown_from, end=end,
                   bracketed=q.bracketed, context=_context(text, q.start, c_start, c_end))
        # 分别/均 just before the value (…班级数均达到60%): the value holds for each listed item
        shared = bool(_SHARED_BEFORE_RE.search(region[-_CONTEXT:]))
        change = _SHARE_WORD_RE.sub("", core)  # (core is strip_indicator(region))
        earlier = _amounts_before(drafts) if shared and _BARE_CHANGE_RE.fullmatch(change) else []
        if len(earlier) >= 2:
            # 旅游人数力争突破370万人次,旅游收入达到38亿元,分别增长20%: each amount grows by it
            drafts.extend(replace(d, indicator=CHANGE_TAIL_RE.sub("", e.indicator) + change) for e in earlier)
        else:
            drafts.extend(_distribute(d, shared))
        region_start = max(after_pos, end)
    drafts.sort(key=lambda d: d.start)
    return drafts


def _read_start(text: str, region_start: int, pos: int) -> int:
    """Where the indicator of the value at ``pos`` is read from: ``region_start``, or, when that
    lies more than _REGION_WINDOW characters back, the first list item (after a 、) in the
    window's first half — a cut there does not start the indicator in the middle of a name, and
    still leaves half the window to read."""
    start = pos - _REGION_WINDOW
    if start <= region_start:
        return region_start
    item = text.find(_ITEM_SEP, start, start + _REGION_WINDOW // 2)
    return item + 1 if item >= 0 else start


def _after(text: str, pos: int) -> str:
    """The few characters after ``pos`` past any spaces: what ``text[pos:].lstrip(" ")`` starts
    with, without copying the rest of the sentence for every value (3 is the longest cue: 及以上)."""
    start = _SPACES_RE.match(text, pos).end()
    return text[start : start + 3]


def _suffix_len(text: str, pos: int) -> int:
    """``suffix_len(text[pos:])`` reading only the spaces and the suffix after ``pos``."""
    start = _SPACES_RE.match(text, pos).end()
    return suffix_len(text[pos : start + 3])


def _context(text: str, pos: int, c_start: int, c_end: int) -> str:
    """Up to _CONTEXT characters of the clause before ``pos`` and what follows, 2 × _CONTEXT in all."""
    start = max(c_start, pos - _CONTEXT)
    return text[start : min(c_end, start + _CONTEXT * 2)]


def _is_delta(text: str, region: str, prev: Draft, unit: str) -> bool:
    """赤字规模5.66万亿元、比上年增加1.6万亿元: a change from last year right after a value in
    the same unit (or points after a %) restates that value; it is no target of its own."""
    if not _DELTA_RE.fullmatch(region.strip(" 、,，")):
        return False
    if text[prev.end : prev.end + len(region)].strip(" 、,，") != region.strip(" 、,，"):
        return False  # something other than the comparison stands between them
    return _base_unit(unit) == _base_unit(prev.unit) or (prev.unit == "%" and unit in ("个百分点", "百分点"))


def _base_unit(unit: str) -> str:
    """万亿元 → 元, 万人 → 人: the dimension without its magnitude."""
    return _MAGNITUDE_PREFIX_RE.sub("", unit)


def _object_of(indicator: str) -> str:
    """'新开工保障性租赁住房' → '保障性租赁住房': what a verb + noun indicator counts."""
    verb = next((v for v in ACTION_VERBS if indicator.startswith(v)), "")
    return indicator[len(verb):]


def _amounts_before(drafts: list[Draft]) -> list[Draft]:
    """The run of amounts (not rates) read last, in order: what a following 分别增长 shares out."""
    run: list[Draft] = []
    for d in reversed(drafts):
        if d.value is None or d.unit in ("%", "‰", "个百分点", "百分点", "倍"):
            break
        run.append(d)
    return run[::-1]


def _same_subject(indicator: str, previous: str) -> str:
    """An indicator that is only a verb names what the value before it named:
    地区生产总值增长20%,达到282亿元 → 地区生产总值; …突破1800亿元,年均增长6.5% → …年均增长."""
    if not indicator or indicator in TRAILING_VERBS or indicator in _SEPARATOR_WORDS:
        return CHANGE_TAIL_RE.sub("", previous)  # 参保率保持在90%和98%以上: 和 names nothing new
    if _BARE_CHANGE_RE.fullmatch(indicator):
        return CHANGE_TAIL_RE.sub("", previous) + _COMPARED_PREFIX_RE.sub("", indicator)
    if indicator.startswith("占") and previous:
        # …增加值突破500亿元,占GDP比重达到12%: a share of the quantity just named
        return CHANGE_TAIL_RE.sub("", previous) + indicator
    return indicator


def _shared_verb(text: str, indicator: str, unit: str, prev: Draft, lead_verb: str, c_start: int) -> str:
    """The verb an item without one inherits: from its list (新增A300家、B800家), or from the
    clause before when that counts the same way (新增A150家,B450家); '' if none."""
    if leading_verb(indicator) or indicator.startswith(ACTION_VERBS):
        return ""
    if prev.start >= c_start:
        return lead_verb or leading_verb(prev.indicator)
    if prev.unit == unit and prev.end <= c_start and not text[prev.end : c_start].strip(" ,，;；、"):
        return leading_verb(prev.indicator)
    return ""


@dataclass(frozen=True)
class _Around:
    """What surrounds a number that a noun follows (新建2所|公立幼儿园)."""

    text: str
    region: str  # from the clause (or the previous value) up to the number
    core: str  # region without fillers and trailing verbs
    tail: str  # the last 、/和 item of the region, likewise stripped
    unit: str
    sized: bool  # 五百亿级: a size class, not an amount
    after_pos: int  # after the unit and any 以上/左右
    noun_pos: int  # where the noun starts (after 的)
    c_start: int
    c_end: int
    starts: list[int]  # starts of the sentence's numbers; the clause's later ones are
    later_start: int  # starts[later_start : later_end] (indices, so that no list is copied per number)
    later_end: int
    lead_verb: str


def _counted_after(a: _Around) -> tuple[str, int] | None:
    """(indicator, end) for a number followed by a noun, or None when the number only qualifies
    or names something: 投资5000万元以上|医疗项目9个, 中核三门200兆瓦滩涂光伏."""
    text = a.text
    has_later = a.later_start < a.later_end
    noun_end = _noun_end(text, a.noun_pos, a.c_end, a.starts, a.later_start, a.later_end)
    if has_later and noun_end == a.starts[a.later_start]:
        return None  # a qualifier of what is counted next
    noun = text[a.noun_pos : noun_end]
    if not noun or _ENUMERATION_RE.search(a.region[-_LIST_WINDOW:]):
        return None  # 路南、新桥、蓬街3个分院: counts the names just listed
    bare = _is_bare(a.tail) or _is_bare(a.core)
    then_de = text[a.after_pos : a.after_pos + 1] == "的"
    if re.match(r"台阶|大关|关口", noun):
        return a.core, noun_end  # 跃上万亿元台阶
    if a.sized:
        # 汽车整车及零部件,以打造五百亿级产业集群为目标: the size of a cluster named before
        noun = re.sub(r"为目标$|的目标$", "", noun)
        if not bare or not re.search(r"(?:集群|体量|规模)$", noun):
            return None
        prev = text[: a.c_start].rstrip(",，")
        p_start = max(prev.rfind(c) for c in CLAUSE_SEP + SENTENCE_END) + 1
        if 0 < len(prev) - p_start <= 12 and not any(ch.isdigit() for ch in prev[p_start:]):
            return prev[p_start:] + noun, noun_end
        return noun, noun_end
    if bare:
        verb = _verb_of(a.tail) or a.lead_verb
        noun = re.sub(r"为目标$|的目标$", "", noun)
        if _GENERIC_NOUN_RE.match(noun.lstrip("的")):
            # 继续推进棚户区改造,完成800户的改造任务: the task was named just before
            named = _previous_object(text, a.c_start)
            if named:
                return named, noun_end
        return (verb if not noun.startswith(verb) else "") + noun, noun_end
    if noun == "安排":
        return a.core, noun_end  # 赤字率拟按4%左右安排: the rate is set at the value
    if re.match(_PURPOSE_AFTER, noun):
        return a.core, a.after_pos  # …国债3000亿元支持消费品以旧换新: what it is for follows
    if has_later:
        return None
    verb_first = a.core.startswith(ACTION_VERBS) or a.core.endswith(ACTION_VERBS)
    if verb_first or (then_de and a.core != a.region.strip(" ,，")):
        # 解决上市企业29个困难问题, 保持不少于5000亩的工业熟地: verb + what is counted;
        # 修缮谢家里、刘家里等37处历史建筑: the examples before 等 are no part of the name
        verb = next((v for v in ACTION_VERBS if a.core.startswith(v)), "")
        return verb + _drop_examples(a.core[len(verb):]) + noun.lstrip("的"), noun_end
    if a.unit in ("%", "‰"):
        return a.core + noun.lstrip("的"), noun_end  # 设施100%纳入地图
    if then_de:
        return a.core, a.after_pos  # 经营性收入10万元以上的行政村…: the value of what was named
    return None  # 中核三门200兆瓦滩涂光伏: part of a name


def _text_start(text: str, region_start: int, value_start: int, indicator: str) -> int:
    """Where the shortest text holding indicator and value begins: at the indicator's first
    word if it is written before the value, else at the value."""
    region = text[region_start:value_start]
    for size in (4, 3, 2, 1):
        head = indicator[:size]
        if len(head) == size and head in region:
            return region_start + region.find(head)
    return value_start


def _previous_object(text: str, c_start: int) -> str:
    """The object of the clause before ``c_start`` without its verb: '继续推进棚户区改造' → '棚户区改造'."""
    if c_start == 0:
        return ""
    p_start, _ = clause_bounds(text, c_start - 1)
    prev = strip_indicator(text[p_start : c_start - 1])
    if not prev or any(ch.isdigit() for ch in prev) or len(prev) > 16:
        return ""
    for v in ACTION_VERBS:
        if prev.startswith(v) and len(prev) > len(v) + 1:
            return prev[len(v):]
    return prev


def _drop_examples(core: str) -> str:
    """'白云小区、巾山小区等老旧小区' → '老旧小区' (within the bounded window before the name)."""
    if "等" not in core:
        return core
    head, tail = core[:-_LIST_WINDOW], core[-_LIST_WINDOW:]
    return head + _EXAMPLES_RE.sub("", tail)


def _subject_before(text: str, c_start: int) -> str:
    """The clause just before ``c_start``, as a subject, when it has no number: '还准备实施天台县
    全民健身步道建设项目' → '天台县全民健身步道建设项目' ('' if it has one, or is long, or says when)."""
    if c_start == 0:
        return ""
    p_start, _ = clause_bounds(text, c_start - 1)
    clause = text[p_start : c_start - 1]
    if any(ch.isdigit() for ch in clause) or re.search(r"时期|期间|年|目前|今年|“|”", clause):
        return ""
    subject = strip_indicator(clause)
    verb = _lead_action(subject)
    if verb and subject.startswith(verb):
        subject = subject[len(verb):]
    return subject if 2 <= len(subject) <= 20 else ""


def _is_bare(text: str) -> bool:
    """Only a verb (or nothing) before a number: the thing counted is written after it."""
    return not text or len(text) <= 2 or text in ACTION_VERBS or (len(text) <= 5 and text.endswith(ACTION_VERBS))


def _verb_of(text: str) -> str:
    for v in ACTION_VERBS:
        if text.endswith(v):
            return v
    return ""


def _noun_end(text: str, pos: int, clause_end: int, starts: list[int], lo: int, hi: int) -> int:
    """End of the noun phrase after a number (新建2所|公立幼儿园): up to a separator or number.

    The clause's later numbers start at ``starts[lo:hi]`` (sorted)."""
    k = bisect.bisect_left(starts, pos, lo, hi)  # the first later number at or after pos
    next_number = starts[k] if k < hi else None
    stop = clause_end if next_number is None else min(clause_end, next_number)
    end = pos
    while end < stop and text[end] not in _ITEM_SEP + CLAUSE_SEP + SENTENCE_END:
        # (end + 1 > pos, and no later number starts in (pos, stop): only the next one can follow)
        if text[end] in "和及与或且并" and end + 1 == next_number:
            break  # 34个工业园区和29个…: the next item starts
        end += 1
    return end


def _read_value_list(text: str, quants: list[Quantity], run: list[int], consumed: set[int]) -> list[Draft]:
    """分别增长7%和8%, 分别突破2000亿元、30万元、18万元: one value per listed indicator."""
    first, last = quants[run[0]], quants[run[-1]]
    c_start, c_end = clause_bounds(text, first.start)
    region = text[c_start : first.start]
    m = _DISTRIBUTE_RE.search(region)
    if m is None:
        return []
    subject, verb = region[: m.start()], region[m.end():]
    if not strip_indicator(subject):  # …翻一番,分别突破…: the subject is the clause before
        p_start, _ = clause_bounds(text, max(0, c_start - 1))
        subject = text[p_start : c_start - 1]
    items = _subject_items(subject)
    if len(items) == 1 and items[0].startswith("城乡") and len(run) == 2:
        items = [items[0].replace("城乡", u, 1) for u in _URBAN_RURAL]
    if len(items) != len(run):
        return []
    verb = strip_indicator(verb)
    verb = verb if re.fullmatch(r"增长|下降|降低|提高|提升|减少|增加", verb) else ""
    shared = comparator_for("", _after(text, last.end))
    out = []
    for item, i in zip(items, run):
        q = quants[i]
        comp = comparator_for("", _after(text, q.end))
        if comp == Comparator.EQ:
            comp = comparator_for(region[-3:], "")  # 分别突破A、B、C: 突破 governs all three
        if comp == Comparator.EQ:
            comp = shared
        end = q.end + _suffix_len(text, q.end)
        item_at = max(text.rfind(item[:2], 0, first.start), c_start) if item[:2] in text[:first.start] else c_start
        out.append(Draft(indicator=item + verb, value=q.value, value_high=q.value_high, unit=q.unit,
                          comparator=comp, start=min(item_at, q.start), end=end, context=text[max(c_start, q.start - _CONTEXT) : c_end][: _CONTEXT * 2]))
        consumed.add(i)
    return out


def _unit(q: Quantity, text: str) -> str:
    if q.unit in ("万", "亿", "百亿", "千亿") and text.startswith("级", q.end):
        return q.unit + "元"  # 五百亿级产业集群: an output of 500 亿元
    return q.unit


def _distribute(d: Draft, shared: bool) -> list[Draft]:
    """One value shared by a listed subject: 亩均增加值、亩均税收均增长10% → two targets.

    Only with 分别/均 (inside the indicator, or ``shared``: just before the value), or for
    翻一番; 城乡 splits into 城镇 and 农村 under 分别.
    """
    marker = _DISTRIBUTE_RE.search(d.indicator)
    if marker is None and not shared and d.unit != "倍":
        return [d]
    subject = d.indicator[: marker.start()] if marker else d.indicator
    verb = strip_indicator(d.indicator[marker.end():]) if marker else ""
    items = _subject_items(subject)
    if len(items) == 1 and items[0].startswith("城乡") and marker and marker.group(0) == "分别":
        items = [items[0].replace("城乡", u, 1) for u in _URBAN_RURAL]
    if len(items) <= 1:
        if marker:
            return [replace(d, indicator=strip_indicator(subject) + verb)]
        return [d]
    return [replace(d, indicator=it + verb) for it in items]
