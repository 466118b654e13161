"""The outgoing-document number book (sổ đăng ký văn bản đi, Điều 15–16 and Phụ lục IV).

``Register.open(url)`` opens the book (a SQLite file by default, PostgreSQL by URL);
``allocate`` / ``allocate_many`` hand out numbers safely across processes; ``export_xlsx``
prints the book in the decree's form.
"""

from vnadmin_docs.registry.columns import REGISTER_COLUMNS, REGISTER_SHEET
from vnadmin_docs.registry.issue import ToNumber, number_document, number_documents
from vnadmin_docs.registry.location import REGISTER_ENV, default_register_path, parse_location
from vnadmin_docs.registry.model import (
    Book,
    Entry,
    EntryDraft,
    EntryStatus,
    RegisterError,
    Series,
)
from vnadmin_docs.registry.register import Register, file_sha256

__all__ = [
    "REGISTER_COLUMNS",
    "REGISTER_ENV",
    "REGISTER_SHEET",
    "Book",
    "Entry",
    "EntryDraft",
    "EntryStatus",
    "Register",
    "RegisterError",
    "Series",
    "ToNumber",
    "default_register_path",
    "file_sha256",
    "number_document",
    "number_documents",
    "parse_location",
]
