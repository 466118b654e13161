"""Shared fixtures for the checker tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SPEC_DIR = Path("/work/shared/spec/nd30-2020")


def need_soffice() -> None:
    """Skip without LibreOffice, but fail under CI=true (the brief's rule)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is required under CI=true")
    pytest.skip("LibreOffice (soffice) is not installed")


def need_decree_samples() -> Path:
    """The decree's own sample forms live outside the repository (read-only, not copied
    into it), so a machine without them skips, CI included."""
    if not (SPEC_DIR / "Phuluc3.docx").is_file():
        pytest.skip(f"the decree sample forms are not available at {SPEC_DIR}")
    return SPEC_DIR
