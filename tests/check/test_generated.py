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
