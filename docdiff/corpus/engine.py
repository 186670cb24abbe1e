"""Run a corpus's per-document and per-pair tasks on Dask: in this process (one worker), a local
process pool (``workers`` > 1), or an existing cluster (``scheduler="tcp://…"``). The tasks are
pure functions of their inputs, so results are the same whichever runs them.
"""
from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

from msgspec import Struct

from docdiff.errors import DocdiffError, printable

TASKS_PER_WORKER = 4  # batches per worker: big enough to amortise pickling, small enough to balance
MAX_BATCH = 64  # items per task at most
POOL_MIN_ITEMS = 32  # fewer items run in this process: starting a process pool costs ~2 s
CONNECT_TIMEOUT = "10s"  # to reach a --scheduler: a cluster that is up answers in milliseconds


class Failure(Struct, frozen=True):
    """A task's DocdiffError, carried back as text (InputError does not survive pickling)."""

    message: str


def run_batch(fn: Callable[..., Any], batch: Sequence[tuple[Any, ...]]) -> list[Any]:
    """The task body: ``fn(*args)`` for each item; a DocdiffError becomes a Failure."""
    out = []
    for args in batch:
        try:
            out.append(fn(*args))
        except DocdiffError as e:
            out.append(Failure(str(e)))
    return out


class Engine:
    """Maps a function over argument tuples on the chosen Dask scheduler, in order."""

    def __init__(self, *, workers: int = 1, scheduler: str | None = None, progress: bool = False) -> None:
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.progress = progress
        self._client: Any = None
        if scheduler:
            try:
                from distributed import Client

                self._client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as e:
                raise DocdiffError(f"{printable(scheduler)}: cannot reach the Dask scheduler ({e})") from None
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, fn: Callable[..., Any], items: Sequence[tuple[Any, ...]], *, label: str) -> list[Any]:
        """``[fn(*item) for item in items]``, run as batched Dask tasks; the first failure raises."""
        if not items:
            return []
        size = max(1, min(MAX_BATCH, math.ceil(len(items) / (self.workers * TASKS_PER_WORKER))))
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        with _Progress(self.progress, label, len(batches)) as bar:
            if self._client is not None:
                results = self._run_distributed(fn, batches, bar)
            else:
                results = self._run_local(fn, batches, bar)
        flat = [r for batch in results for r in batch]
        for r in flat:
            if isinstance(r, Failure):
                raise DocdiffError(r.message)
        return flat

    def _run_local(self, fn: Callable[..., Any], batches: list[Sequence[Any]], bar: _Progress) -> list[Any]:
        import dask
        from dask.callbacks import Callback

        # pure=False: tokenising the arguments (every body of every pair) would hash megabytes for nothing
        tasks = [dask.delayed(run_batch, pure=False)(fn, b) for b in batches]
        local = self.workers == 1 or len(batches) == 1 or sum(map(len, batches)) < POOL_MIN_ITEMS
        with Callback(posttask=lambda key, result, dsk, state, worker_id: bar.advance()):
            if local:  # no pool to start for one worker or one task
                return list(dask.compute(*tasks, scheduler="sync"))
            return list(dask.compute(*tasks, scheduler="processes", num_workers=self.workers))

    def _run_distributed(self, fn: Callable[..., Any], batches: list[Sequence[Any]], bar: _Progress) -> list[Any]:
        from distributed import as_completed

        with self._client.as_current():  # as_completed looks for the current client
            futures = self._client.map(run_batch, [fn] * len(batches), batches, pure=False)
            for _ in as_completed(futures):
                bar.advance()
            return self._client.gather(futures)


class _Progress:
    """A rich progress bar on stderr when it is a terminal and ``enabled``; otherwise nothing."""

    def __init__(self, enabled: bool, label: str, total: int) -> None:
        self._bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(transient=True, console=Console(stderr=True))
            self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
