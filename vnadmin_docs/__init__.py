"""vnadmin-docs: Vietnamese administrative documents under Nghị định 30/2020/NĐ-CP.

Typed data in, a Word document out::

    import vnadmin_docs
    doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data("data.yaml"))
    doc.save("cong-van.docx")

The package logs (``logging.getLogger("vnadmin_docs")``) for developers; it prints nothing
itself. As a library it sets a ``NullHandler`` only, so without a logging configuration of
the application no English log line reaches a clerk's console.
"""

import logging

from vnadmin_docs.api import (
    RenderedDocument,
    example_path,
    list_templates,
    load_data,
    prepare,
    render,
)
from vnadmin_docs.check import check_document
from vnadmin_docs.errors import (
    BatchRowError,
    CheckFailed,
    ConversionError,
    DataError,
    FieldProblem,
    LayoutError,
    TemplateError,
    VnAdminError,
)
from vnadmin_docs.model import (
    Contact,
    DocNumber,
    Document,
    Drafter,
    IssueDate,
    Issuer,
    Luu,
    Marks,
    Signer,
)

__version__ = "0.1.0"

__all__ = [
    "BatchRowError",
    "CheckFailed",
    "Contact",
    "ConversionError",
    "DataError",
    "DocNumber",
    "Document",
    "Drafter",
    "FieldProblem",
    "IssueDate",
    "Issuer",
    "LayoutError",
    "Luu",
    "Marks",
    "RenderedDocument",
    "Signer",
    "TemplateError",
    "VnAdminError",
    "__version__",
    "check_document",
    "example_path",
    "list_templates",
    "load_data",
    "prepare",
    "render",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
