"""Add page-model content after the last line of an existing .docx (a bản sao's copy block).

The original may be a file this library wrote or any WordprocessingML package (Word,
LibreOffice). Only ``word/document.xml`` changes: the new paragraphs and tables go at the end
of ``w:body``, before its final ``w:sectPr``, so they follow the last line of the last section
(after an appendix, if any). Every other part is copied byte for byte. For a trích sao the
body can first be cut down to the extracted paragraphs (:func:`keep_extract`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from vnadmin_docs.layout.page_model import Grid, Para
from vnadmin_docs.units import Length, Pt
from vnadmin_docs.writer._wordml import NS, body_xml

__all__ = ["ExtractNotFound", "NotADocx", "append_to_docx", "last_text_width"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"


class NotADocx(ValueError):
    """The input is not a WordprocessingML package with a main document."""


class ExtractNotFound(ValueError):
    """An extract's start (or end) line is not in the original; ``args[0]`` is the text."""


def _text(el: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(f"{_W}t")).split())


def _read(original: bytes) -> tuple[zipfile.ZipFile, etree._Element]:
    try:
        package = zipfile.ZipFile(io.BytesIO(original))
        xml = package.read(_DOCUMENT)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise NotADocx(str(exc)) from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise NotADocx(str(exc)) from None
    return package, root


def last_text_width(original: bytes) -> Length | None:
    """The text width of the original's last section (page width less the side margins),
    so the copy block spans the same width as the text above it; ``None`` when unstated."""
    _, root = _read(original)
    sect = root.find(f"{_W}body/{_W}sectPr")
    if sect is None:
        found = root.findall(f".//{_W}sectPr")
        sect = found[-1] if found else None
    if sect is None:
        return None
    size, margins = sect.find(f"{_W}pgSz"), sect.find(f"{_W}pgMar")
    try:
        width = int(size.get(f"{_W}w"))
        left = int(margins.get(f"{_W}left"))
        right = int(margins.get(f"{_W}right"))
    except (AttributeError, TypeError, ValueError):
        return None
    return Pt((width - left - right) / 20) if width > left + right else None


def _keep_extract(body: etree._Element, ranges: Sequence[tuple[str, str | None]]) -> None:
    """Leave in ``body`` its leading header table (when it opens with one) and the runs of
    top-level paragraphs and tables ``ranges`` name; section breaks inside the removed part
    go with it, the final ``w:sectPr`` stays."""
    children = [c for c in body if c.tag in (f"{_W}p", f"{_W}tbl")]
    keep: set[int] = set()
    if children and children[0].tag == f"{_W}tbl":
        keep.add(0)
    texts = [_text(c) for c in children]
    for start, end in ranges:
        s = next((i for i, t in enumerate(texts) if t.startswith(start)), None)
        if s is None:
            raise ExtractNotFound(start)
        e = s
        if end:
            found = next((i for i in range(s, len(texts)) if texts[i].startswith(end)), None)
            if found is None:
                raise ExtractNotFound(end)
            e = found
        keep.update(range(s, e + 1))
    for i, child in enumerate(children):
        if i not in keep:
            body.remove(child)


def append_to_docx(
    original: bytes,
    items: Sequence[Para | Grid],
    *,
    font: str,
    color: str,
    extract: Sequence[tuple[str, str | None]] = (),
) -> bytes:
    """``original`` with ``items`` after its last line; with ``extract``, only those runs of
    paragraphs of the original are kept first. Raises :class:`NotADocx` or
    :class:`ExtractNotFound`."""
    package, root = _read(original)
    body = root.find(f"{_W}body")
    if body is None:
        raise NotADocx("word/document.xml has no w:body")
    if extract:
        _keep_extract(body, extract)
    fragment = etree.fromstring(f"<w:body {NS}>{body_xml(items, font, color, '')}</w:body>")
    final = body[-1] if len(body) and body[-1].tag == f"{_W}sectPr" else None
    for el in list(fragment):
        if final is not None:
            final.addprevious(el)
        else:
            body.append(el)
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            data = document if info.filename == _DOCUMENT else package.read(info.filename)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
