"""compare(a, b): outline both, extract targets, align sections, diff text, match targets."""
from __future__ import annotations

from docdiff.comparison.align import align_sections
from docdiff.comparison.destinations import find_destinations
from docdiff.comparison.reuse import measure_similarity
from docdiff.comparison.selection import select_targets
from docdiff.comparison.similarity import shared_bigrams
from docdiff.comparison.targetdiff import match_targets
from docdiff.comparison.textdiff import diff_destinations, diff_pairs
from docdiff.model import Comparison, Document
from docdiff.outline import parse_outline
from docdiff.targets import extract_targets
from docdiff.targets.memo import shared_readings


def compare(a: Document, b: Document, *, include_past: bool = False, tier: str | None = None) -> Comparison:
    """The full comparison of ``a`` (baseline) with ``b`` (new), as one Comparison.

    Its targets are those compared: a past period's rows only with ``include_past``, one tier
    alone when ``tier`` is given (see ``selection.select_targets``).
    """
    outline_a, outline_b = parse_outline(a), parse_outline(b)
    with shared_readings():  # B repeats most of A's sentences: each is read once
        targets_a = select_targets(extract_targets(a, outline_a), include_past=include_past, tier=tier)
        targets_b = select_targets(extract_targets(b, outline_b), include_past=include_past, tier=tier)
    destination_notes: list[str] = []
    with shared_bigrams():  # alignment and destinations count the bigrams of mostly the same sections
        pairs, align_notes = align_sections(a, outline_a, b, outline_b)
        pairs, diff_notes = diff_pairs(a, b, pairs)
        similarity, passages, reuse_notes = measure_similarity(a, b, pairs)
        target_pairs = match_targets(a, targets_a, b, targets_b, pairs)
        # Where the sections left without a partner went: after the similarity and the targets,
        # which weigh one-to-one alignments only.
        pairs = find_destinations(a, outline_a, b, outline_b, pairs, target_pairs, destination_notes)
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


def _document_notes(a: Document, b: Document) -> tuple[str, ...]:
    """What ingest said about how it got either text (OCR and its confidence), file by file."""
    return tuple(f"{d.path}: {note}" for d in (a, b) for note in d.notes)
