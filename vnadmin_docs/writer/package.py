"""Assemble the .docx zip from the skeleton, the body and the header/footer parts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from xml.sax.saxutils import escape

from vnadmin_docs.layout.page_model import PageModel, PageSetup, Para, Section
from vnadmin_docs.writer._drawing import has_drawings, image_parts, number_drawings
from vnadmin_docs.writer._wordml import (
    NS,
    body_xml,
    footer_xml,
    header_xml,
    section_properties_xml,
)
from vnadmin_docs.writer._zip import (
    Deflated,
    DeflateStream,
    Member,
    deflate,
    deflate_piece,
    zip_bytes,
)
from vnadmin_docs.writer.skeleton import Skeleton, skeleton

__all__ = [
    "SECT_MARK",
    "DocumentStream",
    "HeaderFooterParts",
    "LetterXml",
    "letter_xml",
    "package_members",
    "write_docx",
    "write_letter",
]

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_HDR = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_FTR = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>'
_DOC_END = "</w:body></w:document>"
_LEVEL = 3
"""Deflate level of the parts made per document: fast; the static parts were deflated
harder, once."""
SECT_MARK = "<!--vn:sectPr-->"
"""Where a section's ``w:sectPr`` goes in its prebuilt body XML. Text is always escaped
(``<`` is ``&lt;``), so the mark cannot come from a document's content."""


@dataclass(frozen=True)
class LetterXml:
    """One document's body WordprocessingML, built once (:func:`letter_xml`) and reused by
    its own .docx (:func:`write_letter`), the merged print file and the merged PDF groups of
    a batch (:class:`~vnadmin_docs.writer.stream.MergedWriter`). ``model`` is the page
    model with its sections' bodies dropped (page set-up, page-number header, contact
    footer and the document settings stay). Each section's body is cut where its
    ``w:sectPr`` goes: ``heads`` holds what comes before, already deflated
    (:class:`~vnadmin_docs.writer._zip.Deflated`, copied as it is into every file the
    letter goes into), or as text when it anchors pictures (their ids are numbered per
    file); ``tails`` what comes after (the end of the last paragraph); ``images`` the
    pictures the bodies anchor (relationship id, part name, PNG bytes). Small to send
    between processes: a letter's 15 kB of body XML travels as about 2 kB."""

    model: PageModel
    heads: tuple[Deflated | str, ...]
    tails: tuple[str, ...]
    images: tuple[tuple[str, str, bytes], ...] = ()


def letter_xml(model: PageModel) -> LetterXml:
    """The body XML of each section of ``model``, built (and deflated) once."""
    heads: list[Deflated | str] = []
    tails: list[str] = []
    for section in model.sections:
        head, _mark, tail = body_xml(
            section.body, model.font, model.color, SECT_MARK).partition(SECT_MARK)
        heads.append(head if has_drawings(head) else deflate_piece(head, _LEVEL))
        tails.append(tail)
    light = replace(model, sections=tuple(replace(s, body=()) for s in model.sections))
    images = tuple((rid, name, png) for rid, (name, png) in image_parts(model.sections).items())
    return LetterXml(light, tuple(heads), tuple(tails), images)


@lru_cache(maxsize=1)
def doc_head() -> Deflated:
    """The start of ``word/document.xml`` up to ``w:body``, deflated once."""
    return deflate_piece(_DOC_HEAD, _LEVEL)


class DocumentStream:
    """``word/document.xml`` of one file put together letter by letter: the letters'
    deflated heads copied, the rest (section properties, tails, text heads) deflated here,
    picture ids numbered across the whole file. Each call returns the bytes to append."""

    def __init__(self, parts: HeaderFooterParts, level: int) -> None:
        self.parts = parts
        self._deflate = DeflateStream(level)
        self._ids = itertools.count(1)

    @property
    def crc(self) -> int:
        return self._deflate.crc

    @property
    def size(self) -> int:
        return self._deflate.size

    def start(self) -> bytes:
        return self._deflate.piece(doc_head())

    def head(self, head: Deflated | str) -> bytes:
        if isinstance(head, str):
            return self._deflate.text(number_drawings(head, self._ids))
        return self._deflate.piece(head)

    def end_section(self, section: Section, tail: str, *, last: bool) -> bytes:
        """What follows a section's head: its ``w:sectPr`` and tail, and after the last
        section the end of the document."""
        xml = number_drawings(self.parts.section_end(section, tail, last=last), self._ids)
        if last:
            return self._deflate.text(xml + _DOC_END, last=True)
        return self._deflate.text(xml)


def _core_xml(model: PageModel, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(model.title)}</dc:title><dc:subject>{escape(model.subject)}</dc:subject>"
        "<dc:creator>vnadmin-docs</dc:creator><cp:lastModifiedBy>vnadmin-docs</cp:lastModifiedBy>"
        f"<dc:language>{model.language}</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


class HeaderFooterParts:
    """The header and footer parts of one package and the references each section makes to
    them. Shared between letters exactly as Word would: one empty header and footer, one
    page-number header per distinct number paragraph, one first-page footer per distinct
    contact block. Used by :func:`write_docx` and by the streaming merged writer."""

    def __init__(self, font: str, color: str) -> None:
        self.font, self.color = font, color
        self.parts: dict[str, str] = {}
        self.rels: list[tuple[str, str, str]] = []  # (rid, type, target)
        self._numbers: dict[Para, str] = {}
        self._footers: dict[tuple[Para, ...], str] = {}
        self._sect_prs: dict[tuple[PageSetup, str, str, bool], str] = {}
        self._empty_header = self._add("header", header_xml([], font, color))
        self._empty_footer = self._add("footer", footer_xml([], font, color))

    def _add(self, kind: str, xml: str) -> str:
        index = sum(1 for n in self.parts if n.startswith(f"word/{kind}")) + 1
        self.parts[f"word/{kind}{index}.xml"] = xml
        rid = f"rIdVn{len(self.rels) + 1}"
        self.rels.append((rid, kind, f"{kind}{index}.xml"))
        return rid

    def section_properties(self, section: Section) -> str:
        """``w:sectPr`` of ``section``, adding the parts it needs the first time."""
        header = self._empty_header
        if section.page_number is not None:
            if section.page_number not in self._numbers:
                self._numbers[section.page_number] = self._add(
                    "header", header_xml([section.page_number], self.font, self.color)
                )
            header = self._numbers[section.page_number]
        footer = self._empty_footer
        if section.first_page_footer:
            key = section.first_page_footer
            if key not in self._footers:
                self._footers[key] = self._add("footer", footer_xml(key, self.font, self.color))
            footer = self._footers[key]
        sect = (section.setup, header, footer, section.restart_numbering)
        if sect not in self._sect_prs:  # the same few for every letter of a batch
            refs = {
                "header:default": header,
                "header:first": self._empty_header,
                "footer:default": self._empty_footer,
                "footer:first": footer,
            }
            self._sect_prs[sect] = section_properties_xml(
                section.setup, refs, restart=section.restart_numbering, title_page=True
            )
        return self._sect_prs[sect]

    def section_xml(self, section: Section, *, last: bool) -> str:
        """The body of ``section`` with its ``w:sectPr``: on its last paragraph, or, for the
        section that ends the document, directly in ``w:body`` after it."""
        body = body_xml(section.body, self.font, self.color, SECT_MARK)
        head, _mark, tail = body.partition(SECT_MARK)
        return head + self.section_end(section, tail, last=last)

    def section_end(self, section: Section, tail: str, *, last: bool) -> str:
        """The part of a section after its body's :data:`SECT_MARK`, as :meth:`section_xml`
        puts it: the ``w:sectPr`` then ``tail`` (the end of the last paragraph), or for
        the section that ends the document ``tail`` then the ``w:sectPr``; ``section``
        gives the page set-up and parts (its own body is not read)."""
        sect = self.section_properties(section)
        return tail + sect if last else sect + tail

    def package_xml(self, skel: Skeleton, images: Mapping[str, tuple[str, bytes]] | None = None,
                    ) -> tuple[str, str]:
        """The document relationships and the content types with these parts added, and
        the ``images`` the body anchors (relationship id -> part name, PNG bytes)."""
        images = images or {}
        rel_xml = "".join(
            f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
            for rid, kind, target in self.rels
        ) + "".join(
            f'<Relationship Id="{rid}" Type="{_REL}/image" Target="{name}"/>'
            for rid, (name, _png) in images.items()
        )
        overrides = "".join(
            f'<Override PartName="/{n}" ContentType="{_CT_HDR if "header" in n else _CT_FTR}"/>'
            for n in self.parts
        )
        content_types = skel.content_types
        if images and 'Extension="png"' not in content_types:
            content_types = content_types.replace(
                "<Override", '<Default Extension="png" ContentType="image/png"/><Override', 1)
        return (
            skel.document_rels.replace("</Relationships>", rel_xml + "</Relationships>"),
            content_types.replace("</Types>", overrides + "</Types>"),
        )


def write_docx(model: PageModel, *, created: dt.datetime | None = None) -> bytes:
    """The page model as .docx bytes. Several sections become one file in which each
    section restarts its page numbers and hides the number on its own first page.

    ``created`` fixes the core-properties timestamp (for byte-identical output); by default
    it is 2000-01-01 so that identical input gives identical bytes.
    """
    return write_letter(letter_xml(model), created=created)


def write_letter(letter: LetterXml, *, created: dt.datetime | None = None) -> bytes:
    """:func:`write_docx` from a letter's prebuilt XML (:func:`letter_xml`)."""
    model = letter.model
    skel = skeleton(model.font, model.base_size.half_points, model.language, model.color)
    parts = HeaderFooterParts(model.font, model.color)
    document = DocumentStream(parts, _LEVEL)
    last = len(model.sections) - 1
    data = [document.start()]
    for index, (section, head, tail) in enumerate(
            zip(model.sections, letter.heads, letter.tails, strict=True)):
        data.append(document.head(head))
        data.append(document.end_section(section, tail, last=index == last))
    images = {rid: (name, png) for rid, name, png in letter.images}
    when = created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return zip_bytes(package_members(
        skel, parts, images, _same_part,
        document=Member("word/document.xml", document.crc, document.size, b"".join(data)),
        core=deflate("docProps/core.xml", _core_xml(model, when), _LEVEL)))


def package_members(skel: Skeleton, parts: HeaderFooterParts,
                    images: Mapping[str, tuple[str, bytes]],
                    part: Callable[[str, str], Member], *, document: Member | None,
                    core: Member) -> list[Member]:
    """The members of a package in their order: content types, relationships, ``document``
    (``None``: already streamed in by the caller), the header and footer ``parts``, the
    ``images``, the skeleton's static parts and ``core``; ``part`` deflates the XML made
    for this package."""
    doc_rels, content_types = parts.package_xml(skel, images)
    return [
        part("[Content_Types].xml", content_types),
        skel.static_members[0],  # _rels/.rels
        *([document] if document is not None else []),
        part("word/_rels/document.xml.rels", doc_rels),
        *(part(name, xml) for name, xml in parts.parts.items()),
        *(deflate(f"word/{name}", png, 0) for name, png in images.values()),
        *skel.static_members[1:],
        core,
    ]


@lru_cache(maxsize=64)
def _same_part(name: str, xml: str) -> Member:
    """A part that letters of a batch share byte for byte (content types, relationships,
    headers and footers), deflated once (issue 18: 5 of 7 deflates per letter)."""
    return deflate(name, xml, _LEVEL)
