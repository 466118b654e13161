"""Urgency, secrecy and circulation marks (ô 10a, 10b, 11)."""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from pydantic import field_validator

from vnadmin_docs.model._base import Line, Model, rule_error

__all__ = ["Marks", "Secrecy", "Urgency"]

Urgency = Literal["HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"]
Secrecy = Literal["TUYỆT MẬT", "TỐI MẬT", "MẬT"]

# Old and new tone placement both occur in the decree itself (HOẢ / HỎA).
_FOLD = {"HOẢ TỐC": "HỎA TỐC"}


def _canon(value: Any, allowed: tuple[str, ...], rule: str) -> Any:
    if not isinstance(value, str):
        return value
    v = unicodedata.normalize("NFC", value).strip().upper()
    v = _FOLD.get(v, v)
    if not v:
        return None
    if v not in allowed:
        raise rule_error(
            f"phải là một trong: {', '.join(allowed)} ({rule}).",
            f"must be one of: {', '.join(allowed)} ({rule}).",
        )
    return v


class Marks(Model):
    """Optional marks printed in framed boxes or above the header."""

    urgency: Urgency | None = None
    secrecy: Secrecy | None = None
    circulation: Line | None = None

    @field_validator("urgency", mode="before")
    @classmethod
    def _urgency(cls, value: Any) -> Any:
        return _canon(value, ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"), "R-KHAN-1")

    @field_validator("secrecy", mode="before")
    @classmethod
    def _secrecy(cls, value: Any) -> Any:
        return _canon(value, ("TUYỆT MẬT", "TỐI MẬT", "MẬT"), "R-MAT-1")

    @field_validator("circulation")
    @classmethod
    def _circ(cls, value: str | None) -> str | None:
        return value.upper() if value else None
