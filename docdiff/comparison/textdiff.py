"""Aligned section pairs → inline diffs: sentences aligned first, then characters within similar ones.

Sentences are compared on a key (width-folded, whitespace dropped) and aligned with
diff-match-patch over one code point per distinct sentence (its ``diff_linesToChars`` trick), so a
60,000-character section costs a few thousand symbols, not 60,000². Within each run of deleted
and inserted sentences, similar pairs are matched in order and diffed character by character
(dmp, ``diff_cleanupSemantic``); an unmatched sentence found verbatim on the other side is marked
``moved``. Every op carries the original text: non-insert ops rebuild a, non-delete ops rebuild b.

Rule for numpy: a block of sentence pairs is scored by rapidfuzz's cdist (a numpy matrix) when
numpy is already imported or the block has more than PURE_MAX_CELLS pairs, else pair by pair in
pure Python: the scores are the same float32 values either way, so only speed depends on it
(``benchmarks/pure_python_crossover.py``: below the threshold the loop costs less than the import).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from docdiff.comparison import matrix_path
from docdiff.comparison.exact_diff import char_diff, symbol_diff
from docdiff.model import (
    DiffOp,
    Document,
    OpKind,
    Section,
    SectionPair,
    SectionStatus,
    Span,
)
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

# A sentence ends after 。！？；, a newline, or their full-width/ASCII variants; closing quotes
# and brackets stay with it, and so does the whitespace that follows (indentation included).
_SENTENCE = compile_regex(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|\Z)[ \t\u3000\r\n]*")

SIMILAR_MIN = 0.5  # rapidfuzz ratio at which a deleted and an inserted sentence are one edited sentence
MOVE_MIN_CHARS = 4  # a moved sentence must say something: not "。" or "一是"
# An unpaired sentence this similar to one elsewhere on the other side moved (and was touched up).
MOVED_SIMILAR_MIN = 0.8
# Pairing deleted with inserted sentences is an O(k·l) dynamic programme; past this many cells
# (≈ 200 × 200 sentences rewritten in one block) the block is shown as deleted + inserted.
MAX_PAIRING_CELLS = 40_000
PURE_MAX_CELLS = 150_000  # see the module docstring
# A block of one or two pairs (the usual edited sentence) is scored pair by pair even with numpy
# loaded: cdist's call costs more than the two ratios (same float32 scores, see the docstring).
PURE_ALWAYS_CELLS = 2
# A character diff of two sentences longer than this (a table flattened into one "sentence")
# is shown as delete + insert: dmp's bisection on such inputs takes seconds.
MAX_CHAR_DIFF = 5_000
# Sections longer than this (one side) are diffed by sentence only, without character detail.
MAX_SECTION_CHARS = 60_000


def split_sentences(text: str) -> list[str]:
    """'一是稳增长。二是调结构；\\n三' → ['一是稳增长。', '二是调结构；\\n', '三']; joins back to text."""
    return [s for s in _SENTENCE.findall(text) if s]  # the pattern has no capturing group


Sentences = tuple[tuple[str, ...], tuple[str, ...]]
# A block _pair_block scored: its deleted and inserted sentence indices, and ``_ratios`` of them.
Scored = tuple[list[int], list[int], Any]


def _sentences(text: str) -> Sentences:
    """The sentences of ``text`` and their keys (width-folded, whitespace dropped)."""
    from docdiff.chinese import fold_width

    sents = split_sentences(text)
    folded = fold_width(text)  # one character for one: cut at the sentences' own offsets
    keys, pos = [], 0
    for sent in sents:
        end = pos + len(sent)
        # str.split() cuts at the characters of the regex \s (one Unicode test, checked over
        # every code point in the tests): re.sub(r"\s+", "", …) at 2/3 of its cost
        keys.append("".join(folded[pos:end].split()))
        pos = end
    return tuple(sents), tuple(keys)


def _dmp() -> diff_match_patch:
    from diff_match_patch import diff_match_patch

    return diff_match_patch()  # its time limit is never reached: see exact_diff


def diff_text(
    a: str, b: str, *, char_level: bool = True, notes: list[str] | None = None,
    sentences: Callable[[str], Sentences] = _sentences,
) -> tuple[DiffOp, ...]:
    """Inline diff of ``a`` → ``b``: sentences first, then characters within similar sentences
    (``sentences`` splits a text and keys its sentences: a caller may pass a memo of it)."""
    if a == b:
        return (DiffOp(OpKind.EQUAL, a),) if a else ()
    dmp = _dmp()
    (sents_a, keys_a), (sents_b, keys_b) = sentences(a), sentences(b)
    codes: dict[str, str] = {}
    # One code point per distinct sentence key; dmp then diffs sentence sequences. Python strings
    # hold any code point, so 1.1 million distinct sentences fit.
    enc_a = "".join(codes.setdefault(k, chr(len(codes) + 1)) for k in keys_a)
    enc_b = "".join(codes.setdefault(k, chr(len(codes) + 1)) for k in keys_b)
    runs = symbol_diff(dmp, enc_a, enc_b)

    # Walk the sentence runs, collecting steps that index sents_a / sents_b.
    ops: list[tuple[str, int, int]] = []  # ("eq", i, j) | ("del", i, -1) | ("ins", -1, j) | ("sim", i, j)
    i = j = 0
    pending_del: list[int] = []
    pending_ins: list[int] = []

    scored: list[Scored] = []  # each block's scores, for _similar_moves to reuse

    def flush() -> None:
        ops.extend(_pair_block(pending_del, pending_ins, keys_a, keys_b, notes, scored))
        pending_del.clear()
        pending_ins.clear()

    for op, chunk in runs:
        if op == 0:
            flush()
            for _ in chunk:
                # Same key; the originals may still differ in width or whitespace.
                ops.append(("eq" if sents_a[i] == sents_b[j] else "sim", i, j))
                i += 1
                j += 1
        elif op == -1:
            pending_del.extend(range(i, i + len(chunk)))
            i += len(chunk)
        else:
            pending_ins.extend(range(j, j + len(chunk)))
            j += len(chunk)
    flush()
    if _all_replaced(ops, scored, enc_a, enc_b):  # the ops below would merge into these two
        return _merge([DiffOp(OpKind.DELETE, a), DiffOp(OpKind.INSERT, b)])

    # An unpaired sentence whose key is also unpaired on the other side moved rather than changed;
    # counted, so two deletions of one sentence against one insertion mark only one as moved.
    kinds = {kind for kind, _, _ in ops}
    moves_a: dict[str, int] = {}
    moved_a: set[int] = set()
    moved_b: set[int] = set()
    if "del" in kinds and "ins" in kinds:  # else nothing can have moved
        left_del = Counter(keys_a[i] for kind, i, _ in ops if kind == "del" and len(keys_a[i]) >= MOVE_MIN_CHARS)
        left_ins = Counter(keys_b[j] for kind, _, j in ops if kind == "ins" and len(keys_b[j]) >= MOVE_MIN_CHARS)
        moves_a = {k: min(n, left_ins[k]) for k, n in left_del.items() if k in left_ins}
        moved_a, moved_b = _similar_moves(ops, keys_a, keys_b, moves_a, scored)
    moves_b = dict(moves_a)

    out: list[DiffOp] = []
    for kind, i, j in ops:
        if kind == "eq":
            out.append(DiffOp(OpKind.EQUAL, sents_a[i]))
        elif kind == "del":
            out.append(DiffOp(OpKind.DELETE, sents_a[i], moved=i in moved_a or _take(moves_a, keys_a[i])))
        elif kind == "ins":
            out.append(DiffOp(OpKind.INSERT, sents_b[j], moved=j in moved_b or _take(moves_b, keys_b[j])))
        else:
            out.extend(_char_diff(dmp, sents_a[i], sents_b[j], char_level, notes))
    return _merge(out)


def _all_replaced(ops: list[tuple[str, int, int]], scored: list[Scored], enc_a: str, enc_b: str) -> bool:
    """Whether every sentence of a was deleted and every one of b inserted, none of them moved:
    one block (no sentence shared), scored (not too large to pair), and nothing similar in it —
    then nothing moved either: an exact move needs a shared sentence, a near copy a pair at
    MOVED_SIMILAR_MIN > SIMILAR_MIN. The usual case of a section merged into another."""
    return bool(scored) and all(kind != "sim" for kind, _, _ in ops) and set(enc_a).isdisjoint(enc_b)


def _similar_moves(
    ops: list[tuple[str, int, int]], keys_a: Sequence[str], keys_b: Sequence[str], exact: dict[str, int],
    scored: Sequence[Scored] = (),
) -> tuple[set[int], set[int]]:
    """Unpaired deleted/inserted sentences that are near-copies of each other (moved and lightly
    edited), by an optimal assignment at MOVED_SIMILAR_MIN; exact copies are left to ``exact``.
    When they all lie in one block that ``_pair_block`` scored (in ``scored``), its scores are
    reused rather than computed again."""
    dels = [i for kind, i, _ in ops if kind == "del" and len(keys_a[i]) >= MOVE_MIN_CHARS and keys_a[i] not in exact]
    inss = [j for kind, _, j in ops if kind == "ins" and len(keys_b[j]) >= MOVE_MIN_CHARS and keys_b[j] not in exact]
    if not dels or not inss or len(dels) * len(inss) > MAX_PAIRING_CELLS:
        return set(), set()
    from docdiff.comparison.align import assign
    from docdiff.comparison.similarity import to_float32

    sim = _scored_within(scored, dels, inss)
    if sim is None:
        sim = _ratios([keys_a[i] for i in dels], [keys_b[j] for j in inss], at_least=MOVED_SIMILAR_MIN)
    if not isinstance(sim, list) and not (sim >= MOVED_SIMILAR_MIN).any():
        return set(), set()  # what assign finds, without its set-up: no pair at the threshold
    chosen = assign(sim, MOVED_SIMILAR_MIN, rounding=to_float32)
    return {dels[r] for r, _ in chosen}, {inss[c] for _, c in chosen}


def _scored_within(scored: Sequence[Scored], dels: list[int], inss: list[int]) -> Any:
    """The scores of ``dels`` × ``inss`` cut from the one scored block holding them all (numpy
    matrix or lists of rows, as scored), else None. Scores below a cutoff may differ from a
    ``_ratios(…, at_least=…)`` of the same pairs (exact here, 0 there): ``assign`` never uses them."""
    for block_dels, block_inss, sim in scored:
        d0, j0 = block_dels[0], block_inss[0]
        if not (d0 <= dels[0] and dels[-1] <= block_dels[-1] and j0 <= inss[0] and inss[-1] <= block_inss[-1]):
            continue
        if dels == block_dels and inss == block_inss:  # the whole block left unpaired
            return sim
        # A block's indices are consecutive (a run of deleted, one of inserted sentences).
        if block_dels[-1] - d0 != len(block_dels) - 1 or block_inss[-1] - j0 != len(block_inss) - 1:
            return None
        rows, cols = [d - d0 for d in dels], [j - j0 for j in inss]
        if isinstance(sim, list):
            return [[sim[r][c] for c in cols] for r in rows]
        return sim.take(rows, axis=0).take(cols, axis=1)  # sim[np.ix_(rows, cols)], at a fifth of its cost
    return None


def _ratios(keys_a: list[str], keys_b: list[str], *, at_least: float = 0.0) -> Any:
    """rapidfuzz ``ratio`` / 100 of every pair, as cdist gives it (float32): a numpy matrix, or
    lists of rows (per-pair scores rounded the same way) by the module's rule. A pair that
    cannot reach ``at_least`` may score 0 instead (rapidfuzz then stops early); every score that
    can is exact (the cutoff sits a hair below it, under float32's rounding of the ratio)."""
    cutoff = max(0.0, 100 * at_least - 0.01)
    cells = len(keys_a) * len(keys_b)
    if cells <= PURE_ALWAYS_CELLS or matrix_path.lists_for(cells, PURE_MAX_CELLS):
        from array import array

        from docdiff.comparison.indel import ratio_for

        ratio = ratio_for(cells)
        # array("f") rounds to float32 as cdist's matrix does, then numpy's float32 division.
        return [array("f", [r / 100.0 for r in array("f", [ratio(ka, kb, score_cutoff=cutoff)
                                                           for kb in keys_b])]).tolist()
                for ka in keys_a]
    from rapidfuzz import fuzz, process

    return process.cdist(keys_a, keys_b, scorer=fuzz.ratio, score_cutoff=cutoff) / 100.0


def _take(budget: dict[str, int], key: str) -> bool:
    """True (and one less left) while ``key`` still has moves to hand out."""
    if budget.get(key, 0) > 0:
        budget[key] -= 1
        return True
    return False


def _pair_block(
    dels: list[int], inss: list[int], keys_a: Sequence[str], keys_b: Sequence[str], notes: list[str] | None,
    scored: list[Scored] | None = None,
) -> list[tuple[str, int, int]]:
    """Match deleted with inserted sentences of one block in order (max Σ similarity ≥ SIMILAR_MIN);
    the block's scores are appended to ``scored`` (copies of the index lists, and the scores)."""
    if not dels or not inss:
        return [("del", i, -1) for i in dels] + [("ins", -1, j) for j in inss]
    if len(dels) * len(inss) > MAX_PAIRING_CELLS:
        if notes is not None:
            notes.append(f"{len(dels)} deleted × {len(inss)} inserted sentences not paired (block too large)")
        return [("del", i, -1) for i in dels] + [("ins", -1, j) for j in inss]
    ratios = _ratios([keys_a[i] for i in dels], [keys_b[j] for j in inss])
    if scored is not None:
        scored.append((list(dels), list(inss), ratios))
    k, m = len(dels), len(inss)
    # Rows holding a similar pair ("hot"), and those rows as lists: only they take part below.
    if isinstance(ratios, list):
        sim: list[list[float]] = ratios
        hot = [max(row) >= SIMILAR_MIN for row in sim]
    else:
        hot = (ratios.max(axis=1) >= SIMILAR_MIN).tolist()
        sim = [ratios[x].tolist() if h else [] for x, h in enumerate(hot)]
    # best[x][y]: max total similarity aligning dels[x:] with inss[y:] monotonically. It never
    # grows with y (a max over fewer choices), so a row without a similar pair is the row below:
    # the same list, shared (rows are never written once made).
    best = [[0.0] * (m + 1)] * (k + 1)
    for x in range(k - 1, -1, -1):
        below = best[x + 1]
        if not hot[x]:
            best[x] = below
            continue
        sims, row = sim[x], [0.0] * (m + 1)
        for y in range(m - 1, -1, -1):
            v = max(below[y], row[y + 1])
            s = sims[y]
            if s >= SIMILAR_MIN and s + below[y + 1] > v:
                v = s + below[y + 1]
            row[y] = v
        best[x] = row
    out: list[tuple[str, int, int]] = []
    x = y = 0
    while x < k and y < m:
        if not hot[x]:  # best[x] is best[x + 1]: this sentence was deleted
            out.append(("del", dels[x], -1))
            x += 1
            continue
        s = sim[x][y]
        if s >= SIMILAR_MIN and best[x][y] == s + best[x + 1][y + 1]:
            out.append(("sim", dels[x], inss[y]))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            out.append(("del", dels[x], -1))
            x += 1
        else:
            out.append(("ins", -1, inss[y]))
            y += 1
    out.extend(("del", dels[xx], -1) for xx in range(x, k))
    out.extend(("ins", -1, inss[yy]) for yy in range(y, m))
    return out


def _char_diff(
    dmp: diff_match_patch, a: str, b: str, char_level: bool, notes: list[str] | None
) -> list[DiffOp]:
    """Character-level ops of two similar sentences (or delete + insert past the size caps)."""
    if not char_level or len(a) > MAX_CHAR_DIFF or len(b) > MAX_CHAR_DIFF:
        if char_level and notes is not None:
            notes.append(f"{max(len(a), len(b)):,}-character sentence shown as replaced, not diffed by character")
        return [DiffOp(OpKind.DELETE, a), DiffOp(OpKind.INSERT, b)]
    from docdiff.chinese import fold_width

    # Diff the width-folded texts (，/, and ７/7 are the same character to the reader), then cut
    # the originals at the same offsets: folding maps one character to one character.
    diffs = char_diff(dmp, fold_width(a), fold_width(b))
    dmp.diff_cleanupSemantic(diffs)
    out: list[DiffOp] = []
    i = j = 0
    for op, folded in diffs:
        n = len(folded)
        if op == -1:
            out.append(DiffOp(OpKind.DELETE, a[i : i + n]))
            i += n
        elif op == 1:
            out.append(DiffOp(OpKind.INSERT, b[j : j + n]))
            j += n
        else:
            out.extend(_equal_run(a[i : i + n], b[j : j + n]))
            i += n
            j += n
    return out


def _equal_run(a: str, b: str) -> list[DiffOp]:
    """Ops for two runs equal once width-folded: equal stretches, and each stretch that differs
    in width only ('，' vs ',') as delete + insert, since one op cannot carry both spellings."""
    if a == b:
        return [DiffOp(OpKind.EQUAL, a)]
    out: list[DiffOp] = []
    start = 0
    for k in range(1, len(a) + 1):
        if k == len(a) or (a[k] == b[k]) != (a[start] == b[start]):
            if a[start] == b[start]:
                out.append(DiffOp(OpKind.EQUAL, a[start:k]))
            else:
                out += [DiffOp(OpKind.DELETE, a[start:k]), DiffOp(OpKind.INSERT, b[start:k])]
            start = k
    return out


def _merge(ops: list[DiffOp]) -> tuple[DiffOp, ...]:
    """Join neighbouring ops of the same kind and moved flag (empty ones dropped)."""
    out: list[DiffOp] = []
    for (kind, moved), run in groupby((op for op in ops if op.text), key=lambda op: (op.kind, op.moved)):
        first = next(run)
        rest = [op.text for op in run]
        out.append(DiffOp(kind, first.text + "".join(rest), moved) if rest else first)
    return tuple(out)


def own_spans(section_span: Span, children_spans: list[Span]) -> list[Span]:
    """The parts of a section outside its subsections: heading, lead text, and any text after
    the last subsection (notes under a table, a closing paragraph). Subsections diff themselves."""
    out, pos = [], section_span.start
    for child in sorted(children_spans, key=lambda c: c.start):
        if child.start > pos:
            out.append(Span(pos, child.start))
        pos = max(pos, child.end)
    if pos < section_span.end:
        out.append(Span(pos, section_span.end))
    return out


def own_text(doc: Document, section: Section) -> str:
    """The body text of ``section`` outside its subsections (debris left out)."""
    from docdiff.comparison.similarity import body_text

    if not section.children:  # a leaf: its whole span (most sections of a long list)
        return body_text(doc, section.span)
    return "".join(body_text(doc, s) for s in own_spans(section.span, [c.span for c in section.children]))


# (position in the pairs, its diff) of each pair given one, and the notes of fallbacks taken
PairDiffs = tuple[list[tuple[int, tuple[DiffOp, ...]]], tuple[str, ...]]


def pair_diffs(a: Document, b: Document, pairs: tuple[SectionPair, ...]) -> PairDiffs:
    """The diff of every aligned pair whose own text (its text outside its subsections, which
    are pairs of their own) differs, as (position in ``pairs``, diff); notes for any fallback
    taken. ``with_diffs`` puts them in the pairs."""
    notes: list[str] = []
    diffs = []
    for i, p in enumerate(pairs):
        if p.a is None or p.b is None or p.status not in (
            SectionStatus.MATCHED, SectionStatus.CHANGED, SectionStatus.MOVED
        ):
            continue
        done = _diffed(p, own_text(a, p.a), own_text(b, p.b), notes)
        if done is not p:
            diffs.append((i, done.diff))
    return diffs, tuple(notes)


def with_diffs(
    pairs: tuple[SectionPair, ...], diffs: list[tuple[int, tuple[DiffOp, ...]]], notes: tuple[str, ...]
) -> tuple[tuple[SectionPair, ...], tuple[str, ...]]:
    """``pairs`` with the diffs ``pair_diffs`` found, and its notes."""
    out = list(pairs)
    for i, diff in diffs:
        out[i] = replace(out[i], diff=diff)
    return tuple(out), notes


def diff_destinations(
    a: Document, b: Document, pairs: tuple[SectionPair, ...]
) -> tuple[tuple[SectionPair, ...], tuple[str, ...]]:
    """Fill ``diff`` of every merged or split pair: its own text against the whole text of the
    B section it went into (that section's subsections included: it went somewhere inside)."""
    from docdiff.comparison.similarity import body_text

    notes: list[str] = []
    out = []
    sentences = cache(_sentences)  # a B section that took several A sections is split once
    for p in pairs:
        if p.a is None or p.b is None or p.status not in (SectionStatus.MERGED, SectionStatus.SPLIT):
            out.append(p)
            continue
        out.append(_diffed(p, own_text(a, p.a), body_text(b, p.b.span), notes, sentences))
    return tuple(out), tuple(notes)


def _diffed(
    p: SectionPair, text_a: str, text_b: str, notes: list[str], sentences: Callable[[str], Sentences] = _sentences
) -> SectionPair:
    """``p`` with the diff of ``text_a`` against ``text_b``; a fallback taken goes to ``notes``."""
    assert p.a is not None and p.b is not None
    if text_a == text_b:
        return p
    where = p.b.path or p.a.path
    char_level = max(len(text_a), len(text_b)) <= MAX_SECTION_CHARS
    if not char_level:
        notes.append(f"{where}: {max(len(text_a), len(text_b)):,}-character pair diffed by sentence only")
    pair_notes: list[str] = []
    ops = diff_text(text_a, text_b, char_level=char_level, notes=pair_notes, sentences=sentences)
    notes.extend(f"{where}: {n}" for n in pair_notes)
    return replace(p, diff=ops)
