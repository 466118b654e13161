"""Standing test: every document the project generates passes its own checker.

Each built-in template is rendered with each of its examples under ``examples/<template>/``
and checked with zero findings (statically, and on the LibreOffice-rendered page).
Examples that are drafts (no number yet, blank day) are checked as drafts (R-SO-11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vnadmin_docs
from tests.check.conftest import need_soffice
from vnadmin_docs.check import check_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _cases() -> list[tuple[str, Path]]:
    return [
        (t.id, data)
        for t in vnadmin_docs.list_templates()
        for data in sorted((EXAMPLES / t.id).glob("*.yaml"))
    ]


def _render(template: str, data: Path, out: Path) -> tuple[Path, bool]:
    doc = vnadmin_docs.render(template, vnadmin_docs.load_data(data))
    draft = doc.document.number.number is None or doc.document.date.is_draft
    return doc.save(out), draft


def test_every_built_in_template_has_an_example() -> None:
    covered = {template for template, _ in _cases()}
    assert covered == {t.id for t in vnadmin_docs.list_templates()}


@pytest.mark.parametrize(("template", "data"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_generated_document_has_no_findings(template: str, data: Path, tmp_path: Path) -> None:
    path, draft = _render(template, data, tmp_path / f"{template}.docx")
    report = check_document(path, draft=draft)
    assert report.findings == (), report.to_text()


@pytest.mark.libreoffice
@pytest.mark.parametrize(("template", "data"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_generated_document_passes_on_the_printed_page(
    template: str, data: Path, tmp_path: Path
) -> None:
    need_soffice()
    path, draft = _render(template, data, tmp_path / f"{template}.docx")
    report = check_document(path, draft=draft, render=True)
    assert report.findings == (), report.to_text()


# Features the examples do not exercise, layered on the công văn example.
VARIANTS: dict[str, dict[str, object]] = {
    "registered-number-and-date": {"number": {"number": 5, "unit": "VP"}, "date": "2023-03-05"},
    "january-date": {"number": {"number": 12, "unit": "VP"}, "date": "2024-01-09"},
    "several-addressees": {"addressees": ["Sở Tài chính", "Sở Nội vụ", "Văn phòng UBND tỉnh"]},
    "drafter-code": {"drafter": {"code": "pl", "copies": 30}},
    "urgent": {"marks": {"urgency": "KHẨN"}},
    "commune-without-superior": {
        "issuer": {
            "name": "ỦY BAN NHÂN DÂN\nXÃ ĐẮK MOL",
            "abbreviation": "UBND",
            "place": "Đắk Mol",
        }
    },
    "deputy-signs": {
        "signer": {
            "authority": "KT.",
            "on_behalf_of": "GIÁM ĐỐC",
            "title": "PHÓ GIÁM ĐỐC",
            "full_name": "Trần Văn Bình",
        }
    },
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_generated_cong_van_variants_have_no_findings(name: str, tmp_path: Path) -> None:
    data = {**vnadmin_docs.load_data(EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml")}
    data.update(VARIANTS[name])
    doc = vnadmin_docs.render("cong-van", data)
    draft = doc.document.number.number is None or doc.document.date.is_draft
    report = check_document(doc.save(tmp_path / f"{name}.docx"), draft=draft)
    assert report.findings == (), report.to_text()
