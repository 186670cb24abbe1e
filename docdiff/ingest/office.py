"""Word 97–2003 .doc, Kingsoft .wps, .odt and .rtf bytes → text, through LibreOffice headless.

LibreOffice (``soffice --headless --convert-to docx``) reads all four; its .docx goes through
the docx reader, so tables come out as ``a | b | c`` rows like any .docx. Each conversion runs
in a private temporary folder with a private user profile (parallel runs never share one), under
a timeout, and the folder is removed on every path out. Without LibreOffice a .doc is read with
``antiword`` when that is installed; otherwise one line says what to install.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path

from docdiff.errors import InputError

SOFFICE_TIMEOUT = 120  # seconds; a 300-page .doc converts in ~20 s on one slow core
ANTIWORD_TIMEOUT = 60
KILL_WAIT = 5.0  # seconds to go on killing a process group until it is empty
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
INSTALL_HINT = "install LibreOffice to read it (apt-get install libreoffice-writer-nogui)"

# Stream names in an OLE compound file's directory (UTF-16LE), which say what the file holds.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # a password-protected .docx/.xlsx
_OTHER_OLE = (("Workbook".encode("utf-16-le"), "an Excel workbook"),
              ("PowerPoint Document".encode("utf-16-le"), "a PowerPoint file"))


def office_kind(data: bytes) -> str | None:
    """'ole', 'odt' or 'rtf' when the bytes are one of those containers, else None."""
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype" \
            and data[38:77].startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt"
    return None


def extract_office_text(data: bytes, path: str, kind: str) -> tuple[str, str]:
    """(text, format) of a .doc/.wps (kind 'ole'), .odt or .rtf; InputError on any failure."""
    fmt = _check_ole(data, path) if kind == "ole" else kind
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if fmt == "doc" and shutil.which("antiword"):
            return _antiword(data, path), fmt
        raise InputError(path, f".{fmt} file: {INSTALL_HINT}")
    from docdiff.ingest.docx import extract_docx_text

    # The temporary copy is named for what the bytes are: LibreOffice trusts a .txt name.
    suffix = {"doc": ".doc", "wps": ".doc", "odt": ".odt", "rtf": ".rtf"}[fmt]
    return extract_docx_text(convert_with_soffice(soffice, data, path, "docx", suffix=suffix), path), fmt


def _check_ole(data: bytes, path: str) -> str:
    """'doc' or 'wps' (by extension) for a Word binary; InputError for anything else in OLE."""
    if _ENCRYPTED_PACKAGE in data:
        raise InputError(path, "encrypted Office file (needs a password; save it without one)")
    for stream, what in _OTHER_OLE:
        if stream in data and _WORD_STREAM not in data:
            raise InputError(path, f"not a Word document ({what})")
    if _WORD_STREAM not in data:
        raise InputError(path, "not a valid .doc (an OLE file without a WordDocument stream)")
    if _fib_encrypted(data):
        raise InputError(path, "encrypted document (needs a password; save it without one)")
    return "wps" if path.lower().endswith((".wps", ".wpt")) else "doc"


def _fib_encrypted(data: bytes) -> bool:
    """Whether the Word FIB says the document is encrypted (fEncrypted, bit 8 of its flags).

    The WordDocument stream starts with the FIB, magic 0xA5EC (Word 97+) or 0xA5DC. The stream's
    directory entry gives its first sector (+116) and size (+120); a stream under the mini-stream
    cutoff lives in 64-byte mini sectors inside the root entry's stream. Only the first sector is
    needed, so no FAT is walked; when the guess does not land on a FIB the answer is "no", and
    LibreOffice then decides.
    """
    at = data.find(_WORD_STREAM)
    if at < 0 or at % 128 != 0 or len(data) < at + 128 or len(data) < 512:
        return False
    sector = 1 << int.from_bytes(data[30:32], "little")
    if sector not in (512, 4096):
        return False
    start = int.from_bytes(data[at + 116 : at + 120], "little")
    size = int.from_bytes(data[at + 120 : at + 124], "little")
    if size < int.from_bytes(data[56:60], "little"):  # in the mini stream
        root = (int.from_bytes(data[48:52], "little") + 1) * sector  # directory entry 0: Root Entry
        mini = int.from_bytes(data[root + 116 : root + 120], "little")
        for _ in range(start * 64 // sector):  # follow the root stream's chain to the right sector
            mini = _next_sector(data, mini, sector)
            if mini < 0:
                return False
        fib = (mini + 1) * sector + start * 64 % sector
    else:
        fib = (start + 1) * sector
    if len(data) < fib + 12 or data[fib : fib + 2] not in (b"\xec\xa5", b"\xdc\xa5"):
        return False
    return bool(int.from_bytes(data[fib + 10 : fib + 12], "little") & 0x0100)


def _next_sector(data: bytes, current: int, sector: int) -> int:
    """The sector after ``current`` in its FAT chain (FAT sectors from the header's first 109
    DIFAT entries, enough for a 7 MB file with 512-byte sectors); -1 at the end or when unknown."""
    per_sector = sector // 4
    index = current // per_sector
    if current < 0 or index >= 109:
        return -1
    fat_sector = int.from_bytes(data[76 + 4 * index : 80 + 4 * index], "little")
    at = (fat_sector + 1) * sector + 4 * (current % per_sector)
    if fat_sector >= 0xFFFFFFFA or len(data) < at + 4:
        return -1
    nxt = int.from_bytes(data[at : at + 4], "little")
    return -1 if nxt >= 0xFFFFFFFA else nxt


def convert_with_soffice(soffice: str, data: bytes, path: str, target: str, *, suffix: str = "") -> bytes:
    """The bytes of ``data`` converted by LibreOffice to ``target`` ('docx', 'pdf', …)."""
    ext = suffix or os.path.splitext(path)[1].lower() or ".bin"
    with tempfile.TemporaryDirectory(prefix="docdiff-soffice-") as tmp:
        src = Path(tmp, "in" + ext)
        src.write_bytes(data)
        out = Path(tmp, "out")
        run_soffice(soffice, ["--convert-to", target, "--outdir", str(out), str(src)], path, tmp)
        result = out / f"in.{target.split(':')[0]}"
        if not result.is_file() or result.stat().st_size == 0:
            raise InputError(path, "LibreOffice could not read it (corrupt, encrypted, or not a document)")
        return result.read_bytes()


def run_soffice(soffice: str, args: list[str], path: str, tmp: str) -> None:
    """LibreOffice headless with ``args``, leaving nothing outside the folder ``tmp``.

    A private profile in ``tmp`` lets parallel runs work side by side, and ``TMPDIR`` puts its
    ``lu*.tmp`` folders there too; the process group is killed on a timeout or an interrupt.
    A killed soffice leaves its single-instance socket in /tmp (or /var/tmp: LibreOffice looks at
    no setting for it), named from the profile's URL: that one socket is removed on every path out.
    """
    profile = Path(tmp, "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless",
           "--norestore", "--nologo", "--nodefault", "--nolockcheck", *args]
    try:
        run_killable(cmd, path, SOFFICE_TIMEOUT, "LibreOffice", tmp=tmp)
    finally:
        for socket in ipc_socket_paths(profile):
            with contextlib.suppress(OSError):
                if stat.S_ISSOCK(os.lstat(socket).st_mode):
                    os.unlink(socket)


def ipc_socket_paths(profile_url: str) -> tuple[str, str]:
    """Where soffice puts the socket of the instance using this profile (sal's osl pipe naming:
    ``OSL_PIPE_<uid>_SingleOfficeIPC_`` + the MD5 of the URL's UTF-16, each byte in unpadded hex)."""
    import hashlib

    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)
    return os.path.join("/tmp", name), os.path.join("/var/tmp", name)


def run_killable(cmd: list[str], path: str, timeout: float, what: str, *,
                 tmp: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``cmd`` in its own process group (its temporary files in ``tmp`` when given); kill the
    whole group on a timeout or interrupt."""
    env = dict(os.environ, HOME=os.environ.get("HOME", tempfile.gettempdir()))
    if tmp is not None:
        env["TMPDIR"] = tmp
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True, env=env)
    except OSError as e:
        raise InputError(path, f"cannot run {what} ({e.strerror or e})") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise InputError(path, f"{what} took over {timeout:g} s to read it (gave up)") from None
    except BaseException:
        _kill_group(proc)
        raise
    # soffice.bin may outlive oosplash by a moment; nothing of the group may stay behind.
    _kill_group(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group until it is gone (a shell wrapper may be forking as we kill)."""
    import time

    deadline = time.monotonic() + KILL_WAIT
    while True:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            break
        proc.poll()  # reap our direct child, so an emptied group reads as gone
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    proc.wait()


def _antiword(data: bytes, path: str) -> str:
    with tempfile.TemporaryDirectory(prefix="docdiff-antiword-") as tmp:
        src = Path(tmp, "in.doc")
        src.write_bytes(data)
        done = run_killable(["antiword", "-m", "UTF-8.txt", "-w", "0", str(src)], path,
                            ANTIWORD_TIMEOUT, "antiword")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0][:100] if said else "corrupt or encrypted .doc?"
        raise InputError(path, f"antiword could not read it ({reason}); {INSTALL_HINT}")
    try:
        text = done.stdout.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise InputError(path, f"antiword could not read it (output not UTF-8); {INSTALL_HINT}") from None
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip()) + "\n"
