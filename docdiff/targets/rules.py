"""The wording rules of target extraction, as data: cue words → comparator, period, goal or past.

Pure functions over short strings; ``clauses.py``, ``sentences.py`` and ``target_tables.py``
apply them to sentences and table rows.
Every list says why its words are there, with the form it catches.
"""
from __future__ import annotations

from functools import lru_cache

from docdiff.chinese import alternation
from docdiff.model import Comparator, Period
from docdiff.regex_cache import compile_regex

# --- comparators ---------------------------------------------------------------------------
# Written after the number: 10%以上, 2%以内, 6%左右.
SUFFIX_COMPARATORS = (("以上", Comparator.GE), ("及以上", Comparator.GE), ("以内", Comparator.LE),
                      ("以下", Comparator.LE), ("左右", Comparator.APPROX), ("上下", Comparator.APPROX))
# Written before the number: 不低于10%, 控制在2%, 约5万人. Longest first.
PREFIX_COMPARATORS = (
    ("不低于", Comparator.GE), ("不少于", Comparator.GE), ("至少", Comparator.GE), ("最少", Comparator.GE),
    ("至多", Comparator.LE), ("最多", Comparator.LE), ("高于", Comparator.GE), ("超过", Comparator.GE),
    ("突破", Comparator.GE), ("大于", Comparator.GE), ("多于", Comparator.GE), ("跃上", Comparator.GE),
    ("超", Comparator.GE),
    ("不超过", Comparator.LE), ("不高于", Comparator.LE), ("低于", Comparator.LE), ("少于", Comparator.LE),
    ("控制在", Comparator.LE), ("控制到", Comparator.LE), ("小于", Comparator.LE),
    ("约", Comparator.APPROX), ("大约", Comparator.APPROX), ("近", Comparator.APPROX), ("接近", Comparator.APPROX),
    ("将近", Comparator.APPROX),
)
PREFIX_COMPARATORS = tuple(sorted(PREFIX_COMPARATORS, key=lambda wc: -len(wc[0])))  # 不超过 before 超过


def comparator_for(before: str, after: str) -> Comparator:
    """Comparator from the words just before and after a number: 突破5000亿元 → >=, 6%左右 → ~."""
    # A text starts with at most one suffix word, and ends with at most one prefix word of each
    # length: a lookup per length finds what a scan of the words in order finds, longest first.
    for n in _SUFFIX_LENGTHS:
        comp = _SUFFIX_OF.get(after[:n])
        if comp is not None:
            return comp
    for n in _PREFIX_LENGTHS:
        word = before[-n:]
        comp = _PREFIX_OF.get(word) if len(word) == n else None
        if comp is not None and not (word == "约" and before[-2:-1] in ("节", "制", "签", "合", "预")):
            return comp  # (节约, 制约, 签约 are no 约)
    # 超64.5%以上 is caught above; 超亿吨 / 超百亿元 put 超 right before the number
    return Comparator.EQ


_SUFFIX_OF = dict(SUFFIX_COMPARATORS)
_SUFFIX_LENGTHS = sorted({len(w) for w in _SUFFIX_OF}, reverse=True)
_PREFIX_OF = dict(PREFIX_COMPARATORS)
_PREFIX_LENGTHS = sorted({len(w) for w in _PREFIX_OF}, reverse=True)


# --- indicators ----------------------------------------------------------------------------
# Verbs and fillers between an indicator and its number; dropped from the indicator's end.
# 增长/下降/提高 stay: they are part of what is measured (生产总值增长).
TRAILING_VERBS = tuple(sorted((
    "达到", "达", "突破", "超过", "超", "提高到", "提高至", "提升到", "提升至", "提至", "增至", "增加到", "缩小到",
    "缩小至", "控制在", "控制到", "保持在", "稳定在", "降至", "降到", "下降到", "下降至", "降低到", "降低至",
    "不低于", "不少于", "不超过", "不高于", "低于", "高于", "少于", "多于", "大于", "小于", "为", "在", "约", "大约",
    "至少", "最少", "至多", "最多", "按", "拟按",
    "分别", "均", "总计", "合计", "共", "累计达到", "力争", "力争达到", "确保", "跃上", "以上", "达到了",
    "保持", "维持在", "稳定", "实现", "完成", "是", "的", "了", "占", "增长到", "近", "接近", "将近", "继续", "持续",
), key=len, reverse=True))

# The same words as sets, for "is it one of them" (a tuple is compared word by word).
TRAILING_VERB_SET = frozenset(TRAILING_VERBS)

# Words that open a clause but are no part of the indicator: 同时, 力争到2025年, 全年.
LEADING_FILLERS = tuple(sorted((
    "同时", "并", "并且", "其中", "力争", "确保", "努力", "全年", "今年", "年内", "计划", "预计", "争取", "推动",
    "进一步", "加快", "重点", "全力", "持续", "继续", "积极", "着力", "大力", "全面", "还准备", "准备", "将",
    "我们将", "我县将", "我市将", "我区将", "到", "至", "使", "让", "要", "和", "及", "以及", "与", "或", "、",
    "实现", "基本", "每年", "主要", "等", "即", "且", "而", "要求", "目标是", "以", "通过", "在此基础上", "此外", "另外",
    "拟",
), key=len, reverse=True))

# A verb that, alone before a number, means the thing counted is written after it:
# 新建2所公立幼儿园 → 新建公立幼儿园; 打造3个以上千亿级现代产业集群.
ACTION_VERBS = tuple(sorted((
    "新建", "建成", "建设", "实施", "完成", "打造", "培育", "新增", "推进", "引进", "招引", "引育", "开发", "创建",
    "争创", "创成", "改造", "开展", "解决", "形成", "培训", "扶持", "新培育", "新认定", "认定", "推动", "实现",
    "建", "治理", "整治", "提升", "修缮", "创", "办好", "举办", "组建", "设立", "布局", "落地", "启动", "新开工",
    "开工", "建立", "评定", "帮扶", "储备", "谋划", "签约", "盘活", "打通", "新(改)建", "新(扩)建",
    "改扩建", "扩建", "新改建", "共建成", "共建", "建好", "完成好", "抓好", "提前完成", "新(补)建",
    "安排", "统筹安排", "筹集", "筹建",
), key=len, reverse=True))

ACTION_VERB_SET = frozenset(ACTION_VERBS)

# Verbs other than ACTION_VERBS after which a number counts the noun written next: 守住18亿亩耕地
# 红线, 开行中欧班列 is no list of them, but 开行300列班列 is; 惠及50万群众.
COUNTING_VERBS = tuple(sorted((
    "守住", "守牢", "守好", "筑牢", "开行", "开设", "开通", "新开通", "组建", "走访", "发放", "提供", "招聘", "吸纳",
    "带动", "惠及", "覆盖", "救助", "资助", "筛查", "培养", "接待", "保障", "落实", "设置", "配备", "招收",
    "选派", "派驻", "发布", "出台", "制定", "修订", "流转", "复垦", "种植", "栽植", "修复", "清理", "拆除",
    "搬迁", "安置", "增设", "投放", "购置", "引入", "吸引", "承接", "减免", "压减", "淘汰", "关停", "撤并",
    "植树", "造林", "服务", "培育壮大", "新增设",
), key=len, reverse=True))

# Verbs a list's later items inherit: 新增国家级高新技术企业300家、省级科技型中小企业800家.
SHARED_VERBS = ("新增", "引进", "新建", "建成", "培育", "创建", "争创", "引育", "新招引签约", "招引", "完成",
                "打造", "新(补)建", "开展", "实施")

_TRIM_CHARS = " \u00a0,，、:：;；.。\"'—-─·\t"  # brackets and quotes: see _balance


_EMBEDDED_TIME_RE = compile_regex(r"今年|全年|年内|(?:20\d\d|19\d\d)年度")


class FirstWord:
    """The first of ``words`` (in their order) that a text starts or ends with: what
    ``next(w for w in words if text.endswith(w))`` finds, with one set lookup per word length
    instead of a comparison per word (verb_of ran 150 endswith a sentence)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self._rank: dict[str, int] = {}
        for i, w in enumerate(words):
            self._rank.setdefault(w, i)
        self._lengths = sorted({len(w) for w in words})
        self._past = len(words)  # a rank past every word's

    def ending(self, text: str) -> str:
        """The first word ``text`` ends with, or ''."""
        return self._first(text, at_end=True)

    def starting(self, text: str) -> str:
        """The first word ``text`` starts with, or ''."""
        return self._first(text, at_end=False)

    def _first(self, text: str, *, at_end: bool) -> str:
        """The lowest-ranked word among ``text``'s ends (``at_end``) or starts of each length."""
        rank, size = self._rank, len(text)
        best, best_rank = "", self._past
        for n in self._lengths:  # (ascending)
            if n > size:
                break
            piece = text[size - n :] if at_end else text[:n]
            r = rank.get(piece)
            if r is not None and r < best_rank:
                best, best_rank = piece, r
        return best


def _by_length(words: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """The words grouped by length, longest first: the longest one a text starts (or ends) with
    is then found with one set lookup per length instead of a startswith per word."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


# The longest filler a text starts with, in one match: the alternatives are longest first, and
# the first that matches is taken.
_LEADING_FILLER_RE = compile_regex(alternation(LEADING_FILLERS))
_TRAILING_BY_LENGTH = _by_length(TRAILING_VERBS)
_SPACE_RE = compile_regex(r"\s+(?![A-Za-z])|(?<![A-Za-z])\s+")
_ANY_SPACE_RE = compile_regex(r"\s")  # found by a scan in C: most indicators hold no space


@lru_cache(maxsize=4096)
def strip_indicator(text: str) -> str:
    """'力争到2025年,全市规上工业总产值突破' → '全市规上工业总产值'. (Cached: a sentence's reading
    strips the same stretch up to three times — as the indicator, its last list item and the
    clause's opening — and two versions of a document share most stretches.)"""
    if "年" in text:  # (every embedded time is written with 年)
        text = _EMBEDDED_TIME_RE.sub("", text)
    text = text.strip(_TRIM_CHARS)
    # The kept part is text[lo:hi]: moving two indices instead of re-slicing the text for every
    # filler dropped keeps a run of thousands of fillers (和和和…) linear.
    lo, hi = 0, len(text)
    changed = True
    while changed and lo < hi:
        changed = False
        # the longest filler the text starts with, if something is left after it
        m = _LEADING_FILLER_RE.match(text, lo, hi - 1)  # (ending before hi: something is left)
        if m:
            lo, changed = _skip_trim(text, m.end(), hi), True
        m = _LEADING_YEAR_OR_ORDINAL_RE.match(text, lo, hi)
        if m and m.end() < hi:
            lo, changed = _skip_trim(text, m.end(), hi), True
        for n, words in _TRAILING_BY_LENGTH:  # the longest trailing verb, if something is left
            if hi - lo > n and text[hi - n : hi] in words:
                hi, changed = _back_trim(text, lo, hi - n), True
                break
    # spaces mean nothing between Chinese words ("数字化改造 2.0 覆盖率"); keep them in "Wi Fi"
    text = text[lo:hi].strip(_TRIM_CHARS)
    return _balance(_SPACE_RE.sub("", text) if _ANY_SPACE_RE.search(text) else text)


def _skip_trim(text: str, lo: int, hi: int) -> int:
    """``lo`` moved past the _TRIM_CHARS at the start of text[lo:hi] (its lstrip)."""
    while lo < hi and text[lo] in _TRIM_CHARS:
        lo += 1
    return lo


def _back_trim(text: str, lo: int, hi: int) -> int:
    """``hi`` moved back over the _TRIM_CHARS at the end of text[lo:hi] (its rstrip)."""
    while hi > lo and text[hi - 1] in _TRIM_CHARS:
        hi -= 1
    return hi


_PAIRS = (("(", ")"), ("（", "）"), ("“", "”"), ("《", "》"))
_BRACKETS = frozenset(ch for pair in _PAIRS for ch in pair)


def _balance(text: str) -> str:
    """Drop a bracket or quote left unpaired at either end: '“未来工厂' → '未来工厂' but
    '开发工业新产品(新技术)' stays whole."""
    if _BRACKETS.isdisjoint(text):
        return text.strip(_TRIM_CHARS)  # most indicators: nothing to pair
    # The kept part is text[lo:hi], with a running count of each bracket in it: a run of
    # 100,000 '(' is dropped one by one, and recounting or re-slicing each time was quadratic.
    lo, hi = 0, len(text)
    counts = {ch: text.count(ch) for pair in _PAIRS for ch in pair}
    changed = True
    while changed and lo < hi:
        changed = False
        for open_, close in _PAIRS:
            if lo == hi:
                break  # (the text emptied within this pass: nothing ends or starts with a bracket)
            first, last = text[lo], text[hi - 1]
            if last == close and counts[close] > counts[open_]:
                hi, changed = hi - 1, True
                counts[close] -= 1
            elif first == open_ and counts[open_] > counts[close]:
                lo, changed = lo + 1, True
                counts[open_] -= 1
            elif last == open_:
                hi, changed = hi - 1, True
                counts[open_] -= 1
            elif first == close:
                lo, changed = lo + 1, True
                counts[close] -= 1
    return text[lo:hi].strip(_TRIM_CHARS)


# 二是, 其三, 首先: the order of a list, not what is measured.
_LEADING_ORDINAL = r"[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]|首先|其次|再次|最后"
# 到2025年, 2019年度, 5年内: when, not what.
_LEADING_YEAR = (r"(?:到|至|在)?(?:(?:20\d\d|19\d\d)\s?年(?:底|末|度)?(?:前)?|\d{1,2}年(?:内|来|间)|"
                 r"(?:近|最近|未来|今后)[\d一二三四五两]{1,2}年(?:内|来|间)?)")
# A leading year, else a leading ordinal (one match, not two)
_LEADING_YEAR_OR_ORDINAL_RE = compile_regex(f"(?:{_LEADING_YEAR})|(?:{_LEADING_ORDINAL})")


def leading_verb(text: str) -> str:
    """The action verb an indicator starts with ('新增国家级高新技术企业' → '新增'), or ''."""
    return _SHARED_VERB.starting(text)


_SHARED_VERB = FirstWord(SHARED_VERBS)


# --- goals versus achievements ---------------------------------------------------------------
# Section titles that say what the part of the document looks back on, or forward to.
REVIEW_TITLE_RE = compile_regex(
    r"回顾|过去|成就|成绩|主要成效|取得的成效|发展基础|现状|完成情况|工作总结|总结|发展环境|面临的形势|形势分析|"
    r"机遇|挑战|存在的问题|主要问题|“?十[一二三]五”?时期|上年|去年"
)
GOAL_TITLE_RE = compile_regex(
    r"目标|任务|安排|重点工作|工作重点|今后|展望|预期|举措|措施|路径|思路|要求|计划|行动|工程|规划|部署|下一步|"
    r"打算|建议|今年|明年|新的一年|未来"
)

# Sentence cues: the sentence reports what was done (already, 同比, 截至) … (Patterns searched in
# every sentence open each alternative with a character, a lookbehind after it: then re scans
# for the alternatives' first characters instead of trying every branch at every position,
# which made this search 5× slower.)
ACHIEVEMENT_RE = compile_regex(
    r"已经|已(?!有)|实现了|完成了|达到了|建成了|取得了|获得了|同比|比上年|较上年|截至|截止|目前(?<!项目前)|现有(?<!实现有)|"
    r"以来|过去|前两年|近年来|近几年|近[两三五]年|近\d{1,2}年|五年来|一年来|这[一两三四五几]年|五年间|提至|荣获|成功|"
    r"预计(?:达到|达|完成)|今年前|上半年|前三季度|1[-—]\d{1,2}月"
)
# … or commits to a number later: enough on its own to read a sentence of a reply as a goal.
STRONG_GOAL_RE = compile_regex(r"力争|确保|计划|预期目标|目标[是为]|今年(?!以来|前)|全年|年内|每年|接下来|下一步|下阶段|将|到20\d\d年|到二〇|"
                            r"今后[一二三四五两\d]{1,2}年|未来[一二三四五两\d]{1,2}年|"
                            r"不少于|不低于|不超过")


# --- periods -------------------------------------------------------------------------------
# Level-like indicators hold at a point: 比重, 率, 占比, 覆盖率, 人均, 总量.
LEVEL_RE = compile_regex(r"比重|比例|占比|[^效]率$|率[(（]|覆盖|水平|指数|密度|寿命|年限|倍差|人均|每千|每万|每百|浓度|"
                      r"总量|数量|能力|面积|达标|天数|均|标准$|成本|环节|时间|办结")
CHANGE_RE = compile_regex(r"增长|下降|降低|减少|提高|提升|增加(?!值)|增速|增幅|削减")
CUMULATIVE_RE = compile_regex(r"累计|五年|新增|新建|建成|培育|引进|引育|创建|争创|创成|改造|打造|招引|开发|实施|"
                           r"完成|修缮|共建|开展|投入|总投资|计划投资|建设|上市$|扩建|迁建|培训")
_KEPT_RE = compile_regex(r"保持|维持|稳定在")
ANNUAL_RE = compile_regex(r"年均|每年|年增|年度|全年|年销售|年总|年收入|年经营|年吞吐|年产")


def period_for(indicator: str, unit: str, *, annual_doc: bool, bracketed: bool, context: str) -> Period:
    """point / annual / cumulative from the indicator's wording and the kind of goal.

    ``annual_doc``: the goal is one year's (a work report's 今年 or a reply's 全年), so a count
    such as 新增300家 is that year's amount (annual), where a plan's is a five-year total.
    """
    rate = unit in ("%", "‰", "个百分点", "百分点", "倍")
    if bracketed:
        return Period.CUMULATIVE  # [8]: a five-year total
    if ANNUAL_RE.search(indicator):
        return Period.ANNUAL
    if CHANGE_RE.search(indicator) and rate:
        if unit == "倍":
            return Period.POINT
        return Period.ANNUAL if annual_doc or "年" in indicator else Period.CUMULATIVE
    if rate or _KEPT_RE.search(context):
        return Period.POINT  # a share or a level kept: 覆盖率75%, 保持5000亩
    if ANNUAL_RE.search(context):
        return Period.ANNUAL  # 全年引育…6个, 每年培育…300名
    if "累计" in context:
        return Period.CUMULATIVE
    if CUMULATIVE_RE.search(indicator) and not LEVEL_RE.search(CUMULATIVE_RE.split(indicator)[0]):
        return Period.ANNUAL if annual_doc else Period.CUMULATIVE  # 新增…标准30项: counted, not a level
    if LEVEL_RE.search(indicator):
        return Period.POINT
    return Period.ANNUAL if annual_doc else Period.POINT
