"""What a PDF says about itself: version, PDF/A claim (XMP), fonts and their embedding.

The XMP packet may write ``pdfaid:part`` as an element (LibreOffice) or as an attribute
of ``rdf:Description`` (pyHanko rewrites it so when it signs); both are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

__all__ = ["FontInfo", "fonts_of", "pdfa_claim"]

_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def pdfa_claim(reader: Any) -> tuple[str, str] | None:
    """(part, conformance) of the XMP ``pdfaid`` claim, e.g. ("2", "B"), or None."""
    try:
        meta = reader.trailer["/Root"].get("/Metadata")
        if meta is None:
            return None
        data = meta.get_object().get_data()
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except Exception:
        return None
    part = conformance = None
    for el in root.iter():
        for attr, value in el.attrib.items():
            if attr == f"{{{_PDFAID}}}part":
                part = value
            elif attr == f"{{{_PDFAID}}}conformance":
                conformance = value
        if el.tag == f"{{{_PDFAID}}}part":
            part = (el.text or "").strip()
        elif el.tag == f"{{{_PDFAID}}}conformance":
            conformance = (el.text or "").strip()
    return (part, (conformance or "").upper()) if part else None


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool


def _descriptor(font: Any) -> Any:
    desc = font.get("/FontDescriptor")
    if desc is None and "/DescendantFonts" in font:
        desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    return desc.get_object() if desc is not None else None


def _fonts_in(resources: Any, seen: set[int], out: dict[str, FontInfo], depth: int = 0) -> None:
    if resources is None or depth > 8:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        desc = _descriptor(font)
        embedded = desc is not None and any(
            k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        if font.get("/Subtype") == "/Type3":
            embedded = True
        out[name] = FontInfo(name, embedded or out.get(name, FontInfo(name, False)).embedded)
    for xobj in (resources.get("/XObject") or {}).values():
        ref = getattr(xobj, "idnum", None)
        xobj = xobj.get_object()
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        if xobj.get("/Subtype") == "/Form":
            _fonts_in(xobj.get("/Resources"), seen, out, depth + 1)


def fonts_of(reader: Any) -> list[FontInfo]:
    """Every font of the pages and of the annotations' appearances."""
    out: dict[str, FontInfo] = {}
    seen: set[int] = set()
    for page in reader.pages:
        _fonts_in(page.get("/Resources"), seen, out)
        for annot in page.get("/Annots") or []:
            ap = (annot.get_object().get("/AP") or {}).get("/N")
            if ap is not None and hasattr(ap.get_object(), "get"):
                _fonts_in(ap.get_object().get("/Resources"), seen, out)
    return sorted(out.values(), key=lambda f: f.name)
