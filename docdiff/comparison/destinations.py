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

from dataclasses import replace
from typing import TYPE_CHECKING

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


def find_destinations(
    a: Document,
    outline_a: Outline,
    b: Document,
    outline_b: Outline,
    pairs: tuple[SectionPair, ...],
    target_pairs: tuple[TargetPair, ...] = (),
) -> tuple[SectionPair, ...]:
    """``pairs`` with each ``removed`` section whose content continues in B turned ``merged``
    (one destination) or ``split`` (several), with ``b`` its main destination and ``into`` all."""
    removed = [p.a for p in pairs if p.status == SectionStatus.REMOVED and p.a is not None]
    flat_b = [s for r in outline_b.sections for s in r.walk()]
    if not removed or not flat_b:
        return pairs
    from docdiff.comparison.similarity import SectionVectors

    vectors = SectionVectors(a, [s.span for s in removed], b, [s.span for s in flat_b])
    content = vectors.cosine(list(range(len(removed))), list(range(len(flat_b))))
    # A section holding most of B (Linhai's 二、重点任务) resembles anything a little: "merged into
    # most of the document" would say nothing, so it is no destination.
    body = sum(r.span.end - r.span.start for r in outline_b.sections)
    too_big = [s.span.end - s.span.start > MAX_DESTINATION_SHARE * body for s in flat_b]
    if vectors.pure:
        scores = [[0.0 if big else c + TARGET_BONUS * e for c, e, big in zip(row, evidence, too_big)]
                  for row, evidence in zip(content, _target_evidence_lists(removed, flat_b, target_pairs))]
        choose = _choose_lists
    else:
        import numpy as np

        scores = content + TARGET_BONUS * _target_evidence(removed, flat_b, target_pairs)
        scores[:, np.array(too_big, dtype=bool)] = 0.0
        choose = _choose
    ends = _subtree_ends(flat_b)
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
    for k, section in enumerate(removed):  # a's reading order: an ancestor decides before its subsections
        prior = [False] * len(flat_b) if vectors.pure else np.zeros(len(flat_b), dtype=bool)
        up = parent_of.get(id(section))
        while up is not None and id(up) not in went:
            up = parent_of.get(id(up))
        roots = went.get(id(up), []) if up is not None else []
        for j in roots:
            prior[j : ends[j]] = [True] * (ends[j] - j)
        low_bar = roots[0] if roots and id(up) in strong else None
        chosen = choose(scores[k], low_bar, prior, ends)
        if chosen:
            went[id(section)] = [j for j, _ in chosen]
            if content[k][chosen[0][0]] >= STRONG_LINK:
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
                similarity=round(float(content[k][index_b[id(main)]]), 4),
                into=into,
            )
        )
    return tuple(out)


def _choose(
    row: np.ndarray, prior_root: int | None, prior: np.ndarray, ends: list[int]
) -> list[tuple[int, float]]:
    """(flat_b index, rank) of the destinations of one section, best first; [] if none.

    The low bar (PRIOR_MIN) holds for the prior's root only — the very section an ancestor went
    to; anywhere else, inside it or not, a destination needs ELSEWHERE_MIN, and outside it a
    margin over its rivals too.
    """
    import numpy as np

    rank = np.where(prior, row * PRIOR_WEIGHT, row)
    accepted = row >= ELSEWHERE_MIN
    if prior_root is not None and row[prior_root] >= PRIOR_MIN:
        accepted[prior_root] = True
    candidates = np.flatnonzero(accepted)
    if not len(candidates):
        return []
    order = [int(j) for j in candidates[np.argsort(-rank[candidates], kind="stable")]]
    first = order[0]
    if not prior[first]:
        # Elsewhere: the best must stand out from every candidate not nested with it…
        index, end = np.arange(len(row)), np.asarray(ends)
        nested = ((index >= first) & (index < end[first])) | ((index <= first) & (end > first))
        rival = float(row[~nested].max(initial=0.0))
        if row[first] < ELSEWHERE_MARGIN * rival:
            return []
        # …and a chapter must owe its score to some part of it, not to its sheer size (a long
        # chapter shares some bigrams with anything).
        inside = row[first + 1 : ends[first]]
        if len(inside) and not (inside >= ELSEWHERE_MIN).any():
            return []
    chosen = [(first, float(rank[first]))]
    for j in order[1:]:
        if len(chosen) == MAX_DESTINATIONS or rank[j] < SPLIT_RATIO * chosen[0][1]:
            break
        if row[j] >= ELSEWHERE_MIN and not any(_nested(j, c, ends) for c, _ in chosen):
            chosen.append((j, float(rank[j])))
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


def _nested(i: int, j: int, ends: list[int]) -> bool:
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
    """``_target_evidence`` in pure Python (lists of rows), for the small documents."""
    hits = [[0.0] * len(flat_b) for _ in removed]
    paired = [(p.a, p.b) for p in target_pairs if p.a is not None and p.b is not None]
    if not paired:
        return hits
    from docdiff.comparison.nesting import NestedRanges

    in_a = NestedRanges([(s.span.start, s.span.end, k) for k, s in enumerate(removed) if s.span.end > s.span.start])
    in_b = NestedRanges([(s.span.start, s.span.end, j) for j, s in enumerate(flat_b) if s.span.end > s.span.start])
    counts = [0.0] * len(removed)
    for ta, tb in paired:
        rows = [k for _, _, k in in_a.holding(ta.span.start, ta.span.start + 1)]
        if not rows:
            continue
        cols = [j for _, _, j in in_b.holding(tb.span.start, tb.span.start + 1)]
        for k in rows:
            counts[k] += 1
            for j in set(cols):
                hits[k][j] += 1
    return [[h / max(count, 1.0) for h in row] for row, count in zip(hits, counts)]


def _target_evidence(
    removed: list[Section], flat_b: list[Section], target_pairs: tuple[TargetPair, ...]
) -> np.ndarray:
    """[k, j] = the share of removed section k's paired targets whose partner lies in B section j."""
    import numpy as np

    hits = np.zeros((len(removed), len(flat_b)))
    paired = [(p.a, p.b) for p in target_pairs if p.a is not None and p.b is not None]
    if not paired:
        return hits
    from docdiff.comparison.nesting import NestedRanges

    in_a = NestedRanges([(s.span.start, s.span.end, k) for k, s in enumerate(removed) if s.span.end > s.span.start])
    in_b = NestedRanges([(s.span.start, s.span.end, j) for j, s in enumerate(flat_b) if s.span.end > s.span.start])
    counts = np.zeros(len(removed))
    for ta, tb in paired:
        rows = [k for _, _, k in in_a.holding(ta.span.start, ta.span.start + 1)]
        if not rows:
            continue
        cols = [j for _, _, j in in_b.holding(tb.span.start, tb.span.start + 1)]
        for k in rows:
            counts[k] += 1
            hits[k, cols] += 1
    return hits / np.maximum(counts, 1)[:, None]
