"""A LibreOffice kept warm: this file runs under LibreOffice's own Python (the one that can
``import uno``: ``/usr/bin/python3`` with python3-uno on Debian, ``program/python.exe`` on
Windows), never under the app's. It starts one headless soffice listening on a private
pipe, then converts each request read from stdin (one JSON line ``{"src", "dst"}``) to PDF
and answers one JSON line. End of stdin ends soffice too.

It imports nothing from vnadmin_docs: it is started as a script by
:mod:`vnadmin_docs.web.office`. ``uno`` is imported inside :func:`main`, so the module can be
imported (doctest collection) where there is no ``uno``.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any


def _reply(answer: dict[str, object]) -> None:
    """One JSON line on stdout, the pipe the app reads this script's answers from (this is
    the protocol with :mod:`vnadmin_docs.web.office`, not a message to a person)."""
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def _prop(name: str, value: object) -> Any:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main() -> None:
    import uno  # type: ignore[import-not-found]  # LibreOffice's Python only

    soffice = sys.argv[1]
    profile = tempfile.mkdtemp(prefix="vnadmin-warm-office-")
    pipe = f"vnadmin_warm_{os.getpid()}"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(240):
        try:
            ctx = resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.25)
    if ctx is None:
        _reply({"ready": False})
        proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
        return
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    _reply({"ready": True})
    try:
        for line in sys.stdin:
            try:
                job = json.loads(line)
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(job["src"]), "_blank", 0,
                    (_prop("Hidden", True), _prop("ReadOnly", True)))
                try:
                    doc.storeToURL(uno.systemPathToFileUrl(job["dst"]),
                                   (_prop("FilterName", "writer_pdf_Export"),))
                finally:
                    doc.close(True)
                _reply({"ok": True})
            except Exception as exc:
                _reply({"ok": False, "error": str(exc)})
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            proc.wait(10)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
