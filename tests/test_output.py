"""Atomic output: a finished file or no file, never a half-written one."""
from __future__ import annotations

import os

import pytest

from docdiff.errors import DocdiffError
from docdiff.output import write_output


def test_writes_the_whole_text(tmp_path):
    out = tmp_path / "r.html"
    write_output("报告<p>", str(out))
    assert out.read_text(encoding="utf-8") == "报告<p>"
    assert os.listdir(tmp_path) == ["r.html"]  # no temporary file left behind


def test_refuses_to_overwrite_an_input(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("原文", encoding="utf-8")
    with pytest.raises(DocdiffError, match="refusing to overwrite an input file"):
        write_output("x", str(src), inputs=(str(src),))
    assert src.read_text(encoding="utf-8") == "原文"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DocdiffError, match="no such folder"):
        write_output("x", str(tmp_path / "nope" / "r.json"))


def test_existing_file_untouched_when_the_write_fails(tmp_path, monkeypatch):
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(DocdiffError, match="No space left"):
        write_output("new", str(out))
    assert out.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.json"]


def test_stdout_gets_a_final_newline(capsys):
    write_output("{}", None)
    assert capsys.readouterr().out == "{}\n"
