"""Clean one raw record field by field, keeping the raw value and saying what changed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from vnadmin_docs.batch.damage import fold_lookalikes, join_lines, lost_letter_words
from vnadmin_docs.batch.dates import DateParseError, parse_datetime
from vnadmin_docs.batch.grid import CellValue
from vnadmin_docs.batch.table import RawRecord
from vnadmin_docs.batch.textclean import clean_cell_text, tidy_cell_text, unmangle
from vnadmin_docs.batch.values import (
    is_blank_marker,
    normalize_dossier_code,
    parse_count,
    restore_id_number,
    restore_phone,
)
from vnadmin_docs.errors import BatchRowError
from vnadmin_docs.model.fields import FieldSpec

__all__ = ["CleanRecord", "RowProblem", "clean_record"]

PHONE_FIELDS = frozenset({"phone", "representative_phone"})
ID_FIELDS = frozenset({"id_number", "tax_code"})
CODE_FIELDS = frozenset({"dossier_code"})
# A formula as a cell's text: "=WORKDAY(I11,5)", "=I11+5", "=" (a shared formula).
_FORMULA = re.compile(r"^=(?:$|[A-Za-z_][\w.]*\(|\$?[A-Z]{1,3}\$?\d)")
_NUMBER_FIELDS = PHONE_FIELDS | ID_FIELDS | CODE_FIELDS
_EXPONENT = re.compile(r"^\d(?:[.,]\d+)?[Ee]\+\d{1,3}$")  # how Excel shows 3.81900E+10
# What Excel shows in a cell whose formula failed (a VLOOKUP that found nothing: "#N/A").
# Every reader gives them as this text (openpyxl, xlrd, SpreadsheetML, HTML, CSV).
EXCEL_ERRORS = frozenset({
    "#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
})

_SENTENCE_FIELDS = frozenset({"late_reason", "notes", "status"})
"""One-line fields that hold sentences: a line break between two is a full stop."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem in one cell (or one row when ``column`` is ``None``).

    ``severity`` is ``"error"`` (the row gives no letter) or ``"warning"`` (the letter is
    written and the warning goes to the report).
    """

    row: int
    column: str | None
    value: object
    reason: str
    reason_en: str
    severity: str = "error"

    def _shown(self) -> str:
        if self.value is None or self.value == "":
            return ""
        text = str(self.value)
        return text if len(text) <= 60 else text[:57] + "..."

    def cause(self, lang: str = "vi") -> str:
        shown = self._shown()
        if lang.startswith("en"):
            return f"value “{shown}”: {self.reason_en}" if shown else self.reason_en
        return f"giá trị “{shown}”: {self.reason}" if shown else self.reason

    def error(self) -> BatchRowError:
        """As the library's :class:`BatchRowError` (row, column header, cause in vi/en)."""
        return BatchRowError(self.row, self.column, self.cause("vi"), self.cause("en"))

    def message(self, lang: str = "vi") -> str:
        return self.error().localized(lang)


@dataclass(frozen=True, slots=True)
class CleanRecord:
    """A record after cleaning: typed ``values`` per field, the ``raw`` cells, headers."""

    row: int
    values: Mapping[str, object]
    raw: Mapping[str, CellValue]
    headers: Mapping[str, str]
    group: str | None = None
    changes: Mapping[str, str] = field(default_factory=dict)


def _text(value: CellValue, multiline: bool) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S").removesuffix(" 00:00:00")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell_text(str(value), multiline=multiline)


def _no_value(cell: str) -> tuple[str, str] | None:
    """Why a text cell holds no usable value (vi, en), or ``None``: a damaged character, a
    formula saved without its result, an Excel error such as "#N/A".

    >>> _no_value("#N/A")[1]
    'the cell shows an Excel formula error, it has no value; fix the formula or type the value in'
    >>> _no_value("Nguyễn Văn An") is None
    True
    """
    if "\ufffd" in cell:
        return ("ô có ký tự không đọc được (“\ufffd”): tệp bị hỏng ở chỗ này; hãy sửa lại ô "
                "trong bảng tính hoặc xuất lại tệp",
                "the cell holds an unreadable character (“\ufffd”): the file is damaged "
                "here; correct the cell or export the file again")
    if cell[:1] == "=" and _FORMULA.match(cell):
        # A formula the file holds without its result (written by a program that does not
        # compute formulas): its value is unknown until Excel computes it.
        return ("ô chứa công thức nhưng tệp không lưu kết quả tính; hãy mở tệp bằng Excel, "
                "lưu lại rồi chạy lại",
                "the cell holds a formula but the file has no computed result for it; open "
                "the file in Excel, save it and run again")
    if cell.lstrip()[:1] == "#" and cell.strip().upper() in EXCEL_ERRORS:
        # Never a letter to "Ông/Bà #N/A": the formula has to be fixed in the sheet.
        return ("ô báo lỗi công thức Excel, không có giá trị; hãy sửa công thức hoặc gõ "
                "giá trị vào ô",
                "the cell shows an Excel formula error, it has no value; fix the formula "
                "or type the value in")
    return None


def clean_record(
    raw: RawRecord, fields: Sequence[FieldSpec], *, epoch: int = 1900
) -> tuple[CleanRecord, list[RowProblem]]:
    """Typed values for every declared field present in the record; problems collected, never
    raised. Empty cells become ``None``."""
    problems: list[RowProblem] = []
    values: dict[str, object] = {}
    changes: dict[str, str] = {}
    for spec in fields:
        if spec.name not in raw.values:
            continue
        cell = raw.values[spec.name]
        header = raw.headers.get(spec.name, spec.label or spec.name)

        def problem(reason: str, reason_en: str, severity: str = "error",
                    cell: CellValue = cell, header: str = header) -> None:
            problems.append(RowProblem(raw.row, header, cell, reason, reason_en, severity))

        if cell is None or (isinstance(cell, str) and not cell.strip()):
            values[spec.name] = None
            continue
        no_value = _no_value(cell) if isinstance(cell, str) else None
        if no_value is not None:
            problem(*no_value)
            values[spec.name] = None
            continue
        if spec.type in ("datetime", "date"):
            try:
                when = parse_datetime(cell if not isinstance(cell, str) else clean_cell_text(cell),
                                      epoch=epoch)
            except DateParseError as exc:
                problem(exc.reason, exc.reason_en)
                values[spec.name] = None
                continue
            if not isinstance(cell, datetime) and not isinstance(cell, str):
                changes[spec.name] = "số ngày kiểu Excel đã đổi thành ngày tháng"
            values[spec.name] = when.date() if spec.type == "date" else when
            continue
        if spec.type == "int":
            count = parse_count(cell if not isinstance(cell, str) else clean_cell_text(cell))
            if count is None and not (isinstance(cell, str) and is_blank_marker(cell)):
                problem("không phải số nguyên", "not a whole number")
            values[spec.name] = count
            continue
        if spec.name in _NUMBER_FIELDS and isinstance(cell, str) \
                and _EXPONENT.match(cell.strip()):
            # "3.81900E+10": Excel showed a long number in exponent form and a CSV kept that
            # text; the digits are gone. A code is printed in the letter: the row fails.
            problem("Excel đã đổi số này sang dạng số mũ và làm mất chữ số; hãy định dạng cột "
                    "là Văn bản (Text) trong bảng tính gốc rồi xuất lại",
                    "Excel turned this number into exponent form and lost digits; format the "
                    "column as Text in the original workbook and export it again",
                    "error" if spec.name in CODE_FIELDS else "warning")
            values[spec.name] = None if spec.name in CODE_FIELDS else cell.strip()
            continue
        if spec.name in PHONE_FIELDS:
            text, note = restore_phone(cell)
            values[spec.name] = text
            if note:
                changes[spec.name] = note
                problem(note, "the phone number had lost its leading zero; restored", "warning")
            continue
        if spec.name in ID_FIELDS:
            text, note = restore_id_number(cell)
            values[spec.name] = text
            if note:
                changes[spec.name] = note
                problem(note, "the ID number had lost its leading zero (number cell); restored",
                        "warning")
            continue
        if spec.name in _SENTENCE_FIELDS and isinstance(cell, str):
            # "Môi trường\nĐã có" → ". "; decoded once ("_x005F_x000D_" is "_x000D_" typed)
            text = tidy_cell_text(join_lines(unmangle(cell)), multiline=spec.type == "multiline")
        else:
            text = _text(cell, multiline=spec.type == "multiline")
        lost = lost_letter_words(text)
        if lost:
            # "Nguy?n V?n Bình": never a letter (nor a number, nor a file name) from it
            shown = ", ".join(f"“{w}”" for w in lost)
            problem(f"chữ cái tiếng Việt đã mất, bị thay bằng dấu “?” ({shown}); ô này đã "
                    "qua bảng mã ANSI (Windows-1252) nên không khôi phục được: hãy gõ lại ô "
                    "trong bảng tính gốc rồi xuất lại",
                    f"Vietnamese letters were lost and replaced by “?” ({shown}); the cell went "
                    "through the ANSI (Windows-1252) encoding and cannot be recovered: type "
                    "it again in the original workbook and export again")
            values[spec.name] = None
            continue
        text, folds = fold_lookalikes(text)
        for found, to, what in folds:
            problem(f"đã đổi {what} thành chữ tiếng Việt “{to}” (trông giống nhưng là ký tự "
                    "khác, tìm kiếm sẽ không thấy)",
                    f"the lookalike “{found}” (U+{ord(found):04X}) was changed to the Vietnamese "
                    f"letter “{to}” (it looks the same but searches would not find it)",
                    "warning")
        if spec.name in raw.guessed:
            name = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI-Windows"}.get(
                raw.guessed[spec.name], raw.guessed[spec.name])
            problem(f"ô này viết bằng bảng mã cũ {name}, khác các ô khác của cột; đã chuyển "
                    f"thành “{text}”, hãy kiểm tra lại",
                    f"this cell is in the legacy {name} encoding, unlike the rest of its "
                    f"column; converted to “{text}”, please check", "warning",
                    cell=raw.raw.get(spec.name))
        if not text or is_blank_marker(text):
            values[spec.name] = None
            continue
        if spec.name in CODE_FIELDS:
            code, national = normalize_dossier_code(text)
            if not national:
                problem("mã hồ sơ không theo dạng quốc gia V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX; "
                        "giữ nguyên như đã ghi",
                        "the dossier code does not follow the national shape; kept as written",
                        "warning")
            text = code
        if isinstance(cell, str) and text != cell:
            changes[spec.name] = "đã làm sạch ký tự ẩn/khoảng trắng/chuẩn Unicode"
        elif isinstance(cell, str):
            text = cell  # the same string object: a big batch keeps one copy, not two
        values[spec.name] = text
    for spec in fields:
        if spec.required and values.get(spec.name) is None and not any(
            p.column == raw.headers.get(spec.name) and p.severity == "error" for p in problems
        ):
            header = raw.headers.get(spec.name, spec.label or spec.name)
            written = raw.raw.get(spec.name)
            if isinstance(written, str) and clean_cell_text(written):
                # "N/A", "-", "Không": written, but meaning "nothing here"
                problems.append(RowProblem(
                    raw.row, header, written,
                    "bắt buộc nhưng ô chỉ ghi ký hiệu thay cho ô trống",
                    "required, but the cell only holds a placeholder for an empty value"))
                continue
            problems.append(RowProblem(raw.row, header, None, "bắt buộc nhưng để trống",
                                       "required but empty"))
    return CleanRecord(raw.row, values, raw.raw, raw.headers, raw.group, changes), problems
