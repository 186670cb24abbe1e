"""Paths → CorpusReport: analyse each document (or take it from the store), shortlist pairs by
LSH, verify them into passages, drop boilerplate, then the table, clusters and parent verdicts."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from msgspec import Struct, field

from docdiff.corpus.candidates import boilerplate_df, find_candidates
from docdiff.corpus.clusters import closest_documents, cluster_documents
from docdiff.corpus.documents import DocRecord, analyse_document, file_sha
from docdiff.corpus.engine import Engine
from docdiff.corpus.passages import RawPassage, find_passages
from docdiff.corpus.report import CorpusDocument, CorpusReport, PairSimilarity, Passage
from docdiff.corpus.signatures import sample_grams
from docdiff.corpus.store import Store
from docdiff.corpus.table import build_table
from docdiff.errors import DocdiffError, printable

BOILERPLATE_PASSAGE = 0.5  # a passage more than half made of such text is boilerplate


class WorkDone(Struct):
    """What a run computed rather than took from the store (the incremental tests count it)."""

    analysed: list[str] = field(default_factory=list)  # paths read and signed
    verified: int = 0  # candidate pairs verified


# What a folder contributes: the formats ingest reads (a README or an image beside them is not a document).
DOCUMENT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".docx", ".pdf")


def collect_paths(args: list[str]) -> list[str]:
    """FILE… and DIR… → files, in order; a folder gives its visible documents (DOCUMENT_SUFFIXES),
    sorted, recursively. A file named on the command line is taken whatever its name."""
    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise DocdiffError(f"{printable(arg)}: folder has no documents ({', '.join(DOCUMENT_SUFFIXES)})")
            out.extend(found)
        else:
            out.append(arg)  # ingest names a missing or unreadable file
    return list(dict.fromkeys(out))


def build_corpus(
    paths: list[str],
    *,
    parent: str | None = None,
    store: str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    targets: bool = True,
    progress: bool = False,
    encoding: str | None = None,
    max_bytes: int | None = None,
    work: WorkDone | None = None,
) -> CorpusReport:
    """The corpus report of ``paths`` (files or folders), optionally against ``parent``'s targets."""
    files = collect_paths(paths)
    if parent is not None:  # the parent inside the corpus folder is not one of its documents
        files = [f for f in files if not _same_file(f, parent)]
    work = work if work is not None else WorkDone()
    db = Store(store)
    try:
        with Engine(workers=workers, scheduler=scheduler, progress=progress) as engine:
            wanted = [*files, parent] if parent else files
            records = _analyse(wanted, db, engine, targets or parent is not None, encoding, max_bytes, work)
            parent_rec = records.pop() if parent else None
            raw = _verify(records, db, engine, work)
    finally:
        db.close()
    return _assemble(records, raw, parent_rec, targets)


def _same_file(x: str, y: str) -> bool:
    try:
        return os.path.samefile(x, y)
    except OSError:
        return x == y


def _analyse(paths: list[str], db: Store, engine: Engine, with_targets: bool, encoding: str | None,
             max_bytes: int | None, work: WorkDone) -> list[DocRecord]:
    shas = [file_sha(p) for p in paths]
    stored = db.load_documents([s for s in shas if s], need_targets=with_targets)
    todo = [(p, s) for p, s in zip(paths, shas) if s not in stored]
    fresh = engine.map(_analyse_one, [(p, s, with_targets, encoding, max_bytes) for p, s in todo], label="reading")
    db.save_documents(fresh)
    work.analysed.extend(p for p, _ in todo)
    by_sha = {**stored, **{r.sha: r for r in fresh}}
    new_by_path = {r.path: r for r in fresh}
    out = []
    for p, s in zip(paths, shas):
        rec = new_by_path.get(p) or by_sha[s]
        if rec.path != p:  # the same content under another name: report the name given now
            from msgspec.structs import replace

            rec = replace(rec, path=p)
        out.append(rec)
    return out


def _analyse_one(path: str, sha: str, with_targets: bool, encoding: str | None, max_bytes: int | None) -> DocRecord:
    if not sha:
        # file_sha could not read it: let ingest say why, in its words
        from docdiff.ingest import load

        load(path, encoding=encoding, max_bytes=max_bytes)
        raise DocdiffError(f"{printable(path)}: cannot read")
    return analyse_document(path, sha=sha, with_targets=with_targets, encoding=encoding, max_bytes=max_bytes)


def _verify_one(body_a: str, body_b: str) -> tuple[RawPassage, ...]:
    return find_passages(body_a, body_b)


def _verify(records: list[DocRecord], db: Store, engine: Engine, work: WorkDone):
    """Candidate pairs and their raw passages (sides in the pair's order), plus the candidates."""
    cands = find_candidates([r.signatures for r in records])
    # The store keys a pair by its two hashes in sorted order; passages are stored with that order's sides.
    keyed = []
    for a, b in cands.pairs:
        x, y = (a, b) if records[a].sha <= records[b].sha else (b, a)
        keyed.append((a, b, x, y, (records[x].sha, records[y].sha)))
    stored = db.load_pairs([k for *_, k in keyed])
    todo = [(x, y, k) for _, _, x, y, k in keyed if k not in stored]
    todo = list({k: (x, y, k) for x, y, k in todo}.values())
    found = engine.map(_verify_one, [(records[x].body, records[y].body) for x, y, _ in todo], label="verifying")
    fresh = {k: ps for (_, _, k), ps in zip(todo, found)}
    db.save_pairs(fresh)
    work.verified += len(todo)
    every = {**stored, **fresh}
    raw = []
    for a, b, x, _, k in keyed:
        ps = every[k]
        if x != a:  # stored the other way round: swap the sides
            ps = tuple(_swap(p) for p in ps)
            ps = tuple(sorted(ps, key=lambda p: p.a_start))
        raw.append((a, b, ps))
    return raw, cands


def _swap(p: RawPassage) -> RawPassage:
    return RawPassage(p.b_start, p.b_end, p.a_start, p.a_end, tuple((j, i, n) for i, j, n in p.runs))


def _covered(spans: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e > end:
            total += e - max(s, end)
            end = e
    return total


class _DocumentFrequency:
    """In how many documents each sampled 12-gram occurs (one sorted array for the corpus)."""

    def __init__(self, records: list[DocRecord]) -> None:
        every = np.concatenate([r.grams for r in records]) if records else np.zeros(0, dtype=np.uint64)
        self.grams, self.counts = np.unique(every, return_counts=True)
        self.limit = boilerplate_df(len(records))

    def boilerplate_share(self, text: str) -> float:
        """Share of ``text``'s sampled grams found in ``limit`` documents or more."""
        probe = sample_grams(text)
        if len(probe) == 0 or len(self.grams) == 0:
            return 0.0
        at = np.minimum(np.searchsorted(self.grams, probe), len(self.grams) - 1)
        df = np.where(self.grams[at] == probe, self.counts[at], 0)
        return float(np.count_nonzero(df >= self.limit)) / len(probe)


def _assemble(records: list[DocRecord], verified, parent_rec: DocRecord | None, targets: bool) -> CorpusReport:
    raw, cands = verified
    passages: list[Passage] = []
    sims: list[PairSimilarity] = []
    dropped = 0
    df = _DocumentFrequency(records)
    for a, b, ps in raw:
        ra, rb = records[a], records[b]
        kept = []
        for p in ps:
            # mostly text found in many documents (stock phrases, slogans): set text, not copying
            if df.boilerplate_share(ra.body[p.a_start : p.a_end]) > BOILERPLATE_PASSAGE:
                dropped += 1
                continue
            kept.append(p)
        for p in kept:
            passages.append(Passage(
                a=a, b=b, a_start=ra.text_offset(p.a_start), a_end=ra.text_offset(p.a_end - 1) + 1,
                b_start=rb.text_offset(p.b_start), b_end=rb.text_offset(p.b_end - 1) + 1, a_line=ra.line_of(p.a_start), a_end_line=ra.line_of(p.a_end - 1),
                b_line=rb.line_of(p.b_start), b_end_line=rb.line_of(p.b_end - 1), chars=p.a_end - p.a_start,
                text=ra.body[p.a_start:p.a_end], text_b=rb.body[p.b_start:p.b_end], runs=p.runs))
        cov_a = _covered([(p.a_start, p.a_end) for p in kept])
        cov_b = _covered([(p.b_start, p.b_end) for p in kept])
        la, lb = len(ra.body), len(rb.body)
        sims.append(PairSimilarity(
            a=a, b=b, similarity=round((cov_a + cov_b) / max(1, la + lb), 4),
            reuse_a_in_b=round(cov_a / max(1, la), 4), reuse_b_in_a=round(cov_b / max(1, lb), 4)))
    sims.sort(key=lambda s: (-s.similarity, -max(s.reuse_a_in_b, s.reuse_b_in_a), s.a, s.b))
    rank = {(s.a, s.b): i for i, s in enumerate(sims)}
    passages.sort(key=lambda p: (rank[(p.a, p.b)], p.a_line, -p.chars))
    documents = tuple(CorpusDocument(
        path=r.path, sha=r.sha, title=r.title, kind=r.kind, year=r.year, issuer=r.issuer, period=r.period,
        chars=len(r.body)) for r in records)
    sims_t = tuple(sims)
    notes = []
    if cands.boilerplate_chunks:
        notes.append(f"{cands.boilerplate_chunks} chunks and {dropped} passages dropped as boilerplate "
                     f"(text found in many documents)")
    parent_report = None
    if parent_rec is not None:
        from docdiff.corpus.parent import compare_to_parent

        parent_report = compare_to_parent(parent_rec, records)
    return CorpusReport(
        documents=documents, indicators=build_table(records) if targets else (), similarity=sims_t,
        passages=tuple(passages), clusters=cluster_documents(len(records), sims_t),
        closest=closest_documents(len(records), sims_t), parent=parent_report,
        boilerplate_dropped=dropped, notes=tuple(notes))
