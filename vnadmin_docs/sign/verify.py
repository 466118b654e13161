"""Verifying the signatures of a PDF (pyHanko): for each one, who signed, when, whether
the signed bytes are intact, the certificate chain to a trusted root, and what was changed
in the file after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.sign.placement import FIELD_NAMES
from vnadmin_docs.sign.timefmt import DEFAULT_TIME_FORMAT, format_signing_time

__all__ = ["SignatureReport", "verify_pdf"]

_ROLE_BY_FIELD = {name: role for role, name in FIELD_NAMES.items()}
# pyHanko's ModificationLevel names, as a clerk reads them.
_CHANGES_VI = {
    "NONE": "không có thay đổi nào sau chữ ký",
    "LTA_UPDATES": "chỉ thêm dữ liệu kiểm tra dài hạn (dấu thời gian, CRL/OCSP)",
    "FORM_FILLING": "chỉ điền biểu mẫu hoặc ký tiếp (được phép)",
    "ANNOTATIONS": "có thêm ghi chú (annotation)",
    "OTHER": "NỘI DUNG ĐÃ BỊ SỬA sau khi ký",
}


@dataclass(frozen=True)
class SignatureReport:
    """What one signature of a PDF says and whether it holds."""

    field_name: str
    role: str | None
    signer: str
    signing_time: str | None
    timestamp_time: str | None
    intact: bool
    valid: bool
    trusted: bool
    chain: tuple[str, ...]
    coverage: str
    changes_after: str
    changes_after_vi: str
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Intact, cryptographically valid, chained to a trusted root, and nothing but
        permitted changes after it."""
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.changes_after not in ("OTHER", "ANNOTATIONS", "UNKNOWN")
        )

    def as_json(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "chain": list(self.chain),
            "problems": list(self.problems),
            "ok": self.ok,
        }


def _trust_context(trust: list[Path]) -> Any:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko_certvalidator import ValidationContext

    roots = [load_cert_from_pemder(str(p)) for p in trust]
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _when(value: dt.datetime | None, fmt: str) -> str | None:
    return format_signing_time(value, fmt) if value is not None else None


def verify_pdf(
    path: Path, trust: list[Path] | None = None, *, time_format: str = DEFAULT_TIME_FORMAT
) -> list[SignatureReport]:
    """Every signature of ``path``, oldest first. ``trust``: PEM/DER files of the root
    certificates to trust (for example the national root CA of Vietnam); without them a
    signature is intact but not trusted."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        context = _trust_context(trust or [])
    except (OSError, ValueError) as exc:
        raise VnAdminError(
            f"Không đọc được chứng thư gốc tin cậy: {exc}.", f"Cannot read a trust root: {exc}."
        ) from exc
    reports: list[SignatureReport] = []
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise VnAdminError(
            f"Không mở được tệp {path}: {exc.strerror}.", f"Cannot open {path}: {exc.strerror}."
        ) from exc
    with fh:
        try:
            reader = PdfFileReader(fh, strict=False)
            embedded = list(reader.embedded_signatures)
        except Exception as exc:
            raise VnAdminError(
                f"Tệp {path.name} không phải PDF đọc được: {exc}.",
                f"{path.name} is not a readable PDF: {exc}.",
            ) from exc
        for sig in embedded:
            problems: list[str] = []
            try:
                status = validate_pdf_signature(sig, context)
            except Exception as exc:  # a signature so broken pyHanko cannot even parse it
                reports.append(
                    SignatureReport(
                        sig.field_name,
                        _ROLE_BY_FIELD.get(sig.field_name),
                        "?",
                        None,
                        None,
                        False,
                        False,
                        False,
                        (),
                        "?",
                        "UNKNOWN",
                        "không kiểm tra được",
                        (str(exc),),
                    )
                )
                continue
            cert = status.signing_cert
            path_certs = tuple(c.subject.human_friendly for c in (status.validation_path or ()))
            level = status.modification_level
            changes = level.name if level is not None else "UNKNOWN"
            if not status.intact:
                problems.append("dữ liệu đã ký bị thay đổi (băm không khớp)")
            if not status.trusted:
                problems.append("chứng thư số không dẫn tới chứng thư gốc tin cậy")
            ts = status.timestamp_validity
            reports.append(
                SignatureReport(
                    field_name=sig.field_name,
                    role=_ROLE_BY_FIELD.get(sig.field_name),
                    signer=cert.subject.human_friendly,
                    signing_time=_when(status.signer_reported_dt, time_format),
                    timestamp_time=_when(ts.timestamp, time_format) if ts else None,
                    intact=bool(status.intact),
                    valid=bool(status.valid),
                    trusted=bool(status.trusted),
                    chain=path_certs,
                    coverage=status.coverage.name if status.coverage else "UNKNOWN",
                    changes_after=changes,
                    changes_after_vi=_CHANGES_VI.get(changes, "không xác định được"),
                    problems=tuple(problems),
                )
            )
    return reports
