"""The page model: what the layout stage hands to the writer.

Input: nothing but typed values (lengths, flags, strings). Output of
:mod:`vnadmin_docs.layout.compose`; input of :mod:`vnadmin_docs.writer`. The writer makes
no Decree 30 decisions: everything it writes is spelled out here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from vnadmin_docs.units import Length, Pt

__all__ = [
    "ZERO",
    "Align",
    "Border",
    "Cell",
    "FloatingImage",
    "Grid",
    "PageModel",
    "PageSetup",
    "Para",
    "Row",
    "Run",
    "Section",
]

ZERO = Pt(0)
Align = Literal["left", "center", "right", "both"]


@dataclass(frozen=True)
class Border:
    """A single solid line. ``space`` is the gap between the text and the line."""

    width: Length = field(default_factory=lambda: Pt(0.5))
    space: Length = ZERO
    color: str = "000000"


@dataclass(frozen=True)
class Run:
    """Text with one formatting. A run whose text is ``"\\n"`` is a line break; a run with
    ``field="PAGE"`` is the page-number field."""

    text: str
    size: Length
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class FloatingImage:
    """A PNG floating in front of the text, anchored to a paragraph; it never moves the text
    (no wrapping). ``x`` is measured from the left edge of the column holding the anchor
    paragraph (the table cell for the signature block), ``y`` from the paragraph's top;
    both may be negative. ``role`` names the Decree 30 box ("signature" = ô 7c, "seal" =
    ô 8); ``z`` orders overlapping images (higher is in front)."""

    png: bytes
    width: Length
    height: Length
    x: Length
    y: Length
    role: str
    description: str = ""
    z: int = 0


@dataclass(frozen=True)
class Para:
    """A paragraph with every property the writer needs.

    ``line`` is a multiple of single line spacing; ``exact_line`` (when set) wins and fixes
    the line height. ``role`` names the Decree 30 element (for tests and debugging; it is
    not written). ``tab`` is one left tab stop measured from the left indent.
    """

    runs: tuple[Run, ...]
    size: Length
    role: str = "body"
    align: Align = "left"
    indent_left: Length = ZERO
    indent_right: Length = ZERO
    first_line: Length = ZERO
    space_before: Length = ZERO
    space_after: Length = ZERO
    line: float = 1.0
    exact_line: Length | None = None
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    border_top: Border | None = None
    border_bottom: Border | None = None
    box: Border | None = None
    tab: Length | None = None
    anchors: tuple[FloatingImage, ...] = ()
    """Floating images anchored to this paragraph (ô 7c signature, ô 8 seal)."""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs if r.field is None)


@dataclass(frozen=True)
class Cell:
    width: Length
    paras: tuple[Para, ...]
    valign: Literal["top", "center", "bottom"] = "top"
    span: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    cant_split: bool = True
    repeat_header: bool = False


@dataclass(frozen=True)
class Grid:
    """A table. Borderless grids are layout devices (the header, the signature block);
    ``borders`` draws single lines around and between all cells (body tables)."""

    columns: tuple[Length, ...]
    rows: tuple[Row, ...]
    role: str = "table"
    borders: bool = False
    cell_margin: Length = ZERO
    space_after: Length = ZERO


@dataclass(frozen=True)
class PageSetup:
    width: Length
    height: Length
    top: Length
    bottom: Length
    left: Length
    right: Length
    header_distance: Length
    footer_distance: Length

    @property
    def text_width(self) -> Length:
        return self.width - self.left - self.right


@dataclass(frozen=True)
class Section:
    """One run of pages with its own numbering: a document, an appendix, or one letter of
    a merged batch. Page numbers (``page_number``) are printed from page 2 only; the
    ``first_page_footer`` (the contact block) only on page 1."""

    setup: PageSetup
    body: tuple[Para | Grid, ...]
    page_number: Para | None
    first_page_footer: tuple[Para, ...] = ()
    restart_numbering: bool = True


@dataclass(frozen=True)
class PageModel:
    """A whole document: sections plus document-wide settings."""

    sections: tuple[Section, ...]
    font: str
    language: str
    color: str
    base_size: Length
    title: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
