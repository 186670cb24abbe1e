"""Target diff: the targets of A and of B → one-to-one TargetPairs (shared/changed/added/removed).

Pairs are chosen by an optimal assignment (scipy's ``linear_sum_assignment``, via align's drop-in,
solved per group of targets linked by possible pairs) over a score built from indicator
similarity (RapidFuzz on the folded key), unit dimension, year, value and the aligned sections;
a matched pair is then compared field by field (values as quantities, via ``docdiff.comparison.quantity``)
and, for a value change, labelled raised/lowered and stricter/looser.

Rule for numpy: a matrix (distinct keys a × b for the screen, targets a × b for one group's
assignment) is handled with numpy (rapidfuzz's cdist, ``linear_assignment``) when numpy is
already imported or it has more than PURE_MAX_CELLS cells, else in pure Python (per-pair
rapidfuzz scores, ``hungarian_lists``): both give the same pairs, so only speed depends on it
(``benchmarks/pure_python_crossover.py``: below the threshold the loop costs less than the import).
"""
from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

from msgspec import Struct

from docdiff.chinese import fold_width
from docdiff.comparison import matrix_path
from docdiff.comparison.quantity import parse_unit, same_quantity
from docdiff.comparison.renamed import renamed_pairs
from docdiff.comparison.restatements import unmatched_statements
from docdiff.comparison.target_direction import better_direction, value_direction
from docdiff.comparison.target_homes import Homes, home_pairs, nest_of, section_evidence
from docdiff.comparison.target_keys import (
    AGGREGATE,
    DIGITS,
    MIN_KEY_SIMILARITY,
    NOT_KEY,
    PARTS,
    exclusive,
    key_similarity,
    match_form,
    resolve_aggregate,
)
from docdiff.model import Document, SectionPair, Span, Target, TargetPair, TargetStatus

# Weights of the evidence in a pair's score; the key dominates, the rest break ties between
# several candidates for the same indicator (a target stated in prose and again in a table).
W_KEY, W_SECTION, W_VALUE, W_YEAR, W_COMPARATOR, W_POSITION = 0.70, 0.10, 0.08, 0.05, 0.03, 0.04

# The assignment maximises the sum of (score - SCORE_FLOOR): without the floor two mediocre
# pairs (0.55 + 0.55) would outbid one exact pair (1.0) plus an unmatched target.
SCORE_FLOOR = 0.45

# A key this short (投资, 产值, 增长) names no indicator by itself; such targets pair only when
# their clauses (CONTEXT_CHARS before the value) are as similar as keys must be.
GENERIC_KEY_LEN = 2
CONTEXT_CHARS = 40
# The innermost title in that context is lost when a lead sentence is split off into its own
# paragraph or a section is pasted out of numbering order; the same value, unit and comparator
# in a clause at least this long (digits removed) that reads the same is still the same target.
MIN_CLAUSE = 6

# Units one indicator may switch between (a unit change, not a different indicator): rates,
# and counts of people or things. "" (no unit) belongs to both.
# See the module docstring: matrices up to this many cells are handled without numpy.
PURE_MAX_CELLS = 40_000

_UNIT_FAMILIES = (
    frozenset({"%", "个百分点", "倍", ""}),
    frozenset({"个", "人", "人次", "户", ""}),
)

class _Side(Struct, frozen=True):
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
    """Pair A's targets with B's one to one; unmatched ones are removed (A) or added (B).

    A target a document restates (the goal list, then "今年预期目标设定为6%以上" explained again)
    is one target: a statement left unmatched that restates another of its side is not reported.
    """
    forms: dict[str, str] = {}  # the form of each key, shared: two versions mostly repeat their keys
    side_a, side_b = _side(a, targets_a, forms), _side(b, targets_b, forms)
    scores = _pair_scores(side_a, side_b, sections)
    matched = _assign(scores, len(targets_a), len(targets_b))
    matched += _aggregate_pairs(side_a, side_b, scores, matched)
    matched += _renamed(side_a, side_b, sections, matched)
    pairs = [_compare_pair(side_a, i, side_b, j) for i, j in matched]
    used_a, used_b = {i for i, _ in matched}, {j for _, j in matched}
    pairs += [TargetPair(status=TargetStatus.REMOVED, a=t, b=None)
              for t in unmatched_statements(targets_a, used_a)]
    pairs += [TargetPair(status=TargetStatus.ADDED, a=None, b=t)
              for t in unmatched_statements(targets_b, used_b)]
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

    # A pair whose two targets have no other link is a group of its own (most pairs are): the
    # solver's answer is that pair, so it skips the union-find.
    links_of_row, links_of_col = Counter(i for i, _ in scores), Counter(j for _, j in scores)
    alone = [links_of_row[i] == 1 == links_of_col[j] for i, j in scores]
    matched = [p for p, single in zip(scores, alone) if single]
    linked = [p for p, single in zip(scores, alone) if not single]
    for i, j in linked:
        parent[root(i)] = root(n + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in sorted({i for i, _ in linked}):
        groups.setdefault(root(i), ([], []))[0].append(i)
    for j in sorted({j for _, j in linked}):
        groups.setdefault(root(n + j), ([], []))[1].append(j)
    # A drop-in for scipy.optimize.linear_sum_assignment: same optimum, without the 0.4 s
    # import of scipy.optimize, which was 40% of a whole `docdiff check` run.
    from docdiff.comparison.hungarian import linear_assignment, linear_assignment_lists
    from docdiff.comparison.target_candidates import EXACT_GROUP_CELLS, greedy_matching

    for group_rows, group_cols in groups.values():
        if len(group_rows) * len(group_cols) > EXACT_GROUP_CELLS:  # the matrix would not fit
            links = [(i, j) for (i, j) in linked if root(i) == root(group_rows[0])]
            matched += greedy_matching(links, [scores[p] - SCORE_FLOOR + 1 for p in links])
            continue
        if len(group_rows) == 1 or len(group_cols) == 1:
            # One target on a side (most groups): the solver's answer is the other side's best
            # partner for it, the first on ties — found without building a problem.
            star = [(i, j) for i in group_rows for j in group_cols]  # (all linked, ascending)
            matched.append(max(star, key=lambda p: scores[p] - SCORE_FLOOR))
            continue
        # -1: an impossible pair
        gain = [[scores[i, j] - SCORE_FLOOR if (i, j) in scores else -1.0 for j in group_cols] for i in group_rows]
        if matrix_path.lists_for(len(group_rows) * len(group_cols), PURE_MAX_CELLS):
            chosen = linear_assignment_lists(gain, len(group_cols), maximize=True)
        else:
            import numpy as np

            r, c = linear_assignment(np.array(gain, dtype=np.float64).reshape(len(group_rows), len(group_cols)),
                                     maximize=True)
            chosen = list(zip(r.tolist(), c.tolist()))
        matched += [(group_rows[a], group_cols[b]) for a, b in chosen if (group_rows[a], group_cols[b]) in scores]
    return sorted(matched)


# --- scoring ---------------------------------------------------------------------------------


def _side(doc: Document, targets: tuple[Target, ...], form_of: dict[str, str]) -> _Side:
    forms = tuple(_form(t.key or t.indicator, form_of) for t in targets)
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


def _form(key: str, form_of: dict[str, str]) -> str:
    """``match_form(key)``, remembered in ``form_of`` (match_form's own cache is bounded)."""
    form = form_of.get(key)
    if form is None:
        form = form_of[key] = match_form(key)
    return form


def _context(doc: Document, t: Target, *, titled: bool = True) -> str:
    """The innermost section title (unless ``titled`` is false) and the clause a target stands in
    (up to CONTEXT_CHARS before it), without numbers: what tells one project's 投资 from
    another's when the key cannot."""
    start = max(0, t.span.start - CONTEXT_CHARS)
    before = doc.norm[start : t.span.start]
    cut = max(before.rfind(c) for c in "。;；\n")
    title = t.section.rsplit(" / ", 1)[-1] if titled else ""
    clause = fold_width(title) + before[cut + 1 :] + doc.norm[t.span.start : t.span.end]
    return DIGITS.sub("", NOT_KEY.sub("", clause))


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
    homes_a, homes_b = Homes(aligned), Homes([(pb, pa) for pa, pb in aligned])
    excluded: dict[tuple[str, str], bool] = {}  # per pair of keys: a key recurs many times
    # When both documents have a goal list (headline targets), a headline target pairs only with
    # a headline target: the same indicator in a task paragraph is another statement.
    tiered = any(t.tier == "headline" for t in side_a.targets) and any(t.tier == "headline" for t in side_b.targets)
    # Only the pairs whose keys are similar enough: a few per target, so the Python work below
    # grows with the matches, not with n × m.
    positions = ([t.span.start / side_a.length for t in side_a.targets],
                 [t.span.start / side_b.length for t in side_b.targets])
    targets_a, targets_b, forms_a, forms_b = side_a.targets, side_b.targets, side_a.forms, side_b.forms
    contexts_a, contexts_b = side_a.contexts, side_b.contexts
    pos_a, pos_b = positions
    # Per target, not per pair: a target recurs in many pairs when its sentence repeats.
    home_of_a, home_of_b = [homes_a.of(t) for t in targets_a], [homes_b.of(t) for t in targets_b]
    same_value: dict[tuple[float | None, str, float | None, str], bool] = {}  # by value and unit a side
    for i, j, key_score in _similar_key_pairs(forms_a, forms_b, positions):
        ta, tb = targets_a[i], targets_b[j]
        s = key_score
        if contexts_a[i] or contexts_b[j]:
            ctx = fuzz.ratio(contexts_a[i], contexts_b[j]) / 100
            if ctx < MIN_KEY_SIMILARITY and _same_stated_quantity(ta, tb):
                # Titles differ, the figure is the same: let a long enough clause decide alone.
                ca, cb = side_a.clauses[i], side_b.clauses[j]
                if min(len(ca), len(cb)) >= MIN_CLAUSE:
                    ctx = fuzz.ratio(ca, cb) / 100
            s = min(s, ctx)
        if s < MIN_KEY_SIMILARITY or (ta.status == "past") != (tb.status == "past"):
            continue
        if tiered and ta.tier != tb.tier:
            continue  # a goal list's target is not a task paragraph's mention (both lists exist)
        fa, fb = forms_a[i], forms_b[j]
        if fa != fb:
            if (fa, fb) not in excluded:
                excluded[fa, fb] = exclusive(*resolve_aggregate(fa, fb))
            if excluded[fa, fb]:
                continue
        # Units tell a level (万元) from its growth (%) even where one side states no value
        # (居民人均可支配收入增长高于经济增长): compare them whenever both are known.
        if ta.unit and tb.unit and not _units_can_pair(ta.unit, tb.unit, same_key=fa == fb):
            continue
        # Seen from either side, so that swapping A and B gives the same score.
        section = max(section_evidence(home_of_a[i], tb), section_evidence(home_of_b[j], ta))
        stated = (ta.value, ta.unit, tb.value, tb.unit)
        same = same_value.get(stated)
        if same is None:
            same = same_value[stated] = same_quantity(*stated)
        value = float(same and _same_high(ta, tb))
        year = float(_same_year(ta, side_a, tb, side_b))
        comparator = float(ta.comparator == tb.comparator)
        # Strictly convex in the distance, so crossing pairs of look-alike targets never tie
        # with parallel ones (|1| + |1| == |2| + |0| would, and make A↔B asymmetric).
        d = abs(pos_a[i] - pos_b[j])  # (the relative positions: span.start / length)
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

    from docdiff.comparison.target_candidates import (
        ALL_PAIRS_CELLS,
        DENSE_KEY_CELLS,
        candidate_key_pairs,
        nearest_pairs,
    )

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
    screen = MIN_KEY_SIMILARITY - 0.35
    # rapidfuzz gives up on a pair once it cannot reach this (scoring it 0): a hair below the
    # screen, so every score that passes is the one computed without it.
    cutoff = 100 * screen - 0.001
    if len(uniq_a) * len(uniq_b) > DENSE_KEY_CELLS:
        screened = zip(*(idx.tolist() for idx in candidate_key_pairs(uniq_a, uniq_b)))
    elif matrix_path.lists_for(len(uniq_a) * len(uniq_b), PURE_MAX_CELLS):  # pair by pair
        screened = ((ua, ub) for ua, ka in enumerate(uniq_a) for ub, kb in enumerate(uniq_b)
                    if fuzz.partial_ratio(ka, kb, score_cutoff=cutoff) / 100 >= screen)
    else:
        import numpy as np

        bound = process.cdist(uniq_a, uniq_b, scorer=fuzz.partial_ratio, dtype=np.float64, score_cutoff=cutoff) / 100
        screened = zip(*(idx.tolist() for idx in np.nonzero(bound >= screen)))
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
            if len(rows) == 1 == len(cols):
                pairs.append((rows[0], cols[0], sim))  # (most keys: one target a side)
            elif positions is None or len(rows) * len(cols) <= ALL_PAIRS_CELLS:  # (as nearest_pairs would)
                pairs += [(i, j, sim) for i in rows for j in cols]
            else:
                pairs += [(i, j, sim) for i, j in nearest_pairs(rows, cols, *positions)]
    return sorted(pairs)


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


def _renamed(side_a: _Side, side_b: _Side, sections: tuple[SectionPair, ...],
             matched: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs of targets left unmatched that are one indicator renamed (see ``renamed``)."""
    used_a, used_b = {i for i, _ in matched}, {j for _, j in matched}
    unmatched_a = [i for i in range(len(side_a.targets)) if i not in used_a]
    unmatched_b = [j for j in range(len(side_b.targets)) if j not in used_b]
    if not unmatched_a or not unmatched_b:
        return []
    aligned = [(p.a.span, p.b.span) for p in sections if p.a is not None and p.b is not None]
    flipped = [(pb, pa) for pa, pb in aligned]
    nest_a, nest_b = nest_of(aligned), nest_of(flipped)

    def home_a(t: Target) -> tuple[Span, Span] | None:
        return next(iter(home_pairs(t, aligned, nest_a)), None)

    def home_b(t: Target) -> tuple[Span, Span] | None:
        return next(iter(home_pairs(t, flipped, nest_b)), None)

    return renamed_pairs(side_a.targets, unmatched_a, side_b.targets, unmatched_b, home_a, home_b)


# --- the 城乡 aggregate ----------------------------------------------------------------------


def _aggregate_pairs(
    side_a: _Side, side_b: _Side, scores: dict[tuple[int, int], float], matched: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Extra pairs for an unmatched 城镇…/农村… target whose 城乡… counterpart is already
    paired with the other half: "城乡居民收入增长18%" answers both halves of the other side."""
    def is_half(form: str) -> bool:
        return AGGREGATE not in form and any(p in form for p in PARTS)

    extra: list[tuple[int, int]] = []
    partner_of_a = dict(matched)
    partner_of_b = {j: i for i, j in matched}
    for j in range(len(side_b.targets)):  # an unmatched half in B, the aggregate in A
        if j in partner_of_b or not is_half(side_b.forms[j]):
            continue
        cands = [i for i, k in partner_of_a.items() if AGGREGATE in side_a.forms[i]
                 and is_half(side_b.forms[k]) and (i, j) in scores]
        if cands:
            extra.append((max(cands, key=lambda i: scores[i, j]), j))
    for i in range(len(side_a.targets)):  # an unmatched half in A, the aggregate in B
        if i in partner_of_a or not is_half(side_a.forms[i]):
            continue
        cands = [j for j, k in partner_of_b.items() if AGGREGATE in side_b.forms[j]
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
    # period (point / annual / cumulative) is docdiff's own reading, never the document's
    # wording: on its own it changes nothing (equal value, unit, comparator and year is shared).
    # The contract gives a direction only where the better direction is known or inferable:
    # "raised" means something to a reader only when it is clear whether that is ambitious.
    # (Asked only for a value change in one dimension: most pairs are shared.)
    better = (better_direction(tb) or better_direction(ta)) if "value" in changes and same_dim else None
    direction = value_direction(ta, tb) if better else None
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
