"""writer stage: page model → WordprocessingML. The only package that imports python-docx."""

from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.writer.append import ExtractNotFound, NotADocx, append_to_docx
from vnadmin_docs.writer.package import LetterXml, letter_xml, write_docx, write_letter

__all__ = [
    "ExtractNotFound",
    "LetterXml",
    "NotADocx",
    "append_to_docx",
    "letter_xml",
    "write_docx",
    "write_letter",
    "write_merged",
]


def write_merged(models: list[PageModel]) -> bytes:
    """Several documents as one file for printing: each keeps its own section, so page
    numbers restart and each first page shows none."""
    if not models:
        raise ValueError("write_merged needs at least one page model")
    first = models[0]
    sections = tuple(s for m in models for s in m.sections)
    return write_docx(
        PageModel(
            sections=sections,
            font=first.font,
            language=first.language,
            color=first.color,
            base_size=first.base_size,
            title=first.title,
            subject=first.subject,
        )
    )
