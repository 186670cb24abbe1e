"""ingest.load imports the office and OFD readers only for bytes that can be such a container."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from docdiff.ingest import CONTAINER_STARTS
from docdiff.ingest.ofd import is_ofd
from docdiff.ingest.office import OLE_MAGIC, office_kind

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "hailar-district-2019-work-report.txt"


def _zip(name: str, first: tuple[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        if first:
            z.writestr(*first)
        z.writestr(name, b"<x/>")
    return buf.getvalue()


def test_every_container_the_sniffers_recognise_starts_as_listed() -> None:
    odt = _zip("content.xml", ("mimetype", b"application/vnd.oasis.opendocument.text"))
    ofd = _zip("OFD.xml")
    for data in (OLE_MAGIC + b"\0" * 600, b"{\\rtf1\\ansi hello}", odt):
        assert office_kind(data) is not None
        assert data.startswith(CONTAINER_STARTS)
    assert is_ofd(ofd) and ofd.startswith(CONTAINER_STARTS)
    assert not "一、总体要求\n".encode().startswith(CONTAINER_STARTS)


def test_a_text_file_loads_without_the_container_readers() -> None:
    code = ("import sys\nfrom docdiff.ingest import load\n"
            f"load({str(SAMPLE)!r})\n"
            "print(sorted(m for m in ('docdiff.ingest.office', 'docdiff.ingest.ofd', 'subprocess') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
