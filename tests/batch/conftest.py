"""Shared fixtures for the batch tests: the example files, the apology template's fields."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vnadmin_docs.batch import data_fields
from vnadmin_docs.content import TemplateLibrary
from vnadmin_docs.model.fields import FieldSpec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fields() -> tuple[FieldSpec, ...]:
    """The spreadsheet-facing fields of the built-in apology template."""
    spec = TemplateLibrary().get("van-ban-xin-loi")
    return data_fields(spec)


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice; skip without it, but fail under CI=true."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required under CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe
