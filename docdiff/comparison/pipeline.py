"""compare(a, b): outline both, extract targets, align sections, diff text, match targets."""
from __future__ import annotations

from docdiff.comparison.align import align_sections
from docdiff.comparison.destinations import find_destinations
from docdiff.comparison.reuse import measure_similarity
from docdiff.comparison.selection import select_targets
from docdiff.comparison.similarity import shared_bigrams
from docdiff.comparison.targetdiff import match_targets
from docdiff.comparison.textdiff import PairDiffs, diff_destinations, pair_diffs, with_diffs
from docdiff.forked import beside
from docdiff.heap import kept_heap
from docdiff.model import Comparison, Document, Outline, Target
from docdiff.outline import parse_outline
from docdiff.targets import extract_targets
from docdiff.targets.memo import shared_readings

# Past this many characters in the two documents together, stages run beside each other in two
# processes (``forked``). benchmarks/bench_fork.py, samples-built pairs, min of 7 rounds, wall clock
# with children ÷ without: 1.22 at 40,000 characters together (a fork costs ~10 ms), 1.00 at
# 100,000, 0.94 at 200,000, 0.85 at 400,000; 0.90 at 2 M and 0.79 at 4 M (3 rounds).
FORK_MIN_CHARS = 200_000

BothTargets = tuple[tuple[Target, ...], tuple[Target, ...]]  # the targets of a and of b


def compare(a: Document, b: Document, *, include_past: bool = False, tier: str | None = None) -> Comparison:
    """The full comparison of ``a`` (baseline) with ``b`` (new), as one Comparison.

    Its targets are those compared: a past period's rows only with ``include_past``, one tier
    alone when ``tier`` is given (see ``selection.select_targets``).
    """
    fork = len(a.norm) + len(b.norm) >= FORK_MIN_CHARS
    with kept_heap(fork) as keep:  # what each stage keeps is frozen, out of full collections
        outline_a, outline_b = _outlines(a, b, fork)
        keep()

        def both_targets() -> BothTargets:
            with shared_readings():  # B repeats most of A's sentences: each is read once
                return (select_targets(extract_targets(a, outline_a), include_past=include_past, tier=tier),
                        select_targets(extract_targets(b, outline_b), include_past=include_past, tier=tier))

        destination_notes: list[str] = []
        # The targets, then the text diffs, are worked out beside the alignment and the similarity,
        # which need neither (see ``forked``); matching the targets waits for them. (The similarity
        # in a third process measured slower: three processes on two cores slow each other more
        # than their share of the cores, in page faults.) Alignment and destinations share the
        # bigrams they count, mostly of the same sections.
        with beside(both_targets, enabled=fork, kind=BothTargets) as targets, shared_bigrams():
            pairs, align_notes = align_sections(a, outline_a, b, outline_b)
            keep()
            with beside(lambda: pair_diffs(a, b, pairs), enabled=fork, kind=PairDiffs) as diffs:
                similarity, passages, reuse_notes = measure_similarity(a, b, pairs)
                targets_a, targets_b = targets.result()
                target_pairs = match_targets(a, targets_a, b, targets_b, pairs)
                keep()
                # Where the sections left without a partner went: after the similarity and the
                # targets, which weigh one-to-one alignments only. (Each pair keeps its place, so
                # the diffs of the aligned pairs, which no step here reads, are filled in after.)
                pairs = find_destinations(a, outline_a, b, outline_b, pairs, target_pairs, destination_notes)
                pairs, diff_notes = with_diffs(pairs, *diffs.result())
        pairs, merge_notes = diff_destinations(a, b, pairs)
    return Comparison(
        a=a,
        b=b,
        outline_a=outline_a,
        outline_b=outline_b,
        targets_a=targets_a,
        targets_b=targets_b,
        sections=pairs,
        targets=target_pairs,
        similarity=similarity,
        shared_passages=passages,
        notes=_document_notes(a, b) + align_notes + diff_notes + tuple(destination_notes) + merge_notes + reuse_notes,
    )


def _outlines(a: Document, b: Document, fork: bool) -> tuple[Outline, Outline]:
    """The outlines of ``a`` and ``b``; B's parsed in a child while A's is here when ``fork``."""
    with beside(lambda: parse_outline(b), enabled=fork, kind=Outline) as outlining_b:
        outline_a = parse_outline(a)
        return outline_a, outlining_b.result()


def _document_notes(a: Document, b: Document) -> tuple[str, ...]:
    """What ingest said about how it got either text (OCR and its confidence), file by file."""
    return tuple(f"{d.path}: {note}" for d in (a, b) for note in d.notes)
