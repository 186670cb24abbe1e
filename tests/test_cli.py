"""CLI basics: help for every command, version, README documents every command, fast --help."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from docdiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("compare", "targets", "outline", "check", "series", "corpus")


def test_every_command_has_help():
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "--format" in result.output and "--output" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("docdiff ")


def test_readme_opens_with_the_two_commands_and_names_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0].strip() for b in readme.split("```sh")[1:3]]
    # a virtual environment first, so `docdiff` is ours and not Debian's Ruby /usr/bin/docdiff
    assert blocks[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && docdiff compare samples/")
    assert blocks[1] == "pip install -e '.[test]' && pytest"
    for name in COMMANDS:
        assert f"docdiff {name}" in readme


def test_ci_runs_the_readme_test_command():
    assert "pip install -e '.[test]' && pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from docdiff.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = {'rapidfuzz', 'diff_match_patch', 'scipy', 'lxml', 'rich', 'docx', 'pdfminer', 'numpy',\n"
        "         'dask', 'distributed', 'datasketch', 'rensa', 'xlsxwriter'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"



def test_a_small_comparison_runs_no_garbage_collection(tmp_path):
    """The command raises the collector's threshold before its imports: they no longer trigger
    some 60 collections (~10 ms); the library leaves the threshold alone."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、总体要求\n到2025年，地区生产总值增长6%。\n", encoding="utf-8")
    b.write_text("一、总体要求\n到2025年，地区生产总值增长5%。\n", encoding="utf-8")
    code = (
        "import gc, sys\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(info['generation']) if phase == 'start' else None)\n"
        "import docdiff\n"
        "before = gc.get_threshold()[0]\n"
        "from docdiff.__main__ import main\n"
        f"sys.argv = ['docdiff', 'compare', {str(a)!r}, {str(b)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "runs.clear()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(before == 50000, gc.get_threshold()[0], len(runs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "50000", "0"]


def test_the_command_leaves_its_objects_frozen_for_the_shutdown(tmp_path):
    """The interpreter's shutdown collects everything left over (~20 ms of a one-line
    comparison): the command freezes it first, so those collections find nothing to scan, and
    its exit status stays the command's."""
    a = tmp_path / "a.txt"
    a.write_text("一、总体要求\n到2025年，地区生产总值增长6%。\n", encoding="utf-8")
    code = (
        "import gc, sys\n"
        "from docdiff.__main__ import main\n"
        f"sys.argv = ['docdiff', 'compare', {str(a)!r}, {str(tmp_path / 'missing.txt')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print(code, gc.get_freeze_count() > 10_000, len(gc.get_objects()) < 1_000)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2", "True", "True"]


def test_bad_max_size_is_one_line_exit_2(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一、总体要求\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["outline", str(f), "--max-size", "lots"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "--max-size" in result.output
