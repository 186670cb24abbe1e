"""A file that did not exist, opened for writing: ``tempfile.mkstemp``'s job (the temporary file
of an atomic write) without importing tempfile, which brings shutil, random and hashlib — about
4 ms of every run's start-up."""
from __future__ import annotations

import os

_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def create_new(folder: str | os.PathLike[str], prefix: str, suffix: str) -> tuple[int, str]:
    """(descriptor, path) of a new file in ``folder`` named ``prefix`` + 16 random hex digits +
    ``suffix``, mode 0600 as mkstemp makes it; a name that exists is drawn again, as mkstemp does.
    OSError as ``os.open`` raises it (no such folder, not writable)."""
    while True:
        path = os.path.join(folder, f"{prefix}{os.urandom(8).hex()}{suffix}")
        try:
            return os.open(path, _FLAGS, 0o600), path
        except FileExistsError:
            continue
