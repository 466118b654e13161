"""The rows of one .xlsx worksheet read straight from its XML, with the values openpyxl's
read-only mode gives them (issue 18).

openpyxl turns every cell into a dictionary, a cell object and, for an inline string, a tree
of text objects: ~0.2 ms a row, 1.9 s of the 3.5 s a 10,000-row export took to open, all of
it before a worker can start. Here ``lxml`` streams the ``<row>`` elements and each cell is
read by the rules of openpyxl's ``WorkSheetParser.parse_cell`` and ``ReadOnlyWorksheet``
(rows padded to their last cell, missing rows given empty, numbers cast, dates by the cell's
style, the font of each text cell, a formula saved without its result shown as its text),
with openpyxl's own helpers for numbers and dates. Whatever this reader does not follow the
way openpyxl would (rows out of order, a cell that names another row, a style or string
index that does not exist, a date out of range) raises :class:`Unsupported`, and the sheet
is read by openpyxl as before (docs/dev/batch.md, "Reading .xlsx").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]
from openpyxl.utils.cell import column_index_from_string  # type: ignore[import-untyped]
from openpyxl.utils.datetime import from_excel, from_ISO8601  # type: ignore[import-untyped]

from vnadmin_docs.batch.grid import CellValue, GridRow

__all__ = ["SheetStyles", "Unsupported", "cell_value", "sheet_rows", "styles_of"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T = (f"{_NS}{tag}" for tag in ("row", "c", "v", "f", "is", "t"))
_DIGITS = frozenset("0123456789")
_EMPTY: tuple[object, int] = (None, 0)


class Unsupported(Exception):
    """The sheet holds something this reader does not read as openpyxl would."""


@dataclass(frozen=True)
class SheetStyles:
    """What a cell's style index says: a date, a duration, the font of its text."""

    epoch: object
    dates: frozenset[int]
    durations: frozenset[int]
    fonts: tuple[str | None, ...]


def styles_of(wb: Any) -> SheetStyles:
    """The style tables of a workbook opened by openpyxl (``load_workbook``)."""
    try:
        fonts = tuple(wb._fonts[style.fontId].name for style in wb._cell_styles)
        return SheetStyles(wb.epoch, frozenset(wb._date_formats),
                           frozenset(wb._timedelta_formats), fonts)
    except (AttributeError, IndexError, TypeError) as exc:  # another openpyxl, a bad style
        raise Unsupported(f"styles: {exc!r}") from None


def cell_value(raw: object) -> CellValue:
    """A value as the batch keeps it: a date as a ``datetime``, a time as its ISO text."""
    if raw is None or isinstance(raw, str | bool | int | float | datetime):
        return raw
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    if isinstance(raw, time):
        return raw.isoformat()
    return str(raw)


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _inline_text(node: Any) -> str:
    """openpyxl's ``Text.from_tree(node).content``: the plain ``t`` (the last one), then
    the ``t`` of each rich-text run; phonetic runs left out."""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            text: str | None = None
            for part in child:
                if _local(part.tag) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
        elif name in ("plain", "formatted", "phonetic", "PhoneticProperties"):
            raise Unsupported(f"inline string child {name}")
    return (plain or "") + "".join(runs)


def _number(text: str) -> int | float:
    try:
        return float(text) if "." in text or "E" in text or "e" in text else int(text)
    except ValueError:
        raise Unsupported(f"number {text!r}") from None


def _uncached_formula(cell: Any) -> str | None:
    """The formula of a cell saved with it and no result (``<f>…</f>`` then nothing, or an
    empty ``<v>``): its text, else None."""
    children = list(cell)
    if not children or children[0].tag != _F or len(children[0]) or len(children) > 2:
        return None
    if len(children) == 2 and (children[1].tag != _V or (children[1].text or "").strip()):
        return None
    return children[0].text or ""


def _cell(cell: Any, kind: str, style: int, strings: Sequence[str],
          styles: SheetStyles) -> object:
    """The value of one ``<c>`` of type ``kind`` and style ``style`` (before
    :func:`cell_value`)."""
    value = None if kind == "inlineStr" else cell.findtext(_V, None) or None
    if kind == "inlineStr" and (node := cell.find(_IS)) is not None:
        return _inline_text(node)
    if value is None:
        formula = _uncached_formula(cell) if cell.get("r") else None
        return None if formula is None else "=" + formula
    if kind == "n":
        number = _number(value)
        if style in styles.dates:
            try:
                return from_excel(number, styles.epoch, timedelta=style in styles.durations)
            except (OverflowError, ValueError):  # openpyxl warns and gives "#VALUE!"
                raise Unsupported(f"date {value!r}") from None
        return number
    if kind == "s":
        try:
            return strings[int(value)]
        except (IndexError, ValueError):
            raise Unsupported(f"shared string {value!r}") from None
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value  # "str", "e" and types openpyxl keeps as the text


@functools.lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    """``"AB"`` → 28."""
    return int(column_index_from_string(letters))


def _coordinate(ref: str) -> tuple[int, int]:
    """``"B12"`` → (12, 2), as openpyxl's ``coordinate_to_tuple``."""
    for i, char in enumerate(ref):
        if char in _DIGITS:
            try:
                return int(ref[i:]), _column(ref[:i])
            except ValueError:
                break
    raise Unsupported(f"cell reference {ref!r}")


def sheet_rows(source: IO[bytes], strings: Sequence[str],
               styles: SheetStyles) -> Iterator[GridRow]:
    """Every row of the sheet XML ``source`` from row 1, as ``read_xlsx`` gives them.
    :class:`Unsupported` for what this reader does not follow; the errors of a damaged
    sheet (bad XML, a bad number) as they come."""
    parser = etree.iterparse(source, events=("end",), tag=_ROW, resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False)
    number = 0  # the row openpyxl yields next, less one
    counter = 0  # its row counter: the row element's r, or one more than the last
    for _event, row in parser:
        if number == 0 and row.getroottree().docinfo.doctype:
            # Excel writes no DTD; openpyxl's expat applies its rules on entities.
            raise Unsupported("the sheet declares a DTD")
        r = row.get("r")
        if r is None:
            counter += 1
        elif r.isascii() and r.isdigit():
            counter = int(r)
        else:
            raise Unsupported(f"row number {r!r}")
        if counter <= number:
            raise Unsupported(f"row {counter} out of order")
        while number + 1 < counter:  # rows the file leaves out are empty
            number += 1
            yield GridRow(number, (), ())
        number = counter
        # Only a numbered row can be hidden, as the scan openpyxl's route uses finds them.
        hidden = r is not None and row.get("hidden") in ("1", "true")
        yield _row(row, counter, hidden, strings, styles)
        row.clear()
        while row.getprevious() is not None:  # what was parsed before goes too
            del row.getparent()[0]


def _row(row: Any, counter: int, hidden: bool, strings: Sequence[str],
         styles: SheetStyles) -> GridRow:
    """One ``<row>``: its cells placed by column and padded up to the last one (openpyxl's
    ``_get_row``). The common cells (an inline or shared string, a plain number) are read
    here; the rest by :func:`_cell`."""
    placed: dict[int, tuple[object, int]] = {}
    suffix = str(counter)
    column = last = 0
    for cell in row:
        if cell.tag != _C:
            raise Unsupported(f"row {counter}: element {cell.tag!r}")
        get = cell.get
        ref = get("r")
        if ref:
            letters = ref[: -len(suffix)]
            if ref.endswith(suffix) and letters.isalpha():
                column = _column(letters)
            else:
                at_row, column = _coordinate(ref)
                if at_row != counter:
                    raise Unsupported(f"cell {ref} in row {counter}")
        else:
            column += 1
        last = column  # the row ends at its last cell's column, as in openpyxl
        kind = get("t", "n")
        style_text = get("s")
        style = int(style_text) if style_text else 0
        if kind == "inlineStr" and len(cell) == 1:
            node = cell[0]
            if node.tag == _IS and len(node) == 1 and node[0].tag == _T:
                placed[column] = (node[0].text or "", style)
                continue
        elif kind == "n" and style not in styles.dates and len(cell) == 1 \
                and cell[0].tag == _V and cell[0].text:
            placed[column] = (_number(cell[0].text), style)
            continue
        placed[column] = (_cell(cell, kind, style, strings, styles), style)
    values: list[CellValue] = []
    fonts: list[str | None] = []
    for position in range(1, last + 1):  # padded as openpyxl pads a row
        raw, style = placed.get(position, _EMPTY)
        if raw is None:
            values.append(None)
            fonts.append(None)
        elif isinstance(raw, str):
            if style >= len(styles.fonts):
                raise Unsupported(f"row {counter}: style {style}")
            values.append(raw)
            fonts.append(styles.fonts[style])
        else:
            values.append(cell_value(raw))
            fonts.append(None)
    return GridRow(counter, tuple(values), tuple(fonts), hidden=hidden)
