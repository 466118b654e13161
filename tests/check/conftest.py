"""Shared fixtures for the checker tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import need

# The decree's own sample forms (Phụ lục I and III of Nghị định 30/2020/NĐ-CP, public legal
# texts) are kept as test fixtures so the test runs on every machine.
SPEC_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "nd30-2020"
# The specification with the rule IDs lives beside the repository (../shared/spec).
SPEC_MD = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "decree30.md"


def need_soffice() -> str:
    """LibreOffice's program: skip without it, but fail under CI (``tests/conftest.need``)."""
    return shutil.which("libreoffice") or need("soffice", "LibreOffice renders and re-saves .docx")


def need_decree_samples() -> Path:
    """The decree's own sample forms (fixtures in the repository)."""
    assert (SPEC_DIR / "Phuluc3.docx").is_file(), f"missing fixture {SPEC_DIR}"
    return SPEC_DIR
