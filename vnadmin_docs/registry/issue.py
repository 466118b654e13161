"""Numbering a validated document from the book: the glue ``api.render`` uses.

The data and template are checked before this is called, so a bad document takes no
number. The entry records what the register needs (Phụ lục IV): symbol, date, type and
summary, signer, recipients, copies and the archive holders.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.model import Document, IssueDate
from vnadmin_docs.registry.model import Entry, Series
from vnadmin_docs.registry.register import Register

__all__ = ["number_document"]


def _register_recipients(doc: Document) -> tuple[str, ...]:
    """Kính gửi, then Nơi nhận without "Như trên"-style back references."""
    seen: list[str] = list(doc.addressees)
    for item in doc.recipients:
        if not item.lower().startswith("như ") and item not in seen:
            seen.append(item)
    return tuple(seen)


def number_document(
    register: Register,
    doc: Document,
    *,
    symbol: Sequence[str],
    type_name: str | None,
    layout: str,
    title: str,
    series: str | Series = Series.ORDINARY,
    today: date | None = None,
) -> tuple[Document, Entry]:
    """Take the next number for ``doc`` and return the document with Số and date filled.

    The date is the document's own full date, or ``today`` when it is left blank (a draft).
    The register's "Tên loại và trích yếu" reads like the document: "Công văn V/v …" for a
    công văn, the type name and its trích yếu otherwise (the template title when none).
    Raises DataError when the document already carries a number.
    """
    if doc.number.number is not None:
        raise DataError(
            [
                FieldProblem(
                    "number.number",
                    "văn bản đã có số; bỏ số trong dữ liệu để sổ cấp số, hoặc không dùng "
                    "--assign-number",
                    "the document already has a number; remove it from the data to let the "
                    "register number it, or do not use --assign-number",
                    doc.number.number,
                    "Số",
                )
            ]
        )
    doc_date = doc.date.date or today or date.today()
    if layout == "cong-van":
        summary = f"V/v {doc.subject}" if doc.subject else title
    else:
        summary = doc.subject or title
    entry = register.allocate(
        doc.issuer.abbreviation,
        doc_date,
        series,
        symbol="-".join(symbol),
        type_name=type_name or "Công văn",
        summary=summary,
        signer=doc.signer.full_name,
        recipients=_register_recipients(doc),
        copies=doc.drafter.copies if doc.drafter else None,
        archive=f"VT, {doc.archive.unit}",
    )
    numbered = doc.model_copy(
        update={
            "number": doc.number.model_copy(
                update={"number": entry.number, "symbol": tuple(symbol)}
            ),
            "date": IssueDate.model_validate(entry.doc_date),
        }
    )
    return numbered, entry
