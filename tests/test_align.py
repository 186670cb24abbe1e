"""align_sections: revised copies aligned exactly right; symmetry; assignment and LIS vs brute force."""
from __future__ import annotations

import importlib
import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from cpu_guard import hang_guard
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align_support import make_doc

from docdiff.comparison.align import (
    _content_spans,
    align_sections,
    assign,
    longest_increasing,
    paragraph_sections,
)
from docdiff.model import Document, Outline, SectionStatus

# Distinct topics, as a work report words them; each body is three sentences.
TOPICS = {
    "经济发展": "全年地区生产总值增长百分之六，规模以上工业增加值稳步提高。一般公共预算收入完成十八亿元，财政实力不断增强。"
    "固定资产投资结构持续优化，重点项目建设加快推进。",
    "城市建设": "棚户区改造完成四千户，老旧小区供热管网全部更新。新建城市道路十二条，打通断头路五处。"
    "公园绿地面积扩大，城市环境面貌明显改观。",
    "生态保护": "大气污染防治行动深入实施，燃煤小锅炉全部拆除。河长制湖长制全面落实，饮用水源地水质达标。"
    "退耕还林还草工程稳步推进，森林覆盖率继续提高。",
    "乡村振兴": "高标准农田建设面积达到两万亩，设施农业规模扩大。农村人居环境整治三年行动顺利完成，厕所革命全面推开。"
    "农牧民人均可支配收入增长百分之八。",
    "改革开放": "放管服改革持续深化，行政许可事项压减到一百三十项。商事制度改革全面实施，市场主体数量大幅增长。"
    "中俄蒙经贸合作不断拓展，口岸通关效率明显提升。",
    "社会事业": "新建公立幼儿园两所，义务教育学校办学条件全面改善。基层医疗卫生服务能力提升，家庭医生签约覆盖率提高。"
    "公共文化服务体系日益健全，全民健身活动广泛开展。",
    "民生保障": "城镇新增就业五千六百人，登记失业率控制在百分之三点五以内。城乡低保标准提高，养老保险实现应保尽保。"
    "保障性住房分配入住工作有序进行。",
    "政府建设": "坚持依法行政，自觉接受人大法律监督和政协民主监督。深化政务公开，提高办事效率。"
    "严格落实中央八项规定精神，驰而不息纠治四风。",
    "数字经济": "大数据中心一期建成投用，云计算服务覆盖全市。培育数字经济核心企业二十家，电子商务交易额翻番。"
    "五G基站实现城区全覆盖。",
    "文化旅游": "全域旅游示范区创建有序推进，接待游客突破一千万人次。冰雪运动和草原音乐节品牌影响力扩大。"
    "文物保护利用水平提升，非遗项目活态传承。",
}


def build(spec: list[tuple[str, list[str]]], numerals: str = "一二三四五六七八九十") -> str:
    """Text of a document: each (title, [child topics]) → '一、title' + intro + '(一)topic' + body."""
    out = ["政府工作报告\n"]
    for k, (title, children) in enumerate(spec):
        out.append(f"{numerals[k]}、{title}\n")
        out.append(f"围绕{title}开展工作。\n")
        for c, topic in enumerate(children):
            out.append(f"({numerals[c]}){topic}\n{TOPICS[topic]}\n")
    return "".join(out)


BASE = [
    ("工作回顾", ["经济发展", "城市建设", "生态保护"]),
    ("今年任务", ["乡村振兴", "改革开放", "社会事业"]),
    ("民生工作", ["民生保障", "文化旅游"]),
    ("自身建设", ["政府建设"]),
]


def run(text_a: str, text_b: str):
    da, oa = make_doc(text_a, "a.txt")
    db, ob = make_doc(text_b, "b.txt")
    pairs, notes = align_sections(da, oa, db, ob)
    return pairs, notes


def by_title(pairs) -> dict[tuple[str | None, str | None], SectionStatus]:
    return {(p.a and p.a.title, p.b and p.b.title): p.status for p in pairs}


def test_identical_documents_all_matched_similarity_one() -> None:
    pairs, notes = run(build(BASE), build(BASE))
    assert notes == ()
    assert len(pairs) == 4 + 9
    assert all(p.status == SectionStatus.MATCHED and p.similarity == pytest.approx(1.0) for p in pairs)
    assert all(p.a.path == p.b.path for p in pairs)


def test_renumbered_after_insertion_at_front() -> None:
    revised = [("数字化转型", ["数字经济"])] + BASE  # every old chapter number shifts by one
    pairs, _ = run(build(BASE), build(revised))
    got = by_title(pairs)
    assert got[(None, "数字化转型")] == SectionStatus.ADDED
    assert got[(None, "数字经济")] == SectionStatus.ADDED
    for title, children in BASE:
        assert got[(title, title)] in (SectionStatus.MATCHED, SectionStatus.CHANGED)
        for c in children:
            assert got[(c, c)] == SectionStatus.MATCHED
    assert sum(p.status == SectionStatus.MOVED for p in pairs) == 0


def test_reordered_chapters_and_subsections_are_moved() -> None:
    revised = [BASE[0], BASE[2], BASE[1], BASE[3]]  # 民生工作 before 今年任务
    revised[0] = ("工作回顾", ["经济发展", "生态保护", "城市建设"])
    pairs, _ = run(build(BASE), build(revised))
    got = by_title(pairs)
    moved = {k for k, v in got.items() if v == SectionStatus.MOVED}
    # One of each swapped pair is out of order; the longest in-order chain keeps the rest.
    assert len(moved) == 2
    assert moved <= {("今年任务", "今年任务"), ("民生工作", "民生工作"), ("城市建设", "城市建设"), ("生态保护", "生态保护")}
    assert all(p.a is not None and p.b is not None for p in pairs)
    assert all(p.a.title == p.b.title for p in pairs)


def test_deleted_and_added_sections() -> None:
    revised = [BASE[0], ("今年任务", ["乡村振兴", "数字经济", "社会事业"]), BASE[3]]  # 改革开放 → 数字经济, 民生 dropped
    pairs, _ = run(build(BASE), build(revised))
    got = by_title(pairs)
    assert got[("改革开放", None)] == SectionStatus.REMOVED
    assert got[(None, "数字经济")] == SectionStatus.ADDED
    assert got[("民生工作", None)] == SectionStatus.REMOVED
    assert got[("民生保障", None)] == SectionStatus.REMOVED
    assert got[("自身建设", "自身建设")] in (SectionStatus.MATCHED, SectionStatus.CHANGED)
    assert got[("政府建设", "政府建设")] == SectionStatus.MATCHED


def test_split_section_best_half_matches_rest_added() -> None:
    base_text = build(BASE)
    first, second = TOPICS["城市建设"].split("。", 1)
    split = base_text.replace(f"(二)城市建设\n{TOPICS['城市建设']}\n",
                              f"(二)城市建设\n{first}。\n(三)道路交通\n{second}\n")
    split = split.replace("(三)生态保护", "(四)生态保护")
    pairs, _ = run(base_text, split)
    got = by_title(pairs)
    assert got[("城市建设", "城市建设")] in (SectionStatus.MATCHED, SectionStatus.CHANGED)
    assert got[(None, "道路交通")] == SectionStatus.ADDED
    assert got[("生态保护", "生态保护")] == SectionStatus.MATCHED


def test_retitled_and_reworded_sections_still_align() -> None:
    text_b = build(BASE).replace("(三)生态保护", "(三)绿色发展").replace("燃煤小锅炉全部拆除", "燃煤锅炉已全部拆除")
    pairs, _ = run(build(BASE), text_b)
    got = by_title(pairs)
    assert got[("生态保护", "绿色发展")] == SectionStatus.MATCHED
    assert got[("经济发展", "经济发展")] == SectionStatus.MATCHED


def test_subsection_moved_to_another_parent() -> None:
    revised = [("工作回顾", ["经济发展", "城市建设"]), ("今年任务", ["乡村振兴", "生态保护", "改革开放", "社会事业"]),
               BASE[2], BASE[3]]
    pairs, _ = run(build(BASE), build(revised))
    pair = next(p for p in pairs if p.a is not None and p.a.title == "生态保护")
    assert pair.b is not None and pair.b.path == "二/(二)"
    assert pair.status == SectionStatus.MOVED


def test_added_in_a_b_is_removed_in_b_a() -> None:
    revised = [BASE[0], ("今年任务", ["乡村振兴", "数字经济", "社会事业"]), ("新兴产业", ["文化旅游"]), BASE[3]]
    ab, _ = run(build(BASE), build(revised))
    ba, _ = run(build(revised), build(BASE))
    added_ab = {p.b.path for p in ab if p.status == SectionStatus.ADDED}
    removed_ba = {p.a.path for p in ba if p.status == SectionStatus.REMOVED}
    assert added_ab and added_ab == removed_ba
    aligned_ab = {(p.a.path, p.b.path) for p in ab if p.a and p.b}
    aligned_ba = {(p.b.path, p.a.path) for p in ba if p.a and p.b}
    assert aligned_ab == aligned_ba


def test_reading_order_puts_removed_next_to_old_neighbours() -> None:
    revised = [("工作回顾", ["经济发展", "生态保护"]), *BASE[1:]]
    pairs, _ = run(build(BASE), build(revised))
    titles = [(p.a or p.b).title for p in pairs]
    assert titles.index("城市建设") == titles.index("经济发展") + 1  # removed, shown where it was


def test_text_without_headings_falls_back_to_paragraphs() -> None:
    paras_a = [TOPICS[t] for t in ("经济发展", "城市建设", "生态保护", "民生保障")]
    paras_b = [TOPICS[t] for t in ("经济发展", "生态保护", "民生保障", "数字经济")]
    a = Document(path="a.txt", text="\n".join(paras_a) + "\n")
    b = Document(path="b.txt", text="\n\n".join(paras_b) + "\n")
    pairs, notes = align_sections(a, Outline(sections=()), b, Outline(sections=()))
    assert notes and "paragraph" in notes[0]
    statuses = [(p.a and p.a.line, p.b and p.b.line, p.status) for p in pairs]
    assert (1, 1, SectionStatus.MATCHED) in statuses
    assert (2, None, SectionStatus.REMOVED) in statuses
    assert (3, 3, SectionStatus.MATCHED) in statuses
    assert (None, 7, SectionStatus.ADDED) in statuses


def test_empty_documents() -> None:
    pairs, _ = align_sections(Document(path="a", text=""), Outline(sections=()), Document(path="b", text=""),
                              Outline(sections=()))
    assert pairs == ()


# --- the optimal assignment and the in-order chain, against brute force --------------------------

def _brute_assign(score: np.ndarray, threshold: float) -> float:
    n, m = score.shape
    best = 0.0
    for k in range(0, min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                if any(score[r, c] < threshold for r, c in zip(rows, cols)):
                    continue
                value = sum(score[r, c] for r, c in zip(rows, cols)) + threshold / 2 * (n + m - 2 * k)
                best = max(best, value)
    return best


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.floats(0.05, 0.9), st.data())
def test_assign_is_optimal_like_brute_force(n: int, m: int, threshold: float, data: st.DataObject) -> None:
    values = data.draw(st.lists(st.floats(0, 1), min_size=n * m, max_size=n * m))
    score = np.array(values).reshape(n, m)
    chosen = assign(score, threshold)
    assert len({r for r, _ in chosen}) == len(chosen) == len({c for _, c in chosen})
    assert all(score[r, c] >= threshold for r, c in chosen)
    value = sum(score[r, c] for r, c in chosen) + threshold / 2 * (n + m - 2 * len(chosen))
    assert value == pytest.approx(_brute_assign(score, threshold), abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=8,
                unique_by=(lambda p: p[0], lambda p: p[1])))
def test_longest_increasing_like_brute_force(pairs: list[tuple[int, int]]) -> None:
    chain = longest_increasing(pairs)
    assert all(x[0] < y[0] and x[1] < y[1] for x, y in zip(chain, chain[1:]))
    assert set(chain) <= set(pairs)
    best = 0
    for k in range(len(pairs), 0, -1):
        if any(all(x[0] < y[0] and x[1] < y[1] for x, y in zip(c, c[1:]))
               for c in itertools.combinations(sorted(pairs), k)):
            best = k
            break
    assert len(chain) == best


# --- real successive reports, once the outline stage exists ----------------------------------------

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "pairs" / "hailar-2018-2019.json"


def _load(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    return Document(path=str(path), text=text)


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold keys not present")
def test_hailar_2018_2019_against_the_analyst_key() -> None:
    outline = importlib.import_module("docdiff.outline.tree")
    key = json.loads(GOLD.read_text(encoding="utf-8"))
    samples = Path(__file__).resolve().parents[1] / "samples"
    a, b = _load(samples / key["a"]), _load(samples / key["b"])
    pairs, _ = align_sections(a, outline.parse_outline(a), b, outline.parse_outline(b))
    heads_a = {h["line"] for h in key["headings_a"]}
    heads_b = {h["line"] for h in key["headings_b"]}
    allowed = {(p["a_line"], p["b_line"]) for p in key["pairs"]}
    sure = {(p["a_line"], p["b_line"]) for p in key["pairs"] if p["confidence"] == "sure"}
    predicted = {(p.a.line, p.b.line) for p in pairs
                 if p.a and p.b and (p.a.line in heads_a or p.b.line in heads_b)}
    assert len(sure & predicted) >= len(sure) - 1
    assert len(predicted - allowed) <= 1


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_hungarian_agrees_with_scipy_on_larger_matrices(n: int, m: int, seed: int) -> None:
    from scipy.optimize import linear_sum_assignment

    from docdiff.comparison.hungarian import _hungarian

    cost = np.random.default_rng(seed).random((min(n, m), max(n, m)))
    cols = _hungarian(cost)
    assert len(set(cols.tolist())) == len(cols)
    rows, ref = linear_sum_assignment(cost)
    assert cost[np.arange(len(cols)), cols].sum() == pytest.approx(cost[rows, ref].sum())


def test_sparse_and_dense_cosines_agree(monkeypatch) -> None:
    from docdiff.comparison import similarity

    da, oa = make_doc(build(BASE))
    db, ob = make_doc(build([BASE[2], ("新增", ["数字经济", "生态保护"]), BASE[0]]))
    flat_a, flat_b = list(oa.walk()), list(ob.walk())
    monkeypatch.setattr(similarity, "PURE_MAX_CHARS", -1)  # the numpy path (small documents: pure Python)
    vectors = similarity.SectionVectors(da, [s.span for s in flat_a], db, [s.span for s in flat_b])
    rows, cols = list(range(len(flat_a))), list(range(len(flat_b)))
    dense = vectors.cosine(rows, cols)
    monkeypatch.setattr(similarity, "_SPARSE_ABOVE", 0)
    sparse = vectors.cosine(rows, cols)
    assert np.allclose(dense, sparse, atol=1e-5)
    assert dense.max() == pytest.approx(1.0, abs=1e-5)  # 经济发展 is in both, unchanged


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.booleans(), st.integers(0, 2**32 - 1))
def test_linear_assignment_is_a_drop_in_for_scipy(n: int, m: int, maximize: bool, seed: int) -> None:
    from scipy.optimize import linear_sum_assignment

    from docdiff.comparison.hungarian import linear_assignment

    weights = np.random.default_rng(seed).integers(-5, 10, size=(n, m)).astype(float)
    rows, cols = linear_assignment(weights, maximize=maximize)
    ref_rows, ref_cols = linear_sum_assignment(weights, maximize=maximize)
    assert len(rows) == len(ref_rows) and list(rows) == sorted(rows)
    assert len(set(cols.tolist())) == len(cols)
    assert weights[rows, cols].sum() == pytest.approx(weights[ref_rows, ref_cols].sum())


def _real_pair(name_a: str, name_b: str):
    compare_mod = importlib.import_module("docdiff.comparison.pipeline")
    ingest = importlib.import_module("docdiff.ingest")
    samples = Path(__file__).resolve().parents[1] / "samples"
    return compare_mod.compare, ingest.load(str(samples / name_a)), ingest.load(str(samples / name_b))


def test_real_report_against_itself_is_all_matched() -> None:
    compare, a, _ = _real_pair("hailar-district-2016-work-report.txt", "hailar-district-2017-work-report.txt")
    c = compare(a, a)
    assert c.sections and all(p.status == SectionStatus.MATCHED and p.diff == () for p in c.sections)
    assert (c.similarity.document, c.similarity.reuse_a_in_b, c.similarity.reuse_b_in_a) == (1.0, 1.0, 1.0)


def test_real_pair_added_one_way_is_removed_the_other() -> None:
    """Without a one-to-one partner one way (added) is without one the other way (removed, or
    merged/split where its content continues)."""
    compare, a, b = _real_pair("hailar-district-2016-work-report.txt", "hailar-district-2017-work-report.txt")
    ab, ba = compare(a, b), compare(b, a)
    unpartnered = (SectionStatus.REMOVED, SectionStatus.MERGED, SectionStatus.SPLIT)
    one_to_one = (SectionStatus.MATCHED, SectionStatus.CHANGED, SectionStatus.MOVED)
    added = {p.b.line for p in ab.sections if p.status == SectionStatus.ADDED}
    removed = {p.a.line for p in ba.sections if p.status in unpartnered}
    assert added and added == removed
    assert {(p.a.line, p.b.line) for p in ab.sections if p.status in one_to_one} == {
        (p.b.line, p.a.line) for p in ba.sections if p.status in one_to_one}


_SPEC = st.lists(
    st.tuples(st.sampled_from(["工作回顾", "今年任务", "民生工作", "自身建设", "发展目标"]),
              st.lists(st.sampled_from(sorted(TOPICS)), max_size=4)),
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(_SPEC, _SPEC)
def test_every_section_appears_exactly_once_in_b_order(spec_a, spec_b) -> None:
    da, oa = make_doc(build(spec_a))
    db, ob = make_doc(build(spec_b))
    pairs, _ = align_sections(da, oa, db, ob)
    if oa.sections and ob.sections:
        expect_a, expect_b = list(oa.walk()), list(ob.walk())
    else:  # no headings on one side: both are aligned paragraph by paragraph
        expect_a, expect_b = list(paragraph_sections(da)), list(paragraph_sections(db))
    seen_a = [p.a.span for p in pairs if p.a is not None]
    seen_b = [p.b.span for p in pairs if p.b is not None]
    assert sorted(seen_a, key=lambda s: s.start) == [s.span for s in expect_a]
    assert seen_b == [s.span for s in expect_b]  # reading order is b's order
    for p in pairs:
        assert (p.a is None) == (p.status == SectionStatus.ADDED)
        assert (p.b is None) == (p.status == SectionStatus.REMOVED)
        assert 0.0 <= p.similarity <= 1.0


def test_large_problems_go_to_scipy_with_the_same_optimum(monkeypatch) -> None:
    from docdiff.comparison import align, hungarian

    score = np.random.default_rng(7).random((30, 45))
    small = align.assign(score, 0.5)
    monkeypatch.setattr(hungarian, "SCIPY_ABOVE", 0)
    large = align.assign(score, 0.5)
    assert sum(score[r, c] - 0.5 for r, c in small) == pytest.approx(sum(score[r, c] - 0.5 for r, c in large))


_REVIEW = (
    "一、工作回顾\n(一)经济发展\n生产总值稳步增长，工业提质增效。\n(二)民生保障\n新建学校三所，医保全覆盖。\n"
    "国防动员、民族宗教、档案史志等工作取得新成效。\n各位代表！这些成绩的取得，来之不易。\n"
    "我们也清醒地看到，发展不平衡不充分的问题仍然突出。\n二、今年安排\n(一)稳增长\n扩大有效投资。\n"
)


def test_a_last_leaf_is_measured_up_to_the_closing_of_its_chapter() -> None:
    doc, outline = make_doc(_REVIEW)
    review, plan = outline.sections
    cut = _content_spans(doc, outline.sections)
    last = review.children[-1]
    assert doc.slice(cut[id(last)]) == "(二)民生保障\n新建学校三所，医保全覆盖。\n"
    # A chapter with subsections is never cut; nor a last leaf with no closing after it.
    assert id(plan) not in cut and id(plan.children[-1]) not in cut and id(review) not in cut
    for closing in ("各位代表！这些成绩的取得，来之不易。", "我们也清醒地看到，发展不平衡不充分的问题仍然突出。"):
        doc, outline = make_doc(_REVIEW.replace("国防动员、民族宗教、档案史志等工作取得新成效。\n", "")
                                .replace(closing + "\n", ""))
        last = outline.sections[0].children[-1]
        assert doc.slice(_content_spans(doc, outline.sections)[id(last)]).endswith("医保全覆盖。\n")


def test_closing_search_is_linear_on_long_paragraphs() -> None:
    """Long lines that almost open a closing (清醒, 等工作, 各位) cost a bounded match each."""
    body = "\n".join(["清醒" * 20_000, "等工作" * 20_000, " " * 50_000 + "各位", "、" * 50_000])
    doc, outline = make_doc("一、回顾\n(一)甲\n甲。\n(二)乙\n" + body + "\n")
    with hang_guard(5):  # each line costs a bounded match: well under a second of CPU
        assert _content_spans(doc, outline.sections) == {}


def test_unambiguous_keeps_mutual_best_and_clear_winners_only() -> None:
    from docdiff.comparison.align import unambiguous

    tie = np.array([[0.30], [0.29]])
    assert unambiguous([(0, 0)], tie) == [(0, 0)]  # each the other's best
    assert unambiguous([(1, 0)], tie) == []  # row 0, left unpaired, does better: a toss-up at best
    clear = np.array([[0.30], [0.20]])
    assert unambiguous([(1, 0)], clear) == []
    # a pair whose better rivals are all paired elsewhere is not ambiguous
    taken = np.array([[0.30, 0.40], [0.0, 0.50]])
    assert unambiguous([(0, 0), (1, 1)], taken) == [(0, 0), (1, 1)]
    forced = np.array([[0.30, 0.40], [0.0, 0.0]])  # its own row's best column was left free
    assert unambiguous([(0, 0)], forced) == []


def test_no_order_bonus_for_unrelated_content() -> None:
    from docdiff.comparison.align import ORDER_MIN_CONTENT, W_CONTENT, W_TITLE, _combine

    a, oa = make_doc("一、政府自身建设\n坚持依法行政。\n")
    s = oa.sections[0]
    low = np.array([[ORDER_MIN_CONTENT / 2]])
    same_title = _combine(low, [s], [s], True, True)
    assert same_title[0, 0] == pytest.approx((low[0, 0] * W_CONTENT + W_TITLE) / (W_CONTENT + W_TITLE))
    related = np.array([[0.3]])
    assert _combine(related, [s], [s], True, True)[0, 0] > _combine(related, [s], [s], False, True)[0, 0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="第一二项重点工作年ab", max_size=12), st.text(alphabet="第一二三项工作年b", max_size=12)),
                max_size=30))
def test_candidate_title_scores_in_one_call_equal_pair_by_pair(pairs: list[tuple[str, str]]) -> None:
    """align_sparse scores candidate titles with rapidfuzz's cpdist: each pair's fuzz.ratio / 100."""
    import numpy as np
    from rapidfuzz import fuzz, process

    left, right = [x for x, _ in pairs], [y for _, y in pairs]
    one_call = process.cpdist(left, right, scorer=fuzz.ratio, dtype=np.float64) / 100 if pairs else np.zeros(0)
    assert one_call.tolist() == [fuzz.ratio(x, y) / 100 for x, y in pairs]
