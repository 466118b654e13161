"""Damaged or unusual packages: a report or a clear UnreadableDocument, never a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.check.corpus import build
from vnadmin_docs.check import Report, UnreadableDocument, check_document


def _rewrite(src: Path, dst: Path, drop: str | None = None, cut: str | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename == drop:
                continue
            data = zin.read(item.filename)
            if item.filename == cut:
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    return dst


def _parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.endswith((".xml", ".rels"))]


def test_every_missing_part_gives_a_report_or_a_clear_error(tmp_path: Path) -> None:
    original = build(tmp_path / "a.docx", kind="thong-bao")
    for i, part in enumerate(_parts(original)):
        damaged = _rewrite(original, tmp_path / f"drop-{i}.docx", drop=part)
        try:
            assert isinstance(check_document(damaged), Report)
        except UnreadableDocument as exc:
            assert f"drop-{i}.docx" in str(exc)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "_rels/.rels"])
def test_truncated_xml_is_unreadable_naming_file_and_part(part: str, tmp_path: Path) -> None:
    original = build(tmp_path / "a.docx")
    damaged = _rewrite(original, tmp_path / "cut.docx", cut=part)
    with pytest.raises(UnreadableDocument) as info:
        check_document(damaged)
    assert "cut.docx" in str(info.value)
    assert part in str(info.value)


def test_a_document_with_only_text_is_said_not_to_be_an_administrative_document(
    tmp_path: Path,
) -> None:
    """No Quốc hiệu, number or date: the report says Decree 30's layout rules do not apply
    instead of listing every rule as failed or not evaluated (issue 15)."""
    from docx import Document

    path = tmp_path / "thu.docx"
    doc = Document()
    doc.add_paragraph("Chỉ có một dòng chữ.")
    doc.save(str(path))
    report = check_document(path)
    assert report.kind == "other"
    assert report.findings == ()
    assert "không áp dụng" in report.to_text("vi")
    assert "do not apply" in report.to_text("en")
    assert '"kind": "other"' in report.to_json()
