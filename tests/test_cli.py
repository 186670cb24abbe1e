"""CLI basics: help for every command, version, README documents every command, fast --help."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from docdiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("compare", "targets", "outline", "check", "series")


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
        "heavy = {'rapidfuzz', 'diff_match_patch', 'scipy', 'lxml', 'rich', 'docx', 'pdfminer', 'numpy'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_bad_max_size_is_one_line_exit_2(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一、总体要求\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["outline", str(f), "--max-size", "lots"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "--max-size" in result.output
