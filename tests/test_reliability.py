"""Round 2 of hostile inputs (issue 13): each failure found by the probe, as a test.

Sections follow the issue's numbering: -o onto devices and FIFOs, control characters in text
output, .txt files with tags, line breaks as editors count them, CSV formulas, huge numbers in
JSON, user regexes, signals, errors that name the file, entities in docx, tiny decimals.
"""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docdiff.cli import cli

A_TEXT = "一、总体要求\n到2025年,地区生产总值增长6%。\n"
B_TEXT = "一、总体要求\n到2025年,地区生产总值增长7%。\n"


def invoke(*args: str) -> Result:
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def one_line_error(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- 1. -o onto a device, a FIFO or a folder: never replaced ---


def _stand_in_device(path: Path, minor: int) -> Path:
    """A character device with /dev/null's (minor 3) or /dev/full's (minor 7) numbers, in tmp."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as e:
        pytest.skip(f"cannot make a device node here: {e}")
    return path


def test_output_onto_a_character_device_writes_through_and_keeps_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    null = _stand_in_device(tmp_path / "null", 3)
    result = invoke("compare", str(pair[0]), str(pair[1]), "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode)  # still a device, not a regular file
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_onto_a_full_device_is_one_line_and_keeps_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    full = _stand_in_device(tmp_path / "full", 7)
    one_line_error(invoke("targets", str(pair[0]), "-o", str(full)), str(full), "cannot write")
    assert stat.S_ISCHR(full.stat().st_mode)


def test_output_onto_a_fifo_streams_into_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke("targets", str(pair[0]), "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "pipe"]


def test_output_through_a_symlink_keeps_the_link(pair: tuple[Path, Path], tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    assert invoke("targets", str(pair[0]), "--format", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")


def test_output_onto_a_folder_is_refused_in_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    one_line_error(invoke("outline", str(pair[0]), "-o", str(folder)), str(folder), "is a folder")
    assert list(folder.iterdir()) == []


# --- 2. control characters in a document or a file name never reach a terminal raw ---

HOSTILE_CONTROLS = ("\x1b", "\x07", "\x9b", "\x90", "\x08")
_PAD = "".join(f"第{i}段说明文字,用于让控制字符的占比保持在二进制判断之下。\n" for i in range(40))


@pytest.fixture
def escapes(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "esc\x1b]0;pwned\x07.txt"
    b = tmp_path / "new\x1b[2J.txt"
    a.write_text("一、总体\x1b[2J要求\n到2025年,地区\x1b]0;title\x07生产总值增长6%。\n" + _PAD, encoding="utf-8")
    b.write_text("一、总体\x1b[2J要求\n到2025年,地区\x1b]0;title\x07生产总值增长7%\x9b。\n" + _PAD, encoding="utf-8")
    return a, b


TEXT_RUNS = [
    ("outline", "term"), ("targets", "term"), ("targets", "csv"),
    ("compare", "term"), ("compare", "md"),
    ("check", "text"), ("check", "github"), ("check", "junit"),
]


@pytest.mark.parametrize(("command", "fmt"), TEXT_RUNS)
def test_control_characters_are_shown_escaped(escapes: tuple[Path, Path], command: str, fmt: str) -> None:
    files = [str(escapes[0])] if command in ("outline", "targets") else [str(p) for p in escapes]
    result = invoke(command, *files, "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    for c in HOSTILE_CONTROLS:
        assert c not in result.stdout, (c, result.stdout[:500])
    assert "\\x1b" in result.stdout  # shown, not dropped


def test_escape_controls_keeps_layout_characters() -> None:
    from docdiff.errors import escape_controls

    assert escape_controls("a\tb\nc\x1b[2J\x9b\u3000d") == "a\tb\nc\\x1b[2J\\x9b\u3000d"
    assert escape_controls("a\tb\nc", keep="") == "a\\tb\\nc"


def test_colour_terminal_output_escapes_document_controls_but_keeps_its_styles(escapes: tuple[Path, Path]) -> None:
    import docdiff
    from docdiff.compare import compare
    from docdiff.render.compare_term import render_compare_term
    from docdiff.render.outline_term import render_outline_term

    a, b = docdiff.load(str(escapes[0])), docdiff.load(str(escapes[1]))
    for text in (render_outline_term(a, docdiff.parse_outline(a), color=True, width=100),
                 render_compare_term(compare(a, b), color=True, width=100, context=1, only_changed=False)):
        assert "\x1b[" in text  # rich's own colours
        assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\x07" not in text
        assert "\\x1b[2J" in text
