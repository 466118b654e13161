"""Days late recounted in working days, when a batch profile asks for it.

A sheet's "Số ngày quá hạn" does not mean the same thing everywhere: Thanh Hóa shows calendar
days (today − due + 1, as ``"3  Ngày"``), e-par counts business days per workflow step
(input notes §1.4). By default the sheet's value is carried through unchanged. With
``days_late: working_days`` the batch counts working days after the due date up to the day
the result was returned (or the letter's issue date when it has not been), with the holiday
calendar (the shipped data plus the profile's ``holidays`` files), and warns when the sheet
said otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from vnadmin_docs.batch.record import CleanRecord, RowProblem
from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.working_days import HolidayCalendar, working_days_between

__all__ = ["recount_days_late"]


def recount_days_late(
    rec: CleanRecord, issue_day: dt.date, calendar: HolidayCalendar
) -> tuple[CleanRecord, list[RowProblem]]:
    """``rec`` with ``days_late`` counted in working days, and what to report about it.

    A row without a due date keeps its value. A result not late by the calendar gives no
    count (the letter then says nothing about the number of days). A date the holiday data
    does not cover is an error for the row (the count would be wrong).
    """
    due = rec.values.get("due_at")
    if not isinstance(due, dt.datetime | dt.date):
        return rec, []
    returned = rec.values.get("returned_at")
    end = returned if isinstance(returned, dt.datetime | dt.date) else issue_day
    column = rec.headers.get("days_late", "Số ngày quá hạn")
    try:
        days = working_days_between(due, end, calendar)
    except TextValueError as exc:
        return rec, [RowProblem(rec.row, rec.headers.get("due_at"), None,
                                f"không tính được số ngày quá hạn: {exc.localized('vi')}",
                                f"the days late cannot be counted: {exc.localized('en')}")]
    counted = days if days > 0 else None
    given = rec.values.get("days_late")
    problems: list[RowProblem] = []
    if isinstance(given, int) and given != counted:
        problems.append(RowProblem(
            rec.row, column, given,
            f"bảng tính ghi {given} ngày, tính lại theo ngày làm việc được "
            f"{counted or 0} ngày; văn bản dùng số tính lại",
            f"the sheet says {given} days, recounted in working days {counted or 0}; the "
            "letter uses the recount", "warning"))
    return replace(rec, values={**rec.values, "days_late": counted}), problems
