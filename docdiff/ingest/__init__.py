"""Ingest: a path → a Document (decoded text, debris spans, metadata).

PROVISIONAL minimal version (plain text only); the ingest work replaces it.
"""
from __future__ import annotations

from docdiff.ingest.read import read_bytes
from docdiff.model import Document

__all__ = ["load"]


def load(path: str, *, encoding: str | None = None, max_bytes: int | None = None) -> Document:
    """Read ``path`` into a Document; raise InputError naming the file and the problem."""
    data = read_bytes(path, max_bytes=max_bytes)
    try:
        text = data.decode(encoding or "utf-8-sig")
        enc = encoding or "utf-8"
    except UnicodeDecodeError:
        text, enc = data.decode("gb18030"), "gb18030"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=path, text=text, encoding=enc)
