"""Time `docdiff compare` against Ruby docdiff's character diff, and its scaling; prints figures.

    python benchmarks/bench_compare.py            # best of 3 runs each
    python benchmarks/bench_compare.py --runs 5

For each pair: our whole CLI run (`python -m docdiff compare A B`, terminal report written to a
file: start-up, load, outline, targets, alignment, diff, reuse, target diff, render) against
`/usr/bin/docdiff --char --utf8 --format=html A B` (Debian's Ruby docdiff) on the same files,
GB18030 ones converted to temporary UTF-8 copies first; both as wall-clock time of a fresh
process, in the same run, and the ratio (bar ≤ 1.0). Then a per-stage breakdown in-process, and
the scaling of a document made 10× longer by concatenating copies (bar ≤ 12× the 1× time).
Nothing here asserts: tests never time anything.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RUBY_DOCDIFF = "/usr/bin/docdiff"
PAIRS = (
    ("luqiao-14th-five-year-plan.txt", "linhai-common-prosperity-plan-2021-2025.txt"),
    ("hailar-district-2014-work-report.txt", "hailar-district-2015-work-report.txt"),  # 2015 is GB18030
)
SCALE = 10


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_cpu_of(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Best wall-clock time and best CPU time (user + system) of ``fn``'s child processes.

    On a shared machine the wall clock swings with the load; the CPU a process used swings less,
    so both are printed.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(walls), min(cpus)


def utf8_copy(path: Path, tmp: Path) -> Path:
    """``path`` itself when it is UTF-8, else a UTF-8 copy in ``tmp`` (Ruby docdiff reads no GB18030)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
        return path
    except UnicodeDecodeError:
        out = tmp / path.name
        out.write_text(raw.decode("gb18030"), encoding="utf-8")
        return out


def run_ours(a: Path, b: Path, out: Path, env: dict[str, str]) -> None:
    cmd = [sys.executable, "-m", "docdiff", "compare", str(a), str(b), "--format", "term", "-o", str(out)]
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True, env=env)


def bytecode_env(tmp: Path) -> dict[str, str]:
    """The environment for our runs, with bytecode caching on (into ``tmp``, not the tree).

    An installed package runs from compiled .pyc files; with PYTHONDONTWRITEBYTECODE set (as in
    some containers) every run would recompile docdiff's ~40 modules, ≈ 0.1 s that Ruby never pays.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def run_ruby(a: Path, b: Path, out: Path) -> None:
    with out.open("wb") as f:
        subprocess.run([RUBY_DOCDIFF, "--char", "--utf8", "--format=html", str(a), str(b)], check=True, stdout=f)


def stages(a_path: Path, b_path: Path) -> dict[str, float]:
    """Seconds per stage of one in-process comparison (the steps of docdiff.comparison.pipeline.compare)."""
    from docdiff.comparison.align import align_sections
    from docdiff.ingest import load
    from docdiff.outline import parse_outline
    from docdiff.render.compare_term import render_compare_term
    from docdiff.comparison.reuse import measure_similarity
    from docdiff.comparison.targetdiff import match_targets
    from docdiff.targets import extract_targets
    from docdiff.comparison.textdiff import diff_pairs
    from docdiff.model import Comparison

    t: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = fn()
        t[name] = t.get(name, 0.0) + time.perf_counter() - start
        return result

    a, b = timed("load", lambda: (load(str(a_path)), load(str(b_path))))
    oa, ob = timed("outline", lambda: (parse_outline(a), parse_outline(b)))
    ta, tb = timed("targets", lambda: (extract_targets(a, oa), extract_targets(b, ob)))
    pairs, n1 = timed("align", lambda: align_sections(a, oa, b, ob))
    pairs, n2 = timed("diff", lambda: diff_pairs(a, b, pairs))
    sim, passages, n3 = timed("reuse", lambda: measure_similarity(a, b, pairs))
    tp = timed("targetdiff", lambda: match_targets(a, ta, b, tb, pairs))
    c = Comparison(a=a, b=b, outline_a=oa, outline_b=ob, targets_a=ta, targets_b=tb, sections=pairs, targets=tp,
                   similarity=sim, shared_passages=passages, notes=n1 + n2 + n3)
    timed("render", lambda: render_compare_term(c, color=False, width=100, context=1, only_changed=False))
    return t


def in_process(a_path: Path, b_path: Path) -> None:
    from docdiff.comparison import compare
    from docdiff.ingest import load
    from docdiff.render.compare_term import render_compare_term

    c = compare(load(str(a_path)), load(str(b_path)))
    render_compare_term(c, color=False, width=100, context=1, only_changed=False)


def scaled_copy(path: Path, tmp: Path, times: int) -> Path:
    from docdiff.ingest import load

    out = tmp / f"x{times}-{path.name}"
    text = load(str(path)).text
    out.write_text("\n".join([text] * times), encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    have_ruby = os.access(RUBY_DOCDIFF, os.X_OK)
    print(f"best of {args.runs}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        tiny_a, tiny_b = tmp / "tiny-a.txt", tmp / "tiny-b.txt"
        tiny_a.write_text("一、总体要求\n今年增长6%。\n", encoding="utf-8")
        tiny_b.write_text("一、总体要求\n今年增长5%。\n", encoding="utf-8")
        env = bytecode_env(tmp)
        run_ours(tiny_a, tiny_b, tmp / "tiny.term", env)  # compile the .pyc files once
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("(PYTHONDONTWRITEBYTECODE is set here; our runs cache bytecode in a temporary folder,"
                  " as an installed package would)")
        floor, floor_cpu = best_cpu_of(args.runs, lambda: run_ours(tiny_a, tiny_b, tmp / "tiny.term", env))
        print(f"docdiff compare of two one-line files (start-up and imports): {floor:.2f} s  (CPU {floor_cpu:.2f} s)")
        for name_a, name_b in PAIRS:
            a, b = SAMPLES / name_a, SAMPLES / name_b
            size = f"{len(a.read_bytes()) // 1000} kB / {len(b.read_bytes()) // 1000} kB"
            print(f"\n{name_a}  vs  {name_b}  ({size})")
            ours, ours_cpu = best_cpu_of(args.runs, lambda: run_ours(a, b, tmp / "ours.term", env))
            print(f"  docdiff compare (whole CLI run)      {ours:6.2f} s   CPU {ours_cpu:5.2f} s")
            if have_ruby:
                ua, ub = utf8_copy(a, tmp), utf8_copy(b, tmp)
                ruby, ruby_cpu = best_cpu_of(args.runs, lambda: run_ruby(ua, ub, tmp / "ruby.html"))
                print(f"  Ruby docdiff --char --format=html    {ruby:6.2f} s   CPU {ruby_cpu:5.2f} s")
                print(f"  ratio ours / Ruby                    {ours / ruby:6.2f}   (bar <= 1.0)"
                      f"   CPU ratio {ours_cpu / ruby_cpu:.2f}")
            else:
                print(f"  {RUBY_DOCDIFF} not installed: no ratio")
            in_process(a, b)  # warm imports and caches before the per-stage figures
            t = stages(a, b)
            print("  in-process stages: " + ", ".join(f"{k} {v:.3f}" for k, v in t.items())
                  + f"  = {sum(t.values()):.2f} s")

        name_a, name_b = PAIRS[0]
        a, b = SAMPLES / name_a, SAMPLES / name_b
        big_a, big_b = scaled_copy(a, tmp, SCALE), scaled_copy(b, tmp, SCALE)
        in_process(a, b)
        one = best_of(args.runs, lambda: in_process(a, b))
        many = best_of(max(1, args.runs - 1), lambda: in_process(big_a, big_b))
        print(f"\nscaling, {name_a} vs {name_b}, in-process compare + render:")
        print(f"  1x  {one:6.2f} s")
        print(f"  {SCALE}x {many:6.2f} s   = {many / one:.1f}x the 1x time   (bar <= {SCALE + 2}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
