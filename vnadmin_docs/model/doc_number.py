"""Số and ký hiệu (ô 3): the number in the yearly series and the symbol groups."""

from __future__ import annotations

from pydantic import Field, field_validator

from vnadmin_docs.model._base import Line, Model, rule_error

__all__ = ["DocNumber"]


class DocNumber(Model):
    """``number`` is empty for a draft (filled at registration, R-SO-11); ``symbol`` lists
    the groups after the slash. When ``symbol`` is omitted the layout builds it from the
    issuer and the document kind (R-SO-6 / R-SO-7); ``unit`` is the drafting unit used by a
    công văn's symbol ("VP" in 12/UBND-VP).
    """

    number: int | None = Field(default=None, ge=1, le=999_999)
    symbol: tuple[Line, ...] | None = None
    unit: Line | None = None

    @field_validator("symbol")
    @classmethod
    def _groups(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not value:
            raise rule_error(
                "ký hiệu cần ít nhất một nhóm.", "the symbol needs at least one group."
            )
        for group in value:
            if not group or any(c in group for c in " /-"):
                raise rule_error(
                    f"nhóm ký hiệu “{group}” không được rỗng hay chứa dấu cách, “/”, “-” (R-SO-5).",
                    f"symbol group '{group}' must not be empty or hold spaces, '/', '-' (R-SO-5).",
                )
            if group.upper() == "CV":
                raise rule_error(
                    "không có chữ viết tắt “CV” cho công văn (R-SO-7, R-ABBR-2).",
                    "there is no abbreviation 'CV' for a công văn (R-SO-7, R-ABBR-2).",
                )
        return value

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str | None) -> str | None:
        if value is not None and any(c in value for c in " /-"):
            raise rule_error(
                "chữ viết tắt đơn vị soạn thảo không có dấu cách, “/”, “-”.",
                "the drafting-unit abbreviation may not hold spaces, '/', '-'.",
            )
        return value
