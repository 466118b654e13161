"""Warnings of a render: the document is produced, but something in the data is probably
not what the clerk meant. Each names the field (and the line) and says how to fix it.

They are :class:`~vnadmin_docs.errors.FieldProblem` values (bilingual, with a field path),
returned on ``RenderedDocument.warnings``, logged, and printed by ``vnadmin-docs render``.
"""

from __future__ import annotations

import logging

from vnadmin_docs.blocks import Block
from vnadmin_docs.errors import FieldProblem
from vnadmin_docs.layout.body import unmarked_article_lines
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.model.document import Document

__all__ = ["is_all_caps", "render_warnings", "render_warnings_for_body"]

log = logging.getLogger("vnadmin_docs.render")


def is_all_caps(text: str) -> bool:
    """Whether a summary is typed in capitals (pasted from a web copy): at least three
    words and no lower-case letter. Abbreviations inside ordinary text do not count.

    >>> is_all_caps("VỀ VIỆC BAN HÀNH QUY CHẾ"), is_all_caps("Về việc triển khai Đề án 06")
    (True, False)
    >>> is_all_caps("UBND TỈNH")
    False
    """
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and bool(letters) and not any(c.islower() for c in letters)


def _short(line: str, limit: int = 90) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _article_warnings(lines: list[str], path: str) -> list[FieldProblem]:
    return [
        FieldProblem(
            path,
            f"dòng “{_short(line)}” bắt đầu bằng “Điều …” nhưng không kết thúc bằng dấu câu và "
            "quá dài để là tên điều; đã in như một câu. Nếu là tên điều, hãy viết "
            "“@dieu N Tên điều”; nếu là câu, hãy thêm dấu “.” hoặc “;” (R-BC-4).",
            f"the line '{_short(line)}' starts with 'Điều …' but has no final punctuation and is "
            "too long for an article title; it was set as a sentence. If it is a title write "
            "'@dieu N Title'; if it is a sentence add '.' or ';' (R-BC-4).",
        )
        for line in lines
    ]


def render_warnings(
    doc: Document,
    blocks: tuple[Block, ...],
    appendix_blocks: tuple[tuple[Block, ...], ...],
    figs: Figures,
    *,
    body_field: str = "content",
) -> tuple[FieldProblem, ...]:
    """Every warning for one document; each is also logged."""
    out: list[FieldProblem] = []
    if doc.subject and is_all_caps(doc.subject):
        out.append(
            FieldProblem(
                "subject",
                "trích yếu đang viết toàn chữ in hoa (thường do sao chép từ trang web); Nghị "
                "định 30 trình bày trích yếu bằng chữ in thường, chỉ viết hoa chữ đầu câu và "
                "tên riêng — hãy gõ lại, ví dụ “Về việc ban hành Quy chế …” (R-TL-2, R-CV-1).",
                "the summary is typed in capitals (usually pasted from a web page); Decree 30 "
                "sets it in lower case with capitals only at the start and for proper names — "
                "retype it, e.g. 'Về việc ban hành Quy chế …' (R-TL-2, R-CV-1).",
                value=doc.subject,
                label="Trích yếu",
            )
        )
    text_w = figs.page_setup().text_width
    out.extend(_article_warnings(unmarked_article_lines(blocks, figs, text_w), body_field))
    for i, ab in enumerate(appendix_blocks):
        lines = unmarked_article_lines(ab, figs, text_w)
        out.extend(_article_warnings(lines, f"appendices.{i}.body"))
    for w in out:
        log.warning("%s / %s", w.describe("vi"), w.describe("en"))
    return tuple(out)


def render_warnings_for_body(
    blocks: tuple[Block, ...], figs: Figures, path: str
) -> tuple[FieldProblem, ...]:
    """The warnings about one body of markup (its "Điều N." lines), logged."""
    text_w = figs.page_setup().text_width
    out = _article_warnings(unmarked_article_lines(blocks, figs, text_w), path)
    for w in out:
        log.warning("%s / %s", w.describe("vi"), w.describe("en"))
    return tuple(out)
