"""The PDFs of a batch can be read by whoever can read its .docx files: a colleague on the
shared folder, the print server. They used to be created owner-only (0600) whatever the
umask, while the .docx beside them followed it."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pdf.builders import tiny_pdf
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, PDF_DIR, PRINT_PDF, run_batch
from vnadmin_docs.pdf import merge_pdfs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture()
def shared_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual default: files readable by the group and others
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_merged_pdf_follows_the_umask(tmp_path: Path, shared_umask: None) -> None:
    sources = []
    for name in ("a", "b"):
        sources.append(tmp_path / f"{name}.pdf")
        sources[-1].write_bytes(tiny_pdf([name]))
    out = merge_pdfs(sources, tmp_path / "in" / "tat-ca.pdf")
    assert _mode(out) == 0o644


@pytest.mark.libreoffice
def test_batch_pdfs_are_as_readable_as_the_letters(examples: Path, tmp_path: Path,
                                                   soffice: str, shared_umask: None) -> None:
    out = tmp_path / "out"
    result = run_batch(examples / "ho-so-tre-han.xlsx", load_profile(examples / "profile.yml"),
                       out, pdf=True)
    assert result.pdf_converted == 8 and result.pdf_error is None
    docx_modes = {_mode(p) for p in (out / LETTERS_DIR).glob("*.docx")}
    pdf_modes = {_mode(p) for p in (out / PDF_DIR).glob("*.pdf")}
    assert docx_modes == {0o644}
    assert pdf_modes == {0o644} and _mode(out / PRINT_PDF) == 0o644
