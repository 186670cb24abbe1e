"""Accept or reject all tracked changes of a .docx in LibreOffice headless; write the text.

Run with the system Python that has LibreOffice's UNO bridge (Debian: python3-uno):
    /usr/bin/python3 tests/lo_revisions.py accept|reject|count|encrypt IN.docx OUT
A private soffice (own profile, own pipe) is started and killed; the document is loaded
hidden, ``.uno:AcceptAllTrackedChanges`` / ``.uno:RejectAllTrackedChanges`` is dispatched, and
the result saved as UTF-8 text. ``count`` writes the number of revisions and their authors;
``encrypt`` saves the document as a Word 97 file protected by the password "docdiff".
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(mode: str, src: str, out: str) -> None:
    profile = tempfile.mkdtemp(prefix="docdiff-uno-")
    pipe = f"docdiff{os.getpid()}"
    soffice = shutil.which("soffice") or "soffice"
    # A new profile makes soffice restart itself once, which would drop the bridge: create it first.
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--terminate_after_init"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120, check=False)
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
         "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 90
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # A copy in the private folder: LibreOffice's lock file must never land next to the input.
        local_copy = os.path.join(profile, "in" + os.path.splitext(src)[1])
        shutil.copyfile(src, local_copy)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(local_copy), "_blank", 0,
                                           (_prop("Hidden", True),))
        if doc is None:
            raise SystemExit(f"LibreOffice could not load {src}")
        if mode == "encrypt":
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                           (_prop("FilterName", "MS Word 97"), _prop("Password", "docdiff")))
        elif mode == "count":
            redlines = doc.Redlines
            authors = set()
            enum = redlines.createEnumeration()
            n = 0
            while enum.hasMoreElements():
                r = enum.nextElement()
                authors.add(r.RedlineAuthor)
                n += 1
            with open(out, "w", encoding="utf-8") as f:
                f.write(f"{n}\n" + "\n".join(sorted(authors)) + "\n")
        else:
            helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
            helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                           (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8,LF,,")))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as soffice exits
            pass
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
