"""docdiff.new_file.create_new: the temporary file of an atomic write, made without tempfile."""
from __future__ import annotations

import os
import stat

import pytest

from docdiff import new_file
from docdiff.new_file import create_new


def test_a_new_private_file_named_by_prefix_and_suffix(tmp_path):
    fd, path = create_new(tmp_path, ".report.html.", ".tmp")
    os.write(fd, b"x")
    os.close(fd)
    name = os.path.basename(path)
    assert os.path.dirname(path) == str(tmp_path)
    assert name.startswith(".report.html.") and name.endswith(".tmp") and len(name) == len(".report.html..tmp") + 16
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert open(path, "rb").read() == b"x"


def test_names_differ_between_calls(tmp_path):
    names = set()
    for _ in range(50):
        fd, path = create_new(tmp_path, "p.", ".tmp")
        os.close(fd)
        names.add(path)
    assert len(names) == 50


def test_an_existing_name_or_link_is_never_opened_but_drawn_again(tmp_path, monkeypatch):
    """O_EXCL: a file (or a symlink planted at the name) is left alone and another name is drawn."""
    draws = iter([b"\0" * 8, b"\0" * 8, b"\1" * 8])
    monkeypatch.setattr(new_file.os, "urandom", lambda n: next(draws))
    taken = tmp_path / ("p." + "00" * 8 + ".tmp")
    victim = tmp_path / "victim"
    victim.write_text("keep")
    taken.symlink_to(victim)
    fd, path = create_new(tmp_path, "p.", ".tmp")
    os.close(fd)
    assert path == str(tmp_path / ("p." + "01" * 8 + ".tmp"))
    assert victim.read_text() == "keep" and taken.is_symlink()


def test_a_missing_folder_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_new(tmp_path / "nowhere", "p.", ".tmp")
