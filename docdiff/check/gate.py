"""The CI gate behind `docdiff check A B`: config + --fail-on + the target diff → a CheckReport.

A (the baseline) and B (the new draft) are outlined, their targets extracted and matched; pairs
whose status is in ``fail_on`` become findings, except those the config ignores or whose only
change is a value within the configured tolerance.
"""
from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from docdiff.check.config import CheckConfig, is_ignored
from docdiff.comparison.quantity import same_quantity
from docdiff.model import Document, SectionPair, Target, TargetPair, TargetStatus


class Finding(Struct, frozen=True, kw_only=True):
    """A flagged target pair and where to point at it: B's line, or A's for a removed target."""

    pair: TargetPair
    path: str
    line: int
    # False for HTML, docx and PDF, whose line numbers count lines of the extracted text: an
    # annotation must not point at that line of the file itself.
    line_in_file: bool = True

    @property
    def status(self) -> TargetStatus:
        return self.pair.status

    @property
    def target(self) -> Target:
        """The target shown: B's, or A's when B has none."""
        t = self.pair.b or self.pair.a
        assert t is not None  # a TargetPair always has one side
        return t


class CheckReport(Struct, frozen=True, kw_only=True):
    """Everything `check` found; the single input of every check renderer."""

    a: Document
    b: Document
    config: CheckConfig
    pairs: tuple[TargetPair, ...]  # every pair, a within-tolerance value change counted shared
    flagged: tuple[Finding, ...]
    ignored: tuple[TargetPair, ...] = ()  # pairs the config's ignore list skipped
    tolerated: tuple[TargetPair, ...] = ()  # pairs (as matched) whose value change was tolerated
    notes: tuple[str, ...] = ()


def run_check(a: Document, b: Document, config: CheckConfig) -> CheckReport:
    """Outline, extract, align and match (no text diff: the gate needs only the targets)."""
    pairs, notes = _match(a, b, include_past=config.include_past, tier=config.tier)
    return evaluate(a, b, pairs, config, notes=notes)


def _match(a: Document, b: Document, *, include_past: bool, tier: str | None,
           ) -> tuple[tuple[TargetPair, ...], tuple[str, ...]]:
    # The full compare() also diffs every section's text and measures reuse, the slow part on
    # long plans; the gate needs only the section alignment, as evidence for matching targets.
    from docdiff.comparison.align import align_sections
    from docdiff.comparison.selection import select_targets
    from docdiff.comparison.targetdiff import match_targets
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    outline_a, outline_b = parse_outline(a), parse_outline(b)
    targets_a = select_targets(extract_targets(a, outline_a), include_past=include_past, tier=tier)
    targets_b = select_targets(extract_targets(b, outline_b), include_past=include_past, tier=tier)
    sections: tuple[SectionPair, ...]
    sections, notes = align_sections(a, outline_a, b, outline_b)
    notes = tuple(notes)
    if not targets_a and not targets_b:
        notes += ("no quantified targets found in either document",)
    return match_targets(a, targets_a, b, targets_b, sections), notes


def evaluate(
    a: Document, b: Document, pairs: tuple[TargetPair, ...], config: CheckConfig, *, notes: tuple[str, ...] = ()
) -> CheckReport:
    """Apply tolerance, ignore list and fail_on to matched pairs."""
    kept: list[TargetPair] = []
    tolerated: list[TargetPair] = []
    ignored: list[TargetPair] = []
    findings: list[Finding] = []
    for pair in pairs:
        adjusted = _tolerate(pair, config)
        if adjusted is not pair:
            tolerated.append(pair)
        kept.append(adjusted)
        if adjusted.status not in config.fail_on:
            continue
        if is_ignored(adjusted, config.ignore):
            ignored.append(adjusted)
            continue
        findings.append(_finding(a, b, adjusted))
    return CheckReport(
        a=a, b=b, config=config, pairs=tuple(kept), flagged=tuple(findings),
        ignored=tuple(ignored), tolerated=tuple(tolerated), notes=notes,
    )


def _tolerate(pair: TargetPair, config: CheckConfig) -> TargetPair:
    """The pair without its value change when both values agree within the tolerance."""
    if "value" not in pair.changes or not (config.abs_tol or config.rel_tol):
        return pair
    ta, tb = pair.a, pair.b
    assert ta is not None and tb is not None  # a changed pair has both sides
    close = same_quantity(ta.value, ta.unit, tb.value, tb.unit, abs_tol=config.abs_tol, rel_tol=config.rel_tol)
    if close and (ta.value_high is not None or tb.value_high is not None):
        close = same_quantity(ta.value_high, ta.unit, tb.value_high, tb.unit,
                              abs_tol=config.abs_tol, rel_tol=config.rel_tol)
    if not close:
        return pair
    changes = tuple(c for c in pair.changes if c != "value")
    return replace(
        pair,
        status=TargetStatus.CHANGED if changes else TargetStatus.SHARED,
        changes=changes,
        direction=None,
        ambition=None,
    )


def _finding(a: Document, b: Document, pair: TargetPair) -> Finding:
    doc, target = (b, pair.b) if pair.b is not None else (a, pair.a)
    assert target is not None  # a pair always has one side
    return Finding(pair=pair, path=doc.path, line=target.line, line_in_file=doc.format == "text")
