"""PDF output through headless LibreOffice: find soffice, convert in parallel chunks, merge.

Input: finished documents (.docx) on disk. Output: valid PDFs written atomically, or a
:class:`~vnadmin_docs.errors.ConversionError` naming the file that failed (and, when
LibreOffice is missing, how to install it). Design: docs/dev/pdf.md.
"""

from vnadmin_docs.pdf.chunks import MAX_CHUNK, plan_chunks
from vnadmin_docs.pdf.convert import (
    ConversionOptions,
    convert_files,
    convert_to_pdf,
    default_processes,
)
from vnadmin_docs.pdf.groups import LetterGroups
from vnadmin_docs.pdf.letters import GROUP_SIZE, documents_to_pdfs, first_pages
from vnadmin_docs.pdf.locate import SOFFICE_ENV, find_soffice, soffice_missing_error
from vnadmin_docs.pdf.merge import merge_pdfs
from vnadmin_docs.pdf.validate import pdf_problem

__all__ = [
    "GROUP_SIZE",
    "MAX_CHUNK",
    "SOFFICE_ENV",
    "ConversionOptions",
    "LetterGroups",
    "convert_files",
    "convert_to_pdf",
    "default_processes",
    "documents_to_pdfs",
    "find_soffice",
    "first_pages",
    "merge_pdfs",
    "pdf_problem",
    "plan_chunks",
    "soffice_missing_error",
]
