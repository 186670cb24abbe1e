"""Lines as editors, ``grep -n`` and GitHub count them: broken at ``\\n`` only.

Ingest folds CRLF and lone CR to ``\\n``, so that is every break a file has. ``str.splitlines``
also breaks at ``\\f \\v \\x1c-\\x1e \\x85 \\u2028 \\u2029``: a form feed (pdftotext writes one per
page) would shift every later line number and every CI annotation.
"""
from __future__ import annotations


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, but with ``\\n`` as the only line break."""
    if not text:
        return []
    parts = text.split("\n")
    last = parts.pop()
    lines = [p + "\n" for p in parts] if keepends else parts
    if last:
        lines.append(last)
    return lines
