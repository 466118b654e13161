"""(In a worker.) One document from form data through the public API, as .docx, PDF and
page images; a document numbered from the book is recorded there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from vnadmin_docs import api
from vnadmin_docs.errors import DataError, VnAdminError
from vnadmin_docs.web.pages import docx_pages

__all__ = ["render_task"]


def render_task(template: str, data: Mapping[str, Any], template_dirs: Sequence[str],
                folder: str, *, pages: bool, pdf: bool, register_url: str | None = None,
                take_number: bool = False, series: str = "thuong") -> dict[str, Any]:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    book = None
    try:
        if take_number:
            from vnadmin_docs.registry import Register

            book = Register.open(register_url)
        doc = api.render(template, dict(data), template_dirs=template_dirs, register=book,
                         series=series)
        docx = doc.save(out / "van-ban.docx")
        result: dict[str, Any] = {"docx": str(docx)}
        if book is not None and doc.entry is not None:
            entry = book.attach_output(doc.entry, docx)
            result["entry"] = {"id": entry.id, "so_line": entry.so_line,
                               "number": entry.number, "date": entry.doc_date.isoformat()}
        if pages or pdf:
            pdf_path, pngs = docx_pages(docx, out)
            result["pdf"] = str(pdf_path)
            result["pages"] = [p.name for p in pngs]
        return result
    except DataError as exc:
        return {"problems": [{"path": p.path, "label": p.label or "", "reason": p.reason,
                              "reason_en": p.reason_en} for p in exc.problems]}
    except VnAdminError as exc:
        return {"error": exc.localized("vi"), "error_en": exc.localized("en")}
    finally:
        if book is not None:
            book.close()
