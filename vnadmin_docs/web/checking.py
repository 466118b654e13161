"""(In a worker.) The checker's report on one .docx with the pages drawn and, where the
finding quotes text of the document, the place of that text on the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vnadmin_docs.check import UnreadableDocument, check_document
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web.pages import docx_pages, find_text

__all__ = ["check_task"]


def check_task(docx: str, folder: str) -> dict[str, Any]:
    try:
        report = check_document(docx)
    except (UnreadableDocument, VnAdminError) as exc:
        return {"error": exc.localized("vi"), "error_en": exc.localized("en")}
    out: dict[str, Any] = {"ok": report.ok, "findings": []}
    pdf: Path | None = None
    try:
        pdf, pngs = docx_pages(Path(docx), Path(folder))
        out["pages"] = [p.name for p in pngs]
    except VnAdminError as exc:
        out["pages"] = []
        out["pages_error"] = [exc.localized("vi"), exc.localized("en")]
    for f in report.findings:
        item: dict[str, Any] = {
            "rule": f.rule_id, "severity": f.severity.value,
            "where": [f.where.vi, f.where.en], "excerpt": f.excerpt,
            "found": [f.found.vi, f.found.en], "required": [f.required.vi, f.required.en],
            "place": None,
        }
        if pdf is not None and f.excerpt:
            place = find_text(pdf, f.excerpt)
            if place is not None and place.page < len(out["pages"]):
                item["place"] = {"page": place.page, "left": place.left, "top": place.top,
                                 "width": place.width, "height": place.height}
        out["findings"].append(item)
    return out
