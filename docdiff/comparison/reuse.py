"""Two documents and their aligned sections → overall similarity, verbatim reuse each way, shared passages.

Reuse is measured on the body (debris and whitespace dropped, width folded): a character of A
counts as reused when it lies in a run of ≥ REUSE_MIN characters that also occurs in B. Every
such run is made of REUSE_MIN-grams found in B, so hashing every gram of both texts (numpy) and
testing A's against B's gives the share in O(n log n) with no Python loop per character. Shared
passages extend each hit to its maximal common run (a few candidate positions per gram).

Rule for numpy: two documents of at most ``similarity.PURE_MAX_CHARS`` characters together (the
crossover measured for the whole comparison) are measured in pure Python (the grams themselves as set and dict keys: no hashing, no numpy import); larger
ones with numpy as above. Both give the same shares and passages (``benchmarks/
pure_python_crossover.py`` measures where the numpy import starts to pay).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, starmap
from typing import TYPE_CHECKING

from docdiff.model import (
    Document,
    Section,
    SectionPair,
    SharedPassage,
    Similarity,
    Span,
)
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    import numpy as np

_NON_SPACE_RUN = compile_regex(r"\S+")
REUSE_MIN = 12  # characters: shorter common runs are set phrases (全面建成小康社会), not reuse
MAX_PASSAGES = 50  # longest first; a report lists the main borrowings, not every shared clause
MAX_CANDIDATES = 8  # places in B tried per gram: boilerplate repeated 100× must stay linear
_STEP = 64  # compare in blocks first when extending a run: long passages cost O(L / 64) slices
_HASH_BASE = 0x9E3779B97F4A7C15  # odd 64-bit multiplier (golden ratio): mixes code points well


def _body_lists(doc: Document) -> tuple[str, list[int]]:
    """``_body`` in pure Python (str.isspace is the regex's \\s and numpy's isspace): debris
    blanked, then the runs of other characters, their offsets counted out in C."""
    from docdiff.comparison.similarity_lists import blanked_debris

    text = blanked_debris(doc, " ")  # a debris span is dropped like whitespace
    runs = [m.span() for m in _NON_SPACE_RUN.finditer(text)]
    return "".join(text[start:end] for start, end in runs), list(chain.from_iterable(starmap(range, runs)))


def _grams(text: str) -> list[str]:
    return [text[i : i + REUSE_MIN] for i in range(len(text) - REUSE_MIN + 1)]


def _covered_lists(hits: list[int], length: int) -> int:
    """``_covered`` for hit positions (ascending): positions inside some window starting at one."""
    covered, reach = 0, 0
    for i in hits:
        covered += min(length, i + REUSE_MIN) - max(i, reach)
        reach = i + REUSE_MIN
    return covered


def _runs_lists(x: str, y: str, hits: list[int], grams_y: list[str] | None = None) -> list[tuple[int, int, int]]:
    """``_runs`` in pure Python, from the positions in ``x`` of the grams that occur in ``y``
    (``grams_y``: ``_grams(y)`` when the caller has them)."""
    grams = _grams(y) if grams_y is None else grams_y
    first = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1)))  # gram → its first place in y
    repeated: dict[str, list[int]] = {}  # a gram found again → its first MAX_CANDIDATES places
    if len(first) < len(grams):
        for j in [j for j, gram in enumerate(grams) if first[gram] != j]:
            at = repeated.setdefault(grams[j], [first[grams[j]]])
            if len(at) < MAX_CANDIDATES:
                at.append(j)

    def places(i: int) -> Iterable[int]:
        gram = x[i : i + REUSE_MIN]
        if gram in repeated:
            return repeated[gram]
        return (first[gram],) if gram in first else ()

    return _walk(x, y, hits, places)


def _walk(
    x: str, y: str, hits: Sequence[int] | np.ndarray, places: Callable[[int], Iterable[int]]
) -> list[tuple[int, int, int]]:
    """The runs (i, j, length) found from ``hits`` (ascending positions in x of grams that occur
    in y): from each hit not inside the previous run, the places in y that ``places(i)`` gives for
    its gram are extended and the longest kept; scanning resumes after it. Both paths' walk
    (``hits`` a list or a numpy array)."""
    runs = []
    k = 0
    while k < len(hits):
        i = int(hits[k])
        best_j, best_n = -1, 0
        for j in places(i):
            n = _extend(x, i, y, j, REUSE_MIN)
            if n > best_n:
                best_j, best_n = j, n
        if best_n == 0:
            k += 1
            continue
        runs.append((i, best_j, best_n))
        k = bisect_left(hits, i + best_n)  # the rest of this run is in the passage found
    return runs


def _body(doc: Document) -> tuple[str, np.ndarray]:
    """The folded body without debris or whitespace, and the offset in ``doc.text`` of each character."""
    import numpy as np

    norm = doc.norm
    # Not whitespace (the regex's \s), tested all at once: numpy's isspace is the same Unicode test
    # as the regex's \s (checked over every code point in the tests).
    keep = ~np.strings.isspace(np.frombuffer(norm.encode("utf-32-le"), dtype="<U1"))
    for d in doc.debris:
        keep[d.start : d.end] = False
    offsets = np.flatnonzero(keep)
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)[offsets]
    return points.tobytes().decode("utf-32-le"), offsets


def gram_hashes(text: str, size: int = REUSE_MIN) -> np.ndarray:
    """A 64-bit polynomial hash of every ``size``-gram of ``text`` (numpy; wraps modulo 2**64)."""
    import numpy as np

    n = len(text) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for k in range(size):
        h = h * _HASH_BASE + points[k : k + n]
    return h


def _isin(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """``numpy.isin(values, ordered)`` by binary search in ``ordered`` (sorted): numpy 2's isin
    goes through its hashing unique, which is slower here and imports numpy.ma on a first call."""
    import numpy as np

    if len(ordered) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def _covered(hits: np.ndarray, length: int) -> int:
    """How many of ``length`` positions lie in some REUSE_MIN-window starting at a hit."""
    import numpy as np

    if length == 0 or not hits.any():
        return 0
    starts = np.zeros(length + 1, dtype=np.int64)
    idx = np.flatnonzero(hits)
    np.add.at(starts, idx, 1)
    np.add.at(starts, idx + REUSE_MIN, -1)
    return int(np.count_nonzero(np.cumsum(starts[:length])))


def reused_share(x: str, y: str) -> float:
    """Share of the characters of ``x`` lying in a run of ≥ REUSE_MIN characters that occurs in ``y``.

    Such a run consists of REUSE_MIN-grams that occur in ``y``, so: hash every gram of both
    texts, test membership for all of x's grams at once (binary search), and count the
    characters the hits cover. A false hit needs a 64-bit hash collision (odds ~1e-9 per
    document pair); passages, below, are checked character by character.
    """
    import numpy as np

    return _share(x, _isin(gram_hashes(x), np.sort(gram_hashes(y))))


def _share(x: str, hits: np.ndarray) -> float:
    return _covered(hits, len(x)) / len(x) if x else 0.0


def _extend(x: str, i: int, y: str, j: int, known: int) -> int:
    """Length of the common run of x[i:] and y[j:], knowing the first ``known`` characters match:
    blocks of _STEP characters compared while they match, then halving blocks (32, 16, … 1), at
    most one of each, find where the run stops in log2(_STEP) slice comparisons."""
    n = known
    room = min(len(x) - i, len(y) - j)  # the run cannot go past either end
    while n + _STEP <= room and x[i + n : i + n + _STEP] == y[j + n : j + n + _STEP]:
        n += _STEP
    step = _STEP // 2
    while step:
        if n + step <= room and x[i + n : i + n + step] == y[j + n : j + n + step]:
            n += step
        step //= 2
    return n


def _extend_by_character(x: str, i: int, y: str, j: int, known: int) -> int:
    """``_extend`` one character at a time (the definition it is tested against)."""
    n = known
    while i + n < len(x) and j + n < len(y) and x[i + n] == y[j + n]:
        n += 1
    return n


def common_runs(x: str, y: str) -> list[tuple[int, int, int]]:
    """Maximal common runs (start in x, start in y, length ≥ REUSE_MIN), left to right in x.

    From each hit not inside the previous run, the first MAX_CANDIDATES places of that gram in
    y are extended and the longest kept; scanning resumes after it. Python runs once per
    passage, not once per character.
    """
    import numpy as np

    hx, hy = gram_hashes(x), gram_hashes(y)
    order = np.argsort(hy, kind="stable")  # y's positions grouped by gram, each group ascending
    return _runs(x, y, hx, hy[order], order, _isin(hx, hy[order]))


def _runs(
    x: str, y: str, hx: np.ndarray, sorted_hy: np.ndarray, order: np.ndarray, hit_mask: np.ndarray
) -> list[tuple[int, int, int]]:
    """``common_runs`` from the gram hashes: x's, y's sorted (``order`` gives their positions)
    and which of x's occur in y."""
    import numpy as np

    def places(i: int) -> list[int]:
        lo = int(np.searchsorted(sorted_hy, hx[i], side="left"))
        hi = min(lo + MAX_CANDIDATES, int(np.searchsorted(sorted_hy, hx[i], side="right")))
        gram = x[i : i + REUSE_MIN]
        return [j for j in order[lo:hi].tolist() if y[j : j + REUSE_MIN] == gram]  # not a hash collision

    return _walk(x, y, np.flatnonzero(hit_mask), places)


def measure_similarity(
    a: Document, b: Document, pairs: tuple[SectionPair, ...]
) -> tuple[Similarity, tuple[SharedPassage, ...], tuple[str, ...]]:
    """Overall similarity, verbatim reuse each way and the longest shared passages, with notes.

    ``document`` is the aligned pairs' content similarity weighted by the characters each pair
    owns (its text outside its subsections, on both sides); sections left unaligned weigh in
    with 0. So it reads "share of the text that sits in a similar, aligned section".
    """
    from docdiff.comparison import similarity

    notes: list[str] = []
    if len(a.norm) + len(b.norm) <= similarity.PURE_MAX_CHARS:
        body_a, offsets_a = _body_lists(a)
        body_b, offsets_b = _body_lists(b)
        grams_a, grams_b = _grams(body_a), _grams(body_b)
        set_a, set_b = set(grams_a), set(grams_b)
        hit_list_a = [i for i, g in enumerate(grams_a) if g in set_b]
        reuse_a = _covered_lists(hit_list_a, len(body_a)) / len(body_a) if body_a else 0.0
        hit_list_b = [j for j, g in enumerate(grams_b) if g in set_a]
        reuse_b = _covered_lists(hit_list_b, len(body_b)) / len(body_b) if body_b else 0.0
        runs = _runs_lists(body_a, body_b, hit_list_a, grams_b)
    else:
        body_a, offsets_a, body_b, offsets_b, reuse_a, reuse_b, runs = _reuse_numpy(a, b)
    runs.sort(key=lambda r: (-r[2], r[0]))
    if len(runs) > MAX_PASSAGES:
        notes.append(f"shared passages: {len(runs)} found, the {MAX_PASSAGES} longest kept")
        runs = runs[:MAX_PASSAGES]
    passages = []
    for i, j, n in runs:
        span_a = Span(int(offsets_a[i]), int(offsets_a[i + n - 1]) + 1)
        span_b = Span(int(offsets_b[j]), int(offsets_b[j + n - 1]) + 1)
        passages.append(SharedPassage(text=a.slice(span_a), span_a=span_a, span_b=span_b))

    document = _document_similarity(a, b, pairs, offsets_a, offsets_b)
    if document is None:  # no sections at all: judge the bodies as a whole
        document = 1.0 if body_a == body_b else (reuse_a * len(body_a) + reuse_b * len(body_b)) / max(
            1, len(body_a) + len(body_b)
        )
    sim = Similarity(document=round(document, 4), reuse_a_in_b=round(reuse_a, 4), reuse_b_in_a=round(reuse_b, 4))
    return sim, tuple(passages), tuple(notes)


def _reuse_numpy(a: Document, b: Document) -> tuple[str, np.ndarray, str, np.ndarray, float, float, list[tuple[int, int, int]]]:
    """Both bodies with their offsets, the reuse each way and the common runs, with numpy
    (documents above the module's threshold; the list functions above are its pure-Python twins)."""
    import numpy as np

    body_a, offsets_a = _body(a)
    body_b, offsets_b = _body(b)
    # Each side's grams hashed and sorted once, for the reuse both ways and the passages; sorted
    # grams are looked up in sorted grams (a binary search in order, cache-friendly), then the
    # answers go back to text order. Only b's order must keep equal grams in text order (the
    # passages take a gram's first places in b); a's answers are the same for equal grams in
    # any order, so a's takes numpy's default sort (quicksort: 4 ms of the 7 of a stable one
    # on Luqiao's 45,000 grams).
    hash_a, hash_b = gram_hashes(body_a), gram_hashes(body_b)
    order_a, order_b = np.argsort(hash_a), np.argsort(hash_b, kind="stable")
    sorted_a, sorted_b = hash_a[order_a], hash_b[order_b]
    hits_a, hits_b = np.empty(len(hash_a), dtype=bool), np.empty(len(hash_b), dtype=bool)
    hits_a[order_a] = _isin(sorted_a, sorted_b)
    hits_b[order_b] = _isin(sorted_b, sorted_a)
    reuse_a = _share(body_a, hits_a)
    reuse_b = _share(body_b, hits_b)

    runs = _runs(body_a, body_b, hash_a, sorted_b, order_b, hits_a)
    return body_a, offsets_a, body_b, offsets_b, reuse_a, reuse_b, runs


def _document_similarity(
    a: Document, b: Document, pairs: tuple[SectionPair, ...], offsets_a: Sequence[int] | np.ndarray,
    offsets_b: Sequence[int] | np.ndarray,
) -> float | None:
    """The pairs' content similarity weighted by the characters each pair owns. A section's
    characters are its own text's (``textdiff.own_text``) but whitespace: the body characters
    (``offsets_*``, ascending: neither whitespace nor debris) inside its own spans, counted by
    binary search (whitespace folds to whitespace, so norm's and text's are the same places)."""
    weights_a = _own_chars(a, [p.a for p in pairs], offsets_a)
    weights_b = _own_chars(b, [p.b for p in pairs], offsets_b)
    weighted = total = 0.0
    for p, weight_a, weight_b in zip(pairs, weights_a, weights_b):
        weight = weight_a + weight_b
        total += weight
        if p.a is not None and p.b is not None:
            weighted += weight * p.similarity
    if total == 0:
        return None
    return weighted / total


def _own_chars(doc: Document, sections: list[Section | None], offsets: Sequence[int] | np.ndarray) -> list[int]:
    """For each section (0 for None): how many of ``offsets`` lie in its own spans."""
    from docdiff.comparison.textdiff import own_spans

    owner: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for k, sec in enumerate(sections):
        if sec is None:
            continue
        spans = own_spans(sec.span, [c.span for c in sec.children]) if sec.children else [sec.span]
        for span in spans:
            owner.append(k)
            starts.append(span.start)
            ends.append(span.end)
    if isinstance(offsets, list):
        counts = [bisect_left(offsets, e) - bisect_left(offsets, s) for s, e in zip(starts, ends)]
    else:
        import numpy as np

        counts = (np.searchsorted(offsets, ends) - np.searchsorted(offsets, starts)).tolist()
    out = [0] * len(sections)
    for k, n in zip(owner, counts):
        out[k] += n
    return out
