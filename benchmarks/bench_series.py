"""Time `docdiff series` on a 16-report series and print the figures (the goal: under 5 s).

    python benchmarks/bench_series.py            # best of 3 runs
    python benchmarks/bench_series.py --runs 5 --reports 32

The series is made from the eight bundled Hailar reports (2012–2019): each is repeated with its
years moved back by 8, 16, … (2004–2011 for the second copy) and a perturbed figure in every
sentence that states a growth rate, so that no two reports are the same text. Prints the wall
time of a fresh `python -m docdiff series … --format json` and `--format html` process (start-up
included), the in-process time of build_series and each renderer, and the peak memory (max RSS of
the child process; tracemalloc's peak for the in-process run). Nothing here asserts.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_YEAR_RE = re.compile(r"(20[01]\d)(?=\s*年)")
_RATE_RE = re.compile(r"(\d+(?:\.\d+)?)(?=%)")


def make_series(folder: Path, reports: int) -> list[Path]:
    """``reports`` files: the Hailar reports, then copies moved back by 8 years each round."""
    import docdiff

    sources = sorted(SAMPLES.glob("hailar-district-20*.txt"))
    texts = [docdiff.load(str(p)).text for p in sources]  # 2015 is GB18030: read it decoded
    out = []
    for k in range(reports):
        round_, i = divmod(k, len(texts))
        shift = 8 * round_
        text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) - shift), texts[i])
        if round_:
            text = _RATE_RE.sub(lambda m: f"{float(m.group(1)) + 0.1 * round_:g}", text)
        path = folder / f"report-{2012 + i - shift}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def child(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one fresh docdiff process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docdiff", *args], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reports", type=int, default=16)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [str(p) for p in make_series(folder, args.reports)]
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        print(f"{len(files)} reports, {size:.1f} MB")
        for fmt in ("json", "html", "xlsx"):
            out = folder / f"series.{fmt}"
            times, peaks = zip(*(child(["series", *files, "--format", fmt, "-o", str(out)]) for _ in range(args.runs)))
            print(f"docdiff series --format {fmt}: best {min(times):.2f} s of {args.runs} "
                  f"(peak RSS {max(peaks):.0f} MB), output {out.stat().st_size / 1e3:.0f} kB")

        import docdiff
        from docdiff.render.series_html import render_series_html
        from docdiff.render.series_json import render_series_json

        docs = [docdiff.load(f) for f in files]
        start = time.perf_counter()
        ledger = docdiff.build_series(docs)
        built = time.perf_counter() - start
        start = time.perf_counter()
        render_series_json(ledger)
        as_json = time.perf_counter() - start
        start = time.perf_counter()
        render_series_html(ledger, ledger.rows)
        as_html = time.perf_counter() - start
        print(f"in process: build_series {built:.2f} s, JSON {as_json:.2f} s, HTML {as_html:.2f} s, "
              f"{len(ledger.rows)} rows × {len(ledger.years)} years")
        tracemalloc.start()  # (slows Python down several times: timed above, measured here)
        render_series_html(docdiff.build_series(docs), ledger.rows)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"in process: peak of Python allocations for build_series + HTML {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
