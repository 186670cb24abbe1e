"""Sections left without a one-to-one partner → where their content went (merged / split).

Two reports organised differently hold the same topics in different boxes: 2018 splits a task
chapter into lead paragraphs (打好精准脱贫攻坚战, 打好污染防治攻坚战…), 2019 writes the chapter as
one. The alignment leaves the 2018 paragraphs without a partner; calling them "removed" would tell
an analyst that poverty and pollution were dropped. Here each such section looks for the B
section(s) its content continues in, from two kinds of evidence:

- content: the bigram TF-IDF cosine of the section against every B section, and
- targets: the B sections holding the targets its own targets were paired with,

weighed against a prior — the B section its nearest aligned (or merged) ancestor went to, where a
subsection most likely sits. A destination inside that prior needs only some topical overlap; a
destination elsewhere needs a clear score and a clear margin over any unrelated rival. A section
whose content continues in one place is ``merged`` into it, in several ``split`` over them; one
with no such evidence stays ``removed``.

Rule for numpy: the path of the cosines (``similarity``'s rule: pure Python for small documents,
numpy above) is the path here too: ``_choose`` and ``_target_evidence`` on numpy arrays, their
``_lists`` twins on plain lists; both make the same choices.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from msgspec.structs import replace

from docdiff.model import (
    Destination,
    Document,
    Outline,
    Section,
    SectionPair,
    SectionStatus,
    TargetPair,
)

if TYPE_CHECKING:
    import numpy as np

    from docdiff.comparison.similarity import SectionVectors

# Inside the prior (the B section an ancestor went to), a subsection continues there when its
# cosine reaches this: one lead paragraph rewritten a year later scores 0.06–0.15 against the
# chapter that absorbed it, while text with no topic in common scores ≈ 0.02.
PRIOR_MIN = 0.03
# Outside the prior, the bar of a real match between rewritten sections (unrelated sections of
# two reports score 0.05–0.10, one rewritten topic 0.15–0.25 whole, 0.10+ for one paragraph)…
ELSEWHERE_MIN = 0.10
# …and the destination must beat every unrelated rival (one not nested in it) by this factor:
# a review chapter that scores 0.16 against three chapters alike went nowhere in particular.
ELSEWHERE_MARGIN = 1.25
# A candidate inside the prior ranks as if its score were this much higher: the parent's
# counterpart is where a subsection is expected, so it wins ties with sections elsewhere.
PRIOR_WEIGHT = 1.25
# Where the section's paired targets went adds up to this to a candidate's score (all of them
# there: the full bonus), since a target carried over is the surest sign a topic continued.
TARGET_BONUS = 0.10
# A second (third) destination is kept when it ranks within this factor of the first: the
# section is then split over them.
SPLIT_RATIO = 0.8
# A merged ancestor lends its destination the low bar only when it went there this clearly: a
# chapter merged at 0.10 into a broad one says little about where each of its items went
# (Luqiao's 八大重点板块, eight local districts, into Linhai's 区域一体 chapter), one merged at
# 0.13 does (实施应对人口老龄化战略 into 建设全龄友好包容社会, and with it 提升养老服务水平).
STRONG_LINK = 0.12
MAX_DESTINATIONS = 3
MAX_DESTINATION_SHARE = 0.5  # of the text under B's headings: a larger section is no destination
# Up to this many removed × B sections, every cosine is computed (SectionVectors.cosine's dense
# product, whose float32 sums may differ in the last bit from the sparse one's); past it, only
# those that can matter (cosine_rows, the sparse product's values).
_DENSE_CELLS = 20_000
# Past this many, even those are too many (each removed section of 100,000 sibling headings
# resembles a few percent of them: n² cosines kept): candidates only, from an inverted index
# of B over each section's rarest bigrams (``cosine_rows.candidate_rows``), and a note says so.
_EXACT_MAX_CELLS = 2_000_000
_TOP_K = 16  # candidates per removed section
_BUDGET = 2_048  # B entries looked up per removed section
NOTE = ("destinations: {n:,} removed × {m:,} sections: looked for among candidate sections (shared rare "
        "bigrams, the {k} best of each) instead of every section")


def find_destinations(
    a: Document,
    outline_a: Outline,
    b: Document,
    outline_b: Outline,
    pairs: tuple[SectionPair, ...],
    target_pairs: tuple[TargetPair, ...] = (),
    notes: list[str] | None = None,
) -> tuple[SectionPair, ...]:
    """``pairs`` with each ``removed`` section whose content continues in B turned ``merged``
    (one destination) or ``split`` (several), with ``b`` its main destination and ``into`` all;
    ``notes`` gets a line when the candidates were approximate (past _EXACT_MAX_CELLS)."""
    removed = [p.a for p in pairs if p.status == SectionStatus.REMOVED and p.a is not None]
    flat_b = [s for r in outline_b.sections for s in r.walk()]
    if not removed or not flat_b:
        return pairs
    from docdiff.comparison.similarity import SectionVectors

    vectors = SectionVectors(a, [s.span for s in removed], b, [s.span for s in flat_b])
    # A section holding most of B (Linhai's 二、重点任务) resembles anything a little: "merged into
    # most of the document" would say nothing, so it is no destination.
    body = sum(r.span.end - r.span.start for r in outline_b.sections)
    too_big = [s.span.end - s.span.start > MAX_DESTINATION_SHARE * body for s in flat_b]
    ends = _subtree_ends(flat_b)
    if not vectors.pure and _approximate(len(removed), len(flat_b)) and notes is not None:
        notes.append(NOTE.format(n=len(removed), m=len(flat_b), k=_TOP_K))
    pick = (_picker_lists if vectors.pure else _picker_rows)(vectors, removed, flat_b, target_pairs, too_big, ends)
    index_b = {id(s): j for j, s in enumerate(flat_b)}
    went: dict[int, list[int]] = {}  # id(a section) → indices into flat_b of where it went
    strong: set[int] = set()  # id(a section) whose destination lends its subsections the low bar
    for p in pairs:
        # (without headings on one side, pairs are of paragraphs, which B's outline does not hold)
        if p.a is not None and p.b is not None and id(p.b) in index_b:
            went[id(p.a)] = [index_b[id(p.b)]]
            strong.add(id(p.a))
    parent_of = {id(c): s for r in outline_a.sections for s in r.walk() for c in s.children}

    row_of = {id(s): k for k, s in enumerate(removed)}
    result: dict[int, tuple[Destination, ...]] = {}
    link: dict[int, float] = {}  # row → content cosine of its main destination
    for k, section in enumerate(removed):  # a's reading order: an ancestor decides before its subsections
        up = parent_of.get(id(section))
        while up is not None and id(up) not in went:
            up = parent_of.get(id(up))
        roots = went.get(id(up), []) if up is not None else []
        low_bar = roots[0] if roots and id(up) in strong else None
        chosen, link[k] = pick(k, roots, low_bar)
        if chosen:
            went[id(section)] = [j for j, _ in chosen]
            if link[k] >= STRONG_LINK:
                strong.add(id(section))
            total = sum(w for _, w in chosen)
            result[row_of[id(section)]] = tuple(
                Destination(section=flat_b[j], share=round(w / total, 4)) for j, w in chosen
            )

    out = []
    for p in pairs:
        k = row_of.get(id(p.a)) if p.status == SectionStatus.REMOVED else None
        into = result.get(k) if k is not None else None
        if not into:
            out.append(p)
            continue
        main = into[0].section
        out.append(
            replace(
                p,
                status=SectionStatus.MERGED if len(into) == 1 else SectionStatus.SPLIT,
                b=main,
                similarity=round(float(link[k]), 4),
                into=into,
            )
        )
    return tuple(out)


# A section's destinations and the content cosine of the first: pick(row, roots of its prior,
# the root that lends the low bar or None) → (chosen, cosine).
Picker = Callable[[int, list[int], "int | None"], tuple[list[tuple[int, float]], float]]


def _picker_lists(
    vectors: SectionVectors, removed: list[Section], flat_b: list[Section], target_pairs: tuple[TargetPair, ...],
    too_big: list[bool], ends: list[int],
) -> Picker:
    """For small documents: every cosine, as lists (``_choose_lists``)."""
    content = vectors.cosine(list(range(len(removed))), list(range(len(flat_b))))
    scores = [[0.0 if big else c + TARGET_BONUS * e for c, e, big in zip(row, evidence, too_big)]
              for row, evidence in zip(content, _target_evidence_lists(removed, flat_b, target_pairs))]

    def pick(k: int, roots: list[int], low_bar: int | None) -> tuple[list[tuple[int, float]], float]:
        prior = [False] * len(flat_b)
        for j in roots:
            prior[j : ends[j]] = [True] * (ends[j] - j)
        chosen = _choose_lists(scores[k], low_bar, prior, ends)
        return chosen, (content[k][chosen[0][0]] if chosen else 0.0)

    return pick


def _picker_rows(
    vectors: SectionVectors, removed: list[Section], flat_b: list[Section], target_pairs: tuple[TargetPair, ...],
    too_big: list[bool], ends: list[int],
) -> Picker:
    """For the others (numpy): one removed section at a time, never a removed × B matrix;
    past _DENSE_CELLS only the cosines that can matter (``_content_rows``)."""
    import numpy as np

    from docdiff.comparison.cosine_rows import cosine_at

    evidence = _target_evidence(removed, flat_b, target_pairs)
    rows = _content_rows(vectors, len(removed), len(flat_b), evidence)
    every_column = len(removed) * len(flat_b) <= _DENSE_CELLS and not _approximate(len(removed), len(flat_b))
    big, end = np.array(too_big, dtype=bool), np.asarray(ends)

    def pick(k: int, roots: list[int], low_bar: int | None) -> tuple[list[tuple[int, float]], float]:
        content_cols, content = next(rows)
        if roots and not every_column and not _value_at(content_cols, content, roots[0], present=True):
            # the prior's root passes a lower bar than cosine_rows keeps: its own cosine, exactly
            content_cols, content = _with_column(content_cols, content, roots[0], cosine_at(vectors, k, roots[0]))
        cols, scores = _scores(content_cols, content, evidence.get(k, {}), big)
        prior = np.zeros(len(cols), dtype=bool)
        for j in roots:
            prior |= (cols >= j) & (cols < end[j])
        chosen = _choose(cols, scores, low_bar, prior, end)
        return chosen, (_value_at(content_cols, content, chosen[0][0]) if chosen else 0.0)

    return pick


def _content_rows(
    vectors: SectionVectors, n_a: int, n_b: int, evidence: dict[int, dict[int, float]]
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per removed section, in order: (flat_b indices ascending, content cosines there).

    Small blocks: every column, from ``SectionVectors.cosine``'s dense product. Large ones: only
    the columns that can matter, and those that hold paired targets (``cosine_rows``). Past
    _EXACT_MAX_CELLS: the candidates of each section, and those (``candidate_rows``).
    """
    import numpy as np

    if _approximate(n_a, n_b):
        from docdiff.comparison.cosine_rows import candidate_rows

        yield from candidate_rows(vectors, _TOP_K, _BUDGET, {k: sorted(row) for k, row in evidence.items()})
        return
    if n_a * n_b <= _DENSE_CELLS:
        content = vectors.cosine(list(range(n_a)), list(range(n_b)))
        every = np.arange(n_b)
        for k in range(n_a):
            yield every, content[k]
        return
    from docdiff.comparison.cosine_rows import cosine_rows

    # Past the prior's root (which the caller reads with cosine_at), a column matters when it
    # can be a destination (ELSEWHERE_MIN) or a rival that denies one (ELSEWHERE_MIN / MARGIN).
    yield from cosine_rows(vectors, ELSEWHERE_MIN / ELSEWHERE_MARGIN, {k: sorted(row) for k, row in evidence.items()})


def _approximate(n_a: int, n_b: int) -> bool:
    """Whether n_a removed × n_b sections take the approximate candidates (see _EXACT_MAX_CELLS)."""
    return n_a * n_b > _EXACT_MAX_CELLS


def _scores(
    cols: np.ndarray, content: np.ndarray, evidence: dict[int, float], too_big: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(columns, score): the content cosine plus TARGET_BONUS × the target evidence, 0 for a
    section too big to be a destination; columns holding evidence are added when missing."""
    import numpy as np

    for j in evidence:
        if not _value_at(cols, content, j, present=True):
            cols, content = _with_column(cols, content, j, 0.0)
    bonus = np.zeros(len(cols))
    if evidence:
        at = np.searchsorted(cols, list(evidence))
        bonus[at] = list(evidence.values())
    scores = content + TARGET_BONUS * bonus
    scores[too_big[cols]] = 0.0
    return cols, scores


def _with_column(cols: np.ndarray, values: np.ndarray, j: int, value: float) -> tuple[np.ndarray, np.ndarray]:
    """``cols`` and ``values`` with column ``j`` (not in ``cols``) holding ``value``, in order."""
    import numpy as np

    at = int(np.searchsorted(cols, j))
    return np.insert(cols, at, j), np.insert(values, at, value)


def _value_at(cols: np.ndarray, values: np.ndarray, j: int, *, present: bool = False) -> float:
    """values at column ``j`` (0.0 where ``cols`` lacks it); with ``present``, 1.0 if it has it."""
    import numpy as np

    at = int(np.searchsorted(cols, j))
    if at < len(cols) and cols[at] == j:
        return 1.0 if present else float(values[at])
    return 0.0


def _choose(
    cols: np.ndarray, row: np.ndarray, prior_root: int | None, prior: np.ndarray, ends: np.ndarray
) -> list[tuple[int, float]]:
    """(flat_b index, rank) of the destinations of one section, best first; [] if none.

    ``row`` holds the scores at flat_b indices ``cols`` (ascending; any other score is 0),
    ``prior`` whether each lies in the prior. The low bar (PRIOR_MIN) holds for the prior's
    root only — the very section an ancestor went to; anywhere else, inside it or not, a
    destination needs ELSEWHERE_MIN, and outside it a margin over its rivals too.
    """
    import numpy as np

    rank = np.where(prior, row * PRIOR_WEIGHT, row)
    accepted = row >= ELSEWHERE_MIN
    if prior_root is not None and _value_at(cols, row, prior_root) >= PRIOR_MIN:
        accepted[int(np.searchsorted(cols, prior_root))] = True
    candidates = np.flatnonzero(accepted)
    if not len(candidates):
        return []
    first = int(candidates[np.argmax(rank[candidates])])  # the first of the best, as a stable sort
    best = int(cols[first])
    if not prior[first]:
        # Elsewhere: the best must stand out from every candidate not nested with it…
        nested = ((cols >= best) & (cols < ends[best])) | ((cols <= best) & (ends[cols] > best))
        rival = float(row[~nested].max(initial=0.0))
        if row[first] < ELSEWHERE_MARGIN * rival:
            return []
        # …and a chapter must owe its score to some part of it, not to its sheer size (a long
        # chapter shares some bigrams with anything).
        inside = row[(cols > best) & (cols < ends[best])]
        if ends[best] > best + 1 and not (inside >= ELSEWHERE_MIN).any():
            return []
    chosen = [(best, float(rank[first]))]
    # The candidates ranked best first, as far as the loop below can read: it stops at the first
    # below SPLIT_RATIO of the best, so only those at or above it are sorted (stable: ties in
    # column order).
    near = candidates[rank[candidates] >= SPLIT_RATIO * chosen[0][1]]
    order = [int(k) for k in near[np.argsort(-rank[near], kind="stable")]]
    for k in order[1:]:
        if len(chosen) == MAX_DESTINATIONS or rank[k] < SPLIT_RATIO * chosen[0][1]:
            break
        j = int(cols[k])
        if row[k] >= ELSEWHERE_MIN and not any(_nested(j, c, ends) for c, _ in chosen):
            chosen.append((j, float(rank[k])))
    if len(chosen) > 1 and row[first] < ELSEWHERE_MIN:
        chosen = chosen[:1]  # a split needs real evidence for every part
    return chosen


def _choose_lists(row: list[float], prior_root: int | None, prior: list[bool], ends: list[int]) -> list[tuple[int, float]]:
    """``_choose`` in pure Python, for the small documents whose cosines are lists (the same
    choice, step for step); ``_choose`` (numpy) serves the others."""
    rank = [r * PRIOR_WEIGHT if p else r for r, p in zip(row, prior)]
    accepted = [r >= ELSEWHERE_MIN for r in row]
    if prior_root is not None and row[prior_root] >= PRIOR_MIN:
        accepted[prior_root] = True
    order = sorted((j for j, ok in enumerate(accepted) if ok), key=lambda j: -rank[j])  # stable
    if not order:
        return []
    first = order[0]
    if not prior[first]:
        # Elsewhere: the best must stand out from every candidate not nested with it…
        rival = max([0.0] + [r for j, r in enumerate(row) if not _nested(j, first, ends)])
        if row[first] < ELSEWHERE_MARGIN * rival:
            return []
        # …and a chapter must owe its score to some part of it, not to its sheer size (a long
        # chapter shares some bigrams with anything).
        inside = row[first + 1 : ends[first]]
        if inside and not any(r >= ELSEWHERE_MIN for r in inside):
            return []
    chosen = [(first, rank[first])]
    for j in order[1:]:
        if len(chosen) == MAX_DESTINATIONS or rank[j] < SPLIT_RATIO * chosen[0][1]:
            break
        if row[j] >= ELSEWHERE_MIN and not any(_nested(j, c, ends) for c, _ in chosen):
            chosen.append((j, rank[j]))
    if len(chosen) > 1 and row[first] < ELSEWHERE_MIN:
        chosen = chosen[:1]  # a split needs real evidence for every part
    return chosen


def _nested(i: int, j: int, ends: list[int] | np.ndarray) -> bool:
    """Whether flat_b sections i and j are the same, or one holds the other."""
    return i <= j < ends[i] or j <= i < ends[j]


def _subtree_ends(flat: list[Section]) -> list[int]:
    """ends[j] = one past the last index of section j's subtree in the walk order ``flat``."""
    index = {id(s): j for j, s in enumerate(flat)}
    ends = [j + 1 for j in range(len(flat))]
    for j in range(len(flat) - 1, -1, -1):  # children come after their parent: fill bottom-up
        if flat[j].children:
            ends[j] = ends[index[id(flat[j].children[-1])]]
    return ends


def _target_evidence_lists(
    removed: list[Section], flat_b: list[Section], target_pairs: tuple[TargetPair, ...]
) -> list[list[float]]:
    """``_target_evidence`` as dense rows (0.0 where none), for the small documents' list path."""
    shares = _target_evidence(removed, flat_b, target_pairs)
    return [[shares.get(k, {}).get(j, 0.0) for j in range(len(flat_b))] for k in range(len(removed))]


def _target_evidence(
    removed: list[Section], flat_b: list[Section], target_pairs: tuple[TargetPair, ...]
) -> dict[int, dict[int, float]]:
    """{k: {j: share}}: the share of removed section k's paired targets whose partner lies in B
    section j (only the sections that hold some: a dense matrix would be removed × B)."""
    paired = [(p.a, p.b) for p in target_pairs if p.a is not None and p.b is not None]
    if not paired:
        return {}
    from docdiff.comparison.nesting import NestedRanges

    in_a = NestedRanges([(s.span.start, s.span.end, k) for k, s in enumerate(removed) if s.span.end > s.span.start])
    in_b = NestedRanges([(s.span.start, s.span.end, j) for j, s in enumerate(flat_b) if s.span.end > s.span.start])
    counts: dict[int, int] = {}
    hits: dict[int, dict[int, int]] = {}
    for ta, tb in paired:
        rows = [k for _, _, k in in_a.holding(ta.span.start, ta.span.start + 1)]
        if not rows:
            continue
        cols = {j for _, _, j in in_b.holding(tb.span.start, tb.span.start + 1)}
        for k in rows:
            counts[k] = counts.get(k, 0) + 1
            row = hits.setdefault(k, {})
            for j in cols:
                row[j] = row.get(j, 0) + 1
    return {k: {j: n / counts[k] for j, n in row.items()} for k, row in hits.items() if row}
