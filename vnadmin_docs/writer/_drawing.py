"""Private DrawingML builders: floating pictures (``wp:anchor``) and their package parts.

python-docx only places inline pictures; the signature (ô 7c) and seal (ô 8) images must
float in front of the text without moving it, so the anchor is written here as text, like
the rest of the body (``docs/dev/writer.md``, ``docs/dev/electronic.md``).

Each picture's part name and relationship id come from a digest of its bytes, so the
helpers stay stateless and the same PNG used twice is stored once. ``wp:docPr`` ids must be
unique in the document: they are written as a marker and numbered once the body is built
(:func:`number_drawings`).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import quoteattr

from vnadmin_docs.layout.page_model import FloatingImage, Grid, Para, Section

__all__ = ["anchor_xml", "has_drawings", "image_parts", "media_name", "number_drawings"]

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOCPR = "\x00DOCPR\x00"
# Word's own base for relativeHeight; the z order adds to it.
_Z_BASE = 251659264


def media_name(png: bytes) -> tuple[str, str]:
    """(relationship id, part name inside ``word/``) of a picture."""
    digest = hashlib.sha256(png).hexdigest()[:16]
    return f"rIdImg{digest}", f"media/image-{digest}.png"


def anchor_xml(image: FloatingImage) -> str:
    """One ``w:r`` holding a floating picture: positioned from the column and the paragraph,
    in front of the text (``wrapNone``), laid out inside a table cell when it is in one."""
    rid, name = media_name(image.png)
    cx, cy = image.width.emu, image.height.emu
    descr = quoteattr(image.description or image.role)
    return (
        f'<w:r><w:drawing><wp:anchor xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0" '
        f'simplePos="0" relativeHeight="{_Z_BASE + image.z}" behindDoc="0" locked="1" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{image.x.emu}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{image.y.emu}</wp:posOffset>'
        "</wp:positionV>"
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{_DOCPR}" name={quoteattr(image.role)} descr={descr}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">'
        f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr><pic:cNvPr id="0" name="{name[6:]}"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def has_drawings(xml: str) -> bool:
    """Whether ``xml`` anchors a picture whose ``wp:docPr`` still needs its id."""
    return _DOCPR in xml


def number_drawings(xml: str, counter: Iterator[int] | None = None) -> str:
    """Give every ``wp:docPr`` of ``xml`` its own id: 1, 2, …, or the next ones of
    ``counter`` (shared by the pieces of one document written piece by piece)."""
    if _DOCPR not in xml:
        return xml
    ids = counter if counter is not None else itertools.count(1)
    return re.sub(re.escape(_DOCPR), lambda _m: str(next(ids)), xml)


def _paras(items: Iterable[Para | Grid]) -> Iterator[Para]:
    for item in items:
        if isinstance(item, Grid):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paras
        else:
            yield item


def image_parts(sections: Iterable[Section]) -> dict[str, tuple[str, bytes]]:
    """Every picture the sections anchor: relationship id → (part name, PNG bytes)."""
    out: dict[str, tuple[str, bytes]] = {}
    for section in sections:
        for para in _paras(section.body):
            for image in para.anchors:
                rid, name = media_name(image.png)
                out[rid] = (name, image.png)
    return out
