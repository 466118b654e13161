"""The electronic variant of a page model (issue 16): signature and seal images, blank
"(Kèm theo …)" fields.

Positions are decided here, once, from ``[electronic]`` of ``decree30.toml``; the writer
spells them out as floating anchors, and the signing code reuses the rectangles measured
where these anchors land in the PDF (``docs/dev/electronic.md``):

- ô 7c (R-KY-7): the signer's PNG, scaled to fit ``signature_max_*`` with its aspect
  kept, centred in the signature column and centred vertically in the signature space
  between the title lines and the name;
- ô 8 (R-DAU-3): the seal PNG at its real size, its right edge at ``seal_overlap_ratio``
  of the signature image's width from its left edge (so it covers about the left third),
  centred vertically on the signature image, in front of it.

The images float (``wrapNone``): the text is where it is without them.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, replace

from vnadmin_docs.layout.appendix import issuer_in_text
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import balanced_lines
from vnadmin_docs.layout.page_model import Cell, FloatingImage, Grid, PageModel, Para, Row
from vnadmin_docs.layout.pictures import Picture
from vnadmin_docs.layout.pieces import lines_para
from vnadmin_docs.model.document import Document
from vnadmin_docs.units import Length, Mm

__all__ = [
    "ImageBox",
    "SignaturePictures",
    "blank_attached_lines",
    "image_boxes",
    "place_images",
    "placeholder_png",
]


@dataclass(frozen=True)
class SignaturePictures:
    """What goes into ô 7c and ô 8; ``seal_size`` is the seal's real width on paper."""

    signature: Picture | None
    seal: Picture | None
    seal_size: Length


@dataclass(frozen=True)
class ImageBox:
    """A rectangle relative to the signature-space paragraph: ``x`` from the left edge of
    the signature column, ``y`` from the paragraph's top."""

    role: str
    x: Length
    y: Length
    width: Length
    height: Length


def image_boxes(
    figs: Figures, column: Length, space: Length, pictures: SignaturePictures
) -> tuple[ImageBox, ImageBox]:
    """The signature box (ô 7c) and the seal box (ô 8) in a signature column ``column``
    wide whose signature space is ``space`` high."""
    max_w = Mm(float(figs.value("electronic", "signature_max_width_mm")))
    max_h = Mm(float(figs.value("electronic", "signature_max_height_mm")))
    aspect = pictures.signature.aspect if pictures.signature else max_h.pt / max_w.pt
    width = max_w
    if width.pt * aspect > max_h.pt:
        width = Length(max_h.pt / aspect)
    height = width * aspect
    x = (column - width) * 0.5
    y = (space - height) * 0.5
    seal_w = pictures.seal_size
    seal_h = seal_w * (pictures.seal.aspect if pictures.seal else 1.0)
    ratio = float(figs.value("electronic", "seal_overlap_ratio"))
    seal_x = x + width * ratio - seal_w
    seal_y = y + height * 0.5 - seal_h * 0.5
    return (
        ImageBox("signature", x, y, width, height),
        ImageBox("seal", seal_x, seal_y, seal_w, seal_h),
    )


def placeholder_png(rgba: tuple[int, int, int, int] = (0, 0, 0, 255), size: int = 8) -> bytes:
    """A small square PNG of one colour (used to measure where the boxes land in a PDF
    when the real images are not given). Written with zlib: no imaging library needed."""
    row = b"\x00" + bytes(rgba) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )


def _anchors(
    figs: Figures, column: Length, space: Length, pictures: SignaturePictures, measure: bool
) -> tuple[FloatingImage, ...]:
    sig_box, seal_box = image_boxes(figs, column, space, pictures)
    out: list[FloatingImage] = []
    for box, picture, z, colour in (
        (sig_box, pictures.signature, 1, (0, 0, 200, 255)),
        (seal_box, pictures.seal, 2, (200, 0, 0, 255)),
    ):
        if picture is None and not measure:
            continue
        png = picture.png if picture is not None else placeholder_png(colour)
        description = {
            "signature": "Chữ ký số của người có thẩm quyền (ô 7c)",
            "seal": "Chữ ký số của cơ quan, tổ chức (ô 8)",
        }[box.role]
        out.append(
            FloatingImage(png, box.width, box.height, box.x, box.y, box.role, description, z)
        )
    return tuple(out)


def place_images(
    page: PageModel, figs: Figures, pictures: SignaturePictures, *, measure: bool = False
) -> PageModel:
    """``page`` with the images anchored to the signature space of its first section.
    With ``measure`` a missing image is replaced by a plain square of the box's size (to
    find the boxes on the PDF page)."""
    main = page.sections[0]
    body: list[Para | Grid] = []
    done = False
    for item in main.body:
        if not done and isinstance(item, Grid) and item.role == "signature":
            item = _with_anchors(item, figs, pictures, measure)
            done = True
        body.append(item)
    sections = (replace(main, body=tuple(body)), *page.sections[1:])
    return replace(page, sections=sections)


def _with_anchors(grid: Grid, figs: Figures, pictures: SignaturePictures, measure: bool) -> Grid:
    rows: list[Row] = []
    for row in grid.rows:
        cells: list[Cell] = []
        for cell in row.cells:
            paras = tuple(
                replace(p, anchors=_anchors(figs, cell.width, p.exact_line, pictures, measure))
                if p.role == "signature_space" and p.exact_line is not None
                else p
                for p in cell.paras
            )
            cells.append(replace(cell, paras=paras))
        rows.append(replace(row, cells=tuple(cells)))
    return replace(grid, rows=tuple(rows))


def blank_attached_lines(page: PageModel, doc: Document, figs: Figures, kind: str) -> PageModel:
    """Appendices of an electronic document: the number, symbol and date of the
    "(Kèm theo …)" line are left blank, the issuer is kept (R-PL-5, Mẫu 2.2 note 3).
    An ``attached_to`` written in the data is kept as given."""
    blank = str(figs.value("element", "appendix_attached", "draft_blank"))
    style = figs.element("appendix_attached")
    sections = [page.sections[0]]
    appendices = iter(doc.appendices)
    for section in page.sections[1:]:
        appendix = next(appendices, None)
        if appendix is None or appendix.attached_to:
            sections.append(section)
            continue
        text = (
            f"(Kèm theo {kind} số {blank} ngày {blank} tháng {blank} năm {blank} "
            f"của {issuer_in_text(doc)})"
        )
        body: list[Para | Grid] = []
        for item in section.body:
            if isinstance(item, Para) and item.role == "appendix_attached":
                usable = section.setup.text_width * 0.9
                lines = balanced_lines(text, usable, style.size, italic=style.italic)
                item = lines_para(lines, style, "appendix_attached", keep_next=True)
            body.append(item)
        sections.append(replace(section, body=tuple(body)))
    return replace(page, sections=tuple(sections))
