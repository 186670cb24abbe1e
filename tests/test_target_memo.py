"""Within a ``shared_readings`` block (as ``compare`` reads two versions), extraction remembers
per-text work; the targets must be those read without any memory, whatever was read before."""
from __future__ import annotations

from pathlib import Path

import pytest

from docdiff.ingest import load
from docdiff.model import Document, Kind, Metadata
from docdiff.outline import parse_outline
from docdiff.targets import extract_targets, memo
from docdiff.targets.memo import shared_readings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# One sentence in places that read it differently: a goal list and a review (the regime), a
# reply's paragraph after a result cue (the state), a year before the base year, and a generic
# 投资 under two topics (a name from outside the sentence).
_REPEATS = """{title}
一、2021年工作回顾
力争地区生产总值增长7%。投资12亿元。
二、2022年工作安排
（一）以物流园区建设为重点
力争地区生产总值增长7%。投资12亿元。到2025年,森林覆盖率达到60%。
（二）以文旅融合为重点
投资12亿元。同比增长5%。森林覆盖率达到60%。2020年,地区生产总值增长7%。
已完成投资12亿元,力争地区生产总值增长7%。户籍人口超过200万人。
"""


def _docs() -> list[Document]:
    docs = [load(str(p)) for p in sorted(SAMPLES.glob("*.txt"))]
    for kind, year, period in ((Kind.WORK_REPORT, 2022, None), (Kind.REPLY, 2022, None), (Kind.OTHER, None, None),
                               (Kind.PLAN, 2021, (2021, 2025)), (Kind.IMPLEMENTATION_PLAN, 2022, None)):
        docs.append(Document(path=f"{kind}.txt", text=_REPEATS.format(title=f"{year}年{kind}"),
                             meta=Metadata(kind=kind, year=year, period=period)))
    return docs


def test_targets_in_a_shared_block_are_those_read_alone() -> None:
    docs = _docs()
    outlines = [parse_outline(d) for d in docs]
    alone = [extract_targets(d, o) for d, o in zip(docs, outlines)]
    assert all(alone[-5:]) and sum(map(len, alone)) > 500
    with shared_readings():
        # every document twice, in order and then reversed: each is read after all the others
        for k in [*range(len(docs)), *reversed(range(len(docs)))]:
            assert extract_targets(docs[k], outlines[k]) == alone[k], docs[k].path
        assert memo.memo("sentence readings") and memo.memo("readings")
    assert memo.memo("sentence readings") is None  # forgotten after the block


@pytest.mark.parametrize("nested", [False, True])
def test_memo_lives_while_the_outermost_block_is_open(nested: bool) -> None:
    with shared_readings():
        memo.memo("x")["k"] = 1
        if nested:
            with shared_readings():
                assert memo.memo("x") == {"k": 1}
        assert memo.memo("x") == {"k": 1}
    assert memo.memo("x") is None
