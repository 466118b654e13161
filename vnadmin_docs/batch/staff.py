"""Read a staff spreadsheet into the ``phan_cong`` list of the task-assignment notice.

The sheet has a header row and one of two shapes (they may be mixed):

* one row per person, the duties in one cell with a line break (Alt+Enter) between them;
* several rows per person: the name and title on the first row (or repeated, or in merged
  cells), one duty per row below with the name cells left empty.

Columns are found by their header, without regard to case or diacritics:
``Họ và tên`` (or ``Họ tên``), ``Chức vụ``, ``Nhiệm vụ`` and optionally ``Danh xưng``
(``Ông``/``Bà``) or ``Giới tính`` (``Nam`` → Ông, ``Nữ`` → Bà), and ``Nhóm`` (the section a
person is listed under: "Lãnh đạo Văn phòng", "Công chức"). Other columns (``STT``) are
ignored. Every problem is reported at once with its row and column.

>>> fold_header(" Họ và  TÊN ")
'ho va ten'
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from vnadmin_docs.errors import DataError, FieldProblem

__all__ = ["COLUMNS", "StaffRow", "fold_header", "group_staff", "read_staff", "staff_yaml"]

# field → accepted headers (folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ho_ten": ("ho va ten", "ho ten", "ten", "ho_ten"),
    "chuc_vu": ("chuc vu", "chuc danh", "chuc_vu"),
    "nhiem_vu": ("nhiem vu", "nhiem vu duoc phan cong", "nhiem vu phan cong", "nhiem_vu"),
    "danh_xung": ("danh xung", "ong/ba", "ong ba", "danh_xung"),
    "gioi_tinh": ("gioi tinh", "gioi_tinh"),
    "nhom": ("nhom", "nhom nhiem vu", "khoi"),
}
_REQUIRED = ("ho_ten", "chuc_vu", "nhiem_vu")
_LABELS = {
    "ho_ten": "Họ và tên",
    "chuc_vu": "Chức vụ",
    "nhiem_vu": "Nhiệm vụ",
    "danh_xung": "Danh xưng",
    "gioi_tinh": "Giới tính",
    "nhom": "Nhóm",
}
_BULLETS = "-–—•+*"

StaffRow = tuple[int, dict[str, str]]
"""A sheet row number and its non-empty cells by field name."""


def fold_header(text: str) -> str:
    """Lower case, no diacritics, single spaces: how headers are compared."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def _duties(text: str) -> list[str]:
    """Duties from one cell: one per line, bullets removed.

    >>> _duties("- Phụ trách chung;\\n+ Chủ tài khoản.\\n\\n")
    ['Phụ trách chung;', 'Chủ tài khoản.']
    """
    out = []
    for line in text.split("\n"):
        line = line.strip().lstrip(_BULLETS).strip()
        if line:
            out.append(line)
    return out


def _honorific(cells: dict[str, str]) -> str | None:
    given = cells.get("danh_xung", "")
    if given:
        folded = fold_header(given)
        if folded in ("ong", "ba"):
            return "Ông" if folded == "ong" else "Bà"
        return given
    sex = fold_header(cells.get("gioi_tinh", ""))
    if sex in ("nam", "male", "m"):
        return "Ông"
    if sex in ("nu", "female", "f"):
        return "Bà"
    return None


def group_staff(rows: Iterable[StaffRow], source: str) -> list[dict[str, Any]]:
    """Rows (already mapped to fields) → one entry per person, in sheet order.

    A row with a name starts a person unless it repeats the previous row's name and title;
    a row without a name adds its duties to the person above.
    """
    people: list[dict[str, Any]] = []
    problems: list[FieldProblem] = []
    last_key: tuple[str, str] | None = None
    for row, cells in rows:
        name, title = cells.get("ho_ten", ""), cells.get("chuc_vu", "")
        duties = _duties(cells.get("nhiem_vu", ""))
        if not name and not title:
            if not people:
                problems.append(
                    FieldProblem(
                        f"{source}: dòng {row}",
                        "có nhiệm vụ nhưng chưa có họ tên người nào ở trên",
                        "a duty with no person above it",
                        value=cells.get("nhiem_vu"),
                        label=_LABELS["ho_ten"],
                    )
                )
                continue
            people[-1]["nhiem_vu"].extend(duties)
            continue
        if not name or not title:
            missing = "ho_ten" if not name else "chuc_vu"
            problems.append(
                FieldProblem(
                    f"{source}: dòng {row}, cột “{_LABELS[missing]}”",
                    "còn trống",
                    "is empty",
                    label=_LABELS[missing],
                )
            )
            continue
        if last_key == (name, title) and people:
            people[-1]["nhiem_vu"].extend(duties)
            continue
        entry: dict[str, Any] = {}
        if cells.get("nhom"):
            entry["nhom"] = cells["nhom"]
        honorific = _honorific(cells)
        if honorific:
            entry["danh_xung"] = honorific
        entry.update(ho_ten=name, chuc_vu=title, nhiem_vu=duties, _row=row)
        people.append(entry)
        last_key = (name, title)
    for person in people:
        row = person.pop("_row")
        if not person["nhiem_vu"]:
            problems.append(
                FieldProblem(
                    f"{source}: dòng {row}, cột “{_LABELS['nhiem_vu']}”",
                    f"{person['ho_ten']} chưa có nhiệm vụ nào",
                    f"{person['ho_ten']} has no duty",
                    label=_LABELS["nhiem_vu"],
                )
            )
    if problems:
        raise DataError(problems, source)
    return people


def _map_header(header: Sequence[Any], source: str) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, value in enumerate(header):
        folded = fold_header(_cell_text(value))
        for field, names in COLUMNS.items():
            if folded in names and field not in columns.values():
                columns[index] = field
    missing = [f for f in _REQUIRED if f not in columns.values()]
    if missing:
        wanted = ", ".join(f"“{_LABELS[f]}”" for f in missing)
        found = ", ".join(f"“{_cell_text(v)}”" for v in header if _cell_text(v)) or "(trống)"
        raise DataError(
            [
                FieldProblem(
                    f"{source}: dòng tiêu đề",
                    f"thiếu cột {wanted}; các cột có: {found}",
                    f"missing column(s) {', '.join(_LABELS[f] for f in missing)}",
                )
            ],
            source,
        )
    return columns


def read_staff(path: str | Path, *, sheet: str | None = None) -> list[dict[str, Any]]:
    """The ``phan_cong`` list from an .xlsx file (first sheet unless ``sheet`` is given).

    The header row is the first row that names the three required columns (title rows
    above it are skipped).
    """
    # Imported by name only when a sheet is read (heavy); typed as Any so that the result
    # does not depend on whether openpyxl stubs are installed.
    openpyxl: Any = importlib.import_module("openpyxl")

    p = Path(path)
    source = p.name
    try:
        book = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataError(
            [FieldProblem(str(p), "không tìm thấy tệp", "file not found")], source
        ) from None
    except Exception as exc:  # openpyxl raises several kinds for a non-xlsx file
        raise DataError(
            [
                FieldProblem(
                    str(p),
                    f"không đọc được bảng tính .xlsx ({exc})",
                    f"cannot read the .xlsx workbook ({exc})",
                )
            ],
            source,
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError(
                [
                    FieldProblem(
                        f"{source}: trang “{sheet}”",
                        f"không có trang này; các trang: {', '.join(book.sheetnames)}",
                        f"no such sheet; sheets: {', '.join(book.sheetnames)}",
                    )
                ],
                source,
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        all_rows = list(ws.iter_rows(values_only=True))
    finally:
        book.close()
    header_at = 0
    for i, row in enumerate(all_rows[:10]):
        folded = {fold_header(_cell_text(v)) for v in row}
        if all(any(n in folded for n in COLUMNS[f]) for f in _REQUIRED):
            header_at = i
            break
    if not all_rows:
        raise DataError([FieldProblem(source, "bảng tính trống", "the sheet is empty")], source)
    columns = _map_header(all_rows[header_at], source)
    mapped: list[StaffRow] = []
    for number, row in enumerate(all_rows[header_at + 1 :], start=header_at + 2):
        cells = {field: _cell_text(row[i]) for i, field in columns.items() if i < len(row)}
        cells = {k: v for k, v in cells.items() if v}
        if cells:
            mapped.append((number, cells))
    return group_staff(mapped, source)


def staff_yaml(path: str | Path, *, sheet: str | None = None) -> str:
    """The spreadsheet as the YAML block ``content: phan_cong: …`` to paste into (or merge
    with) the notice's data file."""
    people = read_staff(path, sheet=sheet)
    return yaml.safe_dump(
        {"content": {"phan_cong": people}}, allow_unicode=True, sort_keys=False, width=100
    )
