"""The corpus store: an SQLite file keyed by content hash holding each document's record
(metadata, targets, body, line map, chunk signatures) and each verified pair's raw passages,
so that a re-run recomputes only what changed.

SQLite (the standard library's sqlite3) rather than DuckDB: the store is read and written by
key, a row at a time, which is SQLite's strength and DuckDB's weakness (a columnar engine built
for scans and aggregates); it adds no dependency and its file format is stable for decades.
Nothing is unpickled: records are JSON plus raw numpy bytes, so a store from elsewhere cannot
run code.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from typing import Any

import numpy as np

from docdiff.corpus.documents import DocRecord
from docdiff.corpus.passages import RawPassage
from docdiff.errors import DocdiffError, printable
from docdiff.model import Comparator, Period, Span, Target

# Bump when what a record or a pair holds changes meaning (chunking, signatures, passages):
# entries of another version are recomputed, never misread.
STORE_VERSION = "corpus-3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (sha TEXT NOT NULL, version TEXT NOT NULL, targets INTEGER NOT NULL,
    meta TEXT NOT NULL, body TEXT NOT NULL, line_starts BLOB NOT NULL, line_numbers BLOB NOT NULL,
    chunks BLOB NOT NULL, signatures BLOB NOT NULL, grams BLOB NOT NULL, runs BLOB NOT NULL, PRIMARY KEY (sha, version));
CREATE TABLE IF NOT EXISTS pairs (sha_a TEXT NOT NULL, sha_b TEXT NOT NULL, version TEXT NOT NULL,
    passages TEXT NOT NULL, PRIMARY KEY (sha_a, sha_b, version));
"""


def _target_json(t: Target) -> dict[str, Any]:
    return {
        "id": t.id, "indicator": t.indicator, "key": t.key, "value": t.value, "value_high": t.value_high,
        "unit": t.unit, "comparator": str(t.comparator), "year": t.year, "period": str(t.period),
        "text": t.text, "span": [t.span.start, t.span.end], "line": t.line, "section": t.section,
        "baseline": t.baseline, "baseline_year": t.baseline_year, "binding": t.binding, "status": t.status,
        "tier": t.tier, "confidence": t.confidence,
    }


def _target(d: dict[str, Any]) -> Target:
    return Target(
        id=d["id"], indicator=d["indicator"], key=d["key"], value=d["value"], value_high=d["value_high"],
        unit=d["unit"], comparator=Comparator(d["comparator"]), year=d["year"], period=Period(d["period"]),
        text=d["text"], span=Span(*d["span"]), line=d["line"], section=d["section"], baseline=d["baseline"],
        baseline_year=d["baseline_year"], binding=d["binding"], status=d["status"], tier=d["tier"],
        confidence=d["confidence"],
    )


class Store:
    """Documents and verified pairs by content hash; ``Store(None)`` keeps nothing (a one-off run)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            self._db = sqlite3.connect(path)
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as e:
            raise DocdiffError(f"{printable(path)}: not a usable corpus store ({e})") from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def load_documents(self, shas: list[str], *, need_targets: bool) -> dict[str, DocRecord]:
        """Stored records of these hashes (with targets, when ``need_targets``)."""
        if self._db is None or not shas:
            return {}
        found: dict[str, DocRecord] = {}
        with closing(self._db.cursor()) as cur:
            for i in range(0, len(shas), 500):
                part = shas[i : i + 500]
                cur.execute(
                    f"SELECT sha, targets, meta, body, line_starts, line_numbers, chunks, signatures, grams, runs FROM documents "
                    f"WHERE version = ? AND sha IN ({','.join('?' * len(part))})", [STORE_VERSION, *part])
                for sha, has_targets, meta, body, starts, numbers, chunks, sigs, grams, runs in cur.fetchall():
                    if need_targets and not has_targets:
                        continue
                    m = json.loads(meta)
                    from docdiff.corpus.signatures import NUM_PERM

                    found[sha] = DocRecord(
                        path=m["path"], sha=sha, title=m["title"], kind=m["kind"], year=m["year"],
                        issuer=m["issuer"], period=tuple(m["period"]) if m["period"] else None,
                        targets=tuple(_target(t) for t in m["targets"]) if has_targets else None,
                        body=body, line_starts=np.frombuffer(starts, dtype=np.int64),
                        line_numbers=np.frombuffer(numbers, dtype=np.int64),
                        chunks=np.frombuffer(chunks, dtype=np.int64).reshape(-1, 2),
                        signatures=np.frombuffer(sigs, dtype=np.uint32).reshape(-1, NUM_PERM),
                        grams=np.frombuffer(grams, dtype=np.uint64),
                        run_starts=np.frombuffer(runs, dtype=np.int64).reshape(2, -1)[0],
                        run_offsets=np.frombuffer(runs, dtype=np.int64).reshape(2, -1)[1],
                    )
        return found

    def save_documents(self, records: list[DocRecord]) -> None:
        if self._db is None or not records:
            return
        rows = []
        for r in records:
            meta = {"path": r.path, "title": r.title, "kind": r.kind, "year": r.year, "issuer": r.issuer,
                    "period": list(r.period) if r.period else None,
                    "targets": [_target_json(t) for t in r.targets or ()]}
            rows.append((r.sha, STORE_VERSION, int(r.targets is not None), json.dumps(meta, ensure_ascii=False),
                         r.body, r.line_starts.astype(np.int64).tobytes(), r.line_numbers.astype(np.int64).tobytes(),
                         r.chunks.astype(np.int64).tobytes(), r.signatures.astype(np.uint32).tobytes(),
                         r.grams.astype(np.uint64).tobytes(),
                         np.stack([r.run_starts, r.run_offsets]).astype(np.int64).tobytes()))
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def load_pairs(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[RawPassage, ...]]:
        """Stored passages of these (sha_a, sha_b) pairs."""
        if self._db is None or not keys:
            return {}
        wanted = set(keys)
        found = {}
        shas = sorted({a for a, _ in keys})
        with closing(self._db.cursor()) as cur:
            for i in range(0, len(shas), 500):
                part = shas[i : i + 500]
                cur.execute(f"SELECT sha_a, sha_b, passages FROM pairs WHERE version = ? AND sha_a IN "
                            f"({','.join('?' * len(part))})", [STORE_VERSION, *part])
                for a, b, text in cur.fetchall():
                    if (a, b) in wanted:
                        found[(a, b)] = tuple(
                            RawPassage(p[0], p[1], p[2], p[3], tuple(tuple(r) for r in p[4])) for p in json.loads(text))
        return found

    def save_pairs(self, pairs: dict[tuple[str, str], tuple[RawPassage, ...]]) -> None:
        if self._db is None or not pairs:
            return
        rows = [(a, b, STORE_VERSION, json.dumps([[p.a_start, p.a_end, p.b_start, p.b_end, [list(r) for r in p.runs]]
                                                  for p in ps])) for (a, b), ps in pairs.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?)", rows)
