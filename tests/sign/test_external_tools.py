"""Independent tools: poppler's pdfsig (NSS) validates our signatures, and signs the
sign-ready PDF into its named field as an e-office system would with its own tool."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from testca import PASSWORD, TestCA

from vnadmin_docs import api

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{tool} is not installed: CI must install it (make setup)")
        pytest.skip(f"{tool} is not installed")
    return path


def test_pdfsig_validates_our_signatures(signed_set: dict[str, Path]) -> None:
    pdfsig = _need("pdfsig")
    out = subprocess.run(
        [pdfsig, "-nocert", str(signed_set["two"])], capture_output=True, text=True, timeout=120
    ).stdout
    assert out.count("Signature is Valid.") == 2, out
    assert "ChuKySo_NguoiKy" in out and "ChuKySo_CoQuan" in out
    assert "Total document signed" in out


def test_external_tool_signs_the_named_field(
    signed_set: dict[str, Path], ca: TestCA, tmp_path: Path
) -> None:
    pdfsig = _need("pdfsig")
    certutil, pk12util = _need("certutil"), _need("pk12util")
    nss = tmp_path / "nss"
    nss.mkdir()
    db = f"sql:{nss}"
    subprocess.run([certutil, "-N", "-d", db, "--empty-password"], check=True, capture_output=True)
    issued = ca.issue("Hệ thống QLVB", "qlvb")
    subprocess.run(
        [pk12util, "-i", str(issued.p12), "-d", db, "-W", PASSWORD], check=True, capture_output=True
    )
    out = tmp_path / "ky-ngoai.pdf"
    subprocess.run(
        [
            pdfsig,
            "-nssdir",
            db,
            "-sign",
            "ChuKySo_NguoiKy",
            "-nick",
            "qlvb",
            str(signed_set["ready"]),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [report] = api.verify(out, [signed_set["root"]])
    assert report.field_name == "ChuKySo_NguoiKy" and report.role == "signer"
    assert report.ok and "Hệ thống QLVB" in report.signer
