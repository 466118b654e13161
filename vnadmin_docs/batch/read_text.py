"""Read CSV text in the encodings Excel writes on Vietnamese desks, and JSON/YAML lists.

CSV decoding order: a UTF-8 BOM; strict UTF-8; Windows-1258 (Excel "CSV" on a
Vietnamese-locale Windows, whose tone marks are separate combining characters, composed to
NFC later). A file saved as cp1252 "ANSI" has already lost its Vietnamese letters to ``?``;
nothing can bring them back, so it is rejected with the way to re-save it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Any

import yaml

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.problems import InputFileError

__all__ = ["decode_csv_bytes", "lost_letters", "read_csv", "read_records"]

# A question mark between two letters: "Nguy?n", "V?n". Real text almost never has one.
_LOST = re.compile(r"[^\W\d_]\?[^\W\d_]|[^\W\d_]\?(?=[ ,;\"\n])|(?<=[ ,;\"\n])\?[^\W\d_]")
# Bytes that only Vietnamese text in Windows-1258 uses: the five tone marks, ă, đ, ơ, ư.
_CP1258_VIET = re.compile(rb"[\xcc\xec\xd2\xde\xf2\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd]")


def lost_letters(text: str, limit: int = 4) -> list[str]:
    """Words in which a letter was replaced by ``?`` (the mark of a cp1252 "ANSI" save),
    longest first.

    >>> lost_letters("Nguy?n V?n Bình, Lý do?")
    ['Nguy?n', 'V?n']
    """
    if not _LOST.search(text):
        return []
    found: list[str] = []
    for token in re.findall(r"[\w?]+", text):
        if "?" in token and re.search(r"[^\W\d_]\?|\?[^\W\d_]", token) and token not in found:
            found.append(token)
    inside = [t for t in found if re.search(r"[^\W\d_]\?[^\W\d_]", t)]
    inside.sort(key=len, reverse=True)
    return (inside or sorted(found, key=len, reverse=True))[:limit]


def decode_csv_bytes(data: bytes, path: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in; refuses text that lost its
    Vietnamese letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", "replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = data.decode("cp1258", "replace"), "cp1258"
            if not _CP1258_VIET.search(data):
                enc = "cp1252"
    words = lost_letters(text)
    if words:
        shown = ", ".join(f"“{w}”" for w in words)
        raise InputFileError(
            path,
            f"các chữ cái tiếng Việt đã bị thay bằng dấu “?” ({shown}). Tệp CSV này được lưu "
            "theo bảng mã ANSI (Windows-1252) nên dấu tiếng Việt đã mất và không khôi phục được. "
            "Hãy mở lại bảng tính gốc trong Excel và chọn Lưu thành → "
            "“CSV UTF-8 (Comma delimited)” hoặc lưu dạng .xlsx.",
            f"Vietnamese letters were replaced by “?” ({shown}). This CSV was saved as ANSI "
            "(Windows-1252), which cannot hold Vietnamese, and the letters cannot be recovered. "
            "Open the original workbook in Excel and save it as “CSV UTF-8 (Comma delimited)” or "
            ".xlsx.",
        )
    return unicodedata.normalize("NFC", text), enc


def read_csv(data: bytes, path: str) -> Grid:
    """Rows of a CSV file; the separator (``,`` ``;`` or tab) is sniffed from the text."""
    text, encoding = decode_csv_bytes(data, path)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[GridRow] = []
    texts: dict[str, str] = {}  # equal cells share one string (columns repeat values)
    # Row numbers as Excel shows the file: one per record, even when a quoted cell spans
    # several lines of text.
    for number, record in enumerate(reader, start=1):
        values: tuple[CellValue, ...] = tuple(texts.setdefault(v, v) if v != "" else None
                                              for v in record)
        rows.append(GridRow(number, values))
    return Grid(path, "csv", tuple(rows), encoding=encoding)


def _scalar(value: Any) -> CellValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return json.dumps(value, ensure_ascii=False)


def read_records(data: bytes, path: str, fmt: str) -> Grid:
    """A JSON or YAML list of objects (or ``{"rows": [...]}``) as a grid whose first row holds
    the keys; each record's row number is its 1-based position in the list."""
    try:
        text = data.decode("utf-8-sig")
        loaded = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise InputFileError(path, f"không đọc được tệp {fmt.upper()} ({exc}).",
                             f"cannot parse the {fmt.upper()} file ({exc}).") from None
    if isinstance(loaded, dict):
        for key in ("rows", "records", "data", "ho_so", "items"):
            if isinstance(loaded.get(key), list):
                loaded = loaded[key]
                break
    if not isinstance(loaded, list) or not all(isinstance(x, dict) for x in loaded):
        raise InputFileError(
            path, f"tệp {fmt.upper()} phải là một danh sách các bản ghi (mỗi hồ sơ một đối tượng).",
            f"the {fmt.upper()} file must be a list of records (one object per dossier).",
        )
    keys: list[str] = []
    for item in loaded:
        for key in item:
            if str(key) not in keys:
                keys.append(str(key))
    rows = [GridRow(0, tuple(keys))]
    for n, item in enumerate(loaded, start=1):
        str_item = {str(k): v for k, v in item.items()}
        rows.append(GridRow(n, tuple(_scalar(str_item.get(k)) for k in keys)))
    return Grid(path, "json" if fmt == "json" else "yaml", tuple(rows), records=True)
