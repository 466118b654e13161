"""Read an HTML table saved with an .xls name (how some provincial systems "export Excel")."""

from __future__ import annotations

import re

import lxml.html  # type: ignore[import-untyped]
from lxml.etree import ParserError  # type: ignore[import-untyped]

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.problems import InputFileError

__all__ = ["decode_markup", "read_html"]

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_FONT = re.compile(r"font-family\s*:\s*['\"]?([^;'\",]+)", re.IGNORECASE)


def decode_markup(data: bytes) -> tuple[str, str]:
    """The text of an HTML/XML file and the encoding used (BOM, then declared, then UTF-8,
    then Windows-1258)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for enc in [*candidates, "utf-8", "cp1258"]:
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace"), "utf-8"


def _cell_text(td: lxml.html.HtmlElement) -> str:
    for br in td.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return str(td.text_content())


def _cell_font(td: lxml.html.HtmlElement) -> str | None:
    node: lxml.html.HtmlElement | None = td
    while node is not None and node.tag not in ("table", "body"):
        m = _FONT.search(node.get("style", ""))
        if m:
            return m.group(1).strip()
        for font in node.iter("font"):
            if font.get("face"):
                return str(font.get("face")).split(",")[0].strip()
        node = node.getparent()
    return None


def read_html(data: bytes, path: str) -> Grid:
    """The rows of the largest table, with ``rowspan``/``colspan`` expanded like merged cells."""
    text, encoding = decode_markup(data)
    try:
        doc = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (ParserError, ValueError) as exc:
        raise InputFileError(path, f"không đọc được bảng HTML ({exc}).",
                             f"cannot parse the HTML table ({exc}).") from None
    tables = doc.xpath("//table")
    if not tables:
        raise InputFileError(path, "tệp HTML không có bảng nào.", "the HTML file has no table.")

    def own_rows(t: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        return list(t.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"))

    table = max(tables, key=lambda t: len(own_rows(t)))
    pending: dict[tuple[int, int], tuple[str, str | None]] = {}
    rows: list[GridRow] = []
    for r, tr in enumerate(own_rows(table)):
        values: list[CellValue] = []
        fonts: list[str | None] = []
        merged: list[bool] = []
        c = 0
        cells = list(tr.xpath("./td|./th"))
        while cells or any(rr == r and cc >= c for rr, cc in pending):
            if (r, c) in pending:
                value, font = pending.pop((r, c))
                values.append(value)
                fonts.append(font)
                merged.append(True)
                c += 1
                continue
            if not cells:
                values.append(None)
                fonts.append(None)
                merged.append(False)
                c += 1
                continue
            td = cells.pop(0)
            value = _cell_text(td)
            font = _cell_font(td)
            try:
                colspan = max(1, int(td.get("colspan", "1")))
                rowspan = max(1, int(td.get("rowspan", "1")))
            except ValueError:
                colspan = rowspan = 1
            for dc in range(colspan):
                for dr in range(rowspan):
                    if dc or dr:
                        pending[(r + dr, c + dc)] = (value, font)
            values.append(value)
            fonts.append(font)
            merged.append(False)
            c += 1
            for _ in range(colspan - 1):
                values.append(pending.pop((r, c))[0])
                fonts.append(font)
                merged.append(True)
                c += 1
        rows.append(GridRow(r + 1, tuple(values), tuple(fonts), tuple(merged)))
    return Grid(path, "html", tuple(rows), encoding=encoding)
