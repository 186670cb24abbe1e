"""Time `docdiff compare` against Ruby docdiff's character diff, its start-up, and its scaling; prints figures.

    python benchmarks/bench_compare.py            # 7 interleaved rounds
    python benchmarks/bench_compare.py --runs 11

Start-up: `python -m docdiff compare` of two one-line files (every import and compile a run
pays) against `python -c pass` with the same interpreter and environment, and against the bare
base interpreter (no virtualenv site-packages: an editable install adds its finder to both).
Goal ≤ 4×. Then, for reference, the start-up of `check`, `compare --format json`, `targets`
(terminal and CSV) and `outline` on the same files.

Whole runs: for each pair our whole CLI run (`python -m docdiff compare A B`, HTML and terminal
report written with -o) against Debian's Ruby docdiff (`/usr/bin/docdiff --char --utf8
--format=html`, and `--format=tty`) on UTF-8 LF copies of the same files (Ruby reads no
GB18030). Goal ≤ 0.5× for each format. Every command is one fresh process; the commands run
interleaved, round after round, so a burst of load on this shared machine hits all of them;
min and median of wall-clock and of CPU time (user + system of the child) are printed: on a
loaded machine the CPU figures swing less. Then a per-stage breakdown in-process, and the
scaling of a document made 10× longer by concatenating copies (bar ≤ 12× the 1× time).
Nothing here asserts: tests never time anything.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PROVINCES = Path("/work/shared/corpus/provinces-2026")
RUBY_DOCDIFF = "/usr/bin/docdiff"
PAIRS = (
    (SAMPLES / "luqiao-14th-five-year-plan.txt", SAMPLES / "linhai-common-prosperity-plan-2021-2025.txt"),
    (SAMPLES / "hailar-district-2018-work-report.txt", SAMPLES / "hailar-district-2019-work-report.txt"),
    (SAMPLES / "hailar-district-2014-work-report.txt", SAMPLES / "hailar-district-2015-work-report.txt"),  # 2015: GB18030
    (PROVINCES / "hubei-2026-work-report.txt", PROVINCES / "hunan-2026-work-report.txt"),
)
SCALE = 10


def one_file_commands(a: Path, b: Path) -> list[tuple[str, list[str]]]:
    """The other commands a script or a CI job runs, for their start-up on the one-line files."""
    return [("check", ["check", str(a), str(b), "--format", "github"]),
            ("compare-json", ["compare", str(a), str(b), "--format", "json"]),
            ("targets", ["targets", str(a)]), ("targets-csv", ["targets", str(a), "--format", "csv"]),
            ("outline", ["outline", str(a)])]


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


class Timings:
    """Wall-clock and CPU seconds of each named command, run interleaved round after round."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def run(self, name: str, cmd: Sequence[str], env: dict[str, str], stdout_path: Path | None = None) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        if stdout_path is None:
            subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        else:
            with stdout_path.open("wb") as f:
                subprocess.run(cmd, check=True, cwd=ROOT, stdout=f, stderr=subprocess.PIPE, env=env)
        self.wall.setdefault(name, []).append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.setdefault(name, []).append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    def figures(self, name: str) -> tuple[float, float, float, float]:
        """min wall, median wall, min CPU, median CPU."""
        w, c = self.wall[name], self.cpu[name]
        return min(w), statistics.median(w), min(c), statistics.median(c)


def _line(label: str, t: Timings, name: str) -> str:
    mw, dw, mc, dc = t.figures(name)
    return f"  {label:<40} wall min {mw:6.3f} med {dw:6.3f} s   CPU min {mc:6.3f} med {dc:6.3f} s"


def _ratio(label: str, t: Timings, ours: str, theirs: str, bar: float) -> str:
    mw, dw, mc, dc = t.figures(ours)
    rw, rdw, rc, rdc = t.figures(theirs)
    return (f"  {label:<40} wall min {mw / rw:5.2f}× med {dw / rdw:5.2f}×   CPU min {mc / rc:5.2f}× med {dc / rdc:5.2f}×"
            f"   (goal ≤ {bar:g}×)")


def utf8_lf_copy(path: Path, tmp: Path) -> Path:
    """A UTF-8 copy of ``path`` with LF line ends in ``tmp`` (Ruby docdiff reads no GB18030)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    out = tmp / f"ruby-{path.name}"
    out.write_bytes(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8"))
    return out


def ours_cmd(a: Path, b: Path, fmt: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "docdiff", "compare", str(a), str(b), "--format", fmt, "-o", str(out)]


def bytecode_env(tmp: Path) -> dict[str, str]:
    """The environment for our runs, with bytecode caching on (into ``tmp``, not the tree).

    An installed package runs from compiled .pyc files; with PYTHONDONTWRITEBYTECODE set (as in
    some containers) every run would recompile docdiff's ~40 modules, ≈ 0.1 s that Ruby never pays.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def ruby_cmd(a: Path, b: Path, fmt: str) -> list[str]:
    return [RUBY_DOCDIFF, "--char", "--utf8", f"--format={fmt}", str(a), str(b)]


def stages(a_path: Path, b_path: Path) -> dict[str, float]:
    """Seconds per stage of one in-process comparison (the steps of docdiff.comparison.pipeline.compare)."""
    from docdiff.comparison.align import align_sections
    from docdiff.ingest import load
    from docdiff.outline import parse_outline
    from docdiff.render.compare_term import render_compare_term
    from docdiff.comparison.reuse import measure_similarity
    from docdiff.comparison.targetdiff import match_targets
    from docdiff.targets import extract_targets
    from docdiff.comparison.destinations import find_destinations
    from docdiff.comparison.similarity import shared_bigrams
    from docdiff.comparison.textdiff import diff_destinations, pair_diffs, with_diffs
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
    with shared_bigrams():  # as pipeline.compare
        pairs, n1 = timed("align", lambda: align_sections(a, oa, b, ob))
        pairs, n2 = timed("diff", lambda: with_diffs(pairs, *pair_diffs(a, b, pairs)))
        sim, passages, n3 = timed("reuse", lambda: measure_similarity(a, b, pairs))
        tp = timed("targetdiff", lambda: match_targets(a, ta, b, tb, pairs))
        pairs = timed("destinations", lambda: find_destinations(a, oa, b, ob, pairs, tp))
    pairs, n4 = timed("destdiff", lambda: diff_destinations(a, b, pairs))
    c = Comparison(a=a, b=b, outline_a=oa, outline_b=ob, targets_a=ta, targets_b=tb, sections=pairs, targets=tp,
                   similarity=sim, shared_passages=passages, notes=n1 + n2 + n3 + n4)
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
    ap.add_argument("--runs", type=int, default=7, help="interleaved rounds (default 7)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    have_ruby = os.access(RUBY_DOCDIFF, os.X_OK)
    pairs = [(a, b) for a, b in PAIRS if a.exists() and b.exists()]
    print(f"{args.runs} interleaved rounds; python {sys.version.split()[0]}; {os.cpu_count()} CPUs;"
          f" load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        tiny_a, tiny_b = tmp / "tiny-a.txt", tmp / "tiny-b.txt"
        tiny_a.write_text("一、总体要求\n今年增长6%。\n", encoding="utf-8")
        tiny_b.write_text("一、总体要求\n今年增长5%。\n", encoding="utf-8")
        env = bytecode_env(tmp)
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("(PYTHONDONTWRITEBYTECODE is set here; our runs cache bytecode in a temporary folder,"
                  " as an installed package would)")
        base_python = getattr(sys, "_base_executable", sys.executable)
        commands: list[tuple[str, list[str], Path | None]] = [
            ("pass", [sys.executable, "-c", "pass"], None),
            ("pass-base", [base_python, "-c", "pass"], None),
            ("tiny", ours_cmd(tiny_a, tiny_b, "term", tmp / "tiny.term"), None),
            ("help", [sys.executable, "-m", "docdiff", "--help"], None),
            *((f"one-{name}", [sys.executable, "-m", "docdiff", *args, "-o", str(tmp / f"one.{name}")], None)
              for name, args in one_file_commands(tiny_a, tiny_b)),
        ]
        for k, (a, b) in enumerate(pairs):
            for fmt in ("html", "term"):
                commands.append((f"ours-{fmt}-{k}", ours_cmd(a, b, fmt, tmp / f"ours-{k}.{fmt}"), None))
            if have_ruby:
                ua, ub = utf8_lf_copy(a, tmp), utf8_lf_copy(b, tmp)
                for fmt in ("html", "tty"):
                    commands.append((f"ruby-{fmt}-{k}", ruby_cmd(ua, ub, fmt), tmp / f"ruby-{k}.{fmt}"))
        t = Timings()
        for name, cmd, out in commands:  # one warm-up round: .pyc files, the page cache
            t.run(name, cmd, env, out)
        t = Timings()
        for _ in range(args.runs):
            for name, cmd, out in commands:
                t.run(name, cmd, env, out)

        print("\nstart-up")
        print(_line("python -c pass (this environment)", t, "pass"))
        print(_line("python -c pass (base interpreter)", t, "pass-base"))
        print(_line("docdiff --help", t, "help"))
        print(_line("docdiff compare, two one-line files", t, "tiny"))
        print(_ratio("start-up ÷ python -c pass", t, "tiny", "pass", 4))
        print(_ratio("start-up ÷ base python -c pass", t, "tiny", "pass-base", 4))
        print("  other commands on the same files (no goal; CPU min ÷ python -c pass):")
        for name, args in one_file_commands(tiny_a, tiny_b):
            label = "docdiff " + " ".join("FILE" if a.startswith("/") else a for a in args)
            print(_line(label, t, f"one-{name}") + f"   {t.figures(f'one-{name}')[2] / t.figures('pass')[2]:5.2f}×")
        for k, (a, b) in enumerate(pairs):
            size = f"{len(a.read_bytes()) // 1000} kB / {len(b.read_bytes()) // 1000} kB"
            print(f"\n{a.name}  vs  {b.name}  ({size})")
            print(_line("docdiff compare --format html", t, f"ours-html-{k}"))
            print(_line("docdiff compare (terminal, -o file)", t, f"ours-term-{k}"))
            if have_ruby:
                print(_line("Ruby docdiff --char --format=html", t, f"ruby-html-{k}"))
                print(_line("Ruby docdiff --char --format=tty", t, f"ruby-tty-{k}"))
                print(_ratio("html: ours ÷ Ruby --char html", t, f"ours-html-{k}", f"ruby-html-{k}", 0.5))
                print(_ratio("terminal: ours ÷ Ruby --char tty", t, f"ours-term-{k}", f"ruby-tty-{k}", 0.5))
            else:
                print(f"  {RUBY_DOCDIFF} not installed (apt-get install docdiff): no ratio")
            stage = stages(a, b)  # warm: imports and caches
            stage = {name: min(v, w) for (name, v), w in zip(stage.items(), stages(a, b).values())}
            print("  in-process stages (best of 2): " + ", ".join(f"{k} {v:.3f}" for k, v in stage.items())
                  + f"  = {sum(stage.values()):.2f} s")

        a, b = pairs[0]
        big_a, big_b = scaled_copy(a, tmp, SCALE), scaled_copy(b, tmp, SCALE)
        in_process(a, b)
        one = best_of(3, lambda: in_process(a, b))
        many = best_of(2, lambda: in_process(big_a, big_b))
        print(f"\nscaling, {a.name} vs {b.name}, in-process compare + render:")
        print(f"  1x  {one:6.2f} s")
        print(f"  {SCALE}x {many:6.2f} s   = {many / one:.1f}x the 1x time   (bar <= {SCALE + 2}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
