"""The short cuts of sentence reading give what the long way gave (the long way kept here as oracle)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.chinese import parse_chinese_integer
from docdiff.regex_cache import compile_regex
from docdiff.targets import candidates, rules, sentences
from docdiff.targets.candidates import CLAUSE_SEP, SENTENCE_END
from docdiff.targets.context import CN_YEAR_RE, YEAR_RE

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _strip_indicator_before(text: str) -> str:
    """strip_indicator as it was: the time words removed unconditionally, the trailing verb found
    by a generator, the spaces substituted in every text."""
    text = rules._EMBEDDED_TIME_RE.sub("", text).strip(rules._TRIM_CHARS)
    lo, hi = 0, len(text)
    changed = True
    while changed and lo < hi:
        changed = False
        m = rules._LEADING_FILLER_RE.match(text, lo, hi - 1)
        if m:
            lo, changed = rules._skip_trim(text, m.end(), hi), True
        m = rules._LEADING_YEAR_OR_ORDINAL_RE.match(text, lo, hi)
        if m and m.end() < hi:
            lo, changed = rules._skip_trim(text, m.end(), hi), True
        n = next((n for n, words in rules._TRAILING_BY_LENGTH if hi - lo > n and text[hi - n : hi] in words), 0)
        if n:
            hi, changed = rules._back_trim(text, lo, hi - n), True
    return rules._balance(rules._SPACE_RE.sub("", text[lo:hi].strip(rules._TRIM_CHARS)))


_WORDS = ["到", "2025年", "全年", "今年", "年内", "2024年度", "年", "力争", "确保", "达到", "突破", "增长", "提高到",
          "地区", "生产总值", "收入", "、", "和", ",", " ", "\u3000", "Wi", "Fi", "(", ")", "“", "”", "二是", "其三",
          "5年内", "的", "了", "\t", "。"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=10))
def test_strip_indicator_is_the_long_way(words: list[str]) -> None:
    text = "".join(words)
    assert rules.strip_indicator.__wrapped__(text) == _strip_indicator_before(text)


_CLAUSE_SEP_RE = compile_regex(f"[{CLAUSE_SEP}]")
_SENTENCE_END_RE = compile_regex(f"[{SENTENCE_END}]")
_CLAUSE_END_RE = compile_regex(f"[{CLAUSE_SEP}{SENTENCE_END}]")


def _separators_before(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    seps = tuple(m.start() for m in _CLAUSE_SEP_RE.finditer(text))
    ends = tuple(m.start() for m in _CLAUSE_END_RE.finditer(text)) if _SENTENCE_END_RE.search(text) else seps
    return seps, ends


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CLAUSE_SEP + SENTENCE_END + "ab增长1", max_size=30))
def test_separators_in_one_scan_are_the_two_scans(text: str) -> None:
    assert candidates._separators.__wrapped__(text) == _separators_before(text)


def _candidates_before(text: str) -> list:
    depth = candidates._quote_depth(text)
    quants = [q for q in candidates.find_quantities(text) if candidates._plausible(q, text, depth)]
    quants += candidates._doubling(text, depth) + _placeholders_every(text)
    quants.sort(key=lambda q: q.start)
    return [q for i, q in enumerate(quants) if not candidates._size_of_counted(text, quants, i)]


def _placeholders_every(text: str) -> list:
    """_placeholders without its test for the characters a blank is written with."""
    out = []
    for m in candidates._PLACEHOLDER_RE.finditer(text):
        unit = candidates._unit_at(text, m.end())
        after = text[m.end() + len(unit) :]
        if unit or after.startswith(("以上", "以下", "左右", "以内")):
            out.append(candidates.Quantity(value=None, value_high=None, unit=unit, start=m.start(),
                                           end=m.end() + len(unit), number_end=m.end(), chinese=False))
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["翻一番", "翻两番", "双倍增", "XX个", "××家", "**", "2个", "五百亿级", "级", "产业集群",
                                 "增长", "5%", "以上", "“", "”", ",", "到2025年", "第3", "三大", "亿元", "突破"]),
                max_size=8))
def test_candidate_quantities_short_cuts_change_nothing(words: list[str]) -> None:
    text = "".join(words)
    assert candidates.candidate_quantities(text) == _candidates_before(text)


def _deadlines_before(text: str, this_year: int | None) -> list[tuple[int, int]]:
    if "年" not in text:
        return []
    found = [(m.start(), int(m.group(1))) for m in YEAR_RE.finditer(text)
             if not sentences._is_base_year(text, *m.span())]
    found += [(m.start(), 2000 + int(parse_chinese_integer(m.group(1)))) for m in CN_YEAR_RE.finditer(text)
              if not sentences._is_base_year(text, *m.span())]
    if this_year is not None:
        found += [(m.start(), this_year) for m in sentences._THIS_YEAR_RE.finditer(text)
                  if not text.startswith(("以来", "前"), m.end())]
    return sorted(found)


def _sample_sentences() -> list[str]:
    from docdiff.ingest import load

    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        out += [s.text for s in sentences._split_sentences(load(str(path)).norm, 0)]
    return out


def test_sentences_of_the_samples_read_as_the_long_way_reads_them() -> None:
    texts = _sample_sentences()
    assert len(texts) > 1000
    for text in texts:
        assert candidates.candidate_quantities(text) == _candidates_before(text), text
        assert sentences._deadlines(text, 2025) == _deadlines_before(text, 2025), text
        assert candidates._separators.__wrapped__(text) == _separators_before(text), text
        for q in candidates.candidate_quantities(text):
            c_start, _ = candidates.clause_bounds(text, q.start)
            region = text[c_start : q.start]
            assert rules.strip_indicator.__wrapped__(region) == _strip_indicator_before(region), region


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["二〇二五年", "二零三〇年", "2025年", "比", "以来", "今年", "年内", "全年", "5年内", "二"]),
                max_size=6))
def test_deadlines_skip_the_chinese_year_scan_only_without_its_first_character(words: list[str]) -> None:
    text = "".join(words)
    assert sentences._deadlines(text, 2025) == _deadlines_before(text, 2025)


def _first_word_before(words: tuple[str, ...], text: str, *, ending: bool) -> str:
    return next((w for w in words if (text.endswith(w) if ending else text.startswith(w))), "")


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["新建", "建", "新", "建成", "改造", "提升改造", "完成", "培育", "引进", "家", "个"]),
                max_size=4),
       st.lists(st.sampled_from(["新建", "建", "新", "建成", "改造", "提升改造", "完成", "培育", "新建成"]), max_size=5))
def test_first_word_is_the_first_in_order_of_the_words(pieces: list[str], words: list[str]) -> None:
    text, vocabulary = "".join(pieces), tuple(words)
    finder = rules.FirstWord(vocabulary)
    assert finder.ending(text) == _first_word_before(vocabulary, text, ending=True)
    assert finder.starting(text) == _first_word_before(vocabulary, text, ending=False)


def _title_mode_before(ctx: object, title: str) -> str | None:
    """The mode test _regime made of each title of a chain, for every stretch below it."""
    from docdiff.targets.context import (
        GOAL_TITLE_RE,
        REVIEW_TITLE_RE,
        _looks_back_then_forward,
    )

    t_year, base = ctx.title_year(title), ctx.base_year
    if t_year is not None and base is not None and t_year < base:
        return "review"
    if _looks_back_then_forward(title):
        return None
    if REVIEW_TITLE_RE.search(title):
        return "review"
    if GOAL_TITLE_RE.search(title) or (t_year is not None and base is not None):
        return "goal"
    return None


def test_title_modes_read_once_are_those_read_per_stretch() -> None:
    from docdiff.ingest import load
    from docdiff.outline import parse_outline
    from docdiff.targets.context import DocContext, _heading_text

    titles_seen = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = load(str(path))
        outline = parse_outline(doc)
        ctx = DocContext.build(doc, outline)
        titles = [_heading_text(doc, s) for s in outline.walk()] + [h.title for h in ctx.headings]
        titles += ["过去五年工作回顾和今后五年目标任务", "2019年工作回顾", "2035年远景目标", "十三五时期主要成就"]
        for title in titles:
            assert ctx._title_mode(title) == _title_mode_before(ctx, title), (path.name, title)
            titles_seen += 1
    assert titles_seen > 100


def _pair_scores_before(side_a, side_b, sections):  # type: ignore[no-untyped-def]
    """targetdiff._pair_scores as it was: homes and value sameness looked up for every pair."""
    from rapidfuzz import fuzz

    from docdiff.comparison import targetdiff as td
    from docdiff.comparison.quantity import same_quantity
    from docdiff.comparison.target_homes import Homes, section_evidence
    from docdiff.comparison.target_keys import (
        MIN_KEY_SIMILARITY,
        exclusive,
        resolve_aggregate,
    )

    scores = {}
    aligned = [(p.a.span, p.b.span) for p in sections if p.a is not None and p.b is not None]
    homes_a, homes_b = Homes(aligned), Homes([(pb, pa) for pa, pb in aligned])
    excluded = {}
    tiered = any(t.tier == "headline" for t in side_a.targets) and any(t.tier == "headline" for t in side_b.targets)
    positions = ([t.span.start / side_a.length for t in side_a.targets],
                 [t.span.start / side_b.length for t in side_b.targets])
    for i, j, key_score in td._similar_key_pairs(side_a.forms, side_b.forms, positions):
        ta, tb = side_a.targets[i], side_b.targets[j]
        s = key_score
        if side_a.contexts[i] or side_b.contexts[j]:
            ctx = fuzz.ratio(side_a.contexts[i], side_b.contexts[j]) / 100
            if ctx < MIN_KEY_SIMILARITY and td._same_stated_quantity(ta, tb):
                ca, cb = side_a.clauses[i], side_b.clauses[j]
                if min(len(ca), len(cb)) >= td.MIN_CLAUSE:
                    ctx = fuzz.ratio(ca, cb) / 100
            s = min(s, ctx)
        if s < MIN_KEY_SIMILARITY or (ta.status == "past") != (tb.status == "past"):
            continue
        if tiered and ta.tier != tb.tier:
            continue
        fa, fb = side_a.forms[i], side_b.forms[j]
        if fa != fb:
            if (fa, fb) not in excluded:
                excluded[fa, fb] = exclusive(*resolve_aggregate(fa, fb))
            if excluded[fa, fb]:
                continue
        if ta.unit and tb.unit and not td._units_can_pair(ta.unit, tb.unit, same_key=fa == fb):
            continue
        section = max(section_evidence(homes_a.of(ta), tb), section_evidence(homes_b.of(tb), ta))
        value = float(same_quantity(ta.value, ta.unit, tb.value, tb.unit) and td._same_high(ta, tb))
        year = float(td._same_year(ta, side_a, tb, side_b))
        comparator = float(ta.comparator == tb.comparator)
        d = abs(ta.span.start / side_a.length - tb.span.start / side_b.length)
        position = 1 - (d + d * d) / 2
        scores[i, j] = (td.W_KEY * s + td.W_SECTION * section + td.W_VALUE * value + td.W_YEAR * year
                        + td.W_COMPARATOR * comparator + td.W_POSITION * position)
    return scores


def test_pair_scores_with_homes_and_values_read_once_are_the_per_pair_scores() -> None:
    from docdiff.comparison import targetdiff as td
    from docdiff.comparison.align import align_sections
    from docdiff.ingest import load
    from docdiff.model import Document
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    def repeated(tmp: str, seed: int) -> Document:  # sibling sections repeating a few target sentences
        import random

        rng = random.Random(seed)
        sentences = ["到2025年,地区生产总值增长6%。", "新建学校3所。", "城镇新增就业1.2万人。", "森林覆盖率达到65%以上。"]
        text = "".join(f"{k + 1}.第{k}项工作\n{rng.choice(sentences)}\n" for k in range(60))
        path = Path(tmp) / f"r{seed}.txt"
        path.write_text(text, encoding="utf-8")
        return load(str(path))

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        docs = [(load(str(SAMPLES / a)), load(str(SAMPLES / b))) for a, b in (
            ("hailar-district-2018-work-report.txt", "hailar-district-2019-work-report.txt"),
            ("luqiao-14th-five-year-plan.txt", "linhai-common-prosperity-plan-2021-2025.txt"))]
        docs.append((repeated(tmp, 1), repeated(tmp, 2)))
        for a, b in docs:
            oa, ob = parse_outline(a), parse_outline(b)
            pairs, _ = align_sections(a, oa, b, ob)
            forms: dict[str, str] = {}
            side_a, side_b = td._side(a, extract_targets(a, oa), forms), td._side(b, extract_targets(b, ob), forms)
            scores = td._pair_scores(side_a, side_b, pairs)
            assert scores and scores == _pair_scores_before(side_a, side_b, pairs)
