"""Where the digital signatures go: the placement manifest (no signing library needed).

A placement is one signature field: its role (``signer`` = ô 7c, the competent person;
``agency`` = ô 8, the agency's signature shown as the seal; ``attachment`` = the agency's
text signature at the top right of page 1 of a separate attachment file, R-DAU-4), the
page (1-based) and the rectangle in PDF points, origin at the bottom left of the page.

The manifest is the JSON an e-office system reads to sign with its own tool::

    {"version": 1, "pdf": "cong-van.pdf", "unit": "pt", "origin": "bottom-left",
     "fields": [{"name": "ChuKySo_NguoiKy", "role": "signer", "page": 2,
                 "rect": [310.2, 160.4, 452.0, 222.8]}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vnadmin_docs._files import atomic_write_bytes
from vnadmin_docs.errors import DataError, FieldProblem

__all__ = [
    "FIELD_NAMES",
    "ROLE_LABELS",
    "Placement",
    "Role",
    "read_manifest",
    "write_manifest",
]

Role = Literal["signer", "agency", "attachment"]
FIELD_NAMES: dict[str, str] = {
    "signer": "ChuKySo_NguoiKy",
    "agency": "ChuKySo_CoQuan",
    "attachment": "ChuKySo_CoQuan_TepDinhKem",
}
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "signer": ("người có thẩm quyền ký (ô 7c)", "competent signer (box 7c)"),
    "agency": ("cơ quan, tổ chức (ô 8, hình con dấu)", "agency (box 8, seal image)"),
    "attachment": ("cơ quan, tổ chức trên tệp đính kèm", "agency on a separate attachment"),
}


@dataclass(frozen=True)
class Placement:
    """One signature field: role, 1-based page, rectangle (x0, y0, x1, y1) in points."""

    role: Role
    page: int
    rect: tuple[float, float, float, float]
    name: str = ""

    @property
    def field_name(self) -> str:
        return self.name or FIELD_NAMES[self.role]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.field_name,
            "role": self.role,
            "page": self.page,
            "rect": [round(v, 2) for v in self.rect],
        }


def write_manifest(
    path: str | Path,
    pdf: str | Path,
    placements: list[Placement],
    text_fields: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the placement manifest beside the PDF (atomically); ``text_fields`` are the
    number/date fields to fill at issue time (``issue_fields``)."""
    body: dict[str, Any] = {
        "version": 1,
        "pdf": Path(pdf).name,
        "unit": "pt",
        "origin": "bottom-left",
        "fields": [p.as_json() for p in placements],
    }
    if text_fields:
        body["issue_fields"] = text_fields
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"))


def read_manifest(path: str | Path) -> list[Placement]:
    """The placements of a manifest written by :func:`write_manifest`."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        out = []
        for f in data["fields"]:
            x0, y0, x1, y1 = (float(v) for v in f["rect"])
            if f["role"] not in FIELD_NAMES:
                raise ValueError(f["role"])
            out.append(Placement(f["role"], int(f["page"]), (x0, y0, x1, y1), str(f["name"])))
        return out
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(
            [
                FieldProblem(
                    str(p),
                    f"tệp vị trí chữ ký không đọc được hoặc sai cấu trúc ({exc})",
                    f"the placement manifest cannot be read or is malformed ({exc})",
                )
            ]
        ) from None
