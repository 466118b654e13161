"""The signature block (ô 7a, 7b): authority prefix, titles and the signer's name."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator, model_validator

from vnadmin_docs.model._base import Line, Model, rule_error
from vnadmin_docs.text.case import upper_vi

__all__ = ["Authority", "Signer"]

Authority = Literal["TM.", "KT.", "TL.", "TUQ.", "Q."]
_PREFIXES: tuple[str, ...] = ("TM.", "KT.", "TL.", "TUQ.", "Q.")


class Signer(Model):
    """Who signs and in what capacity (R-KY-1, R-KY-2, R-KY-4, R-KY-5).

    - no ``authority``: the head signs; one line ``title`` ("GIÁM ĐỐC").
    - ``TM.``: ``on_behalf_of`` is the collective ("ỦY BAN NHÂN DÂN"), ``title`` the
      signer's own ("CHỦ TỊCH").
    - ``KT.``/``TL.``/``TUQ.``: ``on_behalf_of`` is the head's title ("GIÁM ĐỐC"), ``title``
      the signer's own ("PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG").
    - ``Q.``: acting head; one line "Q. <title>".

    Titles are printed upper case whatever the input case. ``full_name`` is printed as given
    (no academic titles, R-KY-5).
    """

    authority: Authority | None = None
    on_behalf_of: Line | None = None
    title: Line
    full_name: Line

    @field_validator("authority", mode="before")
    @classmethod
    def _authority(cls, value: Any) -> Any:
        if isinstance(value, str):
            v = value.strip().upper()
            if v and not v.endswith("."):
                v += "."
            if v in _PREFIXES:
                return v
            if not v:
                return None
            raise rule_error(
                f"tiền tố thẩm quyền phải là một trong {', '.join(_PREFIXES)} (R-KY-1).",
                f"the authority prefix must be one of {', '.join(_PREFIXES)} (R-KY-1).",
            )
        return value

    @field_validator("title", "on_behalf_of")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return upper_vi(value) if value is not None else None

    @field_validator("full_name")
    @classmethod
    def _no_degree(cls, value: str) -> str:
        lowered = value.lower()
        for degree in ("ts.", "ths.", "pgs.", "gs.", "tiến sĩ", "thạc sĩ", "kỹ sư", "ks."):
            if lowered.startswith(degree):
                raise rule_error(
                    "không ghi học hàm, học vị trước họ tên người ký (R-KY-5).",
                    "no academic title or degree before the signer's name (R-KY-5).",
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Signer:
        needs_head = self.authority in ("TM.", "KT.", "TL.", "TUQ.")
        if needs_head and not self.on_behalf_of:
            raise rule_error(
                f"ký “{self.authority}” thì phải ghi on_behalf_of (chức vụ người đứng đầu hoặc "
                "tên tập thể) (R-KY-1).",
                f"signing '{self.authority}' needs on_behalf_of (the head's title or the "
                "collective) (R-KY-1).",
            )
        if not needs_head and self.on_behalf_of:
            raise rule_error(
                "on_behalf_of chỉ dùng với TM., KT., TL., TUQ.",
                "on_behalf_of is only used with TM., KT., TL., TUQ.",
            )
        return self

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature (ô 7a)."""
        if self.authority is None:
            return (self.title,)
        if self.authority == "Q.":
            return (f"Q. {self.title}",)
        return (f"{self.authority} {self.on_behalf_of}", self.title)
