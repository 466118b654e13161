"""Documents re-saved by another word processor read the same.

LibreOffice rewrites a .docx with its own XML habits (its own style names and defaults,
text boxes as DrawingML with a VML fallback, borders and tables its way). The checker
must reach the same verdict on the re-saved file as on the original.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.check.conftest import need_soffice
from tests.check.corpus import build
from vnadmin_docs.check import check_document

pytestmark = pytest.mark.libreoffice

CASES: dict[str, tuple[dict[str, Any], set[str]]] = {
    "cong-van-table": ({}, set()),
    "thong-bao-textbox": ({"kind": "thong-bao", "layout": "textbox"}, set()),
    "cong-van-tabs-styles": ({"layout": "tabs", "styles_only": True}, set()),
    "textbox-motto-en-dash": (
        {"layout": "textbox", "motto": "Độc lập – Tự do – Hạnh phúc"},
        {"R-QH-4"},
    ),
    "thang-03-no-luu": (
        {
            "date": "Gia Nghĩa, ngày 15 tháng 03 năm 2024",
            "noi_nhan": ("- Như trên;", "- Giám đốc Sở."),
        },
        {"R-DD-4", "R-NN-5"},
    ),
}


def resave_with_libreoffice(exe: str, src: Path, outdir: Path) -> Path:
    outdir.mkdir()
    profile = (outdir / "profile").as_uri()
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / src.name
    assert out.is_file()
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_resaved_document_gets_the_same_verdict(name: str, tmp_path: Path) -> None:
    exe = need_soffice()
    changes, expected = CASES[name]
    original = build(tmp_path / f"{name}.docx", **changes)
    resaved = resave_with_libreoffice(exe, original, tmp_path / "lo")
    assert original.read_bytes() != resaved.read_bytes()
    for path in (original, resaved):
        report = check_document(path)
        assert {f.rule_id for f in report.findings} == expected, report.to_text()
