"""Bytes → str: BOM, BOM-less UTF-16 (NULs), strict UTF-8, strict GB18030 (sanity-checked), a detector.

Nothing is ever decoded with ``errors="replace"``: a file we cannot decode exactly is an
InputError that says why (and where, for a file that is UTF-8 except for a stray block).
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from docdiff.errors import InputError
from docdiff.regex_cache import compile_regex

# A decode whose text is less than this share "plausible" characters is a wrong guess:
# GB18030 maps almost any byte string to *some* characters, mostly rare ones and PUA.
MIN_PLAUSIBLE = 0.97
# UTF-8 with a stray GBK block: if at least this many non-ASCII characters decode as UTF-8
# and they outnumber the bad bytes, the file is UTF-8 that got damaged, not GB18030.
MIXED_MIN_GOOD = 16

# charset-normalizer's "chaos" (share of odd character sequences) of a real text is ~0; random
# high bytes read as a Cyrillic code page score ~0.06.
MAX_CHAOS = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for ``data``; BOM removed, line ends NOT yet folded."""
    if encoding:
        return _decode_as(data, path, encoding)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], path, enc), enc
    if b"\x00" in data:
        # BOM-less UTF-16: NULs are the high bytes of ASCII characters (and of some CJK ones);
        # only the right byte order decodes to plausible text.
        for enc in ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ():
            text = _try(data, enc)
            if text is not None and _plausible(text, strict=True):
                return text, enc
        raise InputError(path, "binary file (contains NUL bytes)")
    declared = _declared_charset(data)
    if declared and (text := _try(data, declared)) is not None and _plausible(text):
        return text, declared  # an HTML page's own <meta charset>: Big5 would also pass as GB18030
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.reason == "unexpected end of data" and _try(data[:utf8_error.start], "utf-8") is not None:
        raise InputError(path, f"truncated UTF-8 text (ends mid-character at byte {utf8_error.start})")
    _reject_mixed_utf8(data, path, utf8_error)
    # No NULs, so not UTF-16 (a real document has ASCII line breaks or digits, each with a NUL).
    text = _try(data, "gb18030")
    if text is not None and _plausible(text):
        return text, "gb18030"
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    _reject_damaged_gb18030(data, path)
    raise InputError(path, "not UTF-8, GB18030 or UTF-16 text")


def fold_newlines(text: str) -> str:
    """CRLF and lone CR → LF. ``str.splitlines`` counts each as one break, so line numbers hold;
    the other breaks it knows (\\x0b \\x0c \\x1c-\\x1e \\x85 \\u2028 \\u2029) are left as they are."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# <meta charset="big5">, <meta http-equiv=… content="text/html; charset=gbk">, <?xml encoding="…"?>
_DECLARED_RE = compile_regex(rb"""<(?:meta|\?xml)[^<>]{0,300}?(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
# Pages say gb2312/gbk but are written with the whole of GBK/GB18030; the superset is safe.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "euc_cn": "gb18030", "big5": "big5hkscs", "ascii": "utf-8"}


def _declared_charset(data: bytes) -> str | None:
    m = _DECLARED_RE.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _SUPERSET.get(name, name)


_SURROGATE_RE = compile_regex("[\ud800-\udfff]")


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding}") from None
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(name)
    except UnicodeDecodeError as e:
        raise InputError(path, f"cannot decode as {encoding} at byte {e.start}") from None
    except Exception as e:  # a codec that is not a text encoding (e.g. 'base64', 'zlib')
        raise InputError(path, f"cannot decode as {encoding} ({type(e).__name__})") from None
    if not isinstance(text, str):
        raise InputError(path, f"{encoding} is not a text encoding")
    lone = _SURROGATE_RE.search(text)  # utf-7 and a few others decode to half a character
    if lone is not None:
        raise InputError(path, f"decoding as {encoding} gives a lone surrogate (U+{ord(lone.group()):04X}) "
                               f"at character {lone.start()}: not text in that encoding")
    return text.removeprefix("\ufeff"), name


def _strict(data: bytes, path: str, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        bom = len(codecs.BOM_UTF8) if enc == "utf-8" else 2 if enc.startswith("utf-16") else 4
        raise InputError(path, f"starts with a {enc.upper()} byte-order mark but is not {enc.upper()} "
                               f"(bad byte at {e.start + bom})") from None


def _try(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def _reject_mixed_utf8(data: bytes, path: str, err: UnicodeDecodeError) -> None:
    """Fail clearly on a UTF-8 file with a stray non-UTF-8 block rather than read it as mojibake."""
    # errors="replace" only to measure how much of the file is UTF-8; the text is thrown away.
    probe = data.decode("utf-8", errors="replace")
    bad = probe.count("\ufffd")
    good = sum(1 for c in probe if ord(c) > 0x7F) - bad
    if good >= MIXED_MIN_GOOD and good > bad:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(path, f"mixed encoding: UTF-8 text with non-UTF-8 bytes at byte {err.start} "
                               f"(line {line}); re-save it as UTF-8, or pass --encoding")


def _reject_damaged_gb18030(data: bytes, path: str) -> None:
    """Name the place where a file that reads as Chinese GB18030 up to some byte goes wrong."""
    try:
        data.decode("gb18030")
        return
    except UnicodeDecodeError as e:
        err = e
    head = _try(data[:err.start], "gb18030")
    if head and sum(1 for c in head if 0x4E00 <= ord(c) <= 0x9FFF) >= MIXED_MIN_GOOD and _plausible(head):
        line = data.count(b"\n", 0, err.start) + 1
        what = "truncated" if err.reason == "incomplete multibyte sequence" else "damaged"
        raise InputError(path, f"{what} GB18030 text: bad byte at {err.start} (line {line})")


def _plausible(text: str, *, strict: bool = False) -> bool:
    """Is this what a document looks like: CJK, ASCII, punctuation — not rare symbols or PUA?
    ``strict`` (for BOM-less UTF-16, where any byte pair is some character) also refuses
    Latin/Greek/Cyrillic letters outside ASCII."""
    if not text:
        return True
    ok = sum(1 for c in text if _is_plausible_char(c, strict))
    return ok >= MIN_PLAUSIBLE * len(text)


def _is_plausible_char(c: str, strict: bool = False) -> bool:
    o = ord(c)
    if 0x20 <= o < 0x7F or c in "\t\n\r\x0c":
        return True
    if 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
        return True  # CJK ideographs, CJK punctuation, full-width forms
    if 0x2000 <= o <= 0x27BF:
        return True  # general punctuation “”—…, letterlike ℃, arrows, ①, box drawing, ★
    if not strict and (0xA0 <= o <= 0x24F or 0x370 <= o <= 0x4FF):
        return True  # Latin-1/Extended (pinyin tones), Greek, Cyrillic
    return False


def _guess(data: bytes) -> tuple[str, str] | None:
    """Last resort: charset-normalizer, accepted only if a strict decode gives printable text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not best.encoding or best.chaos > MAX_CHAOS:
        return None
    text = _try(data, best.encoding)
    if text is None:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\t\n\r\x0c")
    private = sum(1 for c in text if unicodedata.category(c) in ("Co", "Cn"))
    if printable < MIN_PLAUSIBLE * len(text) or private:
        return None
    return text, codecs.lookup(best.encoding).name
