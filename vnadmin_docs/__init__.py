"""vnadmin-docs: Vietnamese administrative documents under Nghị định 30/2020/NĐ-CP."""

from vnadmin_docs.errors import (
    BatchRowError,
    CheckFailed,
    ConversionError,
    DataError,
    LayoutError,
    TemplateError,
    VnAdminError,
)

__version__ = "0.1.0"

__all__ = [
    "BatchRowError",
    "CheckFailed",
    "ConversionError",
    "DataError",
    "LayoutError",
    "TemplateError",
    "VnAdminError",
    "__version__",
]
