"""Where numpy starts to pay: the pure-Python paths of `compare` against the numpy ones; prints figures.

    python benchmarks/pure_python_crossover.py            # 3 runs per point, min CPU time
    python benchmarks/pure_python_crossover.py --runs 5

Whole documents (the rule of ``similarity`` and ``reuse``: characters of both documents): two
real reports cut to growing sizes go through a whole `docdiff compare --format html` run in a
fresh process each, once with the document-level stages forced to pure Python and once forced
to numpy (CPU seconds of the whole process: interpreter, imports, numpy's if any, compare,
render). The crossover is the first size where numpy wins.

Matrices (the rule of ``targetdiff`` and ``textdiff``: cells): the pure per-cell cost of the
rapidfuzz scorers and of ``hungarian_lists`` against numpy's import plus cdist /
``_hungarian``, in a fresh process; the crossover is the cell count where they break even.
Nothing here asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = Path("/work/shared/corpus/provinces-2026")
PAIR = (ROOT / "samples" / "luqiao-14th-five-year-plan.txt", ROOT / "samples" / "linhai-common-prosperity-plan-2021-2025.txt")
SIZES = (4_000, 8_000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000, 24_000, 28_000, 32_000)  # characters, both together

_DOCUMENT_CHILD = """
import json, os, runpy, sys, time
import docdiff.comparison.similarity as similarity
similarity.PURE_MAX_CHARS = int(sys.argv[3])
a, b = sys.argv[1], sys.argv[2]
sys.argv = ["docdiff", "compare", a, b, "--format", "html", "-o", os.devnull]
try:
    runpy.run_module("docdiff", run_name="__main__")
except SystemExit:
    pass
from docdiff import load
chars = len(load(a).norm) + len(load(b).norm)
print(json.dumps({"cpu": time.process_time(), "chars": chars, "numpy": "numpy" in sys.modules}))
"""

_MATRIX_CHILD = """
import json, random, sys, time
from rapidfuzz import fuzz
from docdiff.comparison.hungarian import hungarian_lists
cells = int(sys.argv[1])
rng = random.Random(7)
side = max(1, int(cells ** 0.5))
words = ["".join(rng.choice("经济发展社会民生生态环境建设推进加快改革") for _ in range(rng.randint(4, 30)))
         for _ in range(2 * side)]
keys_a, keys_b = words[:side], words[-side:]
out = {}
start = time.process_time()
[[fuzz.ratio(x, y) for y in keys_b] for x in keys_a]
out["ratio_pure"] = time.process_time() - start
start = time.process_time()
[[fuzz.partial_ratio(x, y) for y in keys_b] for x in keys_a]
out["partial_pure"] = time.process_time() - start
cost = [[rng.random() for _ in range(side)] for _ in range(side)]
start = time.process_time()
if side <= 200:  # O(n³): larger ones are scipy's anyway (SCIPY_ABOVE)
    hungarian_lists(cost, side)
out["hungarian_pure"] = time.process_time() - start if side <= 200 else -1.0
start = time.process_time()
import numpy as np
from rapidfuzz import process
out["numpy_import"] = time.process_time() - start
start = time.process_time()
process.cdist(keys_a, keys_b, scorer=fuzz.ratio)
out["ratio_numpy"] = time.process_time() - start
start = time.process_time()
process.cdist(keys_a, keys_b, scorer=fuzz.partial_ratio)
out["partial_numpy"] = time.process_time() - start
from docdiff.comparison.hungarian import _hungarian
start = time.process_time()
_hungarian(np.array(cost)) if side <= 200 else None
out["hungarian_numpy"] = time.process_time() - start if side <= 200 else -1.0
print(json.dumps(out))
"""


def cut(path: Path, chars: int, tmp: Path) -> Path:
    """The first ``chars`` characters of ``path`` (whole lines), as a UTF-8 file in ``tmp``."""
    from docdiff import load

    text = load(str(path)).text
    end = text.rfind("\n", 0, chars) + 1 or chars
    out = tmp / f"{path.stem}-{chars}.txt"
    out.write_text(text[:end], encoding="utf-8")
    return out


def child(code: str, *args: str, runs: int) -> dict[str, float]:
    """Min over ``runs`` fresh processes of each figure the child prints. OpenBLAS on one thread,
    as ``docdiff``'s command sets it (else its idle worker threads' spinning is counted)."""
    best: dict[str, float] = {}
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    for _ in range(runs):
        got = json.loads(subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                                        check=True, env=env).stdout)
        for k, v in got.items():
            best[k] = min(best.get(k, v), v) if isinstance(v, float) else v
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print("whole documents: CPU seconds of a `docdiff compare --format html` process, pure Python vs numpy")
    print(f"{'chars':>8} {'pure':>8} {'numpy':>8}  faster")
    crossover = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            a, b = (cut(p, size // 2, Path(tmp)) for p in PAIR)
            pure = child(_DOCUMENT_CHILD, str(a), str(b), str(10**9), runs=runs)
            numpy = child(_DOCUMENT_CHILD, str(a), str(b), "0", runs=runs)
            faster = "pure" if pure["cpu"] <= numpy["cpu"] else "numpy"
            if faster == "numpy" and crossover is None:
                crossover = pure["chars"]
            note = "  (numpy imported on the pure path!)" if pure["numpy"] else ""
            print(f"{int(pure['chars']):>8} {pure['cpu']:>8.3f} {numpy['cpu']:>8.3f}  {faster}{note}")
    print(f"crossover (documents): numpy first faster at {crossover} characters" if crossover
          else "crossover (documents): pure Python faster at every size measured")
    print("\nmatrices: CPU seconds for n × n cells, pure Python vs numpy (numpy's import listed apart)")
    print(f"{'cells':>8} {'ratio':>8} {'cdist':>8} {'partial':>8} {'cdist':>8} {'hung.':>8} {'np hung':>8} {'import':>8}")
    crossing: dict[str, int | None] = {"ratio": None, "partial": None, "hungarian": None}
    for cells in (100, 1_600, 10_000, 22_500, 40_000, 90_000, 160_000):
        f = child(_MATRIX_CHILD, str(cells), runs=runs)
        print(f"{cells:>8} {f['ratio_pure']:>8.4f} {f['ratio_numpy']:>8.4f} {f['partial_pure']:>8.4f} "
              f"{f['partial_numpy']:>8.4f} {f['hungarian_pure']:>8.4f} {f['hungarian_numpy']:>8.4f} "
              f"{f['numpy_import']:>8.4f}")
        for stage in crossing:
            measured = f[f"{stage}_pure"] >= 0  # -1: not run (a Hungarian past 200 × 200 is scipy's)
            if measured and crossing[stage] is None and f[f"{stage}_pure"] > f["numpy_import"] + f[f"{stage}_numpy"]:
                crossing[stage] = cells
    for stage, cells in crossing.items():
        print(f"crossover ({stage}): " + (f"numpy (import included) first faster at {cells:,} cells" if cells
                                          else "pure Python faster at every size measured"))


if __name__ == "__main__":
    main()
