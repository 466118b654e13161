"""Check every row before anything is written; collect all problems of all rows.

Cross-field sanity rules (input notes §1.3, decree30.md §22): the original due date is not
before the receipt date; the new date is after the original due date and not before the
letter's own date (a letter dated 20/11 cannot propose 07/11); a new date is needed unless
the result has already been returned; a reason is needed (the profile may supply a default,
with a warning); the same dossier code twice is reported.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from vnadmin_docs.batch.addressee import names_someone
from vnadmin_docs.batch.firstseen import FirstSeen
from vnadmin_docs.batch.record import CleanRecord, RowProblem, clean_record
from vnadmin_docs.batch.table import HIDDEN_ROW, RawRecord, Table
from vnadmin_docs.model.fields import FieldSpec

__all__ = [
    "DuplicateCodes",
    "Validation",
    "check_record",
    "is_bad",
    "iter_validated",
    "validate_record",
    "validate_table",
]

HIDDEN_ROW_EN = ("this row is hidden in Excel (filtered or hidden) but a letter is made for "
                 "it; if it is not to be sent, delete the row from the sheet")


@dataclass(frozen=True)
class Validation:
    """The outcome of checking a whole table.

    ``good`` rows can become letters; ``bad`` rows cannot; ``problems`` lists every error and
    warning of every row, in row order.
    """

    good: tuple[CleanRecord, ...]
    bad: tuple[CleanRecord, ...]
    problems: tuple[RowProblem, ...]

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def problems_of(self, row: int) -> list[RowProblem]:
        return [p for p in self.problems if p.row == row]


def _fmt(dt: object) -> str:
    """A date as the clerk wrote it: no "00:00" for a date without a time.

    >>> _fmt(datetime(2023, 10, 27)), _fmt(datetime(2023, 10, 27, 17, 0))
    ('27/10/2023', '27/10/2023 17:00')
    """
    if not isinstance(dt, datetime):
        return str(dt)
    return dt.strftime("%d/%m/%Y" if dt.time() == datetime.min.time() else "%d/%m/%Y %H:%M")


def check_record(
    rec: CleanRecord, *, default_reason: str | None = None, issued_on: date | None = None
) -> list[RowProblem]:
    """Cross-field rules for one cleaned record; ``issued_on`` is the letter's date."""
    out: list[RowProblem] = []
    v = rec.values
    h = rec.headers
    received, due, new_due = v.get("received_at"), v.get("due_at"), v.get("new_due_at")
    returned = v.get("returned_at")
    applicant = v.get("applicant_name")
    if isinstance(applicant, str) and not names_someone(applicant):
        out.append(RowProblem(
            rec.row, h.get("applicant_name"), applicant,
            "không có tên người hoặc tổ chức để ghi sau “Kính gửi:”",
            "no person or organisation name to write after “Kính gửi:”",
        ))
    if isinstance(received, datetime) and isinstance(due, datetime) and _before(due, received):
        out.append(RowProblem(
            rec.row, h.get("due_at"), _fmt(due),
            f"ngày hẹn trả trước ngày tiếp nhận ({_fmt(received)}); kiểm tra lại thứ tự "
            "ngày/tháng",
            f"the due date is before the receipt date ({_fmt(received)}); check day/month order",
        ))
    if isinstance(new_due, datetime) and isinstance(due, datetime) and new_due <= due:
        out.append(RowProblem(
            rec.row, h.get("new_due_at"), _fmt(new_due),
            f"ngày hẹn trả mới phải sau ngày hẹn trả cũ ({_fmt(due)})",
            f"the new date must be after the original due date ({_fmt(due)})",
        ))
    if (isinstance(new_due, datetime) and issued_on is not None and new_due.date() < issued_on
            and "new_due_at" not in _errored(rec, out)):
        day = issued_on.strftime("%d/%m/%Y")
        out.append(RowProblem(
            rec.row, h.get("new_due_at"), _fmt(new_due),
            f"ngày hẹn trả mới đã qua so với ngày ban hành văn bản ({day}); sửa ngày hẹn trả "
            "mới, hoặc ngày ban hành (issue_date trong tệp cấu hình)",
            f"the new date has passed by the letter's issue date ({day}); correct the new "
            "date, or the issue date (issue_date in the profile)",
        ))
    if new_due is None and returned is None and "new_due_at" not in _errored(rec, out):
        out.append(RowProblem(
            rec.row, h.get("new_due_at", "Ngày hẹn trả mới"), None,
            "thiếu ngày hẹn trả mới (hồ sơ chưa trả kết quả)",
            "the new return date is missing (the result has not been returned)",
        ))
    if v.get("late_reason") is None and "late_reason" not in _errored(rec, out):
        column = h.get("late_reason", "Lý do trễ hạn")
        if default_reason:
            out.append(RowProblem(rec.row, column, None,
                                  "không ghi lý do; dùng lý do mặc định trong tệp cấu hình",
                                  "no reason given; the profile's default reason is used",
                                  "warning"))
        else:
            out.append(RowProblem(rec.row, column, None,
                                  "thiếu lý do trễ hạn (bắt buộc trong văn bản xin lỗi)",
                                  "the reason for the delay is missing (the letter requires it)"))
    return out


def _before(due: datetime, received: datetime) -> bool:
    """Whether a due date falls before the receipt. A due date written without a time
    ("27/10/2023") means that whole day: a dossier received at 08:15 and due the same day
    is on time.

    >>> _before(datetime(2023, 10, 27), datetime(2023, 10, 27, 8, 15))
    False
    >>> _before(datetime(2023, 10, 26), datetime(2023, 10, 27, 8, 15))
    True
    >>> _before(datetime(2023, 10, 27, 7, 0), datetime(2023, 10, 27, 8, 15))
    True
    """
    if due.time() == datetime.min.time():
        return due.date() < received.date()
    return due < received


def _errored(rec: CleanRecord, found: list[RowProblem]) -> set[str]:
    return {name for name, header in rec.headers.items()
            if any(p.column == header for p in found)}


def validate_record(
    raw: RawRecord,
    fields: Sequence[FieldSpec],
    *,
    epoch: int = 1900,
    mixed: Collection[str] = (),
    default_reason: str | None = None,
    issued_on: date | None = None,
) -> tuple[CleanRecord, list[RowProblem]]:
    """One record cleaned and checked on its own (everything but the duplicate-code warning,
    which needs the rows before it: :class:`DuplicateCodes`). ``mixed``: the table's
    mixed-date columns (``Table.mixed_dates``); ``epoch``: its workbook's date system."""
    rec, found = clean_record(raw, fields, epoch=epoch)
    if HIDDEN_ROW in raw.notes:
        found.append(RowProblem(
            rec.row, None, None,
            "dòng này đang bị ẩn trong Excel (lọc hoặc ẩn dòng) nhưng vẫn được tạo văn bản; "
            "nếu không cần gửi, hãy xoá dòng khỏi bảng tính",
            HIDDEN_ROW_EN, "warning"))
    for name in mixed:
        cell = raw.raw.get(name)
        if isinstance(cell, datetime) and cell.day <= 12 and cell.day != cell.month:
            found.append(RowProblem(
                rec.row, rec.headers.get(name), cell.strftime("%d/%m/%Y"),
                "cột này có cả ô ngày của Excel và ô ngày dạng chữ; Excel có thể đã đảo "
                "ngày và tháng của ô này, hãy kiểm tra",
                "this column mixes Excel dates and text dates; Excel may have swapped day "
                "and month in this cell, please check", "warning"))
    errored_cols = {p.column for p in found if p.severity == "error"}
    found.extend(p for p in check_record(rec, default_reason=default_reason, issued_on=issued_on)
                 if p.column not in errored_cols)
    return rec, found


class DuplicateCodes:
    """The duplicate-code warning, given the records in sheet order."""

    def __init__(self) -> None:
        self._seen = FirstSeen()

    def note(self, rec: CleanRecord, found: list[RowProblem]) -> None:
        """Append to ``found`` a warning when ``rec``'s dossier code was seen before."""
        code = rec.values.get("dossier_code")
        if isinstance(code, str):
            first = self._seen.first(code, rec.row)
            if first is not None:
                found.append(RowProblem(
                    rec.row, rec.headers.get("dossier_code"), code,
                    f"mã hồ sơ trùng với dòng {first}",
                    f"the same dossier code as row {first}", "warning"))


def iter_validated(
    table: Table,
    fields: Sequence[FieldSpec],
    *,
    default_reason: str | None = None,
    issued_on: date | None = None,
) -> Iterator[tuple[CleanRecord, list[RowProblem]]]:
    """Each record of ``table`` cleaned and checked, with its problems (errors and
    warnings), one at a time and in sheet order; nothing is written, nothing is raised. A
    row with an error gives no letter. ``issued_on``: the letters' date (see
    :func:`check_record`)."""
    duplicates = DuplicateCodes()
    mixed = table.mixed_dates
    for raw in table.iter_records():
        rec, found = validate_record(raw, fields, epoch=table.grid.epoch, mixed=mixed,
                                     default_reason=default_reason, issued_on=issued_on)
        duplicates.note(rec, found)
        yield rec, found


def is_bad(problems: Sequence[RowProblem]) -> bool:
    """True when one of a row's problems is an error (the row gives no letter)."""
    return any(p.severity == "error" for p in problems)


def validate_table(
    table: Table,
    fields: Sequence[FieldSpec],
    *,
    default_reason: str | None = None,
    issued_on: date | None = None,
) -> Validation:
    """Clean and check every record of ``table`` and keep them all (see
    :func:`iter_validated` for one at a time)."""
    good: list[CleanRecord] = []
    bad: list[CleanRecord] = []
    problems: list[RowProblem] = []
    for rec, found in iter_validated(table, fields, default_reason=default_reason,
                                     issued_on=issued_on):
        problems.extend(found)
        (bad if is_bad(found) else good).append(rec)
    return Validation(tuple(good), tuple(bad), tuple(problems))
