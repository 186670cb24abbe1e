"""Terminal conventions of git and ripgrep: when to colour, how wide to lay out, when to page.

- ``--color auto`` (the default) colours only standard output that is a terminal, and not when
  ``NO_COLOR`` is set to anything non-empty or ``TERM=dumb``; ``always`` and ``never`` win over both.
- The width is the terminal's; piped or written to a file it is ``COLUMNS`` when set, else 100.
- Output for a terminal goes through ``$PAGER`` (else ``less``, with ``LESS=FRX`` unless set, so
  colours pass and a short report prints and exits as if no pager were there); never when piped.
"""
from __future__ import annotations

import os
import sys

COLOR_CHOICES = ("auto", "always", "never")
DEFAULT_WIDTH = 100  # piped with no COLUMNS: wide enough for the target table without stacking
DEFAULT_PAGER = "less"
DEFAULT_LESS = "FRX"  # F: quit if one screen, R: pass colours, X: leave the text on screen


def _to_stdout(output: str | None) -> bool:
    return output in (None, "-")


def use_color(choice: str, output: str | None) -> bool:
    """Whether to write ANSI colours, by ``--color`` and the environment."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _to_stdout(output) and sys.stdout.isatty()


def layout_width(output: str | None) -> int:
    """Columns to lay out for: the terminal's, else ``COLUMNS``, else ``DEFAULT_WIDTH``."""
    if _to_stdout(output) and sys.stdout.isatty():
        import shutil  # here: a report for a file or a pipe does without it (and its imports)

        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns  # COLUMNS first, as less and git
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


def use_pager(no_pager: bool, output: str | None) -> bool:
    """Page only a report for standard output that is a terminal, unless ``--no-pager`` (as git:
    the pager reads its keys from the terminal, whatever standard input is)."""
    return not no_pager and _to_stdout(output) and sys.stdout.isatty()


def pager_command() -> list[str] | None:
    """``$PAGER`` split into words (``less`` when unset); None when it is empty or ``cat``."""
    import shlex  # here and in page(): a report written to a file or a pipe never pages

    words = shlex.split(os.environ.get("PAGER", DEFAULT_PAGER))
    if not words or words == ["cat"]:
        return None
    return words


def page(text: str) -> bool:
    """Show ``text`` through the pager; False (nothing written) when no pager could be started."""
    command = pager_command()
    if command is None:
        return False
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such pager: print the report instead
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))  # as write_output writes standard output
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: that is fine
        pass
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager, as with git
            continue
