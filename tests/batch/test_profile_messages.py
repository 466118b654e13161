"""A wrong value in the profile is explained to the clerk in Vietnamese, every one at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.errors import DataError


def test_every_bad_profile_value_is_named_with_a_vietnamese_reason(tmp_path: Path) -> None:
    path = tmp_path / "cau-hinh.yml"
    path.write_text("numbering:\n  start: -5\nzip: có lẽ\nrepresentative: ai_do\nso_bat_dau: 1\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_profile(path)
    vi = caught.value.localized("vi")
    assert "numbering.start = -5: quá nhỏ (giới hạn 1)" in vi
    assert "phải là có/không" in vi
    assert "giá trị không được phép" in vi and "owner_via_representative" in vi
    assert "'representative' hoặc 'owner_via_representative'" in vi and " or " not in vi
    assert "so_bat_dau = 1: khóa không được phép" in vi
    assert "Input should" not in vi and "Extra inputs" not in vi
    assert "Input should be greater than or equal to 1" in caught.value.localized("en")


def test_holiday_files_written_with_windows_backslashes_are_found(tmp_path: Path) -> None:
    # A profile made on the clerk's Windows machine, run on a Linux server.
    (tmp_path / "nghi").mkdir()
    (tmp_path / "nghi" / "2027.toml").write_text("[years.2027]\ngio_to = 2027-04-16\n",
                                                 encoding="utf-8")
    path = tmp_path / "xin-loi.yml"
    path.write_text("days_late: working_days\nholidays: [nghi\\2027.toml]\n", encoding="utf-8")
    assert load_profile(path).holidays == [tmp_path / "nghi" / "2027.toml"]


def test_a_profile_saved_by_windows_notepad_is_read_or_explained(tmp_path: Path) -> None:
    text = "agency: Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng\n"
    unicode_ = tmp_path / "unicode.yml"  # Notepad's “Unicode”: UTF-16 with a BOM
    unicode_.write_bytes(text.encode("utf-16"))
    assert load_profile(unicode_).agency == "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"
    ansi = tmp_path / "ansi.yml"  # Notepad's “ANSI” on a Vietnamese Windows
    ansi.write_bytes("agency: Trung tâm Phu\u0323c vu\u0323\n".encode("cp1258"))
    with pytest.raises(DataError) as info:
        load_profile(ansi)
    message = info.value.localized("vi")
    assert "ansi.yml" in message and "không lưu theo bảng mã UTF-8" in message
    assert "Mã hóa (Encoding) chọn UTF-8" in message
    assert "codec" not in message
    assert "Save As, set Encoding to UTF-8" in info.value.localized("en")
