"""Address, phone, e-mail, website (ô 13, optional, page 1 only)."""

from __future__ import annotations

from pydantic import field_validator

from vnadmin_docs.model._base import Line, Model, rule_error

__all__ = ["Contact"]


class Contact(Model):
    """Printed at the foot of page 1 under a full-width line (R-DC-1)."""

    address: Line | None = None
    phone: Line | None = None
    fax: Line | None = None
    email: Line | None = None
    website: Line | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and ("@" not in value or " " in value):
            raise rule_error(
                f"địa chỉ thư điện tử “{value}” không hợp lệ.",
                f"'{value}' is not an e-mail address.",
            )
        return value

    def lines(self) -> tuple[str, ...]:
        """The contact lines as Mẫu 1.5 shows them.

        >>> Contact(address="Số 1 Hùng Vương", phone="0261 3544 111",
        ...         email="vp@example.gov.vn").lines()
        ('Số 1 Hùng Vương', 'ĐT: 0261 3544 111', 'E-mail: vp@example.gov.vn')
        """
        tel = _joined(("ĐT", self.phone), ("Fax", self.fax))
        web = _joined(("E-mail", self.email), ("Website", self.website))
        return tuple(line for line in (self.address, tel, web) if line)


def _joined(*labelled: tuple[str, str | None]) -> str:
    """The given values as "Label: value", comma-separated, on one line."""
    return ", ".join(f"{label}: {value}" for label, value in labelled if value)
