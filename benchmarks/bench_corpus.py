"""Benchmark `docdiff corpus` on a synthetic corpus with planted copies at known lines.

    python benchmarks/bench_corpus.py --n 100 1000 [--engines local dask] [--reuse-only-from 10000]

Documents are built from the samples' and the provinces' paragraphs, shuffled; each document
maps its Chinese characters through its own random permutation (comparator and unit words
kept), so documents share no text by accident while reading like the originals (the same
character frequencies, numbers and headings; targets are still extracted, fewer than in real
reports). One document in ten receives a paragraph copied from another, lightly edited (two
characters swapped for a place name, a digit changed); five stock paragraphs are pasted into a
third of the documents each (boilerplate). Printed for each N and engine: wall time, peak memory
(this process and the largest worker), planted-passage recall (the passage found between the
right two documents, ≥ 80% of the paragraph, both lines within ±1), whether every copying pair
ranks above every other pair, and the incremental re-run after adding 1% more documents.
Each run is a fresh subprocess so memory figures do not mix.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Kept as they are: comparator and unit words, so numbers still read as targets; every other
# Chinese character goes through the document's own mapping (two documents share no run of text).
KEEP = set("增长左右以上以内万亿元%")
STOCK = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。",
    "必须坚持党的全面领导，坚持以人民为中心的发展思想，坚持稳中求进工作总基调，更好统筹国内国际两个大局，更好统筹发展和安全，保持社会大局和谐稳定。",
    "各位代表！新征程上，我们要更加紧密地团结在以习近平同志为核心的党中央周围，坚定信心、真抓实干，为奋力谱写中国式现代化新篇章而努力奋斗！",
    "全面加强政府自身建设，深入推进依法行政，自觉接受人大法律监督、工作监督和政协民主监督，主动接受社会和舆论监督，持续改进工作作风。",
    "牢牢守住安全发展底线，统筹抓好安全生产、防灾减灾、食品药品安全等工作，完善社会治安整体防控体系，建设更高水平的平安中国。",
)


def _paragraphs() -> list[str]:
    from docdiff.ingest import load

    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((SHARED / "corpus" / "provinces-2026").glob("*.txt"))
    out = []
    for p in paths:
        for line in load(str(p)).body_text.splitlines():
            line = line.strip()
            if len(line) >= 20:
                out.append(line)
    return out


def _cipher(rng: random.Random, alphabet: list[str]) -> dict[int, str]:
    chars = [c for c in alphabet if c not in KEEP]
    swapped = chars
    targets = swapped[:]
    rng.shuffle(targets)
    return {ord(a): b for a, b in zip(swapped, targets)}


def _edit(p: str) -> str:
    mid = len(p) // 2
    p = p[:mid] + "某地" + p[mid + 2 :]
    m = re.search(r"\d", p)
    return p if not m else p[: m.start()] + str((int(m.group()) + 1) % 10) + p[m.end() :]


def build_corpus_files(folder: Path, n: int, seed: int, *, start: int = 0, plant: bool = True):
    """Write documents start…start+n-1, one in ten with a planted copy from another."""
    rng = random.Random(seed)
    paras = _paragraphs()
    alphabet = sorted({c for p in paras for c in p if "\u4e00" <= c <= "\u9fff"})
    docs = []
    for i in range(n):
        body = rng.sample(paras, rng.randint(25, 45))
        table = _cipher(rng, alphabet)
        lines = [f"某地{2026}年政府工作报告（第{start + i}号）"] + [p.translate(table) for p in body]
        for k, stock in enumerate(STOCK):
            if rng.random() < 1 / 3:
                lines.insert(rng.randrange(1, len(lines)), stock)
        docs.append(lines)
    pool = docs
    plants = []
    planted: set[str] = set()
    for i in range(n):
        if i % 10 or not plant:
            continue
        y = i
        x = rng.choice([k for k in range(len(pool)) if k != y])
        # never a planted copy as a source: a copy of a copy would make a third copying pair
        long = [k for k, line in enumerate(pool[x]) if 150 <= len(line) <= 800 and line not in STOCK
                and line not in planted]
        if not long:
            continue
        k = rng.choice(long)
        at = rng.randrange(1, len(pool[y]))
        planted.add(_edit(pool[x][k]))
        pool[y].insert(at, _edit(pool[x][k]))
        plants.append({"source": x, "source_line": k + 1, "copy": y, "copy_line": at + 1, "chars": len(pool[x][k])})
        for p in plants[:-1]:  # the insertion moves later lines of earlier plants down
            if p["copy"] == y and p["copy_line"] >= at + 1:
                p["copy_line"] += 1
            if p["source"] == y and p["source_line"] >= at + 1:
                p["source_line"] += 1
    for i, lines in enumerate(docs):
        (folder / f"d{start + i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs, plants


def _score(report, plants: list[dict]) -> tuple[float, bool]:
    found = 0
    by_pair: dict[frozenset, list] = {}
    for q in report.passages:
        by_pair.setdefault(frozenset((q.a, q.b)), []).append(q)
    for p in plants:
        for q in by_pair.get(frozenset((p["source"], p["copy"])), []):
            ls, lc = (q.a_line, q.b_line) if q.a == p["source"] else (q.b_line, q.a_line)
            if q.chars >= 0.8 * p["chars"] and abs(ls - p["source_line"]) <= 1 and abs(lc - p["copy_line"]) <= 1:
                found += 1
                break
    copying = {frozenset((p["source"], p["copy"])) for p in plants}
    ranks = [i for i, s in enumerate(report.similarity) if frozenset((s.a, s.b)) in copying]
    others = [i for i, s in enumerate(report.similarity) if frozenset((s.a, s.b)) not in copying and s.similarity > 0]
    above = not ranks or not others or max(ranks) < min(others)
    return found / max(1, len(plants)), above


def run_one(args: argparse.Namespace) -> None:
    """One measured run (in its own process): prints one JSON line."""
    from docdiff.corpus import build_corpus
    from docdiff.corpus.build import WorkDone

    folder = Path(args.folder)
    plants = json.loads((folder.parent / "plants.json").read_text())
    cluster = None
    scheduler = None
    if args.engine == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        scheduler = cluster.scheduler_address
    work = WorkDone()
    started = time.perf_counter()
    report = build_corpus([str(folder)], store=args.store, workers=2, scheduler=scheduler,
                          targets=not args.reuse_only, work=work)
    seconds = time.perf_counter() - started
    if cluster is not None:
        cluster.close()
    recall, above = _score(report, plants)
    print(json.dumps({
        "seconds": round(seconds, 1), "recall": round(recall, 3), "copying_pairs_first": above,
        "analysed": len(work.analysed), "verified": work.verified, "pairs": len(report.similarity),
        "passages": len(report.passages), "boilerplate_dropped": report.boilerplate_dropped,
        "rows": len(report.indicators),
        "peak_mb_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "peak_mb_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
    }))


def _measure(folder: Path, engine: str, store: Path | None, reuse_only: bool) -> dict:
    cmd = [sys.executable, __file__, "--one", "--folder", str(folder), "--engine", engine]
    if store:
        cmd += ["--store", str(store)]
    if reuse_only:
        cmd.append("--reuse-only")
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        return {"failed": run.returncode, "stderr": run.stderr.strip().splitlines()[-3:]}
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    ap.add_argument("--reuse-only-from", type=int, default=10_000, help="N from which targets are skipped")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--reuse-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(args)
        return 0
    for n in args.n:
        reuse_only = n >= args.reuse_only_from
        work = Path(tempfile.mkdtemp(prefix=f"bench-corpus-{n}-"))
        try:
            folder = work / "docs"
            folder.mkdir()
            docs, plants = build_corpus_files(folder, n, args.seed)
            (work / "plants.json").write_text(json.dumps(plants))
            chars = sum(len(line) for d in docs for line in d)
            print(f"N={n}: {chars / 1e6:.1f} M characters, {len(plants)} planted copies"
                  f"{', reuse only' if reuse_only else ''}", flush=True)
            for engine in args.engines:
                store = work / f"store-{engine}.sqlite"
                full = _measure(folder, engine, store, reuse_only)
                print(f"  {engine:5} full        {full}", flush=True)
                extra = max(1, n // 100)  # add 1%: each new document copies from an old one
                new_docs, new_plants = _add(folder, n, extra, args.seed + 1, docs)
                inc = _measure(folder, engine, store, reuse_only)
                share = f"({inc['seconds'] / max(full['seconds'], 1e-9):.0%} of full)" if "seconds" in inc else ""
                print(f"  {engine:5} +1% re-run  {inc}  {share}", flush=True)
                for p in folder.glob("n*.txt"):  # back to N for the next engine
                    p.unlink()
                (work / "plants.json").write_text(json.dumps(plants))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _add(folder: Path, n: int, extra: int, seed: int, docs: list[list[str]]):
    """Write ``extra`` new documents (n…), every one copying a paragraph of an existing one."""
    rng = random.Random(seed)
    new_folder = folder.parent / "new"
    new_folder.mkdir(exist_ok=True)
    new_docs, _ = build_corpus_files(new_folder, extra, seed, start=n, plant=False)
    plants = json.loads((folder.parent / "plants.json").read_text())
    for i, lines in enumerate(new_docs):
        x = rng.randrange(n)
        long = [k for k, line in enumerate(docs[x]) if 150 <= len(line) <= 800 and line not in STOCK]
        k = rng.choice(long)
        lines.insert(1, _edit(docs[x][k]))
        (folder / f"n{n + i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        # documents are read in name order: d… then n…, so the new one is index n + i
        plants.append({"source": x, "source_line": k + 1, "copy": n + i, "copy_line": 2, "chars": len(docs[x][k])})
    (folder.parent / "plants.json").write_text(json.dumps(plants))
    shutil.rmtree(new_folder)
    return new_docs, plants


if __name__ == "__main__":
    sys.exit(main())
