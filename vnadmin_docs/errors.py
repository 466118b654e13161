"""The one exception tree of vnadmin-docs.

Every message is a complete sentence a clerk can act on. Vietnamese is the default; each
error also carries an English rendering (``message_en``) for developers and ``--lang en``.
The CLI maps these errors to a message on stderr and a non-zero exit code; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "BatchRowError",
    "CheckFailed",
    "ConversionError",
    "DataError",
    "FieldProblem",
    "LayoutError",
    "TemplateError",
    "VnAdminError",
]


class VnAdminError(Exception):
    """Base of every error this library raises on purpose."""

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message

    def localized(self, lang: str = "vi") -> str:
        """The message in ``lang`` ("vi" or "en")."""
        return self.message_en if lang.startswith("en") else self.message


_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def shown_value(value: object, width: int = 80) -> str:
    """``value`` as an error message shows it: at most ``width`` characters, built from a
    bounded part of the value (never ``repr()`` of a whole list or mapping, which for a
    YAML anchor bomb would be gigabytes).

    >>> shown_value("Nguyễn Văn A")
    "'Nguyễn Văn A'"
    >>> len(shown_value(["x" * 1000] * 10**6)) <= 80
    True
    """
    shown = repr(value[:width]) if isinstance(value, str) else _REPR.repr(value)
    return shown if len(shown) <= width else shown[:width - 3] + "..."


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one input field.

    ``path`` is the dotted field path as the user wrote it (``signer.full_name``,
    ``recipients.0``); ``value`` is the offending value (``None`` when it is missing).
    """

    path: str
    reason: str
    reason_en: str
    value: object = None
    label: str | None = field(default=None)

    def describe(self, lang: str = "vi") -> str:
        """One line naming the field, its label, the value and the reason."""
        where = f"{self.path} ({self.label})" if self.label else self.path
        reason = self.reason_en if lang.startswith("en") else self.reason
        if self.value is None:
            return f"{where}: {reason}"
        return f"{where} = {shown_value(self.value)}: {reason}"


class DataError(VnAdminError):
    """Raised when input data does not validate; carries every problem, not just the first.

    ``problems`` lists each field with its path; ``source`` names the file if there is one.
    """

    def __init__(self, problems: Sequence[FieldProblem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        head_vi = f"Dữ liệu trong {source} không hợp lệ" if source else "Dữ liệu không hợp lệ"
        head_en = f"The data in {source} is not valid" if source else "The data is not valid"
        count = len(self.problems)
        vi = f"{head_vi} ({count} lỗi):\n" + "\n".join(
            f"  - {p.describe('vi')}" for p in self.problems
        )
        en = f"{head_en} ({count} problem(s)):\n" + "\n".join(
            f"  - {p.describe('en')}" for p in self.problems
        )
        super().__init__(vi, en)

    @property
    def field(self) -> str:
        """Path of the first problem (convenience for single-field errors)."""
        return self.problems[0].path if self.problems else ""


class TemplateError(VnAdminError):
    """Raised when a template cannot be found, parsed or rendered.

    ``template`` names the template file, ``line`` the 1-based line in that file (or
    ``None`` when unknown), ``hint`` says what was expected.
    """

    def __init__(
        self,
        template: str,
        hint: str,
        hint_en: str | None = None,
        line: int | None = None,
    ) -> None:
        self.template = template
        self.line = line
        self.hint = hint
        where = f"{template}, dòng {line}" if line else template
        where_en = f"{template}, line {line}" if line else template
        super().__init__(
            f"Lỗi mẫu văn bản ({where}): {hint}",
            f"Template error ({where_en}): {hint_en or hint}",
        )


class BatchRowError(VnAdminError):
    """Raised (or collected) for one spreadsheet row that cannot become a document.

    ``row`` is the row number as the spreadsheet shows it, ``column`` the header text.
    """

    def __init__(self, row: int, column: str | None, cause: str, cause_en: str | None = None):
        self.row = row
        self.column = column
        self.cause = cause
        col_vi = f", cột “{column}”" if column else ""
        col_en = f", column “{column}”" if column else ""
        super().__init__(
            f"Dòng {row}{col_vi}: {cause}",
            f"Row {row}{col_en}: {cause_en or cause}",
        )


class LayoutError(VnAdminError):
    """Raised when the content cannot be laid out as Decree 30 requires
    (for example a profile value outside the legal range)."""


class ConversionError(VnAdminError):
    """Raised when a document cannot be converted to PDF; names the file that failed."""

    def __init__(self, message: str, message_en: str | None = None, path: str | None = None):
        self.path = path
        super().__init__(message, message_en)


class CheckFailed(VnAdminError):
    """Raised when a document checked with ``strict=True`` has findings."""
