"""targets.prefilter: a sentence it skips never held a target, on every sample and provincial report."""
from __future__ import annotations

from pathlib import Path

import pytest

import docdiff.targets.sentences as sentences
from docdiff.ingest import load
from docdiff.outline import parse_outline
from docdiff.targets import extract_targets
from docdiff.targets.clauses import read_sentence
from docdiff.targets.prefilter import may_hold_target

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = Path("/work/shared/corpus/provinces-2026")  # the 2026 provincial reports, where present
DOCUMENTS = (sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests/data/pairs").glob("*.txt"))
             + sorted(PROVINCES.glob("*.txt")))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_a_skipped_sentence_never_holds_a_target(path: Path) -> None:
    doc = load(str(path))
    skipped = 0
    for line in doc.norm.splitlines():
        for sent in sentences._split_sentences(line, 0):
            if not may_hold_target(sent.text):
                skipped += 1
                assert read_sentence(sent.text) == [], sent.text
                assert sentences._OPENING_DEADLINE_RE.match(sent.text) is None, sent.text
    assert skipped > 0  # every document has sentences without numbers


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_targets_are_the_same_without_the_prefilter(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = load(str(path))
    outline = parse_outline(doc)
    fast = extract_targets(doc, outline)
    monkeypatch.setattr(sentences, "may_hold_target", lambda text: True)
    assert extract_targets(doc, outline) == fast


def test_numbers_doublings_and_blanks_may_hold_a_target() -> None:
    for text in ("增长6%", "翻一番", "实现翻番", "收入双倍增", "打造XX个美丽城镇", "百分之十八", "二〇二五年", "到２０２５年"):
        assert may_hold_target(text), text
    for text in ("坚持稳中求进工作总基调。", "加快建设现代化经济体系", ""):
        assert not may_hold_target(text), text
