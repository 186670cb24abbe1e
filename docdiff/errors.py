"""The only exceptions a user ever sees: bad input or bad config, reported as one line."""
from __future__ import annotations


class DocdiffError(Exception):
    """Bad input or config. The CLI prints str(self) as one line and exits 2."""


def printable(text: str) -> str:
    """``text`` with control characters escaped (a\\nb), so a hostile file name stays on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class InputError(DocdiffError):
    """A document that cannot be read: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{printable(path)}: {problem}")


class ConfigError(DocdiffError):
    """A bad option or configuration file."""
