"""sentences: under a goal heading, a commitment word (努力, 争取, 力争…) outweighs a result cue."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docdiff.cli import cli

_REPORT = (
    "2024年政府工作报告\n\n一、2023年工作回顾\n\n全区生产总值增长6%。\n\n"
    "二、2024年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n{line}\n"
)


def _targets(tmp_path: Path, line: str) -> list[str]:
    path = tmp_path / "report.txt"
    path.write_text(_REPORT.format(line=line), encoding="utf-8")
    result = CliRunner().invoke(cli, ["targets", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [t["text"] for t in json.loads(result.output)["targets"]]


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("努力实现农村居民人均可支配收入同比增长7%。", "农村居民人均可支配收入同比增长7%"),
        ("争取规模以上工业企业数量突破100家，实现了稳中有进。", "规模以上工业企业数量突破100家"),
    ],
)
def test_a_commitment_outweighs_a_result_cue(tmp_path: Path, line: str, target: str) -> None:
    assert target in _targets(tmp_path, line)
    # Without the commitment word the result cue (同比, 实现了) reads it as a result.
    bare = line.removeprefix("努力").removeprefix("争取")
    assert target not in _targets(tmp_path, bare)


def test_shared_readings_read_a_sentence_once_and_forget_after(monkeypatch) -> None:
    from docdiff.targets import clauses, memo

    sentence = "到2025年,地区生产总值达到500亿元。"
    alone = clauses.read_sentence(sentence)
    calls: list[str] = []
    real = clauses._read
    monkeypatch.setattr(clauses, "_read", lambda text: calls.append(text) or real(text))
    with memo.shared_readings():
        first = clauses.read_sentence(sentence)
        with memo.shared_readings():  # a nested block shares the outer memory
            again = clauses.read_sentence(sentence)
        first.clear()  # a caller's list is its own
        assert clauses.read_sentence(sentence) == again == alone
    assert calls == [sentence] and alone
    assert memo._memos is None
    clauses.read_sentence(sentence)
    assert calls == [sentence, sentence]  # outside a block, every call reads
