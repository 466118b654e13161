"""Open a data file: sniff its bytes and hand it to the reader for its real format."""

from __future__ import annotations

from pathlib import Path

from vnadmin_docs.batch.grid import Grid
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.read_text import read_csv, read_csv_file, read_records
from vnadmin_docs.batch.sniff import sniff_format

__all__ = ["read_grid", "read_grid_bytes"]


def read_grid_bytes(data: bytes, path: str, sheet: int = 0) -> Grid:
    """The grid of a file's bytes, whatever its name says (``sheet``: which visible sheet
    of a workbook)."""
    if not data.strip():
        raise InputFileError(path, "tệp rỗng.", "the file is empty.")
    fmt = sniff_format(data, path)
    # Readers are imported when needed: openpyxl, xlrd and lxml.html cost start-up time
    # that a CSV batch (or each worker process) does not need to pay.
    if fmt == "xlsx":
        from vnadmin_docs.batch.read_xlsx import read_xlsx

        return read_xlsx(data, path, sheet)
    if fmt == "xls":
        from vnadmin_docs.batch.read_xls import read_xls

        return read_xls(data, path, sheet)
    if fmt == "html":
        from vnadmin_docs.batch.read_html import read_html

        return read_html(data, path, sheet)
    if fmt == "spreadsheetml":
        from vnadmin_docs.batch.read_spreadsheetml import read_spreadsheetml

        return read_spreadsheetml(data, path, sheet)
    if fmt in ("json", "yaml"):
        return read_records(data, path, fmt)
    return read_csv(data, path)


_HEAD_BYTES = 1 << 16
"""A file larger than this whose first bytes say CSV is streamed from disk, never held."""
_WHOLE = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip, OLE: read whole (the readers need it)


def read_grid(path: str | Path, sheet: int = 0) -> Grid:
    """Read a data file from disk (see :func:`read_grid_bytes`). A large CSV file is read
    chunk by chunk at each pass (:func:`read_csv_file`), so memory does not grow with it."""
    p = Path(path)
    try:
        with p.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            streamed = (len(head) == _HEAD_BYTES and head.strip() != b""
                        and not head.startswith(_WHOLE)
                        and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"[", b"{"))
                        and sniff_format(head, str(p)) == "csv")
            data = b"" if streamed else head + handle.read()
    except OSError as exc:
        raise InputFileError(str(p), f"không mở được tệp ({exc.strerror}).",
                             f"cannot open the file ({exc.strerror}).") from None
    if streamed:
        return read_csv_file(p, str(p))
    return read_grid_bytes(data, str(p), sheet)
