"""The short cuts of target extraction and matching give what the long way gives."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.comparison.hungarian import linear_assignment_lists
from docdiff.comparison.targetdiff import SCORE_FLOOR, _assign
from docdiff.targets import numbers
from docdiff.targets.keys import _fold_key, _variant_finder, load_rules


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.5, 0.6, 0.6, 0.7, 0.9, 1.0]), min_size=1, max_size=6), st.booleans())
def test_a_star_group_gets_the_solvers_pair(gains: list[float], one_row: bool) -> None:
    # one target on one side linked to k on the other: the first best, as the solver picks it
    links = [(0, j) for j in range(len(gains))] if one_row else [(i, 0) for i in range(len(gains))]
    scores = dict(zip(links, gains))
    n, m = (1, len(gains)) if one_row else (len(gains), 1)
    matrix = [[scores[i, j] - SCORE_FLOOR for j in range(m)] for i in range(n)]
    assert _assign(scores, n, m) == linear_assignment_lists(matrix, m, maximize=True)


def _fold_by_every_rule(indicator: str) -> str:
    """fold_key's rule loop without the finder's short cut."""
    from docdiff.chinese import fold_width
    from docdiff.targets.keys import _BRACKET_RE, _DROP_RE

    rules = load_rules(None)
    key = _DROP_RE.sub("", fold_width(indicator)).replace("（", "(").replace("）", ")")
    for _ in range(8):
        folded = _BRACKET_RE.sub("", key)
        for variant, canonical in rules:
            if variant in folded and variant != canonical:
                folded = folded.replace(variant, canonical)
        if folded == key:
            break
        key = folded
    return key


def test_fold_key_short_cut_changes_no_key() -> None:
    rng = random.Random(5)
    pieces = [v for v, _ in load_rules(None)] + ["地区", "增长", "(GDP)", "收入", "人均", "比重", "率"]
    for _ in range(2000):
        indicator = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4)))
        assert _fold_key.__wrapped__(indicator, None) == _fold_by_every_rule(indicator)
    assert _variant_finder(None).search("国内生产总值增长") is not None  # a shipped variant

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,百千万亿十分之[]%‰-—至到两一二三零年元个项 X", max_size=24))
def test_next_quantity_is_the_full_search(text: str) -> None:
    for at in range(len(text) + 1):
        fast, full = numbers._next_quantity(text, at), numbers._QTY_RE.search(text, at)
        assert (fast and (fast.span(), fast.groupdict())) == (full and (full.span(), full.groupdict()))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”《》「」ab1", max_size=30))
def test_quote_depth_is_the_char_by_char_count(text: str) -> None:
    from docdiff.targets.candidates import _quote_depth

    depth, expected = 0, []
    for ch in text:  # the loop it replaces
        if ch in "“《「":
            depth += 1
        expected.append(depth)
        if ch in "”》」" and depth:
            depth -= 1
    assert _quote_depth(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789一二两十百千万亿零翻番双倍增了Xx×*增长收入", max_size=20))
def test_prefilter_first_character_is_only_a_short_cut(text: str) -> None:
    from docdiff.targets.prefilter import _MAY_HOLD_RE, may_hold_target

    assert may_hold_target(text) == (_MAY_HOLD_RE.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="不低于少至多最高超过突破大跃上控制在到小约节签近接将以上及内下左右约", max_size=4),
       st.text(alphabet="以上及内下左右约5", max_size=3))
def test_comparator_lookup_is_the_scan_in_order(before: str, after: str) -> None:
    from docdiff.model import Comparator
    from docdiff.targets.rules import PREFIX_COMPARATORS, SUFFIX_COMPARATORS, comparator_for

    expected = next((c for w, c in SUFFIX_COMPARATORS if after.startswith(w)), None)
    if expected is None:
        expected = next((c for w, c in PREFIX_COMPARATORS if before.endswith(w)
                         and not (w == "约" and before[-2:-1] in ("节", "制", "签", "合", "预"))), Comparator.EQ)
    assert comparator_for(before, after) == expected


def test_top_keys_picked_per_row_as_the_row_loop_did() -> None:
    import numpy as np

    from docdiff.comparison import target_candidates as tc

    rng = random.Random(7)
    alphabet = "地区生产总值增长收入投资新增就业人数率比重0123456789"
    uniq_a = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randrange(3, 12))) for _ in range(400)})
    uniq_b = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randrange(3, 12))) for _ in range(400)})
    got = set(zip(*(x.tolist() for x in tc.candidate_key_pairs(uniq_a, uniq_b))))
    # the loop it replaces: per key of A, its TOP_KEYS best keys of B by shared rare bigrams
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}

    def matrix(keys: list[str]) -> csr_matrix:
        indptr, ids = [0], []
        for k in keys:
            ids.extend(sorted({vocab.setdefault(k[p : p + 2], len(vocab)) for p in range(max(1, len(k) - 1))}))
            indptr.append(len(ids))
        return csr_matrix((np.ones(len(ids), dtype=np.float32), np.array(ids, dtype=np.int64), indptr))

    ma, mb = matrix(uniq_a), matrix(uniq_b)
    ma.resize(ma.shape[0], len(vocab))
    mb.resize(mb.shape[0], len(vocab))
    keep = np.bincount(mb.indices, minlength=len(vocab)) <= tc.POSTING_CAP
    for m in (ma, mb):
        m.data = m.data * keep[m.indices]
        m.eliminate_zeros()
    shared = (ma @ mb.T).tocsr()
    expected = {(i, uniq_b.index(k)) for i, k in enumerate(uniq_a) if k in uniq_b}
    wide = 0
    for i in range(shared.shape[0]):
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        c = shared.indices[lo:hi]
        if hi - lo > tc.TOP_KEYS:
            wide += 1
            c = c[np.argpartition(-shared.data[lo:hi], tc.TOP_KEYS)[: tc.TOP_KEYS]]
        expected |= {(i, int(j)) for j in c}
    assert wide > 0 and got == expected


def test_deadlines_skip_base_years_as_the_sliced_test_did() -> None:
    from docdiff.targets.context import BASE_YEAR_BEFORE
    from docdiff.targets.sentences import _deadlines

    rng = random.Random(1)
    pieces = ["2020", "2025", "二〇二五", "年", "以来", "末", "底比", "相比", "比", "较", "截至", "与", "今年",
              "年内", "5", "前", "全年", "X"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9)))
        years = {pos for pos, _ in _deadlines(text, None)}
        for pos in range(len(text)):  # a year written here is kept unless a base-year word is around it
            if text.startswith(("2020", "2025"), pos) and text[pos + 4 : pos + 5] == "年":
                based = text[max(0, pos - 3) : pos].endswith(BASE_YEAR_BEFORE) or text[pos + 5 : pos + 8].startswith(
                    ("以来", "末", "底比", "相比"))
                assert (pos in years) != based, text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["到", "至", "将", "我市将", "进一步", "加快", "、", "和", "以及", "生产", "总值", "2025年"]),
                min_size=1, max_size=5).map("".join))
def test_leading_filler_match_is_the_longest_that_leaves_something(text: str) -> None:
    from docdiff.targets.rules import _LEADING_FILLER_RE, LEADING_FILLERS

    lo, hi = 0, len(text)
    longest = max((len(w) for w in LEADING_FILLERS if text.startswith(w) and len(w) < hi - lo), default=0)
    m = _LEADING_FILLER_RE.match(text, lo, hi - 1)
    assert (m.end() if m else 0) == longest


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=8), st.lists(st.integers(0, 95), max_size=20))
def test_homes_by_stretch_are_the_homes_of_each_target(ranges: list[tuple[int, int]], places: list[int]) -> None:
    from docdiff.comparison.target_homes import Homes, home_pairs, nest_of
    from docdiff.model import Comparator, Period, Span, Target

    # sections that nest or are disjoint: each range either inside the previous one or after it
    spans: list[Span] = []
    for start, length in ranges:
        prev = spans[-1] if spans else None
        if prev is not None and prev.start <= start < prev.end:
            spans.append(Span(start, min(prev.end, start + length)))
        elif prev is None or start >= prev.end:
            spans.append(Span(start, start + length))
    aligned = [(s, Span(s.start + 1, s.end + 1)) for s in spans]
    homes, nest = Homes(aligned), nest_of(aligned)
    for x in places:
        t = Target(id="t", indicator="x", key="x", value=1.0, value_high=None, unit="%", comparator=Comparator.EQ,
                   year=None, period=Period.POINT, text="1%", span=Span(x, x + 2), line=1, section="")
        assert homes.of(t) == home_pairs(t, aligned, nest)


def test_targets_and_their_pairs_are_left_to_reference_counting() -> None:
    # gc=False: hundreds of thousands of them (one line of 200,000 target sentences) are not
    # walked by every collection; none can hold a cycle (scalars, enums, a Span, targets).
    import gc

    from docdiff.model import Comparator, DiffOp, OpKind, Period, Span, Target, TargetPair, TargetStatus
    from docdiff.targets.drafts import Draft

    t = Target(id="t1", indicator="x", key="x", value=1.0, value_high=None, unit="%", comparator=Comparator.EQ,
               year=2025, period=Period.POINT, text="1%", span=Span(0, 2), line=1, section="")
    pair = TargetPair(status=TargetStatus.SHARED, a=t, b=t, changes=("value",))
    draft = Draft(indicator="x", value=None, value_high=None, unit="", comparator=Comparator.EQ, start=0, end=1)
    assert not any(map(gc.is_tracked, (t, pair, DiffOp(OpKind.EQUAL, "x"), draft)))


def _quantities_by_name(text: str) -> list[numbers.Quantity]:
    """find_quantities as it was written before it read groups by number (the long way)."""
    from docdiff.targets.numbers import _PER_WORDS, UNIT_RE, Quantity, _next_quantity, _to_value, parse_arabic
    from docdiff.chinese import parse_chinese_integer

    out = []
    at = 0
    while (m := _next_quantity(text, at)) is not None:
        at = m.end() or m.start() + 1
        per, opened, numeral, closed, u1, high_numeral = m.group("per", "open", "num", "close", "u1", "high")
        if per:
            try:
                value = parse_arabic(numeral) if numeral[0].isdigit() else parse_chinese_integer(numeral)
            except ValueError:
                continue
            out.append(Quantity(value=value, value_high=None, unit=_PER_WORDS[per],
                                start=m.start(), end=m.end("num"), number_end=m.end("num"), chinese=False))
            continue
        chinese = not numeral[0].isdigit()
        try:
            value, mag = _to_value(numeral)
        except ValueError:
            continue
        high = None
        pos = m.end("close") if closed else m.end("num")
        if high_numeral:
            try:
                high_value, high_mag = _to_value(high_numeral)
            except ValueError:
                high_value, high_mag = None, ""
            if high_value is not None and high_mag == mag and high_value > value:
                high, pos = high_value, m.end("high")
            elif high_value is not None and not mag and high_mag and high_value > value:
                high, mag, pos = high_value, high_mag, m.end("high")
        number_end = pos
        unit = mag
        unit_m = UNIT_RE.match(text, pos + (text[pos : pos + 1] == " "))
        if unit_m and not (mag and unit_m.group(0).startswith(("万", "亿"))):
            unit, pos = mag + unit_m.group(0), unit_m.end()
        elif high is not None and u1:
            unit = u1
        at = max(at, pos)
        out.append(Quantity(value=value, value_high=high, unit=unit, start=m.start(), end=pos,
                            number_end=number_end, chinese=chinese, bracketed=bool(opened and closed)))
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.,百千万亿十分之[]%‰-—至到两一二三零点年元个项亿吨 X", max_size=30))
def test_quantities_read_by_group_number_are_those_read_by_name(text: str) -> None:
    assert numbers.find_quantities(text) == _quantities_by_name(text)


def test_quantities_of_the_samples_are_those_read_by_name() -> None:
    from pathlib import Path

    for path in sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt")):
        from docdiff.ingest import load

        text = load(str(path)).norm
        assert numbers.find_quantities(text) == _quantities_by_name(text), path.name


def _assign_by_groups(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The long way: every connected group of links (found by a walk) solved by the solver."""
    left = set(scores)
    out: list[tuple[int, int]] = []
    while left:
        group, todo = set(), [min(left)]
        while todo:
            i, j = todo.pop()
            if (i, j) in group:
                continue
            group.add((i, j))
            todo += [p for p in left if (p[0] == i or p[1] == j) and p not in group]
        left -= group
        rows, cols = sorted({i for i, _ in group}), sorted({j for _, j in group})
        gain = [[scores[i, j] - SCORE_FLOOR if (i, j) in group else -1.0 for j in cols] for i in rows]
        out += [(rows[a], cols[b]) for a, b in linear_assignment_lists(gain, len(cols), maximize=True)
                if (rows[a], cols[b]) in group]
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 7), st.integers(0, 7)), st.sampled_from([0.5, 0.55, 0.7, 0.8, 0.95, 1.0]),
                       max_size=14))
def test_assignment_with_lone_pairs_taken_directly_is_the_solvers(scores: dict[tuple[int, int], float]) -> None:
    assert _assign(scores, 8, 8) == _assign_by_groups(scores)
