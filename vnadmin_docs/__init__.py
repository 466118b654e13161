"""vnadmin-docs: Vietnamese administrative documents under Nghị định 30/2020/NĐ-CP.

Typed data in, a Word document out::

    import vnadmin_docs
    doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data("data.yaml"))
    doc.save("cong-van.docx")

The package logs (``logging.getLogger("vnadmin_docs")``) for developers; it prints nothing
itself. As a library it sets a ``NullHandler`` only, so without a logging configuration of
the application no English log line reaches a clerk's console.

``import vnadmin_docs`` is light: only the error classes are loaded at once; the rest of the
public names (the API, the checker, the data model) are imported on first use, through the
module ``__getattr__`` below (see docs/dev/import.md).
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from vnadmin_docs.api import (
        RenderedDocument,
        example_path,
        list_templates,
        load_data,
        prepare,
        render,
    )
    from vnadmin_docs.check import check_document
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

_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ("RenderedDocument", "example_path", "list_templates", "load_data", "prepare", "render"),
        "vnadmin_docs.api",
    ),
    "check_document": "vnadmin_docs.check",
    **dict.fromkeys(
        (
            "Contact",
            "DocNumber",
            "Document",
            "Drafter",
            "IssueDate",
            "Issuer",
            "Luu",
            "Marks",
            "Signer",
        ),
        "vnadmin_docs.model",
    ),
}
"""Public name -> the module that defines it, imported when the name is first asked for."""


if not TYPE_CHECKING:  # hidden from mypy, so that a misspelt name stays a type error

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


logging.getLogger(__name__).addHandler(logging.NullHandler())
