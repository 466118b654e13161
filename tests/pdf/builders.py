"""Test inputs for the PDF stage: small real .docx files, tiny real PDFs, fake soffice programs."""

from __future__ import annotations

import inspect
import os
import stat
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import SOFFICE_ENV, find_soffice


def real_soffice() -> Path:
    """The installed soffice; skip the test without it, but fail under CI=true."""
    try:
        return find_soffice()
    except ConversionError as exc:
        reason = "LibreOffice (soffice) is not installed: " + exc.message_en.splitlines()[0]
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{reason} (CI=true requires it; run `make setup`)")
        pytest.skip(reason)


def hide_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make LibreOffice unfindable for this test: an empty PATH and no SOFFICE_ENV (skips
    when one is installed under /opt, which is always looked at)."""
    if list(Path("/opt").glob("libreoffice*/program/soffice")):
        pytest.skip("a LibreOffice under /opt would be found")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(SOFFICE_ENV, raising=False)


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """A one-section A4 document in Times New Roman 14 pt with ``paragraphs``."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def tiny_pdf(pages: list[str], drawing: str = "") -> bytes:
    """A valid PDF with one page per entry, each showing that (ASCII) text, plus the
    ``drawing`` operators (PDF content stream syntax) on every page."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    font = 3 + 2 * count
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, text in enumerate(pages):
        stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET {drawing}".encode()
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_FAKE_BODY = r"""
import os, subprocess, sys, time, zipfile
from pathlib import Path

args = sys.argv[1:]
with open(LOG, "a", encoding="utf-8") as log:
    log.write("\t".join(args) + "\n")
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
outdir = Path(args[args.index("--outdir") + 1])
files = args[args.index("--outdir") + 2 :]


def text_of(name):
    with zipfile.ZipFile(name) as z:
        return z.read("word/document.xml").decode("utf-8")


def hang():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    with open(PIDS, "a") as f:
        f.write(f"{os.getpid()} {child.pid}\n")
    time.sleep(600)


for done, name in enumerate(files):
    stem = Path(name).stem
    if MODE == "hang":
        hang()
    if MODE == "silent":
        continue
    if MODE == "garbage":
        (outdir / f"{stem}.pdf").write_bytes(b"this is not a PDF")
        continue
    if MODE == "hang-on-marker" and "TREO" in text_of(name):
        hang()
    if MODE == "crash-on-marker" and "HONG" in text_of(name):
        sys.exit(81)
    if MODE == "drop-after-3" and done >= 3:
        break
    (outdir / f"{stem}.pdf").write_bytes(tiny_pdf([f"fake {stem}"]))
sys.exit(0)
"""


def fake_soffice(folder: Path, mode: str, name: str = "soffice") -> Path:
    """An executable stand-in for soffice; it logs each call to ``<folder>/calls.log``.

    Modes: ``hang`` (starts a child process, then sleeps), ``silent`` (exit 0, no output),
    ``garbage`` (writes non-PDF files), ``hang-on-marker`` / ``crash-on-marker`` (hang or
    exit 81 on a document containing TREO / HONG, convert the others), ``drop-after-3``
    (converts the first 3 files of each call and ignores the rest, like the real
    soffice beyond ~247), ``ok`` (converts everything).
    """
    if sys.platform == "win32":
        pytest.skip("the fake soffice is a script with a #! line (POSIX only)")
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    header = (
        f"#!{sys.executable}\n"
        f"MODE = {mode!r}\nLOG = {str(folder / 'calls.log')!r}\n"
        f"PIDS = {str(folder / 'pids.log')!r}\n"
    )
    script.write_text(header + inspect.getsource(tiny_pdf) + _FAKE_BODY, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def fake_calls(script: Path) -> list[list[str]]:
    """The argument lists the fake soffice was called with, one per call."""
    log = script.parent / "calls.log"
    if not log.exists():
        return []
    return [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]


def fake_hung_pids(script: Path) -> list[int]:
    """Process ids the fake started while hanging (itself and its child)."""
    log = script.parent / "pids.log"
    if not log.exists():
        return []
    return [int(p) for line in log.read_text().splitlines() for p in line.split()]


def process_alive(pid: int) -> bool:
    """True when ``pid`` still runs (a zombie counts as gone)."""
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        return "zombie" not in status.read_text()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
