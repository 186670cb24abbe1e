"""Work done beside the caller: a forked child computes a value while the caller goes on.

A comparison of two large documents has steps that need each other's results only later (reading
B while A is read, the targets of both documents while the sections are aligned, the text diffs
of the aligned pairs while the similarity and the target matching are worked out): on a machine
with two cores one of them runs in a child process forked from the caller, which sees every
object the caller has (copy-on-write: nothing is sent to it) and sends back its result through a
pipe, as msgpack when its type is given, else pickled. Results are the same as computed in the
caller: the child runs the same function on the same objects.

Only on Linux, from the main thread of a process with one thread (fork copies only the calling
thread: a lock another thread holds would stay locked in the child), and only when asked
(``enabled``): forking a process of a few hundred megabytes, and copying the pages the child
writes, costs milliseconds, worth it for stages of seconds only. Otherwise, and whenever the
child fails in any way (an exception, a signal, a result that cannot be pickled), the function
runs in the caller, so errors surface there exactly as without a child.

The child dies with the caller (``PR_SET_PDEATHSIG``), takes the default action of SIGINT,
SIGTERM and SIGHUP (the caller reports them), and leaves through ``os._exit``: no ``atexit``
handler, no ``finally`` of the caller's frames and no buffered output of the caller runs twice.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
_MSGPACK, _PICKLE = b"m", b"p"  # the first byte of a child's answer: how the rest is encoded


def can_fork() -> bool:
    """Whether a child may be forked here: Linux, the main thread, no other Python thread."""
    return (
        sys.platform == "linux"
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    )


class Beside(Generic[T]):
    """The value of ``fn()``: computed in a forked child when ``enabled`` and possible, else when
    ``result`` asks for it (so without a child the caller's order of work is as if it called
    ``fn`` there)."""

    def __init__(self, fn: Callable[[], T], enabled: bool, kind: Any = None) -> None:
        self._fn = fn
        self._kind = kind
        self._pid: int | None = None
        self._read_fd: int | None = None
        self._value: tuple[T] | None = None
        if enabled and can_fork():
            self._start()

    def _start(self) -> None:
        import gc
        import signal

        _collect(block=False)
        _collect_at_exit()
        read_fd, write_fd = os.pipe()
        parent = os.getpid()
        frozen = gc.get_freeze_count() > 0
        gc.freeze()  # the child's collector then leaves the caller's objects (and their pages) alone
        try:
            pid = os.fork()
        except OSError:  # no memory or process slot for a child: compute in the caller
            os.close(read_fd)
            os.close(write_fd)
            pid = -1
        if pid == 0:  # the child
            try:
                os.close(read_fd)
                for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(signum, signal.SIG_DFL)
                _die_with_parent(parent)
                _send(write_fd, self._fn(), self._kind)
            finally:
                os._exit(0)
        if not frozen:
            gc.unfreeze()
        if pid > 0:
            os.close(write_fd)
            self._pid, self._read_fd = pid, read_fd

    def result(self) -> T:
        """The child's result, waiting for it; computed here if there was no child or it failed."""
        if self._value is None:
            self._value = (self._from_child(),)
        return self._value[0]

    def _from_child(self) -> T:
        if self._pid is None:
            return self._fn()
        data = _read_all(self._read_fd)
        self._reap(wait=False)
        if data:
            try:
                return _decoded(data, self._kind)
            except Exception:  # pragma: no cover - a truncated payload
                pass
        return self._fn()

    def close(self) -> None:
        """End the child if it is still running (the caller left early: an error, a signal)."""
        if self._pid is not None:
            import signal

            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already reaped by someone else
                pass
            self._reap(wait=True)

    def _reap(self, *, wait: bool) -> None:
        """Close the pipe and collect the child's exit status. Without ``wait`` a child still
        tearing its memory down (~0.3 s for a gigabyte) is left to finish on its own and
        collected by a later Beside: its answer is all the caller waits for."""
        if self._read_fd is not None:
            os.close(self._read_fd)
            self._read_fd = None
        if self._pid is not None:
            _exiting.append(self._pid)
            self._pid = None
        _collect(block=wait)


# Children that answered and may still be exiting, not yet collected (``_collect``).
_exiting: list[int] = []


@cache
def _collect_at_exit() -> None:
    """Collect every child when the interpreter exits (by then each has long ended): its CPU
    time then counts in this process's (what ``time`` or a benchmark's ``wait4`` reports)."""
    import atexit

    atexit.register(_collect, block=True)


def _collect(*, block: bool) -> None:
    """Collect the exit status of the children in ``_exiting`` that have ended (all of them,
    waiting, when ``block``)."""
    for pid in list(_exiting):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:  # pragma: no cover - collected by a SIGCHLD handler of the host
            done = pid
        if done:
            _exiting.remove(pid)


@contextmanager
def beside(fn: Callable[[], T], *, enabled: bool, kind: Any = None) -> Iterator[Beside[T]]:
    """``Beside(fn, enabled, kind)`` for the block; its child is ended when the block is left early."""
    job = Beside(fn, enabled, kind)
    try:
        yield job
    finally:
        job.close()


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this child when its parent ends (Linux's PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the pipe's end still stops it
        pass
    if os.getppid() != parent:  # the parent ended before the call above
        os._exit(0)


def _send(fd: int, value: object, kind: Any) -> None:
    """Write ``value`` to ``fd`` and close it: as msgpack when its type ``kind`` is given and
    msgspec can encode it (ten times faster than pickle for 400,000 targets), else pickled;
    nothing at all if neither can."""
    import pickle

    tag, data = _MSGPACK, b""
    try:
        if kind is not None:
            import msgspec

            try:
                data = msgspec.msgpack.encode(value)
            except (TypeError, ValueError, OverflowError):  # an int past 64 bits, say
                pass
        if not data:
            tag, data = _PICKLE, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        tag = b""
    with open(fd, "wb", closefd=True) as out:
        if tag:
            out.write(tag)
            out.write(data)


def _decoded(data: bytes, kind: Any) -> Any:
    """The value ``_send`` wrote."""
    if data[:1] == _MSGPACK:
        import msgspec

        return msgspec.msgpack.Decoder(kind).decode(memoryview(data)[1:])
    import pickle

    return pickle.loads(memoryview(data)[1:])  # the child's own pickle, read from its pipe


def _read_all(fd: int | None) -> bytes:
    assert fd is not None
    with open(fd, "rb", closefd=False) as stream:
        return stream.read()
