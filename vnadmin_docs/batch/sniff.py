"""Tell a data file's real format from its first bytes, never from its name.

Provincial systems save HTML tables and SpreadsheetML 2003 XML with an ``.xls`` name; an
exported ``.xls`` can also be a real BIFF workbook. Only the bytes tell.
"""

from __future__ import annotations

import io
import json
import zipfile

from vnadmin_docs.batch.grid import SourceFormat
from vnadmin_docs.batch.problems import InputFileError

__all__ = ["sniff_format"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_SSML_NS = b"urn:schemas-microsoft-com:office:spreadsheet"


def _head_text(data: bytes) -> bytes:
    head = data[:8192]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            if bom != b"\xef\xbb\xbf":
                head = head.decode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be",
                                   "ignore").encode("utf-8")
            break
    return head.lstrip().lower()


def sniff_format(data: bytes, path: str = "") -> SourceFormat:
    """The format of a data file's bytes.

    >>> sniff_format(b"PK\\x03\\x04" + b"\\0" * 10)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    InputFileError: ...
    >>> sniff_format(b"\\xef\\xbb\\xbf<html><body><table><tr><td>1</td></tr></table>")
    'html'
    >>> sniff_format('Mã hồ sơ;Chủ hồ sơ\\n'.encode())
    'csv'
    >>> sniff_format(b'[{"Ma ho so": "1"}]')
    'json'
    >>> sniff_format('- Mã hồ sơ: "1"\\n'.encode())
    'yaml'
    """
    if data.startswith(_ZIP):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise InputFileError(
                path, "tệp nén bị hỏng, không đọc được như một bảng tính Excel (.xlsx).",
                "the zip container is damaged; it cannot be read as an .xlsx workbook.",
            ) from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            raise InputFileError(
                path, "đây là bảng tính Excel dạng nhị phân (.xlsb). Hãy mở bằng Excel, chọn "
                "Lưu thành → “Excel Workbook (.xlsx)” rồi chạy lại.",
                "this is a binary Excel workbook (.xlsb); open it in Excel, save it as “Excel "
                "Workbook (.xlsx)” and try again.",
            )
        if "content.xml" in names:
            raise InputFileError(
                path, "đây là bảng tính OpenDocument (.ods). Hãy lưu lại thành .xlsx rồi chạy lại.",
                "this is an OpenDocument spreadsheet (.ods); save it as .xlsx and try again.",
            )
        raise InputFileError(
            path, "tệp nén này không phải bảng tính Excel (.xlsx).",
            "this zip file is not an Excel workbook (.xlsx).",
        )
    if data.startswith(_OLE):
        return "xls"
    head = _head_text(data)
    if head.startswith(b"mime-version") or b"multipart/related" in head[:512]:
        raise InputFileError(
            path, "đây là trang web lưu một tệp (.mht). Hãy mở bằng Excel và lưu thành .xlsx.",
            "this is a single-file web page (.mht); open it in Excel and save it as .xlsx.",
        )
    if head.startswith(b"<?xml") and _SSML_NS in head:
        return "spreadsheetml"
    if _SSML_NS in head and b"<workbook" in head:
        return "spreadsheetml"
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
        head.startswith(b"<") and b"<table" in head
    ):
        return "html"
    if head.startswith((b"[", b"{")):
        try:
            json.loads(data.decode("utf-8-sig"))
            return "json"
        except RecursionError:  # JSON nested too deep: the reader says so
            return "json"
        except (UnicodeDecodeError, ValueError):
            pass
    first = head.split(b"\n", 1)[0].rstrip()
    if first == b"---" or first.startswith(b"- "):
        return "yaml"
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # Excel "Unicode Text" (tab-separated)
    if b"\x00" in data[:4096] and not utf16:
        raise InputFileError(
            path, "không nhận ra định dạng tệp (không phải Excel, CSV, HTML, JSON hay YAML).",
            "unrecognised file format (not Excel, CSV, HTML, JSON or YAML).",
        )
    return "csv"
