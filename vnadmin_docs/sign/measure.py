"""Find where the signature and seal images landed in a PDF (pdfplumber, no signing
library): the rectangles of the placement manifest are measured, not guessed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from vnadmin_docs.sign.placement import Placement, Role

__all__ = ["ExpectedBox", "PdfImageBox", "images_in", "measure_placements"]

# How far (pt) a measured image may differ in size from the box it is taken for.
_SIZE_TOLERANCE = 3.0


@dataclass(frozen=True)
class ExpectedBox:
    """The size (pt) of a box the layout placed, to recognise it on the page."""

    role: Role
    width: float
    height: float


@dataclass(frozen=True)
class PdfImageBox:
    """An image drawn on a PDF page: 1-based page, rectangle in points (bottom-left
    origin), and the image's pixel size."""

    page: int
    rect: tuple[float, float, float, float]
    width_px: int
    height_px: int

    @property
    def width(self) -> float:
        return self.rect[2] - self.rect[0]

    @property
    def height(self) -> float:
        return self.rect[3] - self.rect[1]


def images_in(pdf: str | Path) -> list[PdfImageBox]:
    """Every image of every page, in page order."""
    out: list[PdfImageBox] = []
    with pdfplumber.open(str(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            height = float(page.height)
            for im in page.images:
                x0, x1 = float(im["x0"]), float(im["x1"])
                y0, y1 = height - float(im["bottom"]), height - float(im["top"])
                size = im.get("srcsize") or (0, 0)
                out.append(PdfImageBox(number, (x0, y0, x1, y1), int(size[0]), int(size[1])))
    return out


def measure_placements(pdf: str | Path, expected: list[ExpectedBox]) -> list[Placement]:
    """The placement of each expected box: the last image on the pages whose size matches
    it (the signature block is at the end of the main document)."""
    found = images_in(pdf)
    out: list[Placement] = []
    for box in expected:
        matches = [
            im
            for im in found
            if abs(im.width - box.width) <= _SIZE_TOLERANCE
            and abs(im.height - box.height) <= _SIZE_TOLERANCE
        ]
        if matches:
            im = matches[-1]
            out.append(Placement(box.role, im.page, im.rect))
    return out
