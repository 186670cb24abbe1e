"""docdiff.regex_cache: compiled regexes kept on disk behave exactly like re.compile's."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docdiff import regex_cache

SAMPLE = next((Path(__file__).resolve().parent.parent / "samples").glob("luqiao*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def cache_at(tmp_path, monkeypatch):
    """The cache file moved into tmp_path, nothing loaded yet, writing allowed."""
    path = tmp_path / "regexes.marshal"
    monkeypatch.setattr(regex_cache, "cache_files", lambda: [path])
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(regex_cache, "_dirty", False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


_IMPORT_ALL = """
import importlib, pkgutil, docdiff
from docdiff import regex_cache
for mod in pkgutil.walk_packages(docdiff.__path__, "docdiff."):
    if not mod.name.endswith(("ocr", "__main__")):
        importlib.import_module(mod.name)
print(regex_cache.cache_files()[0])
"""


def test_a_fresh_run_saves_every_pattern_and_each_matches_like_re_compile(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    run = subprocess.run([sys.executable, "-c", _IMPORT_ALL], env=env, capture_output=True, text=True, check=True)
    path = Path(run.stdout.strip())
    entries = marshal.loads(path.read_bytes())["entries"]
    assert len(entries) > 100
    assert not list(path.parent.glob("*.tmp"))
    for (pattern, flags), form in entries.items():
        ours, theirs = regex_cache._compile(pattern, form), re.compile(pattern, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
        assert ours == theirs  # same compiled code
        assert [m.span() for m in ours.finditer(SAMPLE)] == [m.span() for m in theirs.finditer(SAMPLE)]


def test_round_trip_through_the_file(cache_at):
    rx = regex_cache.compile_regex(r"到(?P<year>20\d\d)年[^。]{0,30}?(\d+(?:\.\d+)?)%")
    assert regex_cache._dirty
    regex_cache.save()
    assert cache_at.exists() and not list(cache_at.parent.glob("*.tmp"))
    regex_cache._entries = None
    again = regex_cache.compile_regex(rx.pattern)
    assert not regex_cache._dirty
    m = again.search("到2025年,R&D经费支出占GDP比重达到3.3%")
    assert m and m.group("year") == "2025" and m.group(2) == "3.3"


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe3junk" * 50])
def test_a_damaged_file_is_ignored(cache_at, content):
    cache_at.write_bytes(content)
    assert regex_cache.compile_regex(r"\d+").findall("a12b3") == ["12", "3"]


def test_a_file_from_another_interpreter_is_ignored(cache_at, monkeypatch):
    regex_cache.compile_regex(r"十四五")
    monkeypatch.setattr(regex_cache, "_stamp", lambda: "another python")
    regex_cache.save()
    monkeypatch.undo()
    monkeypatch.setattr(regex_cache, "cache_files", lambda: [cache_at])
    regex_cache._entries = None
    assert regex_cache._entries_now() == {}


def test_a_damaged_entry_compiles_afresh(cache_at):
    regex_cache._entries = {(r"\d+", 0): (32, [999, 1, 2], 0, {}, (None,))}
    assert regex_cache.compile_regex(r"\d+").findall("a12") == ["12"]


def test_bad_patterns_raise_like_re(cache_at):
    with pytest.raises(re.error):
        regex_cache.compile_regex(r"(unclosed")


def test_nothing_written_without_bytecode_writing(cache_at, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    regex_cache.compile_regex(r"新的一年")
    regex_cache.save()
    assert not cache_at.exists()


def test_an_unwritable_place_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(regex_cache, "cache_files", lambda: [blocker / "sub" / "regexes.marshal"])
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    regex_cache.compile_regex(r"规划纲要")
    regex_cache.save()  # no exception, nothing left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_patterns_this_run_did_not_use_go_first_beyond_the_cap(cache_at, monkeypatch):
    monkeypatch.setattr(regex_cache, "_MAX_ENTRIES", 2)
    monkeypatch.setattr(regex_cache, "_used", set())
    regex_cache.compile_regex("旧一")
    regex_cache.compile_regex("旧二")
    regex_cache.save()  # an earlier run's two patterns
    regex_cache._entries, regex_cache._used = None, set()
    regex_cache.compile_regex("旧二")  # this run uses one of them…
    regex_cache.compile_regex("新")  # …and compiles a new one
    regex_cache.save()
    regex_cache._entries = None
    assert [p for p, _ in regex_cache._entries_now()] == ["旧二", "新"]


def test_every_run_compiles_the_same_patterns_whatever_the_hash_seed(tmp_path):
    """A pattern built from a set in hash order would be a new string, and a new entry, in
    every process: the cache would grow without end and never hit."""
    sample = Path(__file__).resolve().parent.parent / "samples"
    a, b = sample / "hailar-district-2018-work-report.txt", sample / "hailar-district-2019-work-report.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pyc")
    keys = []
    for seed in ("1", "2", "3"):
        for command in (["compare", str(a), str(b), "--format", "html"], ["targets", str(a)]):
            subprocess.run([sys.executable, "-m", "docdiff", *command, "-o", str(tmp_path / "out")],
                           env={**env, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
        path = next((tmp_path / "pyc").rglob("docdiff-regexes.*"))
        keys.append(sorted(marshal.loads(path.read_bytes())["entries"]))
    assert keys[0] == keys[1] == keys[2]


def test_an_unwritable_install_keeps_its_cache_in_the_users_cache_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "site-packages"
    blocker.write_text("a file where the bytecode folder would be")
    beside, user = blocker / "__pycache__" / "regexes.marshal", tmp_path / "home-cache" / "regexes.marshal"
    monkeypatch.setattr(regex_cache, "cache_files", lambda: [beside, user])
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    regex_cache.compile_regex(r"共同富裕")
    regex_cache.save()
    assert user.exists() and not list(user.parent.glob("*.tmp"))
    regex_cache._entries = None
    assert (r"共同富裕", 0) in regex_cache._entries_now()


def test_the_user_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert regex_cache.cache_files()[-1].parent == tmp_path / "docdiff"
