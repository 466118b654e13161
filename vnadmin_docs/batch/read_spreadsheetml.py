"""Read SpreadsheetML 2003 XML (Excel 2003 "XML Spreadsheet", often saved as .xls)."""

from __future__ import annotations

from datetime import datetime

from lxml import etree  # type: ignore[import-untyped]

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.merges import Span, apply_spans
from vnadmin_docs.batch.problems import InputFileError

__all__ = ["read_spreadsheetml"]

_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_X = "urn:schemas-microsoft-com:office:excel"
_NS = {"ss": _SS, "x": _X}


def _attr(el: etree._Element, name: str) -> str | None:
    value = el.get(f"{{{_SS}}}{name}")
    return None if value is None else str(value)


def _typed(kind: str | None, text: str) -> CellValue:
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        plain = "." not in text and "e" not in text.lower()
        return int(number) if number.is_integer() and plain else number
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.rstrip("Z")[:26])
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text


def _visible(sheet: etree._Element) -> bool:
    """False for a worksheet Excel hides (``<x:Visible>SheetHidden</x:Visible>``)."""
    state = sheet.findtext("x:WorksheetOptions/x:Visible", default="", namespaces=_NS)
    return state.strip() not in ("SheetHidden", "SheetVeryHidden")


def read_spreadsheetml(data: bytes, path: str, sheet: int = 0) -> Grid:
    """The rows of visible worksheet number ``sheet`` (0 = the first); ``ss:Index`` gaps,
    ``MergeAcross``/``MergeDown`` and style fonts are honoured."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFileError(path, f"tệp XML bị hỏng ({exc}).",
                             f"the XML file is damaged ({exc}).") from None
    fonts_by_style: dict[str, str] = {}
    for style in root.iterfind(".//ss:Styles/ss:Style", _NS):
        font = style.find("ss:Font", _NS)
        sid = _attr(style, "ID")
        if sid and font is not None and _attr(font, "FontName"):
            fonts_by_style[sid] = str(_attr(font, "FontName"))
    worksheets = root.findall(".//ss:Worksheet", _NS)
    visible = [ws for ws in worksheets if _visible(ws)] or worksheets
    chosen = visible[min(sheet, len(visible) - 1)] if visible else None
    table = chosen.find("ss:Table", _NS) if chosen is not None else None
    if chosen is None or table is None:
        raise InputFileError(path, "tệp XML không có trang tính nào.",
                             "the XML file has no worksheet.")
    rows: list[GridRow] = []
    spans: list[Span] = []
    number = 0
    for row in table.iterfind("ss:Row", _NS):
        index = _attr(row, "Index")
        number = int(index) if index else number + 1
        values: list[CellValue] = []
        fonts: list[str | None] = []
        col = 0
        for cell in row.iterfind("ss:Cell", _NS):
            cidx = _attr(cell, "Index")
            target = int(cidx) - 1 if cidx else col
            while col < target:
                values.append(None)
                fonts.append(None)
                col += 1
            data_el = cell.find("ss:Data", _NS)
            value: CellValue = None
            if data_el is not None:
                text = "".join(data_el.itertext())
                value = _typed(_attr(data_el, "Type"), text)
            values.append(value)
            fonts.append(fonts_by_style.get(_attr(cell, "StyleID") or "")
                         if isinstance(value, str) else None)
            across = int(_attr(cell, "MergeAcross") or 0)
            down = int(_attr(cell, "MergeDown") or 0)
            if across or down:
                spans.append((number, col, number + down, col + across))
            col += 1
            for _ in range(across):
                values.append(None)
                fonts.append(None)
                col += 1
        rows.append(GridRow(number, tuple(values), tuple(fonts),
                            hidden=_attr(row, "Hidden") in ("1", "true")))
    # Rows covered by MergeDown may be absent or short; apply_spans fills existing rows.
    return Grid(path, "spreadsheetml", tuple(apply_spans(rows, spans)),
                sheet=str(_attr(chosen, "Name") or ""), sheets=len(visible))
