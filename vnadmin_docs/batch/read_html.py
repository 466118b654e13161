"""Read an HTML table saved with an .xls name (how some provincial systems "export Excel")."""

from __future__ import annotations

import re

import lxml.html  # type: ignore[import-untyped]
from lxml.etree import ParserError  # type: ignore[import-untyped]

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.read_text import mostly_utf8

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
    for enc in [*candidates, "utf-8"]:
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    if mostly_utf8(data):  # a few damaged bytes: cleaning reports the cells that hold them
        return data.decode("utf-8", "replace"), "utf-8"
    return data.decode("cp1258", "replace"), "cp1258"


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


def _table_rows(table: lxml.html.HtmlElement, first: int) -> list[GridRow]:
    """A table's rows numbered from ``first``, ``rowspan``/``colspan`` expanded like merged
    cells."""

    pending: dict[tuple[int, int], tuple[str, str | None]] = {}
    rows: list[GridRow] = []
    for r, tr in enumerate(_own_rows(table)):
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
        rows.append(GridRow(first + r, tuple(values), tuple(fonts), tuple(merged)))
    return rows


def _own_rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return list(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"))


_SKIP = frozenset({"script", "style", "head", "title", "meta", "link", "br"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center", "pre"})


def _page_parts(node: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement | str]:
    """The page from top to bottom as Excel lays it out on one sheet: each outermost table,
    and the text of each element outside the tables (a title paragraph) as one row."""
    parts: list[lxml.html.HtmlElement | str] = []
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag.lower() in _SKIP:
            continue
        if tag.lower() == "table":
            parts.append(child)
        elif child.xpath(".//table"):
            parts.extend(_page_parts(child))
        else:
            text = _cell_text(child).strip()
            if text or tag.lower() in _BLOCKS:
                parts.append(text)
    return parts


def read_html(data: bytes, path: str, sheet: int = 0) -> Grid:
    """The page's tables and the text between them, one below the other as Excel shows the
    file (so row numbers match what the clerk sees there), ``rowspan``/``colspan`` expanded
    like merged cells.

    ``sheet`` 0 is that whole page; when it has several tables, ``sheet`` 1, 2… is each
    table alone, largest first (rows keep their page numbers), for a page whose list
    starts too far down to be found on the whole page.
    """
    text, encoding = decode_markup(data)
    try:
        doc = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (ParserError, ValueError) as exc:
        raise InputFileError(path, f"không đọc được bảng HTML ({exc}).",
                             f"cannot parse the HTML table ({exc}).") from None
    if not doc.xpath("//table"):
        raise InputFileError(path, "tệp HTML không có bảng nào.", "the HTML file has no table.")
    body = doc.find("body")
    rows: list[GridRow] = []
    tables: list[list[GridRow]] = []
    for part in _page_parts(body if body is not None else doc):
        if isinstance(part, str):
            rows.append(GridRow(len(rows) + 1, (part or None,)))
        else:
            table_rows = _table_rows(part, len(rows) + 1)
            tables.append(table_rows)
            rows.extend(table_rows)
    sheets = 1 + len(tables) if len(tables) > 1 else 1
    if 1 <= sheet < sheets:
        rows = sorted(tables, key=len, reverse=True)[sheet - 1]
    return Grid(path, "html", tuple(rows), encoding=encoding, sheets=sheets)
