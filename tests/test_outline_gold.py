"""The outline's level-1 and level-2 headings equal the analysts' keys in shared/gold/pairs."""
from __future__ import annotations

import json
import re

import pytest
from conftest import SAMPLES, SHARED

from docdiff.model import Document
from docdiff.outline import parse_outline

PAIRS = sorted((SHARED / "gold" / "pairs").glob("hailar-*-*[0-9].json"))
# The number as the key writes it: "一、", "（八）", "(四)", "1."
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")
_TRAILING = "。！？；：，.!?;:, \u3000"


def _bare(title: str) -> str:
    return _NUMBER.sub("", title.strip()).rstrip(_TRAILING)


def load(path: str) -> Document:
    """The sample as decoded text (UTF-8 or GB18030, line ends folded), independent of ingest."""
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return Document(path=path, text=text.replace("\r\n", "\n").replace("\r", "\n"))


def _cases():
    for path in PAIRS:
        key = json.loads(path.read_text(encoding="utf-8"))
        for side in ("a", "b"):
            yield pytest.param(key[side], key[f"headings_{side}"], id=f"{path.stem}-{side}")


@pytest.mark.skipif(not PAIRS, reason="shared/gold/pairs not present")
@pytest.mark.parametrize(("name", "expected"), list(_cases()))
def test_levels_1_and_2_match_the_gold_headings(name: str, expected: list[dict]) -> None:
    doc = load(str(SAMPLES / name))
    got = [(s.line, s.level, _bare(s.title)) for s in parse_outline(doc).walk() if s.level <= 2]
    want = [(h["line"], h["level"], _bare(h["title"])) for h in expected]
    assert got == want
