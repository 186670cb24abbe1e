"""Where working beside a forked child starts to pay: `compare` with and without children; prints figures.

    python benchmarks/bench_fork.py                      # sizes 0.1–4 million characters, 3 rounds
    python benchmarks/bench_fork.py --sizes 0.5,1,2 --runs 5
    python benchmarks/bench_fork.py --load --sizes 0.1,0.2,0.3,0.4 --runs 7   # reading the pair only

For each size a pair is built as ``bench_limits.py`` builds it (the samples concatenated to that
many characters; B perturbed), and ``docdiff.comparison.pipeline.compare`` runs in this process
with ``FORK_MIN_CHARS`` set to 0 (the targets and the text diffs in forked children, see
``docdiff/forked.py``) and to infinity (everything here), the two interleaved round after round.
Printed: wall-clock seconds (min and median) of each and their ratio. ``FORK_MIN_CHARS`` is put
where the ratio drops below 1 on this machine. With ``--load``, the same for reading the two
files (``cli_support.load_pair``, B read in a child while A is read here, against one after the
other; ``FORK_MIN_BYTES``). Nothing here asserts.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_limits import build_a, perturb, sample_texts  # noqa: E402

from docdiff import cli_support  # noqa: E402
from docdiff.comparison import pipeline  # noqa: E402
from docdiff.ingest import load  # noqa: E402


def timed(a_path: Path, b_path: Path, fork_min: float) -> float:
    pipeline.FORK_MIN_CHARS = fork_min
    a, b = load(str(a_path)), load(str(b_path))
    start = time.perf_counter()
    pipeline.compare(a, b)
    return time.perf_counter() - start


def timed_load(a_path: Path, b_path: Path, fork_min: float) -> float:
    cli_support.FORK_MIN_BYTES = fork_min
    start = time.perf_counter()
    cli_support.load_pair(str(a_path), str(b_path), None, None)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.25,0.5,1,2,4", help="millions of characters of A (B about as many)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--load", action="store_true", help="time reading the pair (load_pair), not comparing it")
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the command sets it
    texts = sample_texts()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; wall-clock seconds, min (median) of {args.runs}")
    print(f"{'A chars':>10} {'A kB':>6} {'here':>16} {'with children':>16} {'ratio (min)':>12}")
    for millions in (float(x) for x in args.sizes.split(",")):
        a_text = build_a(texts, int(millions * 1_000_000 * 3))  # ~3 bytes of UTF-8 a character
        a_text = a_text[: int(millions * 1_000_000)]
        folder = Path(tempfile.mkdtemp())
        a_path, b_path = folder / "a.txt", folder / "b.txt"
        a_path.write_text(a_text, encoding="utf-8")
        b_path.write_text(perturb(a_text), encoding="utf-8")
        kb = a_path.stat().st_size // 1024
        alone: list[float] = []
        beside: list[float] = []
        run = timed_load if args.load else timed
        for _ in range(args.runs):
            alone.append(run(a_path, b_path, math.inf))
            beside.append(run(a_path, b_path, 0))
        shutil.rmtree(folder)
        print(f"{len(a_text):>10,} {kb:>6} "
              f"{min(alone):7.3f} ({statistics.median(alone):6.3f}) "
              f"{min(beside):7.3f} ({statistics.median(beside):6.3f}) {min(beside) / min(alone):12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
