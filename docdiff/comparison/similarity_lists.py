"""``similarity``'s pure-Python path: TF-IDF bigram vectors and their cosines as lists, no numpy.

A pair of documents is read once (``PairBigrams``): each cleaned text becomes a list of packed
bigram codes (the numpy path's, which sort in bigram order: code point, then the next), so a
span's counts are a C-level ``Counter`` of a slice and its terms (read once per pair) sort as ints.
Weights are the numpy path's, value for value; a cosine is summed in float32, term by term in
bigram order, over an inverted index of the columns (``cosine_lists``).
"""
from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import accumulate, repeat
from operator import lshift, mul, or_, truediv

from docdiff.model import Document, Span
from docdiff.regex_cache import compile_regex

# A span's terms: its bigram codes, ascending, and their term frequencies.
Terms = tuple[list[int], list[float]]
# A term vector: its bigram codes, ascending, and their float32 weights.
Vector = tuple[list[int], array]

_WORD_RUN = compile_regex(r"[^\W_]+")
_ZERO_DIGITS = str.maketrans({d: "0" for d in "123456789"})


def blanked_debris(doc: Document, fill: str) -> str:
    """``doc.norm`` with every debris character replaced by ``fill`` (one character): offsets kept."""
    text = doc.norm
    if not doc.debris:
        return text
    pieces, pos = [], 0
    for d in doc.debris:  # sorted by start; they may overlap
        if d.end > pos:
            pieces += [text[pos : max(pos, d.start)], fill * (d.end - max(pos, d.start))]
            pos = d.end
    return "".join(pieces) + text[pos:]


def clean_lists(doc: Document) -> tuple[str, Callable[[int], int]]:
    """``similarity._clean`` in pure Python: the kept characters (letters, digits, CJK outside
    debris; ASCII digits as 0) as one string, and the cleaned offset of an original offset."""
    text = blanked_debris(doc, "\0")  # a debris span is no word character
    runs = [m.span() for m in _WORD_RUN.finditer(text)]  # [^\W_]: str.isalnum, numpy's isalnum
    starts = [start for start, _ in runs]
    before = list(accumulate((end - start for start, end in runs), initial=0))

    def kept_before(offset: int) -> int:
        k = bisect_right(starts, offset) - 1
        return before[k] + min(offset, runs[k][1]) - starts[k] if k >= 0 else 0

    return "".join(text[start:end] for start, end in runs).translate(_ZERO_DIGITS), kept_before


class PairBigrams:
    """Two documents' cleaned texts as bigram codes (two code points packed: ``(p << 21) | q``,
    the numpy path's codes, so they sort in bigram order), and the terms of every span read so
    far (small documents only take this path)."""

    def __init__(self, a: Document, b: Document) -> None:
        self.a, self.b = a, b
        cleaned = (clean_lists(a), clean_lists(b))
        self.ids = tuple(_codes(text) for text, _ in cleaned)
        self.kept_before = tuple(kept for _, kept in cleaned)
        self._read: tuple[dict[tuple[int, int], Terms], ...] = ({}, {})

    def terms(self, side: int, spans: list[Span]) -> list[Terms]:
        """Each span's terms (document a: side 0, b: 1), each span read once; never write them."""
        ids, kept_before, read = self.ids[side], self.kept_before[side], self._read[side]
        out = []
        for span in spans:
            start = kept_before(span.start)
            key = (start, max(start, kept_before(span.end) - 1))  # its bigrams: ids[start:end - 1]
            if key not in read:
                read[key] = _terms(Counter(ids[key[0] : key[1]]))
            out.append(read[key])
        return out


# _TF[c]: the sublinear term frequency of a bigram seen c times (one long section ≠ many).
_TF = [0.0]


def _terms(counts: Counter[int]) -> Terms:
    """A span's distinct bigrams, ascending, and their term frequencies."""
    keys = sorted(counts)
    for c in range(len(_TF), max(counts.values(), default=0) + 1):
        _TF.append(1.0 + math.log(c))
    return keys, list(map(_TF.__getitem__, map(counts.__getitem__, keys)))


# An array type of 4-byte items, for UTF-32 code points ("I" on every common platform).
_POINT = next(code for code in "IL" if array(code).itemsize == 4)


def _codes(text: str) -> list[int]:
    """The packed code of each bigram of ``text``, in order (C-level maps, no loop per character)."""
    points = array(_POINT, text.encode("utf-32-le"))
    return list(map(or_, map(lshift, points, repeat(21)), points[1:]))


def vectors_lists(rows: list[Terms]) -> list[Vector]:
    """The unit TF-IDF vector of every row of terms, weighted over these rows: the numpy path's
    float32 weights, value for value (the same float64 steps, the norm summed in id order)."""
    n = len(rows)
    df: Counter[int] = Counter()
    for keys, _ in rows:
        df.update(keys)
    # idf by document frequency (each value the formula's for its d), looked up per term
    idf_of = [math.log((n + 1) / (d + 1)) + 1.0 for d in range(n + 1)]
    idf = dict(zip(df.keys(), map(idf_of.__getitem__, df.values())))
    vectors = []
    for keys, tfs in rows:
        w = list(map(mul, tfs, map(idf.__getitem__, keys)))
        norm = math.sqrt(sum(map(mul, w, w))) or 1.0
        vectors.append((keys, array("f", map(truediv, w, repeat(norm)))))
    return vectors


def cosine_lists(rows: list[Vector], cols: list[Vector]) -> list[list[float]]:
    """Cosines of unit vectors, rows × columns, clipped to [0, 1]: each product summed in float32
    term by term in bigram order (an array('f') cell rounds every partial sum), through the
    columns' postings; two empty vectors (a bare heading each) are equal in content."""
    postings: dict[int, list[tuple[int, float]]] = {}
    for c, (keys, weights) in enumerate(cols):
        for key, w in zip(keys, weights):
            if key in postings:
                postings[key].append((c, w))
            else:
                postings[key] = [(c, w)]
    empty_cols = [c for c, (keys, _) in enumerate(cols) if not keys]
    zeros = bytes(4 * len(cols))
    found = postings.get
    sim = []
    for keys, weights in rows:
        acc = array("f", zeros)
        for key, x in zip(keys, weights):
            posting = found(key)
            if posting is not None:
                for c, y in posting:
                    acc[c] += x * y
        row = [min(max(v, 0.0), 1.0) for v in acc]
        if not keys:
            for c in empty_cols:
                row[c] = 1.0
        sim.append(row)
    return sim
