"""Path → bytes, with the checks that give one clear line per bad file (missing, too big, binary)."""
from __future__ import annotations

import os
import re
import stat
import sys
from decimal import Decimal
from typing import BinaryIO

from docdiff.errors import DocdiffError, InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: ten times the longest plan we have seen as HTML

# Extensions docdiff reads; anything else known to be a non-text format is refused by name.
SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps", ".odt", ".rtf", ".ofd")
_UNSUPPORTED_HINTS = {
    ".dot": "old binary Word template: save as .doc or .docx",
    ".xls": "", ".xlsx": "", ".xlsm": "", ".csv": "", ".ods": "", ".et": "",
    ".ppt": "", ".pptx": "", ".odp": "", ".dps": "",
    ".png": "", ".jpg": "", ".jpeg": "", ".gif": "", ".bmp": "", ".tif": "", ".tiff": "", ".webp": "",
    ".zip": "", ".rar": "", ".7z": "", ".gz": "", ".tgz": "", ".bz2": "", ".xz": "", ".tar": "",
    ".caj": "convert to .pdf", ".epub": "",
    ".exe": "", ".dll": "", ".so": "", ".bin": "",
}

# Magic numbers → what to call the file. Checked on the first bytes; ordered so longer, more
# specific signatures come first. (PDF and zip are not here: they are formats we may read.)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary Office file (.doc/.xls/.ppt, or an encrypted Office file)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)


def parse_size(text: str) -> int:
    """'50MB' → 52428800; '2k' → 2048; '1000' → 1000."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text, re.I)
    if not m:
        raise DocdiffError(f"--max-size: cannot read {text!r} as a size (e.g. 50MB)")
    size = Decimal(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " ")
    # Decimal, not float: 400 digits would overflow to inf; past sys.maxsize no read can ask for more.
    return min(int(size), sys.maxsize - 1)


def check_extension(path: str) -> str:
    """The lower-case extension of ``path``; InputError for a format docdiff cannot read."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _UNSUPPORTED_HINTS:
        hint = _UNSUPPORTED_HINTS[ext]
        reads = "docdiff reads " + " ".join(SUPPORTED)
        raise InputError(path, f"unsupported format {ext} ({hint + '; ' if hint else ''}{reads})")
    return ext


def read_bytes(path: str, *, max_bytes: int | None = None) -> bytes:
    """The file's bytes; InputError for a missing, unreadable, special, empty or too large file."""
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device would block or never end: refuse rather than hang.
            raise InputError(path, "not a regular file")
        if st.st_size > limit:
            raise InputError(path, f"file too large ({st.st_size:,} bytes; the limit is {limit:,}; see --max-size)")
        with open(path, "rb") as f:
            data = _read_up_to(f, limit + 1, expected=st.st_size)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except NotADirectoryError:
        raise InputError(path, "no such file (a parent is not a folder)") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise InputError(path, f"cannot read ({getattr(e, 'strerror', None) or e})") from None
    if len(data) > limit:
        raise InputError(path, f"file too large (over the limit of {limit:,} bytes; see --max-size)")
    if not data:
        raise InputError(path, "empty file")
    return data


def _read_up_to(f: BinaryIO, most: int, *, expected: int) -> bytes:
    """At most ``most`` bytes. Read as much as stat said, then on in 1 MB chunks: the file may
    have grown since, and one read(most) would allocate ``most`` bytes up front (--max-size 1T)."""
    chunks = [f.read(min(most, expected + 1))]
    total = len(chunks[0])
    while total < most and (chunk := f.read(min(1 << 20, most - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def sniff_binary(data: bytes) -> str | None:
    """Name of a binary format recognised by its magic number ('PNG image'), else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"MZ") and b"\x00" in data[:512]:
        return "Windows executable"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2 archive"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data[257:262] == b"ustar":
        return "tar archive"
    return None
