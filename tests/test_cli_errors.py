"""Each bad input × each command: exit status 2, one stderr line naming the file, no traceback,
and no output file created (an existing one left as it was)."""
from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import stderr_apart_runner as _runner
from test_ingest_errors import BAD, GOOD

from docdiff.cli import cli

# command → argument lists with the bad file in each position it can take
COMMANDS = {
    "outline": lambda bad, good: [["outline", bad]],
    "targets": lambda bad, good: [["targets", bad]],
    "compare": lambda bad, good: [["compare", bad, good], ["compare", good, bad]],
    "check": lambda bad, good: [["check", bad, good], ["check", good, bad]],
    "series": lambda bad, good: [["series", bad, good, "--format", "json"], ["series", good, bad, "--format", "json"]],
}
KINDS = sorted(BAD)



@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, kind: str, command: str, monkeypatch) -> None:
    monkeypatch.setattr("docdiff.ingest.ocr.available", lambda: False)  # the message without the OCR extra
    build, problem = BAD[kind]
    bad = build(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for args in COMMANDS[command](bad, str(good)):
        out = tmp_path / "out.json"
        result = _runner().invoke(cli, [*args, "-o", str(out)])
        assert result.exit_code == 2, (args, result.output, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"docdiff: {bad}: {problem}")
        assert "Traceback" not in result.stderr + result.output
        assert not out.exists()


def test_existing_output_is_not_truncated(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = _runner().invoke(cli, ["compare", str(good), str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "report.json"]  # no temp file left


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["--max-size", "10"], "file too large ("),
        (["--encoding", "klingon"], "unknown encoding klingon"),
        (["--encoding", "utf-16"], "cannot decode as utf-16 at byte "),
    ],
)
def test_options_that_make_a_good_file_bad(tmp_path: Path, options: list[str], problem: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD + "。", encoding="utf-8")  # an odd byte count: not UTF-16
    result = _runner().invoke(cli, ["outline", str(good), *options])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"docdiff: {good}: {problem}")


def test_bad_max_size_value_is_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = _runner().invoke(cli, ["outline", str(good), "--max-size", "lots"])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "--max-size" in result.stderr
