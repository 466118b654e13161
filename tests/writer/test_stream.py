"""The streamed merged file says exactly what write_merged says, part for part."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from vnadmin_docs import api
from vnadmin_docs.writer import write_merged
from vnadmin_docs.writer.stream import MergedWriter

LETTER = {
    "issuer": {"superior": "UBND TỈNH LÂM ĐỒNG", "name": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
               "abbreviation": "TTPVHCC", "place": "Lâm Đồng"},
    "number": {"symbol": ["PXL", "TTPVHCC"]},
    "date": "2025-11-20",
    "addressees": ["Ông/Bà Nguyễn Văn A"],
    "signer": {"title": "GIÁM ĐỐC", "full_name": "Trần Văn Bình"},
    "recipients": ["Như trên"],
    "archive": {"unit": "BPMC"},
    "content": {"dossier_code": "000.00.06.H56-231027-0361", "procedure_name": "Cấp phép",
                "applicant_name": "Nguyễn Văn A", "received_at": "2025-10-02T08:15:00",
                "due_at": "2025-10-23T17:00:00", "new_due_at": "2025-11-07T17:00:00",
                "late_reason": "Chờ ý kiến", "agency": "Trung tâm"},
}


def test_stream_matches_write_merged(tmp_path: Path) -> None:
    models = []
    for n in range(1, 4):
        data = {**LETTER, "number": {**LETTER["number"], "number": n}}
        models.append(api.render("van-ban-xin-loi", data).page_model)
    expected = zipfile.ZipFile(__import__("io").BytesIO(write_merged(models)))
    with MergedWriter(tmp_path / "gop.docx") as writer:
        for model in models:
            writer.add(model)
        target = writer.close()
    got = zipfile.ZipFile(target)
    assert sorted(got.namelist()) == sorted(expected.namelist())
    for name in expected.namelist():
        assert got.read(name) == expected.read(name), name
    assert [p.name for p in tmp_path.iterdir()] == ["gop.docx"]


def test_nothing_left_behind_on_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), MergedWriter(tmp_path / "gop.docx") as writer:
        writer.add(api.render("van-ban-xin-loi", {**LETTER}).page_model)
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []
