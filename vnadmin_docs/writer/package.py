"""Assemble the .docx zip from the skeleton, the body and the header/footer parts."""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from vnadmin_docs.layout.page_model import PageModel, Para
from vnadmin_docs.writer._wordml import (
    NS,
    body_xml,
    footer_xml,
    header_xml,
    section_properties_xml,
)
from vnadmin_docs.writer._zip import deflate, zip_bytes
from vnadmin_docs.writer.skeleton import skeleton

__all__ = ["write_docx"]

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_HDR = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_FTR = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>'


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


def write_docx(model: PageModel, *, created: dt.datetime | None = None) -> bytes:
    """The page model as .docx bytes. Several sections become one file in which each
    section restarts its page numbers and hides the number on its own first page.

    ``created`` fixes the core-properties timestamp (for byte-identical output); by default
    it is 2000-01-01 so that identical input gives identical bytes.
    """
    skel = skeleton(model.font, model.base_size.half_points, model.language, model.color)
    font, color = model.font, model.color
    extra_parts: dict[str, str] = {}
    rels: list[tuple[str, str, str]] = []  # (rid, type, target)

    def add_part(kind: str, xml: str) -> str:
        index = sum(1 for n in extra_parts if n.startswith(f"word/{kind}")) + 1
        name = f"word/{kind}{index}.xml"
        extra_parts[name] = xml
        rid = f"rIdVn{len(rels) + 1}"
        rels.append((rid, kind, f"{kind}{index}.xml"))
        return rid

    empty_header = add_part("header", header_xml([], font, color))
    empty_footer = add_part("footer", footer_xml([], font, color))
    number_headers: dict[Para, str] = {}
    contact_footers: dict[tuple[Para, ...], str] = {}
    body_parts: list[str] = []
    for index, section in enumerate(model.sections):
        refs = {"header:first": empty_header, "footer:default": empty_footer}
        if section.page_number is not None:
            if section.page_number not in number_headers:
                number_headers[section.page_number] = add_part(
                    "header", header_xml([section.page_number], font, color)
                )
            refs["header:default"] = number_headers[section.page_number]
        else:
            refs["header:default"] = empty_header
        if section.first_page_footer:
            key = section.first_page_footer
            if key not in contact_footers:
                contact_footers[key] = add_part("footer", footer_xml(key, font, color))
            refs["footer:first"] = contact_footers[key]
        else:
            refs["footer:first"] = empty_footer
        ordered = {
            k: refs[k] for k in ("header:default", "header:first", "footer:default", "footer:first")
        }
        sect = section_properties_xml(
            section.setup, ordered, restart=section.restart_numbering, title_page=True
        )
        if index == len(model.sections) - 1:
            body_parts.append(body_xml(section.body, font, color, ""))
            body_parts.append(sect)
        else:
            body_parts.append(body_xml(section.body, font, color, sect))
    document = _DOC_HEAD + "".join(body_parts) + "</w:body></w:document>"

    rel_xml = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    doc_rels = skel.document_rels.replace("</Relationships>", rel_xml + "</Relationships>")
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{_CT_HDR if "header" in name else _CT_FTR}"/>'
        for name in extra_parts
    )
    content_types = re.sub(
        r'<Override PartName="/(customXml|word/stylesWithEffects|word/numbering|'
        r"word/webSettings)[^>]*/>",
        "",
        skel.content_types,
    ).replace("</Types>", overrides + "</Types>")
    when = created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    level = 3  # per-document parts: fast; the static parts were deflated harder, once
    members = [
        deflate("[Content_Types].xml", content_types, level),
        skel.static_members[0],  # _rels/.rels
        deflate("word/document.xml", document, level),
        deflate("word/_rels/document.xml.rels", doc_rels, level),
        *(deflate(name, xml, level) for name, xml in extra_parts.items()),
        *skel.static_members[1:],
        deflate("docProps/core.xml", _core_xml(model, when), level),
    ]
    return zip_bytes(members)
