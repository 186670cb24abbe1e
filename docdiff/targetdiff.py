"""Target diff: the targets of A and of B → one-to-one TargetPairs (shared/changed/added/removed).

Pairs are chosen by an optimal assignment (scipy's ``linear_sum_assignment``, via align's drop-in,
solved per group of targets linked by possible pairs) over a score built from indicator
similarity (RapidFuzz on the folded key), unit dimension, year, value and the aligned sections;
a matched pair is then compared field by field (values as quantities, via ``docdiff.quantity``)
and, for a value change, labelled raised/lowered and stricter/looser.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from docdiff.model import Comparator, Document, SectionPair, Span, Target, TargetPair, TargetStatus
from docdiff.nesting import NestedRanges
from docdiff.normalize import fold_width
from docdiff.quantity import convert, parse_unit, same_quantity

# Minimum indicator similarity (0..1) for two targets to be the same indicator. 0.7 keeps
# 固定资产投资 ~ 区本级固定资产投资 (0.9, contained) and 旅游人数 ~ 旅游接待人数 (0.8) together
# while 一般公共预算收入增长 and 社会消费品零售总额增长 (0.19) stay apart.
MIN_KEY_SIMILARITY = 0.7

# Weights of the evidence in a pair's score; the key dominates, the rest break ties between
# several candidates for the same indicator (a target stated in prose and again in a table).
W_KEY, W_SECTION, W_VALUE, W_YEAR, W_COMPARATOR, W_POSITION = 0.70, 0.10, 0.08, 0.05, 0.03, 0.04

# The assignment maximises the sum of (score - SCORE_FLOOR): without the floor two mediocre
# pairs (0.55 + 0.55) would outbid one exact pair (1.0) plus an unmatched target.
SCORE_FLOOR = 0.45

# A shorter key wholly inside a longer one (固定资产投资 in 区本级固定资产投资) counts as this
# similar, if it is at least MIN_CONTAINED characters and half the longer key's length.
CONTAINED_SIMILARITY = 0.9
MIN_CONTAINED = 4

# A key this short (投资, 产值, 增长) names no indicator by itself; such targets pair only when
# their clauses (CONTEXT_CHARS before the value) are as similar as keys must be.
GENERIC_KEY_LEN = 2
CONTEXT_CHARS = 40
# The innermost title in that context is lost when a lead sentence is split off into its own
# paragraph or a section is pasted out of numbering order; the same value, unit and comparator
# in a clause at least this long (digits removed) that reads the same is still the same target.
MIN_CLAUSE = 6

# Qualifiers that make two otherwise similar indicators different things: urban vs rural
# residents, imports vs exports, one industry vs another, a rise vs a fall.
_EXCLUSIVE: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("城镇",), ("农村", "农民")),
    (("进口",), ("出口",)),
    (("第一产业",), ("第二产业",), ("第三产业",)),
    (("国家级",), ("省级",), ("市级",), ("县级",)),
    (("增长", "提高", "增加", "上升"), ("下降", "降低", "减少", "削减")),
    (("增长", "增速", "增幅"), ("比重", "占比", "比例")),  # a growth rate vs a share
    (("登记",), ("调查",)),  # 城镇登记失业率 vs 城镇调查失业率: two different statistics
)

# A flow (新增企业 150家) and a stock (企业数 1100家) are different indicators.
_FLOW = "新增"

# Renamed statistics that successive reports use for one indicator: the 2013 household-survey
# reform replaced 农民人均纯收入 by 农村居民人均可支配收入. Used for matching only (longest first).
_EQUIVALENT: tuple[tuple[str, str], ...] = (
    ("农民人均纯收入", "农村居民人均可支配收入"),
    ("城镇人均可支配收入", "城镇居民人均可支配收入"),
    ("纯收入", "可支配收入"),
    ("农民", "农村居民"),
    ("常住居民", "居民"),
    ("分别", ""),  # "respectively": 城乡居民收入分别增长 names the same two indicators
)

# 城乡居民… is one figure for both 城镇居民… and 农村居民…, so it may pair with both halves.
_AGGREGATE, _PARTS = "城乡", ("城镇", "农村")

# Better direction of an indicator, when the wording says it. The value of a 下降/降低 indicator
# is a reduction (单位GDP能耗降低13.5%), so more is better there, before any ceiling word.
_REDUCTION_WORDS = ("下降", "降低", "减少", "削减", "压减", "减排")
_LOWER_IS_BETTER = (
    "失业率", "能耗", "排放", "PM2.5", "PM10", "浓度", "死亡率", "发生率", "事故", "赤字",
    "负债率", "债务率", "价格涨幅", "价格总水平", "CPI", "耗水", "耗地", "不良贷款率", "贫困",
)
_HIGHER_IS_BETTER = (
    "增长", "提高", "提升", "增加", "新增", "达到", "突破", "比重", "占比", "覆盖率", "普及率",
    "收入", "总值", "总额", "增加值", "产值", "投资", "营业收入", "利润", "人数", "率", "比例", "优良",
    "寿命", "年限", "人均", "拥有", "外资", "出口", "税收", "销售",
    # Task verbs of a work plan: building, finishing or attracting more is more ambitious.
    "新建", "建成", "建设", "完成", "实施", "推进", "改造", "培育", "引进", "招引", "开工", "创建", "打造",
)

# Units one indicator may switch between (a unit change, not a different indicator): rates,
# and counts of people or things. "" (no unit) belongs to both.
_UNIT_FAMILIES = (
    frozenset({"%", "个百分点", "倍", ""}),
    frozenset({"个", "人", "人次", "户", ""}),
)

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_NOT_KEY = re.compile(r"[\s,.;:()\[\]<>'\"、，。；：（）【】《》“”‘’·—-]+")


@dataclass(frozen=True, slots=True)
class _Side:
    """One document's targets with what the score needs, precomputed once."""

    doc: Document
    targets: tuple[Target, ...]
    forms: tuple[str, ...]  # the matching form of each key
    contexts: tuple[str, ...]  # for a generic key (投资, 产值): title + clause, digits removed
    clauses: tuple[str, ...]  # the same without the section title
    own_years: frozenset[int]
    length: int


def match_targets(
    a: Document,
    targets_a: tuple[Target, ...],
    b: Document,
    targets_b: tuple[Target, ...],
    sections: tuple[SectionPair, ...],
) -> tuple[TargetPair, ...]:
    """Pair A's targets with B's one to one; unmatched ones are removed (A) or added (B)."""
    side_a, side_b = _side(a, targets_a), _side(b, targets_b)
    scores = _pair_scores(side_a, side_b, sections)
    matched = _assign(scores, len(targets_a), len(targets_b))
    matched += _aggregate_pairs(side_a, side_b, scores, matched)
    pairs = [_compare_pair(side_a, i, side_b, j) for i, j in matched]
    used_a, used_b = {i for i, _ in matched}, {j for _, j in matched}
    pairs += [TargetPair(status=TargetStatus.REMOVED, a=t, b=None)
              for i, t in enumerate(targets_a) if i not in used_a]
    pairs += [TargetPair(status=TargetStatus.ADDED, a=None, b=t)
              for j, t in enumerate(targets_b) if j not in used_b]
    return _in_reading_order(pairs)


def _assign(scores: dict[tuple[int, int], float], n: int, m: int) -> list[tuple[int, int]]:
    """The optimal one-to-one pairs, solved per group of targets linked by possible pairs.

    Each target is assigned (gain score - SCORE_FLOOR, -1 for an impossible pair) and impossible
    pairs are dropped after: that is a maximum-weight matching over the possible pairs (weight
    score - SCORE_FLOOR + 1 > 0), whose optimum is the union of the optima of its connected
    groups. A report's targets form many small groups, so many small problems replace one
    n × m problem (the Python-level Hungarian steps grow with the group, not the document).
    """
    parent = list(range(n + m))  # union-find over rows 0..n-1 and columns n..n+m-1

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in scores:
        parent[root(i)] = root(n + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in sorted({i for i, _ in scores}):
        groups.setdefault(root(i), ([], []))[0].append(i)
    for j in sorted({j for _, j in scores}):
        groups.setdefault(root(n + j), ([], []))[1].append(j)
    # align's drop-in for scipy.optimize.linear_sum_assignment: same optimum, without the
    # 0.4 s import of scipy.optimize, which was 40% of a whole `docdiff check` run.
    from docdiff.align import linear_assignment

    from docdiff.target_candidates import EXACT_GROUP_CELLS, greedy_matching

    matched = []
    for group_rows, group_cols in groups.values():
        if len(group_rows) * len(group_cols) > EXACT_GROUP_CELLS:  # the matrix would not fit
            links = [(i, j) for (i, j) in scores if root(i) == root(group_rows[0])]
            matched += greedy_matching(links, [scores[p] - SCORE_FLOOR + 1 for p in links])
            continue
        gain = np.full((len(group_rows), len(group_cols)), -1.0)  # -1: an impossible pair
        for a, i in enumerate(group_rows):
            for b, j in enumerate(group_cols):
                if (i, j) in scores:
                    gain[a, b] = scores[i, j] - SCORE_FLOOR
        r, c = linear_assignment(gain, maximize=True)
        matched += [(group_rows[a], group_cols[b]) for a, b in zip(r.tolist(), c.tolist())
                    if (group_rows[a], group_cols[b]) in scores]
    return sorted(matched)


# --- scoring ---------------------------------------------------------------------------------


def _side(doc: Document, targets: tuple[Target, ...]) -> _Side:
    forms = tuple(match_form(t.key or t.indicator) for t in targets)
    return _Side(
        doc=doc,
        targets=targets,
        forms=forms,
        contexts=tuple(_context(doc, t) if len(f) <= GENERIC_KEY_LEN else "" for t, f in zip(targets, forms)),
        clauses=tuple(
            _context(doc, t, titled=False) if len(f) <= GENERIC_KEY_LEN else "" for t, f in zip(targets, forms)
        ),
        own_years=_own_years(doc, targets),
        length=max(len(doc.text), 1),
    )


def _context(doc: Document, t: Target, *, titled: bool = True) -> str:
    """The innermost section title (unless ``titled`` is false) and the clause a target stands in
    (up to CONTEXT_CHARS before it), without numbers: what tells one project's 投资 from
    another's when the key cannot."""
    start = max(0, t.span.start - CONTEXT_CHARS)
    before = doc.norm[start : t.span.start]
    cut = max(before.rfind(c) for c in "。;；\n")
    title = t.section.rsplit(" / ", 1)[-1] if titled else ""
    clause = fold_width(title) + before[cut + 1 :] + doc.norm[t.span.start : t.span.end]
    return _DIGITS.sub("", _NOT_KEY.sub("", clause))


def match_form(key: str) -> str:
    """The key as compared: width-folded, lower-case, no punctuation, renamed statistics folded."""
    form = _NOT_KEY.sub("", fold_width(key).lower())
    for old, new in _EQUIVALENT:
        form = form.replace(old, new)
    return form


def _own_years(doc: Document, targets: Sequence[Target]) -> frozenset[int]:
    """The years a target of ``doc`` can have for "this document's year": a report's year, a
    plan's end year; when ingest found neither, the year most of its targets are for."""
    years = {doc.meta.year} if doc.meta.year else set()
    if doc.meta.period:
        years.add(doc.meta.period[1])
    if not years:
        counts = Counter(t.year for t in targets if t.year is not None and t.status != "past")
        if counts:
            years.add(counts.most_common(1)[0][0])
    return frozenset(years)


def key_similarity(x: str, y: str) -> float:
    """Similarity (0..1) of two matching forms; a long enough contained key scores 0.9."""
    from rapidfuzz import fuzz

    if x == y:
        return 1.0
    x, y = _resolve_aggregate(x, y)
    if x == y:
        return 1.0
    sim = fuzz.ratio(x, y) / 100
    short, long_ = sorted((x, y), key=len)
    if len(short) >= MIN_CONTAINED and 2 * len(short) >= len(long_) and short in long_:
        sim = max(sim, CONTAINED_SIMILARITY)
    return sim


def _resolve_aggregate(x: str, y: str) -> tuple[str, str]:
    """Read 城乡 as the other key's 城镇 or 农村 when only one key is the aggregate."""
    if (_AGGREGATE in x) == (_AGGREGATE in y):
        return x, y
    agg, part = (x, y) if _AGGREGATE in x else (y, x)
    half = next((p for p in _PARTS if p in part), None)
    if half is None:
        return x, y
    agg = agg.replace(_AGGREGATE, half)
    return (agg, part) if _AGGREGATE in x else (part, agg)


def _exclusive(x: str, y: str) -> bool:
    """Whether the keys carry incompatible qualifiers (城镇 vs 农村, 新增 vs a stock, growth vs
    share) or different numbers."""
    if _DIGITS.findall(x) != _DIGITS.findall(y):
        return True  # PM2.5 vs PM10, 5G vs 4G
    # 增加值 (value added) is a noun, not a rise: keep it out of the rise-vs-fall test.
    x, y = x.replace("增加值", ""), y.replace("增加值", "")
    if (_FLOW in x) != (_FLOW in y):
        return True
    for group in _EXCLUSIVE:
        sides_x = {n for n, words in enumerate(group) if any(w in x for w in words)}
        sides_y = {n for n, words in enumerate(group) if any(w in y for w in words)}
        if sides_x and sides_y and not sides_x & sides_y:
            return True
    return False


def _pair_scores(side_a: _Side, side_b: _Side, sections: tuple[SectionPair, ...]) -> dict[tuple[int, int], float]:
    """Score in 0..1 of every (a, b) pair that could be the same target; the others are absent.

    Kept sparse: a 20 MB pair has ~27,000 × 14,000 target pairs, of which a few per target are
    possible, and a dense matrix of them took 3 GB.
    """
    scores: dict[tuple[int, int], float] = {}
    if not side_a.targets or not side_b.targets:
        return scores
    from rapidfuzz import fuzz

    aligned = [(p.a.span, p.b.span) for p in sections if p.a is not None and p.b is not None]
    flipped = [(pb, pa) for pa, pb in aligned]
    nest_a, nest_b = _nest(aligned), _nest(flipped)
    homes_a: dict[int, list[tuple[Span, Span]]] = {}
    homes_b: dict[int, list[tuple[Span, Span]]] = {}
    exclusive: dict[tuple[str, str], bool] = {}  # per pair of keys: a key recurs many times
    # Only the pairs whose keys are similar enough: a few per target, so the Python work below
    # grows with the matches, not with n × m.
    positions = ([t.span.start / side_a.length for t in side_a.targets],
                 [t.span.start / side_b.length for t in side_b.targets])
    for i, j, key_score in _similar_key_pairs(side_a.forms, side_b.forms, positions):
        ta, tb = side_a.targets[i], side_b.targets[j]
        if i not in homes_a:
            homes_a[i] = _home_pairs(ta, aligned, nest_a)
        if j not in homes_b:
            homes_b[j] = _home_pairs(tb, flipped, nest_b)
        s = key_score
        if side_a.contexts[i] or side_b.contexts[j]:
            ctx = fuzz.ratio(side_a.contexts[i], side_b.contexts[j]) / 100
            if ctx < MIN_KEY_SIMILARITY and _same_stated_quantity(ta, tb):
                # Titles differ, the figure is the same: let a long enough clause decide alone.
                ca, cb = side_a.clauses[i], side_b.clauses[j]
                if min(len(ca), len(cb)) >= MIN_CLAUSE:
                    ctx = fuzz.ratio(ca, cb) / 100
            s = min(s, ctx)
        if s < MIN_KEY_SIMILARITY or (ta.status == "past") != (tb.status == "past"):
            continue
        fa, fb = side_a.forms[i], side_b.forms[j]
        if fa != fb:
            if (fa, fb) not in exclusive:
                exclusive[fa, fb] = _exclusive(*_resolve_aggregate(fa, fb))
            if exclusive[fa, fb]:
                continue
        # Units tell a level (万元) from its growth (%) even where one side states no value
        # (居民人均可支配收入增长高于经济增长): compare them whenever both are known.
        if ta.unit and tb.unit and not _units_can_pair(ta.unit, tb.unit, same_key=fa == fb):
            continue
        # Seen from either side, so that swapping A and B gives the same score.
        section = max(_section_evidence(homes_a[i], tb), _section_evidence(homes_b[j], ta))
        value = float(same_quantity(ta.value, ta.unit, tb.value, tb.unit)
                      and _same_high(ta, tb))
        year = float(_same_year(ta, side_a, tb, side_b))
        comparator = float(ta.comparator == tb.comparator)
        # Strictly convex in the distance, so crossing pairs of look-alike targets never tie
        # with parallel ones (|1| + |1| == |2| + |0| would, and make A↔B asymmetric).
        d = abs(ta.span.start / side_a.length - tb.span.start / side_b.length)
        position = 1 - (d + d * d) / 2
        scores[i, j] = (W_KEY * s + W_SECTION * section + W_VALUE * value + W_YEAR * year
                        + W_COMPARATOR * comparator + W_POSITION * position)
    return scores


def _same_stated_quantity(ta: Target, tb: Target) -> bool:
    """Both state a value, and it is the same quantity under the same comparator."""
    return (ta.value is not None and tb.value is not None and ta.comparator == tb.comparator
            and same_quantity(ta.value, ta.unit, tb.value, tb.unit))


def _units_can_pair(unit_a: str, unit_b: str, *, same_key: bool) -> bool:
    """Same dimension; or, for one key, a unit change within a family (7% → 7个百分点).

    Across families (亿元 vs %) two targets are a level and its growth, or noise from a generic
    key such as 投资, never one indicator with a new unit.
    """
    base_a, base_b = parse_unit(unit_a).base, parse_unit(unit_b).base
    if base_a == base_b:
        return True
    return same_key and any(base_a in family and base_b in family for family in _UNIT_FAMILIES)


def _similar_key_pairs(forms_a: tuple[str, ...], forms_b: tuple[str, ...],
                       positions: tuple[list[float], list[float]] | None = None) -> list[tuple[int, int, float]]:
    """(i, j, key_similarity) of the pairs of targets whose keys reach MIN_KEY_SIMILARITY, in
    row-major order; rapidfuzz's cdist screens out the hopeless pairs fast. With many targets
    (``target_candidates``): keys screened through a bigram index, and a key's targets paired
    with the other side's nearest ones only (needs ``positions``, relative, per target)."""
    from rapidfuzz import fuzz, process

    from docdiff.target_candidates import DENSE_KEY_CELLS, candidate_key_pairs, nearest_pairs

    # A key recurs (the same indicator in prose and tables, or yearly): score each distinct
    # form once, so the cost follows the vocabulary of indicators, not targets × targets.
    rows_of: dict[str, list[int]] = {}
    cols_of: dict[str, list[int]] = {}
    for i, f in enumerate(forms_a):
        rows_of.setdefault(f, []).append(i)
    for j, f in enumerate(forms_b):
        cols_of.setdefault(f, []).append(j)
    uniq_a, uniq_b = list(rows_of), list(cols_of)
    # partial_ratio is at least ratio and is 1 for containment; with a wide margin (for the
    # 城乡 reading) it screens out pairs that cannot reach the threshold before the per-pair work.
    if len(uniq_a) * len(uniq_b) > DENSE_KEY_CELLS:
        screened = zip(*(idx.tolist() for idx in candidate_key_pairs(uniq_a, uniq_b)))
    else:
        bound = process.cdist(uniq_a, uniq_b, scorer=fuzz.partial_ratio, dtype=np.float64) / 100
        screened = zip(*(idx.tolist() for idx in np.nonzero(bound >= MIN_KEY_SIMILARITY - 0.35)))
    similar: dict[int, list[tuple[int, float]]] = {}
    for ua, ub in screened:
        sim = key_similarity(uniq_a[ua], uniq_b[ub])
        if sim >= MIN_KEY_SIMILARITY:
            similar.setdefault(ua, []).append((ub, sim))
    pairs = []
    for ua, matches in similar.items():
        rows = rows_of[uniq_a[ua]]
        for ub, sim in matches:
            cols = cols_of[uniq_b[ub]]
            if positions is None:
                pairs += [(i, j, sim) for i in rows for j in cols]
            else:
                pairs += [(i, j, sim) for i, j in nearest_pairs(rows, cols, *positions)]
    return sorted(pairs)


def _nest(aligned: list[tuple[Span, Span]]) -> NestedRanges:
    return NestedRanges([(pa.start, pa.end, k) for k, (pa, _) in enumerate(aligned)])


def _home_pairs(t: Target, aligned: list[tuple[Span, Span]], nest: NestedRanges) -> list[tuple[Span, Span]]:
    """The aligned section pairs whose first side holds ``t``, deepest (shortest) first."""
    return [aligned[k] for _, _, k in nest.holding(t.span.start, t.span.start + 1)]


def _section_evidence(home: list[tuple[Span, Span]], tb: Target) -> float:
    """1 when the other target lies in the other side of the deepest aligned section holding
    this one, 0.5 when it lies in an ancestor's."""
    for n, (_, pb) in enumerate(home):
        if pb.start <= tb.span.start < pb.end:
            return 1.0 if n == 0 else 0.5
    return 0.0


def _same_high(ta: Target, tb: Target) -> bool:
    if ta.value_high is None and tb.value_high is None:
        return True
    return same_quantity(ta.value_high, ta.unit, tb.value_high, tb.unit)


def _same_year(ta: Target, side_a: _Side, tb: Target, side_b: _Side) -> bool:
    """Same calendar year, or each its own document's year (今年 in two successive reports).

    An unknown year on either side is not counted as a change: nothing can be said about it.
    """
    if ta.year is None or tb.year is None or ta.year == tb.year:
        return True
    return ta.year in side_a.own_years and tb.year in side_b.own_years


# --- the 城乡 aggregate ----------------------------------------------------------------------


def _aggregate_pairs(
    side_a: _Side, side_b: _Side, scores: dict[tuple[int, int], float], matched: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Extra pairs for an unmatched 城镇…/农村… target whose 城乡… counterpart is already
    paired with the other half: "城乡居民收入增长18%" answers both halves of the other side."""
    def is_half(form: str) -> bool:
        return _AGGREGATE not in form and any(p in form for p in _PARTS)

    extra: list[tuple[int, int]] = []
    partner_of_a = dict(matched)
    partner_of_b = {j: i for i, j in matched}
    for j in range(len(side_b.targets)):  # an unmatched half in B, the aggregate in A
        if j in partner_of_b or not is_half(side_b.forms[j]):
            continue
        cands = [i for i, k in partner_of_a.items() if _AGGREGATE in side_a.forms[i]
                 and is_half(side_b.forms[k]) and (i, j) in scores]
        if cands:
            extra.append((max(cands, key=lambda i: scores[i, j]), j))
    for i in range(len(side_a.targets)):  # an unmatched half in A, the aggregate in B
        if i in partner_of_a or not is_half(side_a.forms[i]):
            continue
        cands = [j for j, k in partner_of_b.items() if _AGGREGATE in side_b.forms[j]
                 and is_half(side_a.forms[k]) and (i, j) in scores]
        if cands:
            extra.append((i, max(cands, key=lambda j: scores[i, j])))
    return extra


# --- comparing a matched pair ----------------------------------------------------------------


def _compare_pair(side_a: _Side, i: int, side_b: _Side, j: int) -> TargetPair:
    ta, tb = side_a.targets[i], side_b.targets[j]
    # Without a number on one side (完成上级下达指标) the unit says nothing: only the value changed.
    same_dim = ta.value is None or tb.value is None or parse_unit(ta.unit).base == parse_unit(tb.unit).base
    changes: list[str] = []
    if same_dim:
        value_same = same_quantity(ta.value, ta.unit, tb.value, tb.unit) and _same_high(ta, tb)
    else:
        value_same = ta.value == tb.value and ta.value_high == tb.value_high
    if not value_same:
        changes.append("value")
    if not same_dim:
        changes.append("unit")
    if ta.comparator != tb.comparator:
        changes.append("comparator")
    if not _same_year(ta, side_a, tb, side_b):
        changes.append("year")
    if ta.period != tb.period:
        changes.append("period")
    # The contract gives a direction only where the better direction is known or inferable:
    # "raised" means something to a reader only when it is clear whether that is ambitious.
    better = better_direction(tb) or better_direction(ta)
    direction = _direction(ta, tb) if "value" in changes and same_dim and better else None
    ambition = None
    if direction is not None:
        ambition = "stricter" if (direction == "raised") == (better == "higher") else "looser"
    return TargetPair(
        status=TargetStatus.CHANGED if changes else TargetStatus.SHARED,
        a=ta,
        b=tb,
        changes=tuple(changes),
        direction=direction,
        ambition=ambition,
    )


def _midpoint(t: Target) -> float | None:
    if t.value is None:
        return None
    return t.value if t.value_high is None else (t.value + t.value_high) / 2


def _direction(ta: Target, tb: Target) -> str | None:
    """raised / lowered by value (a range by its midpoint), compared in B's unit."""
    mid_a, mid_b = _midpoint(ta), _midpoint(tb)
    if mid_a is None or mid_b is None:
        return None
    a_in_b = convert(mid_a, ta.unit, tb.unit)
    if a_in_b is None or same_quantity(a_in_b, tb.unit, mid_b, tb.unit):
        return None
    return "raised" if mid_b > a_in_b else "lowered"


def better_direction(t: Target) -> str | None:
    """'higher' or 'lower' when the target's wording says which way is more ambitious, else None.

    单位GDP能耗降低13.5% → higher (a bigger cut); 失业率控制在5%以内 → lower (a ceiling);
    生产总值增长7% → higher.
    """
    key = fold_width(t.key or t.indicator).upper()
    if any(w in key for w in _REDUCTION_WORDS):
        return "higher"
    if t.comparator == Comparator.LE or any(w.upper() in key for w in _LOWER_IS_BETTER):
        return "lower"
    if t.comparator == Comparator.GE or any(w in key for w in _HIGHER_IS_BETTER):
        return "higher"
    return None


def _in_reading_order(pairs: list[TargetPair]) -> tuple[TargetPair, ...]:
    """Pairs in A's order; an added target goes after the last pair that precedes it in B."""
    with_a = sorted((p for p in pairs if p.a is not None), key=lambda p: (p.a.span.start, _b_start(p)))
    added = sorted((p for p in pairs if p.a is None), key=_b_start)
    # The pair an added target follows is the last one in A's order whose B side starts no later
    # than it (-1: none): bisect over B starts with a running maximum of positions, not a scan
    # of the whole list per added target. Added targets after the same pair keep B's order.
    by_b = sorted((p.b.span.start, n) for n, p in enumerate(with_a) if p.b is not None)
    b_starts = [start for start, _ in by_b]
    last_at = list(itertools.accumulate((n for _, n in by_b), max))
    after: dict[int, list[TargetPair]] = defaultdict(list)
    for p in added:
        k = bisect.bisect_right(b_starts, p.b.span.start)
        after[last_at[k - 1] if k else -1].append(p)
    out = list(after[-1])
    for n, p in enumerate(with_a):
        out.append(p)
        out.extend(after.get(n, ()))
    return tuple(out)


def _b_start(p: TargetPair) -> int:
    return p.b.span.start if p.b is not None else -1
