"""LibreOffice presence for the signing tests (skip locally, fail under CI=true)."""

from __future__ import annotations

import os
import shutil

import pytest


def need_soffice() -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("soffice is not installed: CI must install it (make setup)")
        pytest.skip("soffice is not installed")
