"""Section texts → similarity scores: character-bigram TF-IDF cosine for content, rapidfuzz for titles.

Chinese has no spaces, so words are approximated by overlapping character bigrams; TF-IDF
weighting over every section of both documents lets rare, topical bigrams (污染防治, 棚户区)
outweigh the boilerplate every section shares (坚持, 推进, 加快).

Rule: two documents of at most PURE_MAX_CHARS characters together (and at most PURE_MAX_CELLS
section pairs) are compared in pure Python (``similarity_lists``), and a cosine is then a plain
list of rows; larger ones with numpy (its import alone costs more than the whole pure-Python
comparison below the threshold: ``benchmarks/pure_python_crossover.py`` measures where the two
cross). Both paths build the same float32 weights; the numpy path sums a cosine in float32 BLAS
order (a block's product over the bigrams its rows and columns share), the pure one in float32
too, term by term in bigram order: the two agree to a few float32 units in the last place (BLAS
itself differs between CPU kernels), never by more than the summation bound checked in
tests/test_pure_python.py.
"""
from __future__ import annotations

import math
import os
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from msgspec import Struct

from docdiff.comparison.similarity_lists import PairBigrams, cosine_lists, vectors_lists
from docdiff.model import Document, Span
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
    from threadpoolctl import ThreadpoolController

_DIGIT = compile_regex(r"\d")
# Titles: drop everything but letters, digits and CJK so "（一）", quotes and commas do not count.
_NON_WORD = compile_regex(r"[\W_]+")


def body_pieces(doc: Document, span: Span) -> list[tuple[int, int]]:
    """[start, end) pieces of ``span`` that lie outside ``doc.debris``, in order."""
    pieces, pos = [], span.start
    for d in islice(doc.debris, doc.debris_from(span.start), None):  # sorted: stop at the span's end
        if d.start >= span.end:
            break
        if d.end <= pos:
            continue
        if d.start > pos:
            pieces.append((pos, d.start))
        pos = max(pos, d.end)
    if pos < span.end:
        pieces.append((pos, span.end))
    return pieces


def body_text(doc: Document, span: Span, *, folded: bool = False) -> str:
    """The text of ``span`` without debris: original characters, or width-folded ones."""
    src = doc.norm if folded else doc.text
    return "".join(src[s:e] for s, e in body_pieces(doc, span))


def clean_title(title: str) -> str:
    """'（一）2017年工作回顾' → '0000年工作回顾': only word characters, digits masked (years change)."""
    return _DIGIT.sub("0", _NON_WORD.sub("", title))


class _Cleaned(Struct, frozen=True):
    """A document reduced to word characters, with a map from original offsets to cleaned ones."""

    codes: np.ndarray  # one int64 per bigram of the cleaned text (two code points packed)
    kept_before: np.ndarray  # kept_before[i] = cleaned offset of original offset i

    def bigram_range(self, span: Span) -> tuple[int, int]:
        start, end = int(self.kept_before[span.start]), int(self.kept_before[span.end])
        return start, max(start, end - 1)


def _clean(doc: Document) -> _Cleaned:
    """Keep letters, digits and CJK outside debris; digits masked to 0; bigrams packed as ints."""
    import numpy as np

    norm = doc.norm
    # The characters of _WORD_RUN, tested all at once: numpy's isalnum is the same Unicode
    # test as the regex's [^\W_] (checked over every code point in the tests).
    keep = np.strings.isalnum(np.frombuffer(norm.encode("utf-32-le"), dtype="<U1"))
    for d in doc.debris:
        keep[d.start : d.end] = False
    kept_before = np.zeros(len(norm) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)[keep].astype(np.int64)
    points[(points >= 0x30) & (points <= 0x39)] = 0x30  # every ASCII digit is "0": years and values change
    codes = (points[:-1] << 21) | points[1:] if len(points) > 1 else np.zeros(0, dtype=np.int64)
    return _Cleaned(codes=codes, kept_before=kept_before)


class _Bigrams:
    """Two documents' bigrams numbered over one vocabulary (their codes, sorted: 0..V-1).

    Shared, it holds 32-bit offsets and ids, and the span counts of small documents only:
    counting every span again (``bigram_counts``: 0.6 s for 200,000 sections) costs less than
    keeping them through the diff, the reuse and the targets (~400 MB at 100,000 sibling
    headings); up to _KEEP_COUNTS counted entries a side, alignment's counts serve the
    destinations (mostly the same sections)."""

    def __init__(self, a: Document, b: Document) -> None:
        import numpy as np

        self.a, self.b = a, b
        cleaned = (_clean(a), _clean(b))
        codes_a, codes_b = (c.codes for c in cleaned)
        self.vocab, inverse = _vocabulary(np.concatenate([codes_a, codes_b]))
        self.kept_before = tuple(c.kept_before.astype(np.int32) for c in cleaned)
        self.ids = (inverse[: len(codes_a)].astype(np.int32), inverse[len(codes_a) :].astype(np.int32))
        # per side: bigram range → (ids, counts), while their entries stay within _KEEP_COUNTS
        self._kept: tuple[dict[tuple[int, int], tuple[np.ndarray, np.ndarray]], ...] = ({}, {})
        self._kept_entries = [0, 0]

    def counts(self, side: int, spans: list[Span]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each span of document a (side 0) or b (1): its distinct bigram ids, ascending, and
        how often each occurs (``np.unique``'s arrays: read them, never write); all counted
        together (``bigram_counts.span_counts``), each distinct span once."""
        import numpy as np

        from docdiff.comparison.bigram_counts import span_counts

        starts, ends = _bigram_ranges(self.kept_before[side], spans)
        keys = list(zip(starts.tolist(), ends.tolist()))
        kept = self._kept[side]
        distinct = sorted(set(keys).difference(kept))
        counted = {k: kept[k] for k in keys if k in kept}
        if distinct:
            at = np.array(distinct, dtype=np.int64).reshape(-1, 2)
            ids, counts, bounds = span_counts(self.ids[side], at[:, 0], at[:, 1], len(self.vocab))
            new = {k: (ids[lo:hi], counts[lo:hi]) for k, lo, hi in zip(distinct, bounds[:-1].tolist(), bounds[1:].tolist())}
            counted.update(new)
            if self._kept_entries[side] + len(ids) <= _KEEP_COUNTS:
                kept.update(new)
                self._kept_entries[side] += len(ids)
        return [counted[k] for k in keys]


# Counted entries (bigram id, count) kept per side of a shared pair: 2 × 16 MB at most.
_KEEP_COUNTS = 1 << 20


# The bigrams of the pairs of documents compared while ``shared_bigrams`` is open (None: not open).
_shared: list[_Bigrams | PairBigrams] | None = None


@contextmanager
def shared_bigrams() -> Iterator[None]:
    """Within the block, the section vectors of one pair of documents share its vocabulary:
    alignment and destinations weigh mostly the same sections (each their own set, so their own
    TF-IDF weights). Released when the outermost block ends."""
    global _shared
    outer = _shared
    if outer is None:
        _shared = []
    try:
        yield
    finally:
        _shared = outer


_Shared = TypeVar("_Shared", "_Bigrams", PairBigrams)


def _bigrams(a: Document, b: Document, kind: type[_Shared] = _Bigrams) -> _Shared:  # type: ignore[assignment]
    """The pair's bigrams of ``kind`` (numpy's or the pure path's), shared while the block is open."""
    if _shared is None:
        return kind(a, b)
    for known in _shared:
        if known.a is a and known.b is b and isinstance(known, kind):
            return known
    _shared.append(made := kind(a, b))
    return made


@cache
def _blas_controller() -> ThreadpoolController:
    """The BLAS libraries loaded with numpy (asked once numpy is imported: threadpoolctl lists
    the libraries already in the process)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS in the calling thread only, restoring its setting after.

    These products are small (a few sections × their bigrams): OpenBLAS's worker threads cost
    more than they save, and after each threaded call they busy-wait on the other cores — about
    0.1 s of CPU per comparison, which a loaded machine takes from our own thread. Scoped
    (threadpoolctl), so a program that uses docdiff as a library keeps its own BLAS threads.
    Nothing to do when OPENBLAS_NUM_THREADS is 1 (``docdiff``'s command sets it before numpy
    loads): threadpoolctl's import and its search of the loaded libraries cost ~4 ms a run.
    """
    if os.environ.get("OPENBLAS_NUM_THREADS") == "1":
        yield
        return
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


# Below both, a pair of documents is compared without numpy (see the module docstring; ``reuse``
# follows the same limit). benchmarks/pure_python_crossover.py, whole `docdiff compare` runs:
# numpy, its import included, first wins between 10,000 and 13,500 characters (three runs;
# measured again after the numpy path got faster, twice: between 11,600 and 13,500). With the
# faster pure similarity (``similarity_lists``) and reuse, --runs 5: pure 0.135 s against numpy
# 0.143 s at 13,524 characters, 0.153 against 0.149 at 15,873 (even near 15,100); at 3,800
# 0.086 against 0.117, at 27,700 0.204 against 0.174 (the pure cosines and vectors grow
# faster than numpy's). Forced onto the pure path, every sample and province pair still gives
# byte-identical outputs.
PURE_MAX_CHARS = 15_000
PURE_MAX_CELLS = 250_000  # align_sparse's DENSE_MAX_CELLS: larger groups need scipy's matrices


def to_float32(x: float) -> float:
    """``x`` rounded to the nearest float32, as a Python float (what numpy's float32 would hold)."""
    return array("f", [x])[0]


def use_pure_python(a: Document, b: Document, sections_a: int, sections_b: int) -> bool:
    """Whether sections of ``a`` and ``b`` are compared in pure Python (the module's rule)."""
    return len(a.norm) + len(b.norm) <= PURE_MAX_CHARS and sections_a * sections_b <= PURE_MAX_CELLS


# Cosines are computed as dense products over the bigrams of the columns' sections, this many
# rows at a time: bounded memory (256 × 40,000 bigrams × 4 bytes = 40 MB) for any document size.
_ROW_BLOCK = 256
# Past this many section pairs in one block, scipy.sparse is worth its 0.2–0.3 s import.
_SPARSE_ABOVE = 20_000


class SectionVectors:
    """TF-IDF bigram vectors of the sections of two documents, for cosine similarity.

    Plain numpy for the usual small blocks (siblings of one parent): importing scipy costs
    0.2–0.4 s, half of what Ruby docdiff needs for a whole character diff of a five-year plan.
    Only large blocks go through scipy.sparse.
    """

    def __init__(self, a: Document, spans_a: list[Span], b: Document, spans_b: list[Span]) -> None:
        self.pure = use_pure_python(a, b, len(spans_a), len(spans_b))
        if self.pure:
            bigram_lists = _bigrams(a, b, PairBigrams)
            vectors = vectors_lists(bigram_lists.terms(0, spans_a) + bigram_lists.terms(1, spans_b))
            self._a_lists, self._b_lists = vectors[: len(spans_a)], vectors[len(spans_a) :]
            return
        bigrams = _bigrams(a, b)
        vocab = bigrams.vocab
        vectors = _unit_vectors(bigrams.counts(0, spans_a) + bigrams.counts(1, spans_b), len(vocab))
        self._vocab_size = max(1, len(vocab))
        self._a = vectors[: len(spans_a)]
        self._b = vectors[len(spans_a) :]
        self._matrices: tuple[csr_matrix, csr_matrix] | None = None

    def matrices(self) -> tuple[csr_matrix, csr_matrix]:
        """All sections of a and of b as sparse row vectors (scipy csr, unit length): for the
        candidate-pair path of large unheaded documents (``align_sparse``)."""
        if self._matrices is None:
            self._matrices = (self._csr(self._a), self._csr(self._b))
        return self._matrices

    def _csr(self, vectors: list[tuple[np.ndarray, np.ndarray]]) -> csr_matrix:
        import numpy as np
        from scipy.sparse import csr_matrix

        indptr = np.cumsum([0] + [len(ids) for ids, _ in vectors])
        ids = np.concatenate([ids for ids, _ in vectors]) if vectors else np.zeros(0, dtype=np.int64)
        data = np.concatenate([w for _, w in vectors]) if vectors else np.zeros(0, dtype=np.float32)
        return csr_matrix((data, ids, indptr), shape=(len(vectors), self._vocab_size))

    def cosine(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray | list[list[float]]:
        """Cosine similarity of the given sections of a (rows) and b (columns), in [0, 1]:
        a numpy matrix, or lists of rows when ``pure`` (see the module's rule)."""
        if self.pure:
            return self._cosine_lists(rows_a, rows_b)
        import numpy as np

        sim = np.zeros((len(rows_a), len(rows_b)))
        if not rows_a or not rows_b:
            return sim
        cols = [self._b[j] for j in rows_b]
        if len(rows_a) * len(rows_b) > _SPARSE_ABOVE:
            return self._cosine_sparse(rows_a, rows_b)
        rows = [self._a[i] for i in rows_a]
        local = _shared_ids(rows, cols, self._vocab_size)  # the bigrams a row and a column have
        dense_b = _dense(cols, local)
        for start in range(0, len(rows_a), _ROW_BLOCK):
            dense_a = _dense(rows[start : start + _ROW_BLOCK], local)
            with _one_blas_thread():
                sim[start : start + len(dense_a)] = dense_a @ dense_b.T
        return self._with_empty(sim, rows_a, rows_b)

    def _cosine_lists(self, rows_a: list[int], rows_b: list[int]) -> list[list[float]]:
        """``cosine`` in pure Python (``similarity_lists.cosine_lists``)."""
        return cosine_lists([self._a_lists[i] for i in rows_a], [self._b_lists[j] for j in rows_b])

    def _cosine_sparse(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        """The same through scipy.sparse, for many-by-many blocks (10× a five-year plan: 2,000 ×
        400 sections), where the dense product would cost rows × columns × vocabulary."""
        import numpy as np
        from scipy.sparse import csr_matrix

        def matrix(vectors: list[tuple[np.ndarray, np.ndarray]]) -> csr_matrix:
            indptr = np.cumsum([0] + [len(ids) for ids, _ in vectors])
            ids = np.concatenate([ids for ids, _ in vectors])
            data = np.concatenate([w for _, w in vectors])
            return csr_matrix((data, ids, indptr), shape=(len(vectors), self._vocab_size))

        sim = (matrix([self._a[i] for i in rows_a]) @ matrix([self._b[j] for j in rows_b]).T).toarray()
        return self._with_empty(sim.astype(np.float64), rows_a, rows_b)

    def _with_empty(self, sim: np.ndarray, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        import numpy as np

        # Two empty sections (a bare heading on each side) are equal in content.
        cols = [self._b[j] for j in rows_b]
        empty_a = np.array([len(self._a[i][0]) == 0 for i in rows_a])
        empty_b = np.array([len(ids) == 0 for ids, _ in cols])
        sim[np.outer(empty_a, empty_b)] = 1.0
        return np.clip(sim, 0.0, 1.0)


# Up to this many bigrams, _vocabulary argsorts them (one sort, no search: half the time of a
# pair of reports); past it, sort + binary search (the argsort's scattered reads cost more).
_ARGSORT_MAX = 1 << 20


def _vocabulary(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)``: by one argsort for up to _ARGSORT_MAX codes; by
    a sort and a binary search past it (np.unique's argsort of 12 million bigrams took 4.7 s,
    these 1.3 s: a document repeats few distinct bigrams)."""
    import numpy as np

    if len(codes) > _ARGSORT_MAX or not len(codes):
        by_points = _vocabulary_by_points(codes) if len(codes) else None
        if by_points is not None:
            return by_points
        vocab = sorted_unique(codes)
        return vocab, np.searchsorted(vocab, codes)
    order = np.argsort(codes)
    ordered = codes[order]
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(codes), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


# Bigrams of up to this many pairs of code points are numbered through a table (see below).
_POINT_PAIRS_MAX = 1 << 24


def _vocabulary_by_points(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """``_vocabulary`` without a sort, for bigram codes (two code points, 21 bits each): the
    points in use, numbered in order (a text holds a few thousand), turn each bigram into one
    of p × p slots in the same order; the slots in use, counted, are the ids. None when p × p
    passes _POINT_PAIRS_MAX (the table would cost more memory than the sort)."""
    import numpy as np

    high, low = codes >> 21, codes & ((1 << 21) - 1)
    used = np.zeros(1 << 21, dtype=bool)
    used[high] = True
    used[low] = True
    points = np.flatnonzero(used)
    p = len(points)
    if p * p > _POINT_PAIRS_MAX:
        return None
    number = np.cumsum(used, dtype=np.int32) - 1  # point → its rank among the points in use
    slots = number[high].astype(np.int64) * p + number[low]
    taken = np.zeros(p * p, dtype=bool)
    taken[slots] = True
    ids = np.cumsum(taken, dtype=np.int32) - 1
    present = np.flatnonzero(taken)
    return (points[present // p] << 21) | points[present % p], ids[slots].astype(np.int64)


def _bigram_ranges(kept_before: np.ndarray, spans: list[Span]) -> tuple[np.ndarray, np.ndarray]:
    """``_Cleaned.bigram_range`` of every span (``kept_before`` its map), as two int64 arrays."""
    import numpy as np

    at = np.array([(span.start, span.end) for span in spans], dtype=np.int64).reshape(-1, 2)
    start, end = kept_before[at[:, 0]].astype(np.int64), kept_before[at[:, 1]].astype(np.int64)
    return start, np.maximum(start, end - 1)


def _unit_vectors(rows: list[tuple[np.ndarray, np.ndarray]], vocab: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The unit TF-IDF vector (ids, float32 weights) of each section from its (bigram ids,
    counts): arithmetic on all sections at once, each norm a dot of its own (BLAS's summation
    order, as ever)."""
    import numpy as np

    n = len(rows)
    lengths = np.array([len(ids) for ids, _ in rows], dtype=np.int64)
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    empty = np.zeros(0, dtype=np.int64)
    ids = np.concatenate([empty, *(ids for ids, _ in rows)])
    df = np.bincount(ids, minlength=max(1, vocab)).astype(np.float64)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    w = (1.0 + np.log(np.concatenate([empty, *(c for _, c in rows)]))) * idf[ids]  # sublinear tf
    norms = np.empty(n)
    starts, ends = bounds[:-1].tolist(), bounds[1:].tolist()
    with _one_blas_thread():
        for k, (lo, hi) in enumerate(zip(starts, ends)):
            part = w[lo:hi].copy()
            norms[k] = math.sqrt(float(part @ part)) or 1.0
    weights = (w / np.repeat(norms, lengths)).astype(np.float32)
    return [(ids[lo:hi], weights[lo:hi]) for lo, hi in zip(starts, ends)]


def _shared_ids(rows: list[tuple[np.ndarray, np.ndarray]], cols: list[tuple[np.ndarray, np.ndarray]], vocab: int) -> np.ndarray:
    """The bigram ids (ascending) that some row and some column both hold: the only terms of
    their products (a bigram on one side alone adds nothing), marked over the vocabulary, no sort."""
    import numpy as np

    empty = np.zeros(0, dtype=np.int64)
    in_rows = np.zeros(vocab, dtype=bool)
    in_rows[np.concatenate([empty, *(ids for ids, _ in rows)])] = True
    in_cols = np.zeros(vocab, dtype=bool)
    in_cols[np.concatenate([empty, *(ids for ids, _ in cols)])] = True
    return np.flatnonzero(in_rows & in_cols)


def _dense(vectors: list[tuple[np.ndarray, np.ndarray]], local: np.ndarray) -> np.ndarray:
    """The vectors as rows of a float32 matrix over the bigrams ``local`` (sorted ids), the
    others left out: every entry placed at once through a map from id to column (no search)."""
    import numpy as np

    dense = np.zeros((len(vectors), len(local)), dtype=np.float32)
    if not vectors or not len(local):
        return dense
    ids = np.concatenate([ids for ids, _ in vectors])
    weights = np.concatenate([w for _, w in vectors])
    last = int(local[-1])
    column = np.full(last + 2, -1, dtype=np.int64)  # id → its column; ids past the last → -1
    column[local] = np.arange(len(local))
    at = column[np.minimum(ids, last + 1)]
    starts = np.repeat(np.arange(0, len(vectors) * len(local), len(local)), [len(ids) for ids, _ in vectors])
    hit = at >= 0
    dense.ravel()[starts[hit] + at[hit]] = weights[hit]
    return dense


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing path is slower on these id arrays and
    imports numpy.ma (10 ms) on its first call."""
    import numpy as np

    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def title_similarity_lists(titles_a: list[str], titles_b: list[str]) -> list[list[float]]:
    """``title_similarity`` in pure Python (per-pair ``fuzz.ratio``: cdist returns numpy), for
    the pure path; the same float64 values (a few pairs without importing rapidfuzz)."""
    from docdiff.comparison.indel import ratio_for

    ratio = ratio_for(len(titles_a) * len(titles_b))
    cb = [clean_title(t) for t in titles_b]
    return [[ratio(ta, tb) / 100.0 for tb in cb] for ta in (clean_title(t) for t in titles_a)]


def title_similarity(titles_a: list[str], titles_b: list[str]) -> np.ndarray:
    """Normalised Indel similarity (rapidfuzz ``fuzz.ratio``) of cleaned titles, in [0, 1]."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not titles_a or not titles_b:
        return np.zeros((len(titles_a), len(titles_b)))
    ca, cb = [clean_title(t) for t in titles_a], [clean_title(t) for t in titles_b]
    return process.cdist(ca, cb, scorer=fuzz.ratio, dtype=np.float64) / 100.0
