"""Shared fixtures for the checker tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The decree's own sample forms (Phụ lục I and III of Nghị định 30/2020/NĐ-CP, public legal
# texts) are kept as test fixtures so the test runs on every machine.
SPEC_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "nd30-2020"
# The specification with the rule IDs lives beside the repository (../shared/spec).
SPEC_MD = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "decree30.md"


def need_soffice() -> None:
    """Skip without LibreOffice, but fail under CI=true (the brief's rule)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is required under CI=true")
    pytest.skip("LibreOffice (soffice) is not installed")


def need_decree_samples() -> Path:
    """The decree's own sample forms (fixtures in the repository)."""
    assert (SPEC_DIR / "Phuluc3.docx").is_file(), f"missing fixture {SPEC_DIR}"
    return SPEC_DIR
