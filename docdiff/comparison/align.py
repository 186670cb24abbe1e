"""Two outlines → a one-to-one section alignment (SectionPair list in reading order) and notes.

Level by level: the top-level sections of a and b are aligned by an optimal assignment on a
score mixing content (bigram TF-IDF cosine) and title (numbering and years stripped), boosted by
position; children are aligned within aligned parents. Sections left over anywhere are then offered to a
second, stricter assignment across parents (a subsection moved elsewhere, or promoted one level).
The in-order part of each sibling group is its longest increasing subsequence; the rest is moved.

Rule: the score matrices are plain lists of rows, and every step pure Python, when the section
vectors are (``SectionVectors.pure``: small documents, see ``similarity``); numpy arrays
otherwise. ``_combine`` and ``assign`` have a list twin each (same float64 operations, same
answers); ``unambiguous`` reads either.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from docdiff.lines import split_lines
from docdiff.model import (
    Document,
    Outline,
    Section,
    SectionKind,
    SectionPair,
    SectionStatus,
    Span,
)
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    import numpy as np

    from docdiff.comparison.similarity import SectionVectors

# Evidence = content·W_CONTENT + title·W_TITLE. Content leads: titles are rewritten every year
# (发展质效持续提高 → 产业项目蓬勃发展) while the body keeps its topic; titles still decide between
# two bodies on the same subject (2019 （一）三大攻坚战 pairs with 2018 （一）打好三大攻坚战, not
# with （四）生态保护 whose text also covers pollution).
W_CONTENT = 0.65
W_TITLE = 0.35
# Position multiplies evidence by up to 1 + ORDER_BOOST (same relative place among siblings):
# order breaks ties between similar candidates but never makes a match out of nothing.
ORDER_BOOST = 0.5
# …and only for pairs whose content is above the level of unrelated sections of two reports
# (0.05–0.10, see MATCH_MIN; pairs of related topics at 0.10–0.12 occur between provinces):
# two such sections in the same place are still unrelated, however alike their titles.
ORDER_MIN_CONTENT = 0.10
# Below this score two siblings are better left unmatched (added + removed). Successive annual
# reports rewrite everything: a true pair's content cosine is often only 0.15–0.25, against
# 0.05–0.10 for unrelated sections of the same report.
MATCH_MIN = 0.15
# A pair must score this many times its best unpaired rival (a section of the same group left
# without a partner, in its row or its column); below it the choice is a toss-up (see unambiguous).
AMBIGUOUS_WITHIN = 1.1
# Bodies sharing less than this (the level of unrelated sections of one report) never pair on
# similar wording of their titles alone (二是全面加快新区建设 / 加快推进美丽乡村建设) unless the
# titles themselves are near-identical: a retitled section keeps its body, a rewritten body
# under the same heading keeps its title.
CONTENT_FLOOR = 0.10
TITLE_ALONE = 0.7
# A section found under another parent, or at another level, must be clearly the same text:
# position means nothing across parents, so only content and title count, at a higher bar.
MOVE_MIN = 0.30
# An aligned pair whose content cosine is below this is "changed" rather than "matched".
# Light revisions score 0.9+; successive annual reports on one topic 0.15–0.4 (they are rewritten,
# so their pairs read "changed"); the JSON keeps the number for finer cut-offs.
CHANGED_BELOW = 0.5
# A section may move one level up or down across parents (a subsection promoted to a chapter),
# not more. (Hailar 2018 （八）自身建设 → 2019 三、加强政府自身建设 scores 0.20 < MOVE_MIN: left apart.)
MAX_LEVEL_SHIFT = 1
_TITLE_CHARS = 30  # title shown for a paragraph that stands in for a section


class _Match(Struct, frozen=True):
    ia: int
    ib: int
    moved: bool


def align_sections(
    a: Document, outline_a: Outline, b: Document, outline_b: Outline
) -> tuple[tuple[SectionPair, ...], tuple[str, ...]]:
    """Align the sections of ``a`` and ``b`` one-to-one; pairs in b's reading order, and notes."""
    from docdiff.comparison.similarity import SectionVectors

    notes: list[str] = []
    roots_a, roots_b = outline_a.sections, outline_b.sections
    use_titles = True
    if not roots_a or not roots_b:
        missing = " and ".join(n for n, r in (("a", roots_a), ("b", roots_b)) if not r)
        roots_a, roots_b = paragraph_sections(a), paragraph_sections(b)
        use_titles = False
        notes.append(f"sections: no headings found in {missing}; aligned paragraph by paragraph")
    flat_a = [s for r in roots_a for s in r.walk()]
    flat_b = [s for r in roots_b for s in r.walk()]
    if not flat_a and not flat_b:
        return (), tuple(notes)
    index_a = {id(s): i for i, s in enumerate(flat_a)}
    index_b = {id(s): i for i, s in enumerate(flat_b)}
    # A last leaf's content stops before a closing that follows it (see _content_spans).
    spans_a, spans_b = _content_spans(a, roots_a), _content_spans(b, roots_b)
    vectors = SectionVectors(
        a, [spans_a.get(id(s), s.span) for s in flat_a], b, [spans_b.get(id(s), s.span) for s in flat_b]
    )

    def scores(rows: list[int], cols: list[int], *, order: bool) -> tuple[Any, Any]:
        content = vectors.cosine(rows, cols)
        combine = _combine_lists if vectors.pure else _combine
        return combine(content, [flat_a[i] for i in rows], [flat_b[j] for j in cols], order, use_titles), content

    matches: dict[int, _Match] = {}
    content_sim: dict[tuple[int, int], float] = {}
    groups = [([index_a[id(s)] for s in roots_a], [index_b[id(s)] for s in roots_b])]
    while groups:
        rows, cols = groups.pop()
        if not rows or not cols:
            continue
        if len(rows) * len(cols) > _dense_max_cells():  # candidate pairs: n × m would not fit
            picked = _align_large_group(vectors, rows, cols, flat_a, flat_b, notes, use_titles=use_titles,
                                        order=True, threshold=MATCH_MIN)
        else:
            score, content = scores(rows, cols, order=True)
            picked = [(r, c, float(content[r][c])) for r, c in unambiguous(assign(score, MATCH_MIN), score)]
        in_order = set(longest_increasing([(r, c) for r, c, _ in picked]))
        for r, c, sim in picked:
            ia, ib = rows[r], cols[c]
            matches[ia] = _Match(ia, ib, moved=(r, c) not in in_order)
            content_sim[ia, ib] = sim
            groups.append(
                ([index_a[id(s)] for s in flat_a[ia].children], [index_b[id(s)] for s in flat_b[ib].children])
            )

    # Second pass: whatever is left, across parents and one level up or down.
    taken_b = {m.ib for m in matches.values()}
    rest_a = [i for i in range(len(flat_a)) if i not in matches]
    rest_b = [j for j in range(len(flat_b)) if j not in taken_b]
    if rest_a and rest_b and len(rest_a) * len(rest_b) > _dense_max_cells():
        for r, c, sim in _align_large_group(vectors, rest_a, rest_b, flat_a, flat_b, notes, use_titles=use_titles,
                                            order=False, threshold=MOVE_MIN, max_level_shift=MAX_LEVEL_SHIFT):
            matches[rest_a[r]] = _Match(rest_a[r], rest_b[c], moved=True)
            content_sim[rest_a[r], rest_b[c]] = sim
    elif rest_a and rest_b:
        score, content = scores(rest_a, rest_b, order=False)
        levels_a = [flat_a[i].level for i in rest_a]
        levels_b = [flat_b[j].level for j in rest_b]
        if vectors.pure:
            for r, la in enumerate(levels_a):
                score[r] = [0.0 if abs(la - lb) > MAX_LEVEL_SHIFT else s for s, lb in zip(score[r], levels_b)]
        else:
            import numpy as np

            shift = np.abs(np.array(levels_a)[:, None] - np.array(levels_b)[None, :])
            score[shift > MAX_LEVEL_SHIFT] = 0.0
        for r, c in assign(score, MOVE_MIN):
            ia, ib = rest_a[r], rest_b[c]
            matches[ia] = _Match(ia, ib, moved=True)
            content_sim[ia, ib] = float(content[r][c])

    pairs = _reading_order(flat_a, flat_b, matches, content_sim)
    return tuple(pairs), tuple(notes)


# The last of a run of siblings also spans whatever follows it up to its parent's end. In a
# work report's review chapter that is the chapter's closing: the other work (国防动员、…等工作
# 取得新成效), the thanks (各位代表！这些成绩…) and the problems (我们也清醒地看到…), near-verbatim
# every year, so through it the last items of two reports look alike. A last leaf's content is
# measured up to the first later paragraph that opens such a closing. Each branch is one
# character class repeated (bounded, or stopped by the literal after it), then literals: a
# match attempt is linear in the paragraph's first line, never backtracking into itself.
_CLOSING_RE = compile_regex(
    r"[^\S\n]*各位代表[！!，,：:]"  # the thanks
    r"|[^\n]{0,20}清醒地?(?:看到|认识到)"  # the problems
    r"|[^。\n]{0,80}(?:各行各业|等工作(?:都|均|也)?(?:取得|迈上|实现|呈现))"  # the other work, in one list
)


def _paragraph_starts(text: str, span: Span) -> list[int]:
    """Start offsets of the non-blank lines (paragraphs) inside ``span``."""
    starts, pos = [], span.start
    for line in split_lines(text[span.start : span.end], keepends=True):
        if line.strip():
            starts.append(pos)
        pos += len(line)
    return starts


def _content_spans(doc: Document, roots: tuple[Section, ...]) -> dict[int, Span]:
    """id(section) -> the span its content is measured on, where that differs from its span:
    the last leaf of each sibling group, cut before a closing paragraph (see _CLOSING_RE)."""
    out: dict[int, Span] = {}
    groups = [roots] + [s.children for r in roots for s in r.walk() if s.children]
    for group in groups:
        if len(group) < 2 or group[-1].children:  # its own subsections end it: no closing inside
            continue
        last = group[-1]
        for start in _paragraph_starts(doc.text, last.span)[1:]:  # never its own heading line
            if _CLOSING_RE.match(doc.text, start):
                out[id(last)] = Span(last.span.start, start)
                break
    return out


def _dense_max_cells() -> int:
    from docdiff.comparison.align_sparse import DENSE_MAX_CELLS

    return DENSE_MAX_CELLS


def _align_large_group(vectors: SectionVectors, rows: list[int], cols: list[int], flat_a: list[Section],
                       flat_b: list[Section], notes: list[str], **how: Any) -> list[tuple[int, int, float]]:
    """``align_sparse.align_group`` for one group too large for the exact path; notes it once."""
    from docdiff.comparison.align_sparse import NOTE, Weights, align_group

    if not any("candidate pairs" in n for n in notes):
        notes.append(NOTE.format(n=len(rows), m=len(cols)))
    weights = Weights(content_floor=CONTENT_FLOOR, order_boost=ORDER_BOOST, title_alone=TITLE_ALONE,
                      w_content=W_CONTENT, w_title=W_TITLE)
    return align_group(vectors, rows, cols, [flat_a[i] for i in rows], [flat_b[j] for j in cols],
                       weights=weights, **how)


def _combine(
    content: np.ndarray, secs_a: list[Section], secs_b: list[Section], order: bool, use_titles: bool
) -> np.ndarray:
    """The alignment score of every (a, b) section pair of one group (≥ 0; identical in place = 1.5)."""
    import numpy as np

    from docdiff.comparison.similarity import title_similarity

    n, m = content.shape
    if use_titles:
        titles = title_similarity([s.title for s in secs_a], [s.title for s in secs_b])
        score = (content * W_CONTENT + titles * W_TITLE) / (W_CONTENT + W_TITLE)
        score[(content < CONTENT_FLOOR) & (titles < TITLE_ALONE)] = 0.0
    else:
        score = content.copy()
        score[content < CONTENT_FLOOR] = 0.0
    if order:
        pos_a = (np.arange(n) + 0.5) / n
        pos_b = (np.arange(m) + 0.5) / m
        boost = 1.0 + ORDER_BOOST * (1.0 - np.abs(pos_a[:, None] - pos_b[None, :]))
        # Place breaks ties between related sections; it never lifts unrelated ones into a pair.
        score *= np.where(content >= ORDER_MIN_CONTENT, boost, 1.0)
    return score


def _combine_lists(content: list[list[float]], secs_a: list[Section], secs_b: list[Section], order: bool,
                   use_titles: bool) -> list[list[float]]:
    """``_combine`` for the pure-Python path (lists of rows): the same float64 operations, so
    the same scores. The numpy ``_combine`` serves larger documents."""
    from docdiff.comparison.similarity import title_similarity_lists

    n, m = len(secs_a), len(secs_b)
    titles = title_similarity_lists([s.title for s in secs_a], [s.title for s in secs_b]) if use_titles else None
    out = []
    for r in range(n):
        row = []
        for c in range(m):
            content_rc = content[r][c]
            if titles is not None:
                title_rc = titles[r][c]
                s = (content_rc * W_CONTENT + title_rc * W_TITLE) / (W_CONTENT + W_TITLE)
                if content_rc < CONTENT_FLOOR and title_rc < TITLE_ALONE:
                    s = 0.0
            else:
                s = 0.0 if content_rc < CONTENT_FLOOR else content_rc
            if order and content_rc >= ORDER_MIN_CONTENT:
                s *= 1.0 + ORDER_BOOST * (1.0 - abs((r + 0.5) / n - (c + 0.5) / m))
            row.append(s)
        out.append(row)
    return out


def unambiguous(chosen: list[tuple[int, int]], score: Any) -> list[tuple[int, int]]:
    """The pairs of ``chosen`` that are each other's best, or clearly beat every rival left
    unpaired in their row and column.

    When a section left unpaired scores nearly as well with a pair's section as its partner does
    (2012's （七）民生投入 and （八）各项事业 against 2013's 社会建设), which of the two is "the same
    section" is a coin toss: neither is paired, and both are then shown as merged into it.
    """
    if not chosen:
        return chosen
    rows = score.tolist() if hasattr(score, "tolist") else score  # numpy or lists: read as lists
    taken_rows, taken_cols = {r for r, _ in chosen}, {c for _, c in chosen}
    free_rows = [r for r in range(len(rows)) if r not in taken_rows]
    free_cols = [c for c in range(len(rows[0])) if c not in taken_cols]
    kept = []
    for r, c in chosen:
        s = rows[r][c]
        column = [row[c] for row in rows]
        if s >= max(rows[r]) and s >= max(column):
            kept.append((r, c))  # each is the other's best: nothing to toss up
            continue
        rival = max([0.0] + [rows[r][k] for k in free_cols] + [column[k] for k in free_rows])
        if s >= AMBIGUOUS_WITHIN * rival:
            kept.append((r, c))
    return kept


def assign(score: Any, threshold: float, *, rounding: Callable[[float], float] | None = None) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs maximising Σ score, where leaving a row or column unmatched is
    worth ``threshold / 2`` — so a pair scoring below ``threshold`` is never worth making.

    That objective is Σ over pairs of (score − threshold) plus a constant, so it is a maximum
    weight matching with weights max(score − threshold, 0): one rectangular assignment problem,
    solved exactly by the Hungarian method (``hungarian``), never by greedy best-first pairing.
    ``score`` is a numpy matrix, or lists of rows (then solved in pure Python, ``_assign_lists``,
    which ``rounding`` passes to).
    """
    if isinstance(score, list):
        return _assign_lists(score, threshold, rounding)
    import numpy as np

    from docdiff.comparison.hungarian import _hungarian

    n, m = score.shape
    if n == 0 or m == 0:
        return []
    # Rows and columns with no pair at the threshold stay unmatched whatever the others do:
    # leave them out (the cross-parent pass offers hundreds of sections, few of them matchable).
    live = score >= threshold
    rows_in = np.flatnonzero(live.any(axis=1))
    cols_in = np.flatnonzero(live.any(axis=0))
    if len(rows_in) == 0:
        return []
    gain = np.maximum(score[np.ix_(rows_in, cols_in)] - threshold, 0.0)
    if len(rows_in) <= len(cols_in):
        pairs = [(r, int(c)) for r, c in enumerate(_hungarian(-gain))]
    else:
        pairs = [(int(r), c) for c, r in enumerate(_hungarian(-gain.T))]
    chosen = ((int(rows_in[r]), int(cols_in[c])) for r, c in pairs)
    return sorted((r, c) for r, c in chosen if score[r, c] >= threshold)


def _assign_lists(score: list[list[float]], threshold: float,
                  rounding: Callable[[float], float] | None = None) -> list[tuple[int, int]]:
    """``assign`` for lists of rows, in pure Python: the same pairs as the numpy version.

    ``rounding`` (``similarity.to_float32``) for scores numpy holds as float32 (rapidfuzz's cdist
    scores): numpy then compares with, and subtracts, the threshold in float32."""
    if rounding is not None:
        threshold = rounding(threshold)
    n, m = len(score), len(score[0]) if score else 0
    rows_in = [r for r in range(n) if any(s >= threshold for s in score[r])]
    cols_in = [c for c in range(m) if any(score[r][c] >= threshold for r in rows_in)]
    if not rows_in:
        return []
    gain = [[score[r][c] - threshold for c in cols_in] for r in rows_in]
    if rounding is not None:
        gain = [[rounding(g) for g in row] for row in gain]
    cost = [[-max(g, 0.0) for g in row] for row in gain]
    from docdiff.comparison.hungarian import hungarian_lists

    if len(rows_in) <= len(cols_in):
        pairs = list(enumerate(hungarian_lists(cost, len(cols_in))))
    else:
        transposed = [[cost[r][c] for r in range(len(rows_in))] for c in range(len(cols_in))]
        pairs = [(r, c) for c, r in enumerate(hungarian_lists(transposed, len(rows_in)))]
    chosen = ((rows_in[r], cols_in[c]) for r, c in pairs)
    return sorted((r, c) for r, c in chosen if score[r][c] >= threshold)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (O(k log k) patience sort)."""
    ordered = sorted(pairs)
    tails: list[int] = []  # tails[k] = smallest b-end of a chain of length k + 1
    tail_at: list[int] = []  # index into ordered of that chain's last pair
    prev = [-1] * len(ordered)
    for k, (_, c) in enumerate(ordered):
        pos = bisect_left(tails, c)
        if pos == len(tails):
            tails.append(c)
            tail_at.append(k)
        else:
            tails[pos] = c
            tail_at[pos] = k
        prev[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(ordered[k])
        k = prev[k]
    return chain[::-1]


def _reading_order(
    flat_a: list[Section],
    flat_b: list[Section],
    matches: dict[int, _Match],
    content_sim: dict[tuple[int, int], float],
) -> list[SectionPair]:
    """Pairs in b's document order; a removed a-section goes right after its nearest preceding
    a-section that was aligned (so it reads next to its old neighbours)."""
    keyed: list[tuple[tuple[int, int, int], SectionPair]] = []
    by_b = {m.ib: m for m in matches.values()}
    for j, sb in enumerate(flat_b):
        m = by_b.get(j)
        if m is None:
            keyed.append(((j, 0, 0), SectionPair(status=SectionStatus.ADDED, a=None, b=sb, similarity=0.0)))
            continue
        sim = content_sim[m.ia, m.ib]
        if m.moved:
            status = SectionStatus.MOVED
        elif sim >= CHANGED_BELOW:
            status = SectionStatus.MATCHED
        else:
            status = SectionStatus.CHANGED
        keyed.append(((j, 0, 0), SectionPair(status=status, a=flat_a[m.ia], b=sb, similarity=round(sim, 4))))
    anchor = -1  # b index of the latest aligned a-section seen so far, in a's order
    for i, sa in enumerate(flat_a):
        if i in matches:
            anchor = matches[i].ib
            continue
        keyed.append(((anchor, 1, i), SectionPair(status=SectionStatus.REMOVED, a=sa, b=None, similarity=0.0)))
    keyed.sort(key=lambda kp: kp[0])
    return [p for _, p in keyed]


def paragraph_sections(doc: Document) -> tuple[Section, ...]:
    """Every non-blank body line as a flat, level-1 section: the fallback for unheaded text."""
    out = []
    for n, span in doc.body_lines():
        text = doc.slice(span)
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        title = text.strip()[:_TITLE_CHARS]
        out.append(
            Section(
                number="",
                title=title,
                level=1,
                kind=SectionKind.ITEM,
                span=span,
                title_span=Span(span.start + lead, span.start + lead + len(title)),
                line=n,
                path=f"¶{n}",
            )
        )
    return tuple(out)
