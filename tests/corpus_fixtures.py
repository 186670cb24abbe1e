"""Planted-copy corpora for the corpus tests: documents cut from different samples, paragraphs
copied between them with light edits at known lines, and one stock paragraph in most of them."""
from __future__ import annotations

import random
import re
from pathlib import Path

from conftest import sample
from msgspec import Struct

# (sample, first line, last line): eight documents with no text in common to begin with
SOURCES = (("luqiao", 1, 700), ("linhai", 1, 170), ("taizhou", 1, 190), ("tiantai", 1, 27),
           ("quzhou", 1, 32), ("hailar-district-2012", 1, 70), ("hailar-district-2017", 1, 90))
# A stock sentence of the kind every report carries: boilerplate, never a copy.
STOCK = ("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，完整准确全面贯彻新发展理念，"
         "加快构建新发展格局，着力推动高质量发展，统筹发展和安全，扎实推进共同富裕，奋力谱写中国式现代化新篇章。"
         "必须坚持党的全面领导，坚持以人民为中心的发展思想，坚持稳中求进工作总基调，更好统筹国内国际两个大局，"
         "更好统筹质的有效提升和量的合理增长，持续用力防范化解重点领域风险，切实保障和改善民生，保持社会大局和谐稳定。")
_DIGIT = re.compile(r"\d")


class Plant(Struct, frozen=True):
    source: int  # document the paragraph comes from
    source_line: int
    copy: int  # document it was copied into
    copy_line: int
    chars: int


def _lines(name: str, first: int, last: int) -> list[str]:
    text = sample(name).read_bytes().decode("utf-8" if "2015" not in name else "gb18030")
    return text.splitlines()[first - 1 : last]


def light_edit(paragraph: str, rng: random.Random) -> str:
    """A swapped place name (two characters somewhere in the middle) and a changed number."""
    mid = len(paragraph) // 2
    edited = paragraph[:mid] + "某地" + paragraph[mid + 2 :]
    m = _DIGIT.search(edited)
    if m:
        edited = edited[: m.start()] + str((int(m.group()) + 1) % 10) + edited[m.end() :]
    return edited


def planted_corpus(folder: Path, *, copies: int = 3, stock_in: int = 6, seed: int = 7) -> tuple[list[Path], list[Plant]]:
    """Write the documents into ``folder``; return their paths and the planted copies."""
    rng = random.Random(seed)
    docs = [_lines(*s) for s in SOURCES]
    plants: list[Plant] = []
    used: set[int] = set()
    for _ in range(copies):
        src = rng.choice([i for i in range(len(docs)) if i not in used
                          and any(150 <= len(line.strip()) <= 800 for line in docs[i])])
        dst = rng.choice([i for i in range(len(docs)) if i != src and i not in used])
        used.update((src, dst))
        long = [n for n, line in enumerate(docs[src]) if 150 <= len(line.strip()) <= 800]
        n = rng.choice(long)
        at = rng.randrange(5, len(docs[dst]) - 5)
        docs[dst].insert(at, light_edit(docs[src][n], rng))
        plants.append(Plant(src, n + 1, dst, at + 1, len(docs[src][n].strip())))
        # a later insertion above shifts lines of earlier plants in the same document
        plants = [p if p.copy != dst or p.copy_line < at + 1 or p is plants[-1] else
                  Plant(p.source, p.source_line, p.copy, p.copy_line + 1, p.chars) for p in plants]
        plants = [p if p.source != dst or p.source_line < at + 1 else
                  Plant(p.source, p.source_line + 1, p.copy, p.copy_line, p.chars) for p in plants]
    for d in rng.sample(range(len(docs)), stock_in):
        docs[d].insert(3, STOCK)
        plants = [Plant(p.source, p.source_line + (p.source == d and p.source_line >= 4),
                        p.copy, p.copy_line + (p.copy == d and p.copy_line >= 4), p.chars) for p in plants]
    paths = []
    for i, lines in enumerate(docs):
        path = folder / f"doc{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths, plants
