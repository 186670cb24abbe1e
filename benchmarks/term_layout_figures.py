"""Print layout figures of the terminal report for a document pair, at several widths: lines,
lines starting with closing punctuation (，。、；：？！）」』》), numbers split across lines (12⏎.43),
diff markers split ({⏎+), and target-table rows whose status or value is cut with "…".

    python benchmarks/term_layout_figures.py [A B] [--full] [--widths 80,100,200]

Runs `python -m docdiff compare` piped with COLUMNS set, as a user's shell would.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIR = (ROOT / "samples" / "hailar-district-2018-work-report.txt", ROOT / "samples" / "hailar-district-2019-work-report.txt")
CLOSING = "，。、；：？！）」』》"
STATUSES = ("changed", "removed", "added", "shared")


def figures(text: str) -> dict[str, int]:
    lines = text.splitlines()
    pairs = list(zip(lines, lines[1:]))
    return {
        "lines": len(lines),
        "closing punctuation first": sum(1 for line in lines if line and line[0] in CLOSING),
        "numbers split": sum(1 for a, b in pairs if a and b and re.fullmatch(r"[0-9.][0-9.%]", a[-1] + b[0])),
        "markers split": sum(1 for a, b in pairs if a.endswith(("[", "{", "[-", "{+")) or b.startswith(("-]", "+}"))),
        "target rows cut": sum(1 for line in lines if "…" in line and " → " in line
                               and any(f" {s}" in line for s in STATUSES) and "─" not in line),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=[str(p) for p in PAIR])
    ap.add_argument("--full", action="store_true", help="every text diff, not the summary")
    ap.add_argument("--widths", default="80,100,200")
    args = ap.parse_args()
    for width in args.widths.split(","):
        env = dict(os.environ, COLUMNS=width)
        env.pop("NO_COLOR", None)
        cmd = [sys.executable, "-m", "docdiff", "compare", *args.files] + (["--full"] if args.full else [])
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
        shown = ", ".join(f"{v} {k}" for k, v in figures(out).items())
        print(f"COLUMNS={width}{' --full' if args.full else ''}: {shown}")


if __name__ == "__main__":
    main()
