"""Time and peak memory of `docdiff compare` on a large document pair; prints figures.

    python benchmarks/bench_limits.py                  # 20 MB pair, --format json
    python benchmarks/bench_limits.py --mb 5 --formats json,term,html,md
    python benchmarks/bench_limits.py --mb 2 --profile # cProfile of one in-process run, top 25
    python benchmarks/bench_limits.py --cases          # the large-input cases of issue 13, 3 sizes each
    python benchmarks/bench_limits.py --cases --scale 0.25   # the same at a quarter of the sizes
    python benchmarks/bench_limits.py --cases --only headings  # one case (a word of its title; its
                                                             # random draws then differ from a full run)

The pair is made from the bundled samples: A concatenates every sample (decoded) until it holds
``--mb`` megabytes of UTF-8; B is A perturbed with a fixed seed: about 5% of lines dropped, 5%
with their numbers changed, 2% of new lines, and a few blocks of lines moved. Each format runs
as a fresh process (`python -m docdiff compare A B --format F -o OUT`) under a wall-clock cap
(``--timeout``); peak memory is the largest maximum resident set size of that process and the
children it forks for large inputs (getrusage), and, in brackets, the peak of all of them
together (their proportional set sizes summed, sampled every second: pages shared after a fork
count once). CPU time is theirs summed. Nothing here asserts: the figures are for the README's
limits section.

``--cases`` runs the inputs that were super-linear (issue 13, items 6 and 9), each at three
sizes doubling, and prints time, peak memory and the growth exponent k of each (t ∝ size^k,
fitted between the smallest and largest size; 1 is linear, 2 quadratic):

* ``unheaded``: two documents of paragraphs only (sentences of the samples recombined; B edited);
* ``one-line``: one line of target sentences, distinct indicators, compared with an edited copy;
* ``headings``: n sibling ``一、`` headings with a sentence each, terminal view and JSON.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def sample_texts() -> list[str]:
    """Every bundled sample's decoded text (ingest handles the GB18030 one)."""
    sys.path.insert(0, str(ROOT))
    from docdiff.ingest import load

    return [load(str(p)).text for p in sorted(SAMPLES.glob("*.txt"))]


def build_a(texts: list[str], size: int) -> str:
    """Samples concatenated, round after round, until ``size`` bytes of UTF-8."""
    parts: list[str] = []
    total = 0
    while total < size:
        for t in texts:
            parts.append(t)
            total += len(t.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(parts)


def perturb(text: str, seed: int = 7) -> str:
    """A deterministic edited copy: lines dropped, numbers changed, lines added, blocks moved."""
    rng = random.Random(seed)
    out: list[str] = []
    for line in text.split("\n"):
        r = rng.random()
        if r < 0.05:
            continue
        if r < 0.10:
            line = _NUMBER.sub(lambda m: str(int(float(m.group()) * 1.1) + 1), line)
        out.append(line)
        if rng.random() < 0.02:
            out.append(f"新增第{rng.randrange(1000)}项工作,到2030年达到{rng.randrange(100)}%以上。")
    for _ in range(20):  # move a block of lines elsewhere
        n = len(out)
        i, k = rng.randrange(n), rng.randrange(5, 200)
        block = out[i : i + k]
        del out[i : i + k]
        j = rng.randrange(len(out) + 1)
        out[j:j] = block
    return "\n".join(out)


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (read from /proc: Linux)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {pid}, True
    while grew:
        below = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= below
        grew = bool(below)
    return sorted(tree)


class TreeMemory(threading.Thread):
    """Samples, every second, the memory of a process and its children together: the sum of
    their proportional set sizes (a page shared after a fork counts once, split between them).
    A child's own peak RSS counts the pages it shares with its parent as its own; this does not."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(1.0):
            total = 0
            for p in _descendants(self.pid):
                try:
                    rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
                except OSError:
                    continue
                total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
            self.peak_kb = max(self.peak_kb, total)


def run_cli(a: Path, b: Path, fmt: str, out: Path, timeout: float) -> tuple[float | None, int, str]:
    """(seconds, or None when killed at ``timeout``; the peak RSS of this child or any process it
    forked, in kB; exit status, CPU seconds of all of them — on a shared machine the CPU time is
    the steadier figure — and the peak memory of all of them together, sampled)."""
    cmd = [sys.executable, "-m", "docdiff", "compare", str(a), str(b), "--format", fmt, "-o", str(out)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        memory = TreeMemory(proc.pid)
        if sys.platform == "linux":
            memory.start()
        # wait4: this child's rusage, its own forked children included (Linux: RUSAGE_BOTH)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        memory.done.set()
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:]
    if proc.returncode < 0 and elapsed >= timeout:
        return None, usage.ru_maxrss, f"killed after {timeout:.0f} s"
    cpu = usage.ru_utime + usage.ru_stime
    together = f", all processes together {memory.peak_kb / 1024:.0f} MB" if memory.peak_kb else ""
    return elapsed, usage.ru_maxrss, (f"exit {proc.returncode}, {cpu:.1f} s CPU{together}"
                                      f"{': ' + tail[0] if proc.returncode and tail else ''}")


def profile(a: Path, b: Path, top: int) -> str:
    """cProfile of one in-process load + compare + JSON render, by cumulative time."""
    sys.path.insert(0, str(ROOT))
    from docdiff.comparison import compare
    from docdiff.ingest import load
    from docdiff.render.json import render_comparison_json

    prof = cProfile.Profile()
    prof.enable()
    render_comparison_json(compare(load(str(a)), load(str(b))))
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


INDICATORS = ("地区生产总值", "城镇新增就业", "一般公共预算收入", "固定资产投资", "社会消费品零售总额",
              "研发经费投入", "森林覆盖率", "城乡居民人均可支配收入", "规上工业增加值", "外贸进出口总额")


def sample_sentences() -> list[str]:
    """The sentences (…。) of every sample's lines that are not headings, as found by the outline."""
    sys.path.insert(0, str(ROOT))
    import docdiff

    out: list[str] = []
    for p in sorted(SAMPLES.glob("*.txt")):
        doc = docdiff.load(str(p))
        heads = {sec.line for r in docdiff.parse_outline(doc).sections for sec in r.walk()}
        for n, span in doc.body_lines():
            if n not in heads:
                out += [x + "。" for x in re.split(r"[。\s]+", doc.slice(span)) if len(x) > 8]
    return out


def unheaded(n: int, rng: random.Random, sentences: list[str]) -> tuple[str, str]:
    """n paragraphs of three sample sentences each, no headings; B edited (perturb)."""
    paras = ["".join(rng.sample(sentences, 3)) for _ in range(n)]
    a = "\n".join(paras) + "\n"
    return a, perturb(a)


def one_line(n: int, rng: random.Random) -> tuple[str, str]:
    """n target sentences on one line; B has 5% of the values changed (the other 95% as in A)."""
    values = [rng.randrange(1, 99) for _ in range(n)]
    edited = [rng.random() < 0.05 for _ in range(n)]

    def sentence(i: int, v: int) -> str:
        return f"到{2025 + i % 6}年,{INDICATORS[i % len(INDICATORS)]}第{i}号指标增长{v}%。"

    a = "".join(sentence(i, v) for i, v in enumerate(values)) + "\n"
    b = "".join(sentence(i, v + 1 if e else v) for i, (v, e) in enumerate(zip(values, edited))) + "\n"
    return a, b


def headings(n: int, rng: random.Random, sentences: list[str]) -> tuple[str, str]:
    """n sibling 一、 headings with a sample sentence each; B edited (perturb)."""
    a = "".join(f"一、第{k}项重点工作\n{rng.choice(sentences)}\n" for k in range(n))
    return a, perturb(a)


def growth(sizes: list[int], values: list[float]) -> float:
    import math

    return math.log(values[-1] / values[0]) / math.log(sizes[-1] / sizes[0]) if values[0] > 0 else float("nan")


def run_cases(scale: float, timeout: float, only: str = "") -> None:
    rng = random.Random(11)
    sentences = sample_sentences()
    cases = [
        ("unheaded paragraphs", "paragraphs", [5_000, 10_000, 20_000], lambda n: unheaded(n, rng, sentences), ["json"]),
        ("one line of target sentences", "sentences", [50_000, 100_000, 200_000], lambda n: one_line(n, rng), ["json"]),
        ("sibling 一、 headings", "headings", [25_000, 50_000, 100_000], lambda n: headings(n, rng, sentences),
         ["term", "json"]),
    ]
    cases = [c for c in cases if only in c[0]]
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp_name:
        folder = Path(tmp_name)
        for title, unit, sizes, make, formats in cases:
            sizes = [max(10, int(n * scale)) for n in sizes]
            print(f"{title}: compare A B, sizes {', '.join(f'{n:,}' for n in sizes)} {unit}")
            results: dict[str, list[tuple[float, float, float]]] = {f: [] for f in formats}
            for n in sizes:
                a_text, b_text = make(n)
                a, b = folder / "a.txt", folder / "b.txt"
                a.write_text(a_text, encoding="utf-8")
                b.write_text(b_text, encoding="utf-8")
                for fmt in formats:
                    seconds, peak_kb, status = run_cli(a, b, fmt, folder / f"out.{fmt}", timeout)
                    shown = f"{seconds:6.1f} s" if seconds is not None else " TIMEOUT"
                    print(f"  {n:>8,} {unit:<10} A {a.stat().st_size / mb:5.1f} MB  --format {fmt:<4} {shown}"
                          f"  peak RSS {peak_kb / 1024:6.0f} MB  ({status})")
                    cpu = float(status.split(", ")[1].split(" s CPU")[0]) if " s CPU" in status else float("nan")
                    results[fmt].append((seconds or float("nan"), peak_kb / 1024, cpu))
            for fmt, rows in results.items():
                print(f"  growth exponent --format {fmt}: time {growth(sizes, [r[0] for r in rows]):.2f}, "
                      f"CPU {growth(sizes, [r[2] for r in rows]):.2f}, peak memory {growth(sizes, [r[1] for r in rows]):.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="size of A in megabytes (default 20)")
    ap.add_argument("--formats", default="json", help="comma-separated compare formats (default json)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is killed")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one in-process run instead")
    ap.add_argument("--keep", metavar="DIR", help="write the pair into DIR and keep it")
    ap.add_argument("--cases", action="store_true", help="run the large-input cases (issue 13) instead")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the --cases sizes by this")
    ap.add_argument("--only", default="", help="run only the --cases whose title holds this (e.g. headings)")
    args = ap.parse_args()
    if args.cases:
        run_cases(args.scale, args.timeout, args.only)
        return 0

    a_text = build_a(sample_texts(), int(args.mb * 1024 * 1024))
    b_text = perturb(a_text)
    with tempfile.TemporaryDirectory() as tmp_name:
        folder = Path(args.keep) if args.keep else Path(tmp_name)
        folder.mkdir(parents=True, exist_ok=True)
        a, b = folder / "big-a.txt", folder / "big-b.txt"
        a.write_text(a_text, encoding="utf-8")
        b.write_text(b_text, encoding="utf-8")
        mb = 1024 * 1024
        print(f"python {sys.version.split()[0]}; A {a.stat().st_size / mb:.1f} MB, {len(a_text):,} chars, "
              f"{a_text.count(chr(10)) + 1:,} lines; B {b.stat().st_size / mb:.1f} MB")
        if args.profile:
            print(profile(a, b, 25))
            return 0
        for fmt in args.formats.split(","):
            out = folder / f"out.{fmt}"
            seconds, peak_kb, status = run_cli(a, b, fmt, out, args.timeout)
            size = f"{out.stat().st_size / mb:.1f} MB out" if out.exists() else "no output"
            shown = f"{seconds:7.1f} s" if seconds is not None else "  TIMEOUT"
            print(f"  compare --format {fmt:<5} {shown}  peak RSS {peak_kb / 1024:7.0f} MB  {size}  ({status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
