"""A copy (bản sao, Phụ lục I Phần II; R-BS-1..3): who copies, its own number, the signer.

The copy block goes after the original's last line, under a full-width rule (R-BS-2). A
trích sao keeps only the extracted part of the original (``extract``).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from vnadmin_docs.model._base import Line, Model, rule_error
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.model.issuer import Issuer
from vnadmin_docs.model.signer import Signer

__all__ = ["COPY_SYMBOLS", "CopyKind", "CopyOrder", "ExtractRange"]

CopyKind = Literal["SAO Y", "SAO LỤC", "TRÍCH SAO"]
COPY_SYMBOLS: dict[str, str] = {"SAO Y": "SY", "SAO LỤC": "SL", "TRÍCH SAO": "TrS"}
"""The copy symbols of Phụ lục III, Mục I (R-BS-1)."""


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    out = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(out.replace("-", " ").replace("_", " ").split())


_KINDS = {
    "sao y": "SAO Y",
    "sy": "SAO Y",
    "sao luc": "SAO LỤC",
    "sl": "SAO LỤC",
    "trich sao": "TRÍCH SAO",
    "trs": "TRÍCH SAO",
}


class ExtractRange(Model):
    """One extracted run of the original (trích sao): from the first paragraph whose text
    starts with ``start`` to the first one after it whose text starts with ``end``
    (inclusive; without ``end``, that paragraph alone)."""

    start: Line
    end: Line | None = None


class CopyOrder(Model):
    """What the copying body adds (ô 1–7 of R-BS-3, R-POS-6).

    ``issuer`` is the body that makes the copy (its name is printed, its abbreviation is in
    the copy's symbol ``05/SY-UBND``, its place in the date line); ``number`` is the copy's
    own yearly series, shared by every kind of copy (blank for a draft); ``recipients`` is the
    Nơi nhận list, closed by "Lưu: VT." (``archive_unit`` adds a unit).
    """

    kind: CopyKind = "SAO Y"
    issuer: Issuer
    number: int | None = Field(default=None, ge=1, le=999_999)
    date: IssueDate = Field(default_factory=IssueDate)
    signer: Signer
    recipients: tuple[Line, ...] = ()
    archive_unit: Line | None = None
    extract: tuple[ExtractRange, ...] = ()

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        if isinstance(value, str):
            kind = _KINDS.get(_fold(value))
            if kind is None:
                raise rule_error(
                    f"kind: hình thức sao “{value}” phải là SAO Y, SAO LỤC hoặc TRÍCH SAO "
                    "(R-BS-1).",
                    f"kind: the copy type '{value}' must be SAO Y, SAO LỤC or TRÍCH SAO (R-BS-1).",
                )
            return kind
        return value

    @field_validator("recipients", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("extract", mode="before")
    @classmethod
    def _ranges(cls, value: Any) -> Any:
        if isinstance(value, dict | str):
            value = [value]
        if isinstance(value, list | tuple):
            return [{"start": v} if isinstance(v, str) else v for v in value]
        return value

    @property
    def symbol(self) -> tuple[str, str]:
        """The copy's ký hiệu groups: ``("SY", "UBND")`` (R-BS-3)."""
        return (COPY_SYMBOLS[self.kind], self.issuer.abbreviation)

    @model_validator(mode="after")
    def _extract_only_for_trich_sao(self) -> CopyOrder:
        if self.kind == "TRÍCH SAO" and not self.extract:
            raise rule_error(
                "extract: trích sao cần phần trích, ví dụ extract: [{start: “Điều 2.”, end: "
                "“Điều 3.”}] (R-BS-1).",
                "extract: a trích sao needs the extracted part, e.g. extract: [{start: "
                "'Điều 2.', end: 'Điều 3.'}] (R-BS-1).",
            )
        if self.kind != "TRÍCH SAO" and self.extract:
            raise rule_error(
                "extract: chỉ trích sao mới chọn phần trích; sao y, sao lục sao toàn văn (R-BS-1).",
                "extract: only a trích sao takes a part; sao y and sao lục copy the whole text.",
            )
        return self
