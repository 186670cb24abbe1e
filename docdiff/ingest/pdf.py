"""PDF bytes → text with pdfminer.six's layout analysis (one text line per line).

Encrypted PDFs that need a password, PDFs without a text layer (scans) and broken files
are InputErrors; form feeds between pages become line breaks.
"""
from __future__ import annotations

import io
import re

from docdiff.errors import InputError

_OTHER_BREAKS_RE = re.compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # → "\n", so lines are plain


def extract_pdf_text(data: bytes, path: str) -> str:
    """Text of a PDF; InputError if it is encrypted, broken, or has no text layer."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a valid PDF (no %PDF header)")
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
    except RecursionError:
        raise InputError(path, "not a valid PDF (objects nested too deeply)") from None
    except Exception as e:  # pdfminer raises PSEOF, PDFSyntaxError, TypeError, KeyError … on bad files
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise InputError(path, "encrypted PDF (needs a password; decrypt it first)") from None
        raise InputError(path, f"not a valid PDF ({type(e).__name__})") from None
    text = _OTHER_BREAKS_RE.sub("\n", text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if not "".join(lines).strip():
        raise InputError(path, "PDF has no text layer (scanned image?); OCR it first")
    return "\n".join(lines) + "\n"
