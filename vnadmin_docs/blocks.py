"""Blocks: what the content stage hands to the layout stage.

Pure data with no knowledge of Jinja, Decree 30 or WordprocessingML. A template's body,
once rendered and parsed, is a tuple of blocks; the layout decides how each kind looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Block", "CellAlign", "Paragraph", "ParagraphKind", "Span", "Table"]

CellAlign = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Span:
    """A piece of inline text with its emphasis. ``text == "\\n"`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


ParagraphKind = Literal[
    "body",  # an ordinary body paragraph (R-ND-1..3)
    "numbered",  # "1. …" with its literal number kept in ``label``
    "dash",  # "- …" item
    "lettered",  # "a) …" điểm
    "heading",  # a heading; ``level`` tells which
    "can_cu",  # a legal basis line (R-CC-2)
    "centered",  # a centred line
    "plain",  # no first-line indent, left aligned
    "authority",  # the issuing authority line of a decision, e.g. "GIÁM ĐỐC SỞ TƯ PHÁP" (R-CC-3)
    "enacting",  # "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" before the articles (R-CC-3)
    "division",  # Phần/Chương/Mục/Tiểu mục: ``label`` "Chương I", spans = its heading (R-BC-2/3)
    "article",  # "Điều 1. …": ``label`` "Điều 1." (R-BC-4); not marked as a title
    "article_heading",  # "@dieu 1 …": an article whose text is its title, marked (R-BC-4)
    "roman",  # report-style "I. HEADING": ``label`` "I." (R-BC-7)
    "telegram_from",  # công điện: "<sender> điện:" (Mẫu 1.6)
    "telegram_to",  # công điện: one receiver of the telegram (Mẫu 1.6)
    "confirmation",  # giấy nghỉ phép: the confirmation block after the signature (Mẫu 1.10)
]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph. ``label`` is the literal marker ("1.", "-", "a)") for list kinds."""

    spans: tuple[Span, ...]
    kind: ParagraphKind = "body"
    label: str | None = None
    level: int = 0

    @property
    def text(self) -> str:
        """Plain text with the label, as a reader sees it."""
        body = "".join(s.text for s in self.spans)
        return f"{self.label} {body}" if self.label else body


@dataclass(frozen=True)
class Table:
    """A simple table; ``header`` rows are bold and repeat on every page. ``widths`` are
    optional relative column widths chosen by the author (any positive numbers; the layout
    scales them to the text width); empty means "from the content"."""

    header: tuple[tuple[tuple[Span, ...], ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    align: tuple[CellAlign, ...] = field(default_factory=tuple)
    widths: tuple[float, ...] = field(default_factory=tuple)


Block = Paragraph | Table
