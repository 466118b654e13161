"""Render an example and read the .docx back, as the acceptance tests look at it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.document import Document as DocxDocument

import vnadmin_docs

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render_docx(template: str, data: dict[str, Any]) -> DocxDocument:
    """``data`` rendered with ``template`` and opened with python-docx."""
    return open_docx(io.BytesIO(vnadmin_docs.render(template, data).to_bytes()))


def body_texts(doc: DocxDocument) -> list[str]:
    """The text of every paragraph of the body, those inside tables (header, signature
    block, recipients) included, in document order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p")]
