"""The signature block (ô 7a, 7b): authority prefixes, titles and the signer's name.

One prefix or a combination written outermost first (docs/dev/signing-authority.md):
``authority: [TM., KT.]`` with ``on_behalf_of: [Ủy ban nhân dân, Chủ tịch]`` and
``title: Phó Chủ tịch`` is "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator, model_validator

from vnadmin_docs.model._base import Line, Model, MultiLine, rule_error
from vnadmin_docs.text.case import upper_vi

__all__ = ["ADMITTED_COMBINATIONS", "Authority", "Signer"]

Authority = Literal["TM.", "KT.", "TL.", "TUQ.", "Q."]
_PREFIXES: tuple[str, ...] = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
# Prefixes that stand before someone else's title or a collective's name (one on_behalf_of
# line each); "Q." stands before the signer's own title.
_BEFORE_OTHER = ("TM.", "KT.", "TL.", "TUQ.")

ADMITTED_COMBINATIONS: tuple[tuple[str, ...], ...] = (
    ("TM.", "KT."),  # Điều 13.2: a deputy signs on behalf of the collective, for the head
    ("TM.", "Q."),  # an acting head signs on behalf of the collective as the head would
    ("TL.", "KT."),  # Điều 13.4: the TL. signer may hand it to his deputy, who signs KT.
)
"""Two-level signing the decree admits (Điều 13, Phụ lục I §7b); every other pair is
refused. TUQ. is never combined: "không được ủy quyền lại" (Điều 13.3)."""


def _prefix(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    v = value.strip().upper()
    if v and not v.endswith("."):
        v += "."
    if v in _PREFIXES or not v:
        return v or None
    raise rule_error(
        f"authority: tiền tố thẩm quyền “{value}” phải là một trong {', '.join(_PREFIXES)} "
        "(R-KY-1).",
        f"authority: the prefix '{value}' must be one of {', '.join(_PREFIXES)} (R-KY-1).",
    )


def _one_or_many(value: Any) -> Any:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return value


class Signer(Model):
    """Who signs and in what capacity (R-KY-1, R-KY-2, R-KY-4, R-KY-5).

    - no ``authority``: the head signs; one line ``title`` ("GIÁM ĐỐC").
    - ``TM.``: ``on_behalf_of`` is the collective ("ỦY BAN NHÂN DÂN"), ``title`` the
      signer's own ("CHỦ TỊCH").
    - ``KT.``/``TL.``/``TUQ.``: ``on_behalf_of`` is the head's title ("GIÁM ĐỐC"), ``title``
      the signer's own ("PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG").
    - ``Q.``: acting head; one line "Q. <title>".
    - a list, outermost first (``[TM., KT.]``, ``[TM., Q.]``, ``[TL., KT.]``): one
      ``on_behalf_of`` item per TM./KT./TL. in the same order.

    Titles are printed upper case whatever the input case; a line break written in
    ``on_behalf_of`` or ``title`` stays a line break. ``full_name`` is printed as given (no
    academic titles, R-KY-5).
    """

    authority: tuple[Authority, ...] = ()
    on_behalf_of: tuple[MultiLine, ...] = ()
    title: MultiLine
    full_name: Line

    @field_validator("authority", mode="before")
    @classmethod
    def _authority(cls, value: Any) -> Any:
        if value is None:
            return ()
        items = _one_or_many(value)
        if not isinstance(items, list | tuple):
            return items
        prefixes = tuple(p for p in (_prefix(v) for v in items) if p)
        if len(prefixes) > 1 and prefixes not in ADMITTED_COMBINATIONS:
            admitted = "; ".join("[" + ", ".join(c) + "]" for c in ADMITTED_COMBINATIONS)
            raise rule_error(
                f"authority: Nghị định 30 không có cách ký “{' '.join(prefixes)}”; chỉ ghép "
                f"được {admitted}, ghi từ ngoài vào trong (R-KY-1, Điều 13).",
                f"authority: Decree 30 has no '{' '.join(prefixes)}' signing; only {admitted} "
                "combine, outermost first (R-KY-1, Điều 13).",
            )
        return prefixes

    @field_validator("on_behalf_of", mode="before")
    @classmethod
    def _behalf(cls, value: Any) -> Any:
        return () if value is None else _one_or_many(value)

    @field_validator("title")
    @classmethod
    def _upper(cls, value: str) -> str:
        return upper_vi(value)

    @field_validator("on_behalf_of")
    @classmethod
    def _upper_all(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(upper_vi(v) for v in value)

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
        need = sum(1 for a in self.authority if a in _BEFORE_OTHER)
        have = len(self.on_behalf_of)
        if need and have < need:
            heads = ", ".join(a for a in self.authority if a in _BEFORE_OTHER)
            raise rule_error(
                f"on_behalf_of: ký “{' '.join(self.authority)}” thì phải ghi on_behalf_of "
                f"({need} mục, cho {heads}: tên tập thể sau TM., chức vụ người đứng đầu sau "
                "KT./TL./TUQ.) (R-KY-1).",
                f"on_behalf_of: signing '{' '.join(self.authority)}' needs on_behalf_of ({need} "
                f"item(s), for {heads}: the collective after TM., the head's title after "
                "KT./TL./TUQ.) (R-KY-1).",
            )
        if have > need:
            raise rule_error(
                f"on_behalf_of: có {have} mục nhưng authority chỉ cần {need}; on_behalf_of chỉ "
                "dùng với TM., KT., TL., TUQ., mỗi tiền tố một mục.",
                f"on_behalf_of: {have} item(s) but authority needs {need}; on_behalf_of is "
                "only used with TM., KT., TL., TUQ., one item each.",
            )
        return self

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature (ô 7a, 7b); a line may hold "\\n"."""
        lines: list[str] = []
        behalf = iter(self.on_behalf_of)
        title = self.title
        for prefix in self.authority:
            if prefix == "Q.":
                title = f"Q. {title}"
            else:
                lines.append(f"{prefix} {next(behalf)}")
        lines.append(title)
        return tuple(lines)
