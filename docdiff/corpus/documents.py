"""One file → DocRecord: what the corpus needs of a document (metadata, targets, folded body
with its line map, chunk signatures). This is the per-document task the engine runs."""
from __future__ import annotations

import bisect
import hashlib

import numpy as np
from msgspec import Struct

from docdiff.model import Target


class DocRecord(Struct, frozen=True, kw_only=True):
    path: str
    sha: str
    title: str
    kind: str
    year: int | None
    issuer: str
    period: tuple[int, int] | None
    targets: tuple[Target, ...] | None  # None when the run asked for reuse only
    body: str  # folded body: debris and whitespace dropped (docdiff.comparison.reuse)
    line_starts: np.ndarray  # body offsets where a new source line begins (int64, ascending)
    line_numbers: np.ndarray  # the 1-based source line of each of those starts
    run_starts: np.ndarray  # body offsets where a run of consecutive source characters begins
    run_offsets: np.ndarray  # the offset in Document.text of each of those starts
    chunks: np.ndarray  # (n, 2) body offsets [start, end) of content-defined chunks
    signatures: np.ndarray  # (n, NUM_PERM) uint32 MinHash of each chunk
    grams: np.ndarray  # sampled distinct 12-gram hashes (uint64), for boilerplate by document frequency

    def text_offset(self, offset: int) -> int:
        """Offset in the source text (Document.text) of the body character at ``offset``."""
        if not len(self.run_starts):
            return offset
        i = max(bisect.bisect_right(self.run_starts, offset) - 1, 0)
        return int(self.run_offsets[i] + (offset - self.run_starts[i]))

    def line_of(self, offset: int) -> int:
        """Source line of the body character at ``offset``."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return int(self.line_numbers[max(i, 0)]) if len(self.line_numbers) else 1


def file_sha(path: str) -> str:
    """sha256 of the file's bytes (the store's key); unreadable files are left to ingest to name."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def analyse_document(
    path: str, *, sha: str, with_targets: bool = True, encoding: str | None = None, max_bytes: int | None = None
) -> DocRecord:
    """Read, outline, extract targets (unless reuse only) and sign one file."""
    from docdiff.comparison.reuse import _body
    from docdiff.corpus.signatures import chunk_body, sample_grams, sign_chunks
    from docdiff.ingest import load

    doc = load(path, encoding=encoding, max_bytes=max_bytes)
    targets = None
    if with_targets:
        from docdiff.outline import parse_outline
        from docdiff.targets import extract_targets

        targets = tuple(extract_targets(doc, parse_outline(doc)))
    body, offsets = _body(doc)
    lines = np.searchsorted(np.asarray(doc.line_starts, dtype=np.int64), offsets, side="right")
    change = np.flatnonzero(np.diff(lines)) + 1 if len(lines) else np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], change)).astype(np.int64) if len(lines) else np.zeros(0, dtype=np.int64)
    runs = np.concatenate(([0], np.flatnonzero(np.diff(offsets) != 1) + 1)).astype(np.int64) if len(offsets) \
        else np.zeros(0, dtype=np.int64)
    chunks = chunk_body(body)
    m = doc.meta
    return DocRecord(
        path=path, sha=sha, title=m.title, kind=str(m.kind), year=m.year, issuer=m.issuer, period=m.period,
        targets=targets, body=body, line_starts=starts, line_numbers=lines[starts].astype(np.int64),
        run_starts=runs, run_offsets=offsets[runs].astype(np.int64),
        chunks=chunks, signatures=sign_chunks(body, chunks), grams=sample_grams(body),
    )
