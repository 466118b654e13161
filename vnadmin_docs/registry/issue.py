"""Numbering a validated document from the book: the glue ``api.render`` uses.

The data and template are checked before this is called, so a bad document takes no
number. The entry records what the register needs (Phụ lục IV): symbol, date, type and
summary, signer, recipients, copies and the archive holders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.model import Document, IssueDate
from vnadmin_docs.registry.model import Entry, EntryDraft, Series
from vnadmin_docs.registry.register import Register

__all__ = ["ToNumber", "number_document", "number_documents"]


def _register_recipients(doc: Document) -> tuple[str, ...]:
    """Kính gửi, then Nơi nhận without "Như trên"-style back references."""
    seen: list[str] = list(doc.addressees)
    for item in doc.recipients:
        if not item.lower().startswith("như ") and item not in seen:
            seen.append(item)
    return tuple(seen)


@dataclass(frozen=True)
class ToNumber:
    """One validated document waiting for its number, with what its layout decided:
    the symbol groups (R-SO-6/R-SO-7), the type name (``None`` for a công văn), the layout
    id and the template title (used as trích yếu when the document has none)."""

    doc: Document
    symbol: tuple[str, ...]
    type_name: str | None
    layout: str
    title: str

    def draft(self) -> EntryDraft:
        """The register line for this document (Phụ lục IV contents)."""
        doc = self.doc
        if self.layout == "cong-van":
            summary = f"V/v {doc.subject}" if doc.subject else self.title
        else:
            summary = doc.subject or self.title
        return EntryDraft(
            symbol="-".join(self.symbol),
            type_name=self.type_name or "Công văn",
            summary=summary,
            signer=doc.signer.full_name,
            recipients=_register_recipients(doc),
            copies=doc.drafter.copies if doc.drafter else None,
            archive=f"VT, {doc.archive.unit}",
        )


def number_documents(
    register: Register,
    items: Sequence[ToNumber],
    *,
    series: str | Series = Series.ORDINARY,
    today: date | None = None,
) -> list[tuple[Document, Entry]]:
    """Number documents in the given order with consecutive numbers, in one transaction,
    and return each with Số and date filled.

    The date is the documents' own full date, or ``today`` when left blank (a draft); a
    batch shares one issuer and one date. The register's "Tên loại và trích yếu" reads like
    the document: "Công văn V/v …" for a công văn, the type name and its trích yếu otherwise.
    Raises DataError (every problem, paths prefixed with the item index for a batch) when a
    document already carries a number or the batch mixes issuers or dates.
    """
    if not items:
        return []
    many = len(items) > 1
    first = items[0].doc
    undated = today or date.today()  # read once: a batch run over midnight keeps one day
    day = first.date.date or undated
    problems: list[FieldProblem] = []
    for index, item in enumerate(items):
        at = f"{index}." if many else ""
        doc = item.doc
        if doc.number.number is not None:
            problems.append(
                FieldProblem(
                    f"{at}number.number",
                    "văn bản đã có số; bỏ số trong dữ liệu để sổ cấp số, hoặc không dùng "
                    "--assign-number",
                    "the document already has a number; remove it from the data to let the "
                    "register number it, or do not use --assign-number",
                    doc.number.number,
                    "Số",
                )
            )
        if doc.issuer.abbreviation != first.issuer.abbreviation:
            problems.append(
                FieldProblem(
                    f"{at}issuer.abbreviation",
                    f"một đợt cấp số chỉ cho một cơ quan ({first.issuer.abbreviation})",
                    f"one numbering batch serves one issuer ({first.issuer.abbreviation})",
                    doc.issuer.abbreviation,
                )
            )
        if (doc.date.date or undated) != day:
            problems.append(
                FieldProblem(
                    f"{at}date",
                    f"một đợt cấp số dùng một ngày ban hành ({day:%d/%m/%Y})",
                    f"one numbering batch uses one issue date ({day:%d/%m/%Y})",
                    doc.date.date,
                )
            )
    if problems:
        raise DataError(problems)
    entries = register.allocate_many(
        first.issuer.abbreviation, day, [item.draft() for item in items], series
    )
    return [
        (
            item.doc.model_copy(
                update={
                    "number": item.doc.number.model_copy(
                        update={"number": entry.number, "symbol": item.symbol}
                    ),
                    "date": IssueDate.model_validate(entry.doc_date),
                }
            ),
            entry,
        )
        for item, entry in zip(items, entries, strict=True)
    ]


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
    """Take the next number for one document (see :func:`number_documents`)."""
    item = ToNumber(doc, tuple(symbol), type_name, layout, title)
    return number_documents(register, [item], series=series, today=today)[0]
