"""The row problems of a batch as the clerk reads them in the terminal.

A handful of problems is printed one per line, as before. A real portal export of 10,000
dossiers gives thousands of warnings of a few kinds ("the phone number lost its leading 0",
"no reason given: the profile's default used"); printed one per line they bury the errors
and the summary, and the terminal spends longer printing them than the batch spends on a
thousand letters. Beyond :data:`EACH_MAX` problems, therefore:

- every error is still printed on its own line (a row without a letter must be fixed), up to
  :data:`LINES_MAX` lines;
- warnings of the same column and reason are printed once, with how many rows and the first
  row numbers;
- one last line says where the full list is (``manifest.csv`` has every problem of every
  row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vnadmin_docs.batch.record import RowProblem

__all__ = ["EACH_MAX", "LINES_MAX", "problem_lines"]

EACH_MAX = 20
"""Up to this many problems, each is printed on its own line."""
LINES_MAX = 200
"""At most this many problem lines in all; the rest is counted on the last line."""
ROWS_SHOWN = 8
"""Row numbers shown for a group of warnings."""


@dataclass
class _Group:
    first: RowProblem
    rows: list[int] = field(default_factory=list)
    count: int = 0


def _count(n: int, lang: str) -> str:
    """``3.333`` in Vietnamese, ``3,333`` in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def _tag(p: RowProblem, lang: str) -> str:
    if p.severity == "error":
        return "LỖI" if lang == "vi" else "ERROR"
    return "Cảnh báo" if lang == "vi" else "Warning"


def _grouped(g: _Group, lang: str) -> str:
    p = g.first
    rows = ", ".join(map(str, g.rows)) + ("…" if g.count > len(g.rows) else "")
    reason = p.reason if lang == "vi" else p.reason_en
    if lang == "vi":
        where = f"cột “{p.column}”: " if p.column else ""
        return f"{where}{reason} — {_count(g.count, lang)} dòng ({rows})"
    where = f"column “{p.column}”: " if p.column else ""
    return f"{where}{reason} — {_count(g.count, lang)} rows ({rows})"


def problem_lines(problems: Sequence[RowProblem], lang: str, *, report: str | None,
                  strict: bool = False) -> list[tuple[str, str]]:
    """``(tag, text)`` lines for the terminal; ``report``: where the full list is (the
    manifest's path), ``None`` when the run writes no report (``--dry-run``, or ``strict``:
    ``--strict`` found an error)."""
    if len(problems) <= EACH_MAX:
        return [(_tag(p, lang), p.message(lang)) for p in problems]
    lines: list[tuple[str, str]] = []
    groups: dict[tuple[str | None, str], _Group] = {}
    left_out = 0
    for p in problems:  # once: a batch's log is read from disk
        if p.severity == "error":
            if len(lines) < LINES_MAX:
                lines.append((_tag(p, lang), p.message(lang)))
            else:
                left_out += 1
            continue
        group = groups.setdefault((p.column, p.reason), _Group(p))
        group.count += 1
        if len(group.rows) < ROWS_SHOWN:
            group.rows.append(p.row)
    for group in groups.values():
        if len(lines) >= LINES_MAX:
            left_out += group.count
        elif group.count == 1:
            lines.append((_tag(group.first, lang), group.first.message(lang)))
        else:
            lines.append((_tag(group.first, lang), _grouped(group, lang)))
    vi = lang == "vi"
    more = (f"và {_count(left_out, lang)} vấn đề khác; " if vi else
            f"and {_count(left_out, lang)} more; ") if left_out else ""
    if report is not None:
        where = (f"{more}từng dòng, đủ cả: {report}" if vi else
                 f"{more}every row, in full: {report}")
    elif strict:
        where = (f"{more}sửa các dòng lỗi rồi chạy lại để có báo cáo manifest.csv ghi đủ từng "
                 "dòng" if vi else f"{more}fix the rows in error and run again for "
                 "manifest.csv, with every row")
    else:
        where = (f"{more}chạy không có --dry-run để có báo cáo manifest.csv ghi đủ từng dòng"
                 if vi else f"{more}run without --dry-run for manifest.csv, with every row")
    lines.append(("…", where))
    return lines
