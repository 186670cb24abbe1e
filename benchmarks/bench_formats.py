"""Read one real report in every input format; print targets found / expected and load time.

    python benchmarks/bench_formats.py             # text-layer formats
    python benchmarks/bench_formats.py --ocr       # and the scanned PDF (minutes: OCR of every page)

The set is the one tests/test_ingest_invariance.py checks: samples/hailar-district-2019 as .txt,
a 公文-style .docx, LibreOffice's .doc/.wps/.odt/.rtf/.pdf of it, the committed .ofd, and with
--ocr an image-only PDF (pdftoppm at 150 dpi, bound by Pillow). "found" counts the .txt's targets
(key, value, unit, comparator, year) that the format gives too; "extra" those it gives beyond.
Time is a fresh in-process load + outline + targets, wall clock (LibreOffice's start is in it)
and this process's CPU time (OCR's threads included; LibreOffice's, a child process, not).
Needs LibreOffice; --ocr needs the OCR extra and poppler-utils. Nothing here asserts.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from format_set import DATA, SOFFICE, official_docx, scan_pdf, soffice_convert

import docdiff

SAMPLE = ROOT / "samples" / "hailar-district-2019-work-report.txt"


def _read(path: Path) -> tuple[docdiff.Document, set[tuple], float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    doc = docdiff.load(str(path), progress=sys.stderr.isatty())
    targets = docdiff.extract_targets(doc, docdiff.parse_outline(doc))
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    return doc, {(t.key, t.value, t.unit, t.comparator, t.year) for t in targets}, took, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ocr", action="store_true", help="also OCR the scanned PDF (slow)")
    args = parser.parse_args()
    if SOFFICE is None:
        sys.exit("needs LibreOffice (soffice)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docx = official_docx(SAMPLE.read_text(encoding="utf-8").splitlines(), tmp / "report.docx")
        files = {"txt": SAMPLE, "docx": docx}
        for target in ("doc", "odt", "rtf", "pdf"):
            files[target] = soffice_convert(docx, target, tmp, profile=tmp / "profile")
        files["wps"] = tmp / "report.wps"
        shutil.copyfile(files["doc"], files["wps"])
        files["ofd"] = DATA / "hailar-district-2019-work-report.ofd"
        if args.ocr:
            files["scan"] = scan_pdf(files["pdf"], tmp / "scan.pdf")
        _, expected, _, _ = _read(SAMPLE)
        print(f"{'format':<6} {'found/expected':>15} {'extra':>6} {'seconds':>8} {'cpu s':>7}  notes")
        for name, path in files.items():
            doc, got, took, cpu = _read(path)
            notes = "; ".join(doc.notes)
            print(f"{name:<6} {len(got & expected):>7}/{len(expected):<7} {len(got - expected):>6} {took:>8.2f} "
                  f"{cpu:>7.2f}  {notes}")
            if name == "scan":
                pages = int(notes.split("OCR read ", 1)[1].split()[0]) if "OCR read" in notes else 0
                if pages:
                    print(f"OCR: {pages} pages, {took / pages:.1f} s wall and {cpu / pages:.1f} s CPU per page "
                          "(load + outline + targets)")


if __name__ == "__main__":
    main()
