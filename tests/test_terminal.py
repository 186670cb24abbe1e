"""terminal.py and the CLI's terminal options: --color (NO_COLOR, TERM=dumb), COLUMNS when
piped, the pager only on a terminal, --full and the summary view."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sample
from rich.cells import cell_len

from docdiff import terminal

PAIR = (str(sample("hailar-district-2018")), str(sample("hailar-district-2019")))


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "PAGER", "TERM")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "docdiff", *args], capture_output=True, text=True,
                          encoding="utf-8", env=full_env, timeout=120)


class _Tty:
    """A stand-in stdout/stdin that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "tty", "env", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # NO_COLOR counts only when not empty
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),  # an explicit choice wins, as in git and ripgrep
        ("never", True, {}, False),
    ],
)
def test_use_color(monkeypatch: pytest.MonkeyPatch, choice: str, tty: bool, env: dict[str, str],
                   expected: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    if tty:
        monkeypatch.setattr(sys, "stdout", _Tty())
    assert terminal.use_color(choice, None) is expected
    assert terminal.use_color(choice, "report.txt") is (choice == "always")


def test_width_when_piped_is_columns_else_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert terminal.layout_width(None) == 100
    monkeypatch.setenv("COLUMNS", "80")
    assert terminal.layout_width(None) == 80 and terminal.layout_width("out.txt") == 80
    monkeypatch.setenv("COLUMNS", "wide")
    assert terminal.layout_width(None) == 100


def test_pager_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not terminal.use_pager(False, None)  # pytest's stdout is not a terminal
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert terminal.use_pager(False, None) and terminal.use_pager(False, "-")
    assert not terminal.use_pager(True, None) and not terminal.use_pager(False, "out.txt")


def test_page_sends_the_text_through_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'echo \"LESS=$LESS\" > {seen}; cat >> {seen}'")
    monkeypatch.delenv("LESS", raising=False)
    assert terminal.page("海拉尔 12.43亿元\n")
    assert seen.read_text(encoding="utf-8") == "LESS=FRX\n海拉尔 12.43亿元\n"


@pytest.mark.parametrize("pager", ["", "cat", "no-such-pager-docdiff"])
def test_no_pager_to_start_means_print_directly(monkeypatch: pytest.MonkeyPatch, pager: str) -> None:
    monkeypatch.setenv("PAGER", pager)
    assert terminal.page("x\n") is False


def test_cli_piped_honours_columns_and_never_colours_by_default() -> None:
    out = _run("compare", *PAIR, env={"COLUMNS": "80"}).stdout
    assert "\x1b[" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "indicator / a → b" in out  # stacked at 80 columns


def test_cli_color_always_never_and_no_color() -> None:
    assert "\x1b[" in _run("compare", *PAIR, "--color", "always").stdout
    assert "\x1b[" in _run("compare", *PAIR, "--color", "always", env={"NO_COLOR": "1"}).stdout
    never = _run("compare", *PAIR, "--color", "never", "--full").stdout
    assert "\x1b[" not in never and "[-" in never and "{+" in never  # both sides marked without colour
    assert "\x1b[" not in _run("targets", PAIR[0], "--color", "auto", env={"NO_COLOR": "1"}).stdout


def test_cli_summary_by_default_full_on_request() -> None:
    summary = _run("compare", *PAIR).stdout
    full = _run("compare", *PAIR, "--full").stdout
    assert "Changed sentences holding targets" in summary and "--full shows every text change" in summary
    assert "Changed sentences holding targets" not in full and "longest of" in full
    assert len(summary.splitlines()) * 2 < len(full.splitlines())
