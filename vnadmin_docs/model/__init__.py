"""model stage: validated, immutable input objects (pydantic, ``extra="forbid"``)."""

from vnadmin_docs.model.appendix import Appendix, AttachedText, ParentDocument
from vnadmin_docs.model.contact import Contact
from vnadmin_docs.model.doc_number import DocNumber
from vnadmin_docs.model.document import Document, parse_document, problems_from
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.model.issuer import Issuer
from vnadmin_docs.model.marks import Marks
from vnadmin_docs.model.recipients import Drafter, Luu
from vnadmin_docs.model.signer import Signer

__all__ = [
    "Appendix",
    "AttachedText",
    "Contact",
    "DocNumber",
    "Document",
    "Drafter",
    "FieldSpec",
    "IssueDate",
    "Issuer",
    "Luu",
    "Marks",
    "ParentDocument",
    "Signer",
    "parse_document",
    "problems_from",
]
