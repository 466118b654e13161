"""Open a data file: sniff its bytes and hand it to the reader for its real format."""

from __future__ import annotations

from pathlib import Path

from vnadmin_docs.batch.grid import Grid
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.read_text import read_csv, read_records
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


def read_grid(path: str | Path, sheet: int = 0) -> Grid:
    """Read a data file from disk (see :func:`read_grid_bytes`)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError(str(p), f"không mở được tệp ({exc.strerror}).",
                             f"cannot open the file ({exc.strerror}).") from None
    return read_grid_bytes(data, str(p), sheet)
