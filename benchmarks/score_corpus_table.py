"""How many of a headline key's values land in one row of `docdiff corpus`'s target table.

    python benchmarks/score_corpus_table.py [--key KEY.json] [--docs-dir DIR] [--show]

For each key indicator (GDP增长, CPI涨幅, …) every key value is looked up among the extracted
targets as the shared scorer does (within 2 lines, same value and unit); the indicator's row is
the table row holding most of its values. Printed: the share of all key values in their
indicator's row, and the misses split into extractor misses (no target found) and table misses
(found, but in another row).
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def _unit(u: str | None) -> str:
    return unicodedata.normalize("NFKC", u or "").strip()


def _same(k: dict, t) -> bool:
    if t.value is None or abs(float(k["value"]) - t.value) > 1e-9:
        return False
    kh = k.get("value_high")
    if (kh is None) != (t.value_high is None) or (kh is not None and abs(float(kh) - t.value_high) > 1e-9):
        return False
    return _unit(k.get("unit")) == _unit(t.unit)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--key", type=Path, default=SHARED / "gold/corpus/provinces-2026.targets.json")
    ap.add_argument("--docs-dir", type=Path, default=SHARED / "corpus/provinces-2026")
    ap.add_argument("--show", action="store_true", help="print every miss")
    args = ap.parse_args()

    from docdiff.corpus.documents import analyse_document
    from docdiff.corpus.table import row_keys

    key = json.loads(args.key.read_text(encoding="utf-8"))["documents"]
    names = sorted(key)
    records = [analyse_document(str(args.docs_dir / n), sha="") for n in names]
    per_indicator: dict[str, list[str | None]] = defaultdict(list)
    misses = []
    for d, name in enumerate(names):
        targets = [t for t in records[d].targets if t.status == "target"]
        used: set[str] = set()
        for k in key[name].get("targets", []):
            near = [t for t in targets if t.id not in used and abs(t.line - k["line"]) <= 2 and _same(k, t)]
            # several targets of one headline sentence share a value: prefer the one whose text is the key's
            hit = next((t for t in near if t.line == k["line"] and (t.text in k["text"] or k["text"] in t.text)), None)
            hit = hit or (near[0] if near else None)
            if hit is None:
                per_indicator[k["indicator"]].append(None)
                misses.append(f"extractor miss {name}:{k['line']} {k['indicator']} «{k['text']}»")
                continue
            if len(row_keys(hit, records[d].year)) == 1:  # a compound target (A、B增长) serves each part
                used.add(hit.id)
            keys = row_keys(hit, records[d].year)
            per_indicator[k["indicator"]].append(keys if len(keys) > 1 else keys[0])
    total = in_row = extractor = 0
    for ind, rows in sorted(per_indicator.items()):
        counts = Counter(r for r in rows if isinstance(r, str))
        for r in rows:  # a target on several rows (A、B增长) counts for whichever row is the indicator's
            if isinstance(r, tuple):
                counts.update(r)
        main_row = counts.most_common(1)[0][0] if counts else None
        got = counts.get(main_row, 0) if main_row else 0
        total += len(rows)
        in_row += got
        extractor += rows.count(None)
        others = {r: n for r, n in counts.items() if r != main_row}
        print(f"{ind:14} {got:3}/{len(rows):3} in row {main_row!s:22} elsewhere {others}")
    if args.show:
        print("\n".join(misses))
    print(f"headline values in one row per indicator: {in_row / total:.3f} ({in_row} of {total}; "
          f"{extractor} not extracted, {total - in_row - extractor} in another row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
