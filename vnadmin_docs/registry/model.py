"""What the number book holds: books, entries and the request for a new number.

A *book* is one numbering series of one issuing body in one calendar year (Điều 15,
R-SO-1): ordinary documents, secret documents (their own series, Điều 15 khoản 2) and copies
(their own series shared by SAO Y / SAO LỤC / TRÍCH SAO, R-BS-3). An advisory body that issues
in its own name keeps its own books under its own abbreviation (R-SO-9).

An *entry* is one line of the "Sổ đăng ký văn bản đi" (Phụ lục IV, mục I). Numbers are never
reused: a cancelled entry keeps its number, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from vnadmin_docs.errors import DataError, FieldProblem, VnAdminError
from vnadmin_docs.layout.rules import load_decree30
from vnadmin_docs.text.so_line import number_text

__all__ = [
    "Book",
    "Entry",
    "EntryDraft",
    "EntryStatus",
    "RegisterError",
    "RegisterFileError",
    "Series",
    "parse_series",
]


class RegisterError(VnAdminError):
    """Raised when the number book cannot do what was asked: the book file or server cannot
    be opened, a number does not exist, an entry is already cancelled, the book stayed busy
    longer than the timeout, or a date would break the chronological order of the series."""


class RegisterFileError(RegisterError):
    """The book's file itself cannot be used: damaged or cut short, on a read-only disk,
    another program's database. The message says what to do; the CLI exits with code 2."""


class Series(StrEnum):
    """The separate numbering series a body keeps each year."""

    ORDINARY = "thuong"
    """Ordinary documents (văn bản thường), Điều 15 khoản 1."""
    SECRET = "mat"
    """Secret documents (văn bản mật): their own series, Điều 15 khoản 2."""
    COPY = "sao"
    """Copies (bản sao y / sao lục / trích sao): their own series, R-BS-3."""

    @property
    def label(self) -> str:
        """The Vietnamese name a clerk reads."""
        return _SERIES_LABELS[self]


_SERIES_LABELS = {
    Series.ORDINARY: "văn bản thường",
    Series.SECRET: "văn bản mật",
    Series.COPY: "bản sao",
}


def parse_series(value: str | Series) -> Series:
    """Accept ``thuong``/``mat``/``sao`` (with or without Vietnamese marks) or a Series.

    >>> parse_series("thường")
    <Series.ORDINARY: 'thuong'>
    >>> parse_series("MAT").value
    'mat'
    """
    if isinstance(value, Series):
        return value
    key = value.strip().lower()
    key = {"thường": "thuong", "mật": "mat"}.get(key, key)
    try:
        return Series(key)
    except ValueError:
        raise DataError(
            [
                FieldProblem(
                    "series",
                    "phải là một trong: thuong (văn bản thường), mat (văn bản mật), sao (bản sao)",
                    "must be one of: thuong (ordinary), mat (secret), sao (copies)",
                    value,
                    "Hệ thống số",
                )
            ]
        ) from None


class EntryStatus(StrEnum):
    """Whether an entry's number is in use or was cancelled (the number stays taken)."""

    ISSUED = "issued"
    CANCELLED = "cancelled"


_SYMBOL_RE = re.compile(r"^[^\s/\-]+(-[^\s/\-]+)*$")
_ISSUER_RE = re.compile(r"^[^\s/]+$")


@dataclass(frozen=True)
class EntryDraft:
    """What the clerk tells the book about a document before it gets its number.

    ``symbol`` is the ký hiệu after the slash (``QĐ-BNV``, ``BNV-VP``, ``SY-UBND``);
    ``archive`` fills column (6) "Đơn vị, người nhận bản lưu"; ``sent_on`` column (8).
    """

    symbol: str
    type_name: str
    summary: str
    signer: str = ""
    recipients: tuple[str, ...] = ()
    copies: int | None = None
    archive: str = ""
    sent_on: date | None = None
    note: str = ""

    def problems(self, prefix: str = "") -> list[FieldProblem]:
        """Every problem with this draft (empty when it is fine); paths start with ``prefix``."""
        found: list[FieldProblem] = []
        if not _SYMBOL_RE.match(self.symbol or ""):
            found.append(
                FieldProblem(
                    f"{prefix}symbol",
                    "ký hiệu phải có dạng như QĐ-BNV hoặc BNV-VP: các nhóm chữ nối bằng dấu "
                    "gạch nối, không có dấu cách, không có dấu gạch chéo (R-SO-5)",
                    "the symbol must look like QĐ-BNV or BNV-VP: groups joined by hyphens, "
                    "no spaces, no slash (R-SO-5)",
                    self.symbol,
                    "Ký hiệu",
                )
            )
        elif any(group.upper() == "CV" for group in self.symbol.split("-")):
            found.append(
                FieldProblem(
                    f"{prefix}symbol",
                    "không có chữ viết tắt “CV” cho công văn; ký hiệu công văn là "
                    "<cơ quan>-<đơn vị soạn thảo>, ví dụ BNV-VP (R-SO-7)",
                    "there is no abbreviation 'CV' for a công văn; its symbol is "
                    "<body>-<drafting unit>, e.g. BNV-VP (R-SO-7)",
                    self.symbol,
                    "Ký hiệu",
                )
            )
        if not self.type_name.strip():
            found.append(
                FieldProblem(
                    f"{prefix}type_name",
                    "cần tên loại văn bản (ví dụ: Công văn, Quyết định)",
                    "the document type is required (e.g. Công văn, Quyết định)",
                    None,
                    "Tên loại",
                )
            )
        if not self.summary.strip():
            found.append(
                FieldProblem(
                    f"{prefix}summary",
                    "cần trích yếu nội dung văn bản",
                    "the summary (trích yếu) is required",
                    None,
                    "Trích yếu",
                )
            )
        if self.copies is not None and self.copies < 1:
            found.append(
                FieldProblem(
                    f"{prefix}copies",
                    "số lượng bản phải từ 1 trở lên",
                    "the number of copies must be 1 or more",
                    self.copies,
                    "Số lượng bản",
                )
            )
        for i, recipient in enumerate(self.recipients):
            if not recipient.strip():
                found.append(
                    FieldProblem(
                        f"{prefix}recipients.{i}",
                        "nơi nhận để trống",
                        "the recipient is empty",
                        recipient,
                        "Nơi nhận",
                    )
                )
        return found


def issuer_problems(issuer_abbr: str) -> list[FieldProblem]:
    """Problems with an issuing body's abbreviation (the key of its books)."""
    if _ISSUER_RE.match(issuer_abbr or ""):
        return []
    return [
        FieldProblem(
            "issuer_abbr",
            "cần chữ viết tắt tên cơ quan ban hành (ví dụ BNV, UBND), không có dấu cách "
            "hay dấu gạch chéo",
            "the issuing body's abbreviation is required (e.g. BNV, UBND), without spaces "
            "or slashes",
            issuer_abbr or None,
            "Cơ quan ban hành",
        )
    ]


@dataclass(frozen=True)
class Book:
    """One yearly series of one issuing body, with the last number it handed out."""

    issuer_abbr: str
    year: int
    series: Series
    last_number: int
    last_date: date | None


@dataclass(frozen=True)
class Entry:
    """One line of the outgoing-document register.

    ``id`` identifies the entry inside this register; clerks refer to it by its number.
    """

    id: int
    issuer_abbr: str
    year: int
    series: Series
    number: int
    symbol: str
    doc_date: date
    type_name: str
    summary: str
    signer: str
    recipients: tuple[str, ...]
    copies: int | None
    archive: str
    sent_on: date | None
    note: str
    status: EntryStatus
    created_at: datetime
    output_path: str | None = None
    output_sha256: str | None = None
    cancel_reason: str | None = None
    cancelled_at: datetime | None = None

    @property
    def number_text(self) -> str:
        """``01``, ``15``: the number as written on the document (R-SO-2)."""
        return number_text(self.number)

    @property
    def reference(self) -> str:
        """Số và ký hiệu without the word Số: ``01/QĐ-BNV`` (R-SO-5)."""
        return f"{self.number_text}/{self.symbol}"

    @property
    def so_line(self) -> str:
        """The whole Số line of the document: ``Số: 01/QĐ-BNV`` (R-SO-3)."""
        return f"Số: {self.reference}"

    @property
    def is_cancelled(self) -> bool:
        return self.status is EntryStatus.CANCELLED


def copy_abbreviations() -> tuple[str, ...]:
    """The copy types' abbreviations that open a copy's symbol (R-BS-1, R-BS-3).

    >>> copy_abbreviations()
    ('SY', 'SL', 'TrS')
    """
    table: dict[str, str] = load_decree30()["copies"]["abbreviations"]
    return tuple(table.values())


def series_problem(symbol: str, series: Series, path: str) -> FieldProblem | None:
    """A copy (SY/SL/TrS-…) must be numbered in the copies series and only a copy may be
    (R-BS-3: copies keep their own yearly series)."""
    copies = copy_abbreviations()
    is_copy = symbol.split("-", 1)[0] in copies
    if series is Series.COPY and not is_copy:
        return FieldProblem(
            path,
            f"hệ thống số bản sao chỉ dành cho ký hiệu bắt đầu bằng {', '.join(copies)} (R-BS-3)",
            f"the copies series is only for symbols starting with {', '.join(copies)} (R-BS-3)",
            symbol,
            "Ký hiệu",
        )
    if series is not Series.COPY and is_copy:
        return FieldProblem(
            path,
            "bản sao có hệ thống số riêng: hãy cấp số trong hệ thống số “sao” (R-BS-3)",
            "copies have their own series: number this in the “sao” series (R-BS-3)",
            symbol,
            "Ký hiệu",
        )
    return None


def check_drafts(
    issuer_abbr: str, drafts: Sequence[EntryDraft], series: Series = Series.ORDINARY
) -> None:
    """Raise one DataError listing every problem of the issuer and all drafts."""
    found = issuer_problems(issuer_abbr)
    many = len(drafts) > 1
    for i, draft in enumerate(drafts):
        prefix = f"{i}." if many else ""
        problems = draft.problems(prefix)
        found.extend(problems)
        if not any(p.path == f"{prefix}symbol" for p in problems):
            wrong_series = series_problem(draft.symbol, series, f"{prefix}symbol")
            if wrong_series is not None:
                found.append(wrong_series)
    if found:
        raise DataError(found)
