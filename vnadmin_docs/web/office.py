"""One LibreOffice kept running per worker process, for previews under a second.

A cold ``soffice --convert-to`` spends 2–4 s starting; the page preview reuses a soffice
driven over UNO by :mod:`uno_convert`, run with the Python that LibreOffice brings (the app's
own Python usually cannot ``import uno``). When there is no such Python, or the warm office
fails, :func:`warm_convert` answers ``False`` and the caller converts the usual way
(:func:`vnadmin_docs.pdf.convert_files`): slower, same PDF."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

from vnadmin_docs.pdf import find_soffice

__all__ = ["UNO_PYTHON_ENV", "uno_python", "warm_convert"]

UNO_PYTHON_ENV = "VNADMIN_DOCS_UNO_PYTHON"
_SCRIPT = Path(__file__).with_name("uno_convert.py")
_lock = threading.Lock()
_proc: subprocess.Popen[str] | None = None
_broken = False


def uno_python() -> str | None:
    """A Python that can ``import uno``: ``VNADMIN_DOCS_UNO_PYTHON``, LibreOffice's own
    ``program/python(.exe)``, else the system ``python3`` when it has python3-uno."""
    given = os.environ.get(UNO_PYTHON_ENV)
    if given:
        return given
    try:
        program = find_soffice().resolve().parent
    except Exception:
        return None
    for name in ("python.exe", "python"):
        if (program / name).is_file():
            return str(program / name)
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).is_file():
            ok = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                timeout=30).returncode == 0
            if ok:
                return candidate
    return None


def _start() -> subprocess.Popen[str] | None:
    python = uno_python()
    if python is None:
        return None
    proc = subprocess.Popen([python, str(_SCRIPT), str(find_soffice())], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            encoding="utf-8")
    assert proc.stdout is not None
    first = proc.stdout.readline()
    try:
        ready = bool(json.loads(first).get("ready"))
    except ValueError:
        ready = False
    if not ready:
        proc.kill()
        return None
    return proc


def stop() -> None:
    """End this process's warm office (if any)."""
    with _lock:
        _stop()


def _stop() -> None:
    global _proc
    if _proc is not None and _proc.poll() is None:
        assert _proc.stdin is not None
        _proc.stdin.close()
        try:
            _proc.wait(15)
        except subprocess.TimeoutExpired:
            _proc.kill()
    _proc = None


atexit.register(_stop)


def warm_convert(docx: Path, pdf: Path) -> bool:
    """Convert with the warm office; ``False`` when there is none or it failed (the caller
    then converts cold). Starts the office on first use."""
    global _proc, _broken
    with _lock:
        if _broken:
            return False
        if _proc is None or _proc.poll() is not None:
            _proc = _start()
            if _proc is None:
                _broken = True
                return False
        assert _proc.stdin is not None and _proc.stdout is not None
        try:
            _proc.stdin.write(json.dumps({"src": str(docx.resolve()),
                                          "dst": str(pdf.resolve())}) + "\n")
            _proc.stdin.flush()
            answer = json.loads(_proc.stdout.readline() or "{}")
        except (OSError, ValueError):
            _stop()
            return False
        return bool(answer.get("ok")) and pdf.is_file() and pdf.stat().st_size > 0


def warm_up() -> bool:
    """Start the warm office now (a worker does it when it starts)."""
    global _proc, _broken
    with _lock:
        if _proc is None and not _broken:
            _proc = _start()
            _broken = _proc is None
        return _proc is not None
