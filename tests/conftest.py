"""Shared fixtures. Real components only: LibreOffice for PDF, real files on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import vnadmin_docs
from vnadmin_docs.api import RenderedDocument

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONG_VAN_EXAMPLE = EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml"


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(tool: str, reason: str) -> str:
    """Path of ``tool``; skip when missing, but fail under CI=true (CI must have it)."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed ({reason})"
        if under_ci():
            pytest.fail(f"{message}: CI must install it (make setup)")
        pytest.skip(message)
    return path


@pytest.fixture
def cong_van_data() -> dict[str, Any]:
    return vnadmin_docs.load_data(CONG_VAN_EXAMPLE)


@pytest.fixture(scope="session")
def soffice() -> str:
    return need("soffice", "LibreOffice converts .docx to PDF")


@pytest.fixture(scope="session")
def to_pdf(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Convert a .docx with headless LibreOffice, in a private profile directory."""
    soffice_path = need("soffice", "LibreOffice converts .docx to PDF")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(docx: Path) -> Path:
        outdir = docx.parent
        subprocess.run(
            [
                soffice_path,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = outdir / (docx.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice produced no PDF for {docx}"
        return pdf

    return convert


@pytest.fixture
def rendered_cong_van(cong_van_data: dict[str, Any]) -> RenderedDocument:
    return vnadmin_docs.render("cong-van", cong_van_data)
