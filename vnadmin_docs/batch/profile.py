"""Batch settings: one YAML profile per agency desk.

The agency that signs today may differ from the one named in the data (the 2025 mergers),
so issuer, place name, signer, Nơi nhận and numbering are settings, never columns.

```yaml
template: xin-loi                # or van-ban-xin-loi / phieu-xin-loi
issue_date: 2025-11-20           # optional, default: the day of the run
numbering: {start: 101}          # letter numbers in row order: 101, 102, ...
document:                        # passed to the document model for every letter
  issuer: {superior: "UBND TỈNH LÂM ĐỒNG", name: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
           abbreviation: "TTPVHCC", place: "Lâm Đồng"}
  number: {unit: "TTPVHCC"}
  signer: {authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", full_name: "Trần Văn Bình"}
  recipients: ["Sở Nội vụ (để b/c)"]
  archive: {unit: "TTPVHCC"}
agency: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"   # the issuer in running text
default_reason: "…"              # used (with a warning) when a row gives no reason
contact: "…"                     # the contact sentence of the letter
representative: owner            # owner | representative | owner_via_representative
honorific_from_id: false         # opt-in: Ông or Bà from the 12-digit CCCD (personal data)
group_field: processing_unit     # optional: carry "I. Sở Tư pháp" group rows into this field
days_late: sheet                 # sheet (as exported) | working_days (recount, warn if different)
holidays: [nghi-le-2027.toml]    # extra holiday files for working_days (beside this file)
file_name: "{number:03d}-{dossier_code}"
columns: {"Tên người dân": applicant_name, "Ghi chú nội bộ": null}
zip: false
```
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path, PureWindowsPath
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.model.document import problems_from
from vnadmin_docs.model.loading import StructureError, load_structured

__all__ = ["BatchProfile", "Numbering", "load_mapping", "load_profile"]

MAX_PROFILE_CHARS = 2_000_000
"""A profile is a page of settings; a staff list in it a few thousand lines."""


class Numbering(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(default=1, ge=1, le=999_999)


class BatchProfile(BaseModel):
    """Validated batch settings; see the module docstring for the file shape."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    template: str = "xin-loi"
    issue_date: dt.date | None = None
    numbering: Numbering = Field(default_factory=Numbering)
    document: dict[str, Any] = Field(default_factory=dict)
    agency: str | None = None
    default_reason: str | None = None
    contact: str | None = None
    representative: Literal["owner", "representative", "owner_via_representative"] = "owner"
    honorific_from_id: bool = False
    """Address a person as "Ông" or "Bà" from the sex digit of a 12-digit CCCD in the row
    (when the row has no honorific of its own). Off by default: it processes personal data,
    and without it every person is "Ông/Bà"."""
    group_field: str | None = None
    """A column field (e.g. ``processing_unit``) that rows below a group row ("I. Sở Tư
    pháp", "II. UBND xã …") take the group's unit name into, when their own cell is empty."""
    days_late: Literal["sheet", "working_days"] = "sheet"
    """``sheet``: the days late as the export gives them. ``working_days``: recounted as
    working days after the due date up to the return (or the issue date), with a warning
    where the sheet differs (input notes §1.4)."""
    holidays: list[Path] = Field(default_factory=list)
    """Holiday files (TOML, as ``vnadmin_docs/text/data/holidays.toml``) added to the
    shipped calendar for ``days_late: working_days``; relative to the profile file, with
    ``/`` or (as written on Windows) ``\\`` between folders, on every system."""
    file_name: str = "{number:03d}-{dossier_code}"
    columns: dict[str, str | None] = Field(default_factory=dict)
    zip: bool = False

    def with_columns(self, extra: dict[str, str | None]) -> BatchProfile:
        """A copy whose column mapping is overridden by ``extra``."""
        return self.model_copy(update={"columns": {**self.columns, **extra}})


def _text(data: bytes) -> str:
    """A settings file's text: UTF-8 (with or without BOM), or UTF-16 with its BOM, which is
    what Windows Notepad saves as “Unicode”.

    >>> _text("tên: Lê".encode("utf-16")), _text("\ufefftên: Lê".encode()), _text(b"a: 1")
    ('tên: Lê', 'tên: Lê', 'a: 1')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _yaml(path: Path) -> Any:
    try:
        return load_structured(_text(path.read_bytes()), "yaml", max_chars=MAX_PROFILE_CHARS)
    except StructureError as exc:
        where = f"dòng {exc.line}" if exc.line else "(tệp)"
        raise DataError([FieldProblem(where, exc.message, exc.message_en)], str(path)) from None
    except OSError as exc:
        raise DataError([FieldProblem("(tệp)", f"không mở được tệp ({exc.strerror})",
                                      f"cannot open the file ({exc.strerror})")],
                        str(path)) from None
    except UnicodeDecodeError:
        # Notepad before Windows 10 (1903) saved “ANSI” (cp1258/cp1252) by default.
        raise DataError([FieldProblem(
            "(tệp)", "tệp không lưu theo bảng mã UTF-8 (có thể là “ANSI”): mở tệp bằng Notepad, "
            "chọn Lưu thành (Save As), ở ô Mã hóa (Encoding) chọn UTF-8 rồi lưu lại",
            "the file is not saved as UTF-8 (perhaps “ANSI”): open it in Notepad, choose Save "
            "As, set Encoding to UTF-8 and save it again")], str(path)) from None
    except yaml.YAMLError as exc:
        raise DataError([FieldProblem("(tệp)", f"YAML không hợp lệ: {exc}",
                                      f"invalid YAML: {exc}")], str(path)) from None


def _beside(profile: Path, given: Path) -> Path:
    r"""Where a file named in the profile is: relative to the profile's folder. A profile
    written on Windows (``nghi\2026.toml``) also works where ``\`` is not a separator.

    >>> _beside(Path("/cau-hinh/xin-loi.yml"), Path("nghi/2026.toml")).as_posix()
    '/cau-hinh/nghi/2026.toml'
    >>> _beside(Path("/cau-hinh/xin-loi.yml"), Path("nghi\\2026.toml")).as_posix()
    '/cau-hinh/nghi/2026.toml'
    """
    if "\\" in str(given) and os.sep != "\\":
        given = Path(PureWindowsPath(str(given)).as_posix())
    return given if given.is_absolute() else profile.parent / given


def load_profile(path: str | Path) -> BatchProfile:
    """Read and validate a profile file; every problem is reported with its key path."""
    p = Path(path)
    data = _yaml(p) or {}
    if not isinstance(data, dict):
        raise DataError([FieldProblem("(gốc)", "tệp cấu hình phải là một ánh xạ YAML",
                                      "the profile must be a YAML mapping")], str(p))
    try:
        profile = BatchProfile.model_validate(data)
    except ValidationError as exc:
        # Vietnamese reasons as for a document's data (pydantic's own messages are English)
        problems = [
            replace(p, reason="khóa không được phép (viết sai tên?)")
            if e["type"] == "extra_forbidden" else p
            for p, e in zip(problems_from(exc), exc.errors(include_url=False), strict=True)
        ]
        raise DataError(problems, str(p)) from None
    if profile.holidays:
        beside = [_beside(p, h) for h in profile.holidays]
        missing = [FieldProblem(f"holidays.{i}", f"không có tệp này (đã tìm: {full})",
                                f"no such file (looked for {full})", str(given))
                   for i, (given, full) in enumerate(zip(profile.holidays, beside, strict=True))
                   if not full.is_file()]
        if missing:
            raise DataError(missing, str(p))
        profile = profile.model_copy(update={"holidays": beside})
    return profile


def load_mapping(path: str | Path) -> dict[str, str | None]:
    """A column mapping file: ``{"Header in the sheet": field_name}`` (``null`` ignores the
    column), optionally under a top-level ``columns:`` key."""
    p = Path(path)
    data = _yaml(p) or {}
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict) or not all(
        isinstance(v, str) or v is None for v in data.values()
    ):
        raise DataError([FieldProblem("(gốc)", "tệp ánh xạ cột phải có dạng “Tên cột: tên_trường”",
                                      "the mapping file must map “Column header: field_name”")],
                        str(p))
    return {str(k): (str(v) if v is not None else None) for k, v in data.items()}
