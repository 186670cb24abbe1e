"""Path → bytes, with the checks that give one clear line per bad file."""
from __future__ import annotations

import os
import re

from docdiff.errors import DocdiffError, InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: ten times the longest plan we have seen as HTML


def parse_size(text: str) -> int:
    """'50MB' → 52428800; '2k' → 2048; '1000' → 1000."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text, re.I)
    if not m:
        raise DocdiffError(f"--max-size: cannot read {text!r} as a size (e.g. 50MB)")
    return int(float(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " "))


def read_bytes(path: str, *, max_bytes: int | None = None) -> bytes:
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        if os.path.isdir(path):
            raise InputError(path, "is a directory")
        size = os.path.getsize(path)
        if size > limit:
            raise InputError(path, f"file too large ({size:,} bytes; the limit is {limit:,}; see --max-size)")
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})") from None
    if not data.strip():
        raise InputError(path, "empty file")
    return data
