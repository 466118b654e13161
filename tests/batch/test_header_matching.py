"""Headers match the template's declared aliases in any case, with or without diacritics;
a mapping overrides; the specific column wins over the generic one."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from vnadmin_docs.batch.load import load_batch
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.profile import load_mapping


def _book(tmp_path: Path, head: list[str], row: list[object]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append(["Độc lập - Tự do - Hạnh phúc"])
    ws.append(["BÁO CÁO HỒ SƠ TRỄ HẠN"])
    ws.append(head)
    ws.append(row)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    return path


ROW = ["000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn A", "27/10/2023", "03/11/2023",
       "10/11/2023", "Chờ"]


def test_upper_case_and_no_diacritics(tmp_path: Path, fields: tuple) -> None:
    head = ["MA HO SO", "TEN THU TUC", "CHU HO SO", "NGAY TIEP NHAN", "ngay hen tra",
            "Ngày Hẹn Trả Mới (*):", "LÝ DO TRỄ HẠN"]
    rec = load_batch(_book(tmp_path, head, ROW), fields).validation.good[0]
    assert rec.values["applicant_name"] == "Lê Văn A"
    assert rec.headers["new_due_at"] == "Ngày Hẹn Trả Mới (*):"


def test_owner_wins_over_submitter(tmp_path: Path, fields: tuple) -> None:
    head = ["Mã hồ sơ", "Tên thủ tục", "Người nộp", "Ngày nhận", "Ngày hẹn trả",
            "Ngày hẹn trả mới", "Lý do", "Chủ hồ sơ"]
    rec = load_batch(_book(tmp_path, head, [*ROW[:2], "Trần Văn Nộp", *ROW[3:], "Công ty CP X"]),
                     fields).validation.good[0]
    assert rec.values["applicant_name"] == "Công ty CP X"
    assert rec.values["representative_name"] == "Trần Văn Nộp"


def test_submitter_alone_is_the_applicant(tmp_path: Path, fields: tuple) -> None:
    head = ["Mã hồ sơ", "Tên thủ tục", "Người nộp", "Ngày nhận", "Ngày hẹn trả",
            "Ngày hẹn trả mới", "Lý do"]
    rec = load_batch(_book(tmp_path, head, ROW), fields).validation.good[0]
    assert rec.values["applicant_name"] == "Lê Văn A"


def test_mapping_file_overrides(tmp_path: Path, fields: tuple) -> None:
    head = ["Mã hồ sơ", "Tên thủ tục", "Tên người dân", "Ngày nhận", "Ngày hẹn trả",
            "Hạn mới", "Lý do"]
    mapping = tmp_path / "map.yaml"
    mapping.write_text('columns:\n  "ten nguoi dan": applicant_name\n  "HẠN MỚI": new_due_at\n',
                       encoding="utf-8")
    columns = load_mapping(mapping)
    rec = load_batch(_book(tmp_path, head, ROW), fields, columns=columns).validation.good[0]
    assert rec.values["applicant_name"] == "Lê Văn A"
    assert rec.headers["new_due_at"] == "Hạn mới"


def test_aggregate_report_is_rejected_naming_what_is_missing(tmp_path: Path,
                                                             fields: tuple) -> None:
    head = ["STT", "Đơn vị", "Số hồ sơ nhận giải quyết", "Trực tuyến", "Trực tiếp"]
    with pytest.raises(InputFileError) as info:
        load_batch(_book(tmp_path, head, ["1", "Sở Tư pháp", 12, 5, 7]), fields)
    text = str(info.value)
    assert "Tên thủ tục hành chính" in text and "--mapping" in text
