"""Write a finished output: atomically onto a regular file or a new path (a temporary file in the
same folder, then rename); straight through onto a device, a FIFO or a socket, which a rename
would replace (as root, ``-o /dev/null`` would leave a regular file where the device was)."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from docdiff.errors import DocdiffError, printable
from docdiff.new_file import create_new


def write_output(text: str | bytes, path: str | None, *, inputs: tuple[str, ...] = ()) -> None:
    """Print ``text`` to stdout, or replace ``path`` with it in one step (never half-written).
    Bytes (a .docx redline) are written as they are; to a terminal they are refused."""
    if isinstance(text, bytes):
        if path is not None and path != "-":
            _replace(text, path, inputs)
            return
        if sys.stdout.isatty():
            raise DocdiffError("binary output (a .docx): name a file with -o FILE")
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
        return
    if path is None or path == "-":
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    _replace(text.encode("utf-8"), path, inputs)


def write_bytes(data: bytes, path: str, *, inputs: tuple[str, ...] = ()) -> None:
    """Replace ``path`` with ``data`` in one step (a binary report: an XLSX workbook)."""
    _replace(data, path, inputs)


def _replace(data: bytes, path: str, inputs: tuple[str, ...]) -> None:
    target, shown = Path(path), printable(path)
    for inp in inputs:
        try:
            if target.exists() and target.resolve() == Path(inp).resolve():
                raise DocdiffError(f"{shown}: refusing to overwrite an input file")
        except OSError:
            continue
    try:
        st: os.stat_result | None = os.stat(target)  # follows symlinks: what a write would reach
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise DocdiffError(f"{shown}: cannot write ({e.strerror or e})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise DocdiffError(f"{shown}: cannot write: is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(data, target, shown)
        return
    if st is not None:
        target = Path(os.path.realpath(target))  # through a symlink: replace its file, keep the link
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DocdiffError(f"{shown}: no such folder {str(folder)!r}")
    try:
        fd, tmp = create_new(folder, f".{target.name}.", ".tmp")
    except OSError as e:
        raise DocdiffError(f"{shown}: cannot write ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _mode_for(target))  # made 0600: a report must not turn private
            f.write(data)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise DocdiffError(f"{shown}: cannot write ({e.strerror or e})") from None
        raise


def _write_through(data: bytes, target: Path, shown: str) -> None:
    """Write into an existing device or FIFO without replacing it (no atomicity to be had)."""
    try:
        with open(target, "wb") as f:
            f.write(data)
    except OSError as e:
        raise DocdiffError(f"{shown}: cannot write ({e.strerror or e})") from None


def _mode_for(target: Path) -> int:
    """The permissions the output gets: those of the file it replaces, else what umask allows."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)  # the only way to read it; set straight back
        os.umask(umask)
        return 0o666 & ~umask
