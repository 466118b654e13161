"""The register's columns as the decree names them (no spreadsheet library needed)."""

from __future__ import annotations

__all__ = ["REGISTER_COLUMNS", "REGISTER_SHEET"]

REGISTER_SHEET = "Sổ đăng ký văn bản đi"

REGISTER_COLUMNS: tuple[str, ...] = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
"""The ten contents of the register, as Phụ lục IV, mục I.2 writes them."""
