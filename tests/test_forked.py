"""forked.Beside: a value computed in a forked child equals the caller's; every failure of the
child falls back to the caller; the child never outlives its caller; a comparison made with
children equals the one made without."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import msgspec
import pytest
from conftest import ROOT, sample

from docdiff import cli_support, forked
from docdiff.comparison import pipeline
from docdiff.ingest import load
from docdiff.model import Comparator, Period, Span, Target
from docdiff.render.json import render_comparison_json

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="children are forked on Linux only")


@pytest.fixture(autouse=True)
def _fork_despite_idle_threads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier tests of the suite leave Dask's idle threads behind, and ``can_fork`` then keeps
    the work in the caller; these tests fork anyway (their children take no lock those threads
    use). The rule itself is tested on its own."""
    if request.node.name != "test_no_child_from_a_second_thread":
        monkeypatch.setattr(forked, "can_fork", lambda: True)


class _Spy:
    """The forks made and the first byte of each answer decoded (how it travelled)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.forks: list[int] = []
        self.tags: list[bytes] = []
        fork, decoded = os.fork, forked._decoded
        monkeypatch.setattr(os, "fork", lambda: self.forks.append(1) or fork())
        monkeypatch.setattr(forked, "_decoded", lambda data, kind: self.tags.append(data[:1]) or decoded(data, kind))


def _gone(pid: int) -> bool:
    """No such process, or only its zombie (ended, not yet reaped by whoever now parents it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def test_the_value_is_computed_in_a_child_and_equals_the_callers() -> None:
    job = forked.Beside(lambda: (os.getpid(), {"a": [1, 2.5, None]}), enabled=True)
    pid, value = job.result()
    assert pid != os.getpid() and value == {"a": [1, 2.5, None]}
    assert job.result() == (pid, value)  # asked again: the same value, no second read


def test_without_a_child_the_value_is_computed_when_asked_for() -> None:
    calls: list[int] = []
    job = forked.Beside(lambda: calls.append(os.getpid()) or "done", enabled=False)
    assert calls == []
    assert job.result() == "done" and calls == [os.getpid()]
    assert job.result() == "done" and calls == [os.getpid()]  # once


def test_an_error_in_the_child_is_raised_by_the_caller_computing_it_again() -> None:
    me = os.getpid()

    def fails_in_child() -> str:
        if os.getpid() != me:
            raise ValueError("child")
        return "caller"

    assert forked.Beside(fails_in_child, enabled=True).result() == "caller"

    def always_fails() -> str:
        raise ValueError(f"raised in {'caller' if os.getpid() == me else 'child'}")

    with pytest.raises(ValueError, match="raised in caller"):
        forked.Beside(always_fails, enabled=True).result()


def test_a_child_killed_or_unpicklable_falls_back_to_the_caller() -> None:
    me = os.getpid()

    def killed_in_child() -> str:
        if os.getpid() != me:
            os.kill(os.getpid(), signal.SIGKILL)
        return "caller"

    assert forked.Beside(killed_in_child, enabled=True).result() == "caller"
    job = forked.Beside(lambda: (lambda: os.getpid()), enabled=True)  # a lambda cannot be pickled
    assert job.result()() == me


def test_a_typed_value_travels_as_msgpack_and_decodes_equal() -> None:
    target = Target(id="t1", indicator="R&D经费支出占GDP比重", key="r&d经费支出占gdp比重", value=3.3,
                    value_high=None, unit="%", comparator=Comparator.GE, year=2025, period=Period.POINT, text="达到3.3%",
                    span=Span(3, 9), line=2, section="一、总体要求")
    kind = tuple[tuple[Target, ...], int]
    got = forked.Beside(lambda: ((target, target), 7), enabled=True, kind=kind).result()
    assert got == ((target, target), 7) and type(got[0][0]) is Target
    huge = 2**70  # past msgpack's 64 bits: pickled instead
    assert forked.Beside(lambda: huge, enabled=True, kind=int).result() == huge
    data = msgspec.msgpack.encode(((target,), 1))
    assert forked._decoded(b"m" + data, kind) == ((target,), 1)


def test_leaving_the_block_early_kills_and_reaps_the_child() -> None:
    with pytest.raises(KeyboardInterrupt):
        with forked.beside(lambda: time.sleep(60), enabled=True) as job:
            pid = job._pid
            raise KeyboardInterrupt
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already: no zombie left behind


def test_a_child_that_answered_is_collected_without_waiting_for_its_exit() -> None:
    job = forked.Beside(os.getpid, enabled=True)
    pid = job.result()
    assert pid != os.getpid()
    deadline = time.monotonic() + 20
    while pid in forked._exiting and time.monotonic() < deadline:
        forked._collect(block=False)  # as the next child's start does
        time.sleep(0.01)
    assert pid not in forked._exiting
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_no_child_from_a_second_thread() -> None:
    seen: list[object] = []

    def in_thread() -> None:
        seen.append(forked.can_fork())
        seen.append(forked.Beside(os.getpid, enabled=True).result())

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert seen == [False, os.getpid()]


def test_the_child_dies_with_its_caller(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(f"""
        import os, time
        from docdiff import cli_support, forked
        def work():
            open({str(pid_file)!r}, "w").write(str(os.getpid()))
            time.sleep(60)
        job = forked.Beside(work, enabled=True)
        while not os.path.exists({str(pid_file)!r}) or not open({str(pid_file)!r}).read():
            time.sleep(0.01)
        os._exit(0)  # no cleanup at all: only the kernel can end the child now
    """)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=60)
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


@pytest.mark.parametrize("names", [
    ("luqiao", "linhai"),
    ("hailar-district-2018", "hailar-district-2019"),
    ("taizhou", "tiantai"),
])
def test_a_comparison_with_children_equals_one_without(names: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = (load(str(sample(n))) for n in names)
    alone = pipeline.compare(a, b)
    monkeypatch.setattr(pipeline, "FORK_MIN_CHARS", 0)
    a, b = (load(str(sample(n))) for n in names)
    spy = _Spy(monkeypatch)
    beside = pipeline.compare(a, b)
    assert len(spy.forks) == 3  # B's outline, the targets, the text diffs …
    assert spy.tags == [b"m"] * 3  # … each answered, as msgpack (none recomputed here)
    assert beside.targets_a == alone.targets_a and beside.targets_b == alone.targets_b
    assert beside.sections == alone.sections and beside.targets == alone.targets
    assert beside.notes == alone.notes
    assert render_comparison_json(beside) == render_comparison_json(alone)


@pytest.mark.parametrize("paths", [
    (sample("hailar-district-2014"), sample("hailar-district-2015")),  # 2015 is GB18030
    (sample("luqiao"), sample("quzhou")),
    (sample("hailar-district-2019"), ROOT / "tests" / "data" / "formats" / "hailar-district-2019-work-report.ofd"),
])
def test_reading_b_beside_a_gives_the_same_documents(paths: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = (str(p) for p in paths)
    alone = (load(a), load(b))
    monkeypatch.setattr(cli_support, "FORK_MIN_BYTES", 0)
    spy = _Spy(monkeypatch)
    pair = cli_support.load_pair(a, b, None, None)
    assert spy.forks == [1] and spy.tags == [b"m"]  # B came back from its child, as msgpack
    assert pair == alone and [d.norm for d in pair] == [d.norm for d in alone]


def test_reading_b_beside_a_reports_a_first_and_a_bad_b_as_without(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from docdiff.errors import DocdiffError

    monkeypatch.setattr(cli_support, "FORK_MIN_BYTES", 0)
    good, bad = str(sample("luqiao")), str(tmp_path / "bad.txt")
    Path(bad).write_bytes(b"\x00" * 2000)  # binary: refused by ingest
    with pytest.raises(DocdiffError) as alone:
        load(bad)
    with pytest.raises(DocdiffError) as beside_a:
        cli_support.load_pair(good, bad, None, None)
    assert str(beside_a.value) == str(alone.value)
    with pytest.raises(DocdiffError) as first:
        cli_support.load_pair(bad, str(tmp_path / "missing.txt"), None, None)
    assert str(first.value) == str(alone.value)  # A's error, though B is missing too


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def test_a_signal_ends_the_children_too(tmp_path: Path) -> None:
    text = "\n".join(sample(n).read_text(encoding="utf-8") for n in ("luqiao", "linhai", "taizhou", "hailar-district-2019"))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text * 3, encoding="utf-8")  # ~400,000 characters a side: compared in two processes
    b.write_text(text.replace("2025", "2026") * 3, encoding="utf-8")
    out = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "docdiff", "compare", str(a), str(b), "--format", "json",
                             "-o", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while not seen and proc.poll() is None and time.monotonic() < deadline:
        seen = _children(proc.pid)
        time.sleep(0.005)
    assert seen, "no child was forked"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err == "docdiff: interrupted (SIGTERM)\n"
    assert all(_gone(p) for p in seen) and not _children(proc.pid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no output, no temp file
