"""Memories of per-text work, shared by the documents read within one ``shared_readings`` block.

Two versions of a document share most of their sentences, and much of the work on a sentence
depends on its text (and a few facts of its document) alone: within the block each such piece
is done once per distinct input. Outside a block nothing is remembered; the memories are
released when the outermost block ends, so they grow with the documents of one comparison only.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The open block's memories by name (None: no block is open).
_memos: dict[str, dict[Any, Any]] | None = None


@contextmanager
def shared_readings() -> Iterator[None]:
    """Within the block, ``memo(name)`` is a dict kept until the outermost block ends."""
    global _memos
    outer = _memos
    if outer is None:
        _memos = {}
    try:
        yield
    finally:
        _memos = outer


def memo(name: str) -> dict[Any, Any] | None:
    """The open block's memory called ``name`` (None when no block is open)."""
    if _memos is None:
        return None
    found = _memos.get(name)
    if found is None:
        found = _memos[name] = {}
    return found
