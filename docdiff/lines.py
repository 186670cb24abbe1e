"""Lines as editors, ``grep -n`` and GitHub count them: broken at ``\\n`` (and ``\\r\\n``, ``\\r``).

Ingest folds CRLF and lone CR to ``\\n``, so that is every break a file has. ``str.splitlines``
also breaks at ``\\f \\v \\x1c-\\x1e \\x85 \\u2028 \\u2029``: a form feed (pdftotext writes one per
page) would shift every later line number and every CI annotation.
"""
from __future__ import annotations


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, but breaking only at ``\\n``, ``\\r\\n`` and ``\\r``."""
    if not text:
        return []
    if "\r" in text:  # not after ingest (it folds them), but a text built by hand may hold them
        import re

        lines = re.findall(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$", text)
        return lines if keepends else [line.rstrip("\r\n") for line in lines]
    parts = text.split("\n")
    last = parts.pop()
    lines = [p + "\n" for p in parts] if keepends else parts
    if last:
        lines.append(last)
    return lines
