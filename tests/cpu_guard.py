"""A guard against hangs that counts CPU time, not wall-clock time, so a busy CI machine cannot
trip it: tests use it to catch catastrophic backtracking or a quadratic loop, never to time."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


class Hang(Exception):
    pass


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Raise Hang once the block has used ``seconds`` of CPU time (main thread, POSIX).

    CPython's regex engine checks for signals while it matches, so this interrupts a runaway
    pattern too."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        pytest.skip("the hang guard needs SIGVTALRM in the main thread")

    def fire(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds} s of CPU time")

    old = signal.signal(signal.SIGVTALRM, fire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, old)
