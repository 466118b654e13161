"""What went wrong with a number book's SQLite file, in words the clerk can act on (issue 13):
damaged or cut short, on a read-only disk, not a book at all, a book of another schema.
Each is a :class:`~vnadmin_docs.registry.model.RegisterFileError` saying what happened and
what to do — never SQLite's English text alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from vnadmin_docs.registry.model import RegisterFileError

__all__ = ["BOOK_COLUMNS", "ENTRY_TABLE_COLUMNS", "columns", "file_error", "schema_mismatch"]

BOOK_COLUMNS = ("id", "issuer_abbr", "year", "series", "last_number", "last_date", "created_at")
ENTRY_TABLE_COLUMNS = ("id", "book_id", "number", "symbol", "doc_date", "type_name", "summary",
                       "status", "created_at")

_DAMAGED = ("malformed", "disk i/o error", "not a database", "file is encrypted",
            "database corrupt", "disk image")
_READ_ONLY = ("readonly", "read-only", "unable to open database file")


def file_error(path: Path, exc: sqlite3.Error) -> RegisterFileError | None:
    """The error for a problem with the file itself, or ``None`` for any other problem."""
    text = str(exc).lower()
    if "not a database" in text:
        return RegisterFileError(
            f"Tệp “{path}” không phải sổ đăng ký văn bản đi (không phải cơ sở dữ liệu "
            "SQLite); hãy chỉ đúng tệp sổ (--db).",
            f"The file “{path}” is not a register (not an SQLite database); point to the "
            "register file (--db).")
    if any(word in text for word in _DAMAGED):
        return RegisterFileError(
            f"Tệp sổ đăng ký “{path}” bị hỏng hoặc bị cắt cụt ({exc}). Đừng ghi thêm vào tệp "
            "này: hãy chép lại từ bản sao lưu gần nhất (hoặc nhờ quản trị dùng lệnh "
            f"“sqlite3 {path.name} .recover” để cứu dữ liệu) rồi chạy lại.",
            f"The register file “{path}” is damaged or cut short ({exc}). Do not write to "
            "it: restore it from the latest backup (or have an administrator run "
            f"“sqlite3 {path.name} .recover”) and run again.")
    if any(word in text for word in _READ_ONLY):
        return RegisterFileError(
            f"Không ghi được vào sổ đăng ký “{path}”: tệp hoặc thư mục chứa nó chỉ đọc (ổ đĩa "
            "chỉ đọc, thiếu quyền ghi). Hãy chép sổ sang thư mục ghi được (rồi chỉ tới bằng "
            "--db) hoặc nhờ quản trị cấp quyền ghi cho cả thư mục.",
            f"Cannot write to the register “{path}”: the file or its folder is read-only (a "
            "read-only disk, no write permission). Copy the book to a writable folder (and "
            "point to it with --db) or have an administrator allow writing to the folder.")
    if "no such table" in text or "no such column" in text:
        return schema_mismatch(path, ())
    return None


def schema_mismatch(path: Path, tables: Sequence[str]) -> RegisterFileError:
    """A database whose ``books``/``entries`` tables are not the register's."""
    which = f" (bảng {', '.join(tables)})" if tables else ""
    which_en = f" (tables {', '.join(tables)})" if tables else ""
    return RegisterFileError(
        f"Tệp “{path}” là cơ sở dữ liệu của chương trình khác{which}, không đúng cấu trúc sổ "
        "đăng ký văn bản đi của vnadmin-docs; hãy chỉ đúng tệp sổ (--db), hoặc chỉ một tên "
        "tệp mới để bắt đầu sổ mới.",
        f"The file “{path}” is another program's database{which_en}, not a vnadmin-docs "
        "register; point to the register file (--db), or to a new file name to start a new "
        "book.")


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}
