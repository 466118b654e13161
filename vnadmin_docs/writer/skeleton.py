"""The static parts of every document, built once per (font, size, language) with python-docx.

python-docx gives us a valid package (content types, relationships, styles, settings,
theme, font table, core properties). We trim what an official letter never uses (the
350 kB of latent styles, ``stylesWithEffects``, the thumbnail, custom XML), set the
document defaults to Times New Roman in all four font slots, black, Vietnamese, and keep
the resulting parts as bytes. Every document then reuses them; only ``document.xml``,
the header/footer parts and the core properties change per document.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import docx
from docx.oxml.ns import qn

from vnadmin_docs.writer._zip import Member, deflate

__all__ = ["Skeleton", "skeleton"]

_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer"}
_DROP_RELTYPES = (
    "stylesWithEffects",
    "customXml",
    "thumbnail",
    "numbering",
    "webSettings",
)


@dataclass(frozen=True)
class Skeleton:
    """Package parts that do not change between documents."""

    parts: dict[str, bytes]
    content_types: str
    document_rels: str
    package_rels: bytes
    static_members: tuple[Member, ...]


def _set_defaults(root: Any, font: str, half_points: int, lang: str, color: str) -> None:
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = rpr.makeelement(
        qn("w:rFonts"),
        {
            qn("w:ascii"): font,
            qn("w:hAnsi"): font,
            qn("w:eastAsia"): font,
            qn("w:cs"): font,
        },
    )
    rpr.append(fonts)
    rpr.append(rpr.makeelement(qn("w:color"), {qn("w:val"): color}))
    rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): str(half_points)}))
    rpr.append(rpr.makeelement(qn("w:szCs"), {qn("w:val"): str(half_points)}))
    rpr.append(
        rpr.makeelement(
            qn("w:lang"),
            {
                qn("w:val"): lang,
                qn("w:eastAsia"): lang,
                qn("w:bidi"): "ar-SA",
            },
        )
    )
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(
        ppr.makeelement(
            qn("w:spacing"),
            {
                qn("w:after"): "0",
                qn("w:line"): "240",
                qn("w:lineRule"): "auto",
            },
        )
    )
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP_STYLES:
            root.remove(style)


def _build(font: str, half_points: int, lang: str, color: str) -> Skeleton:
    document = docx.Document()
    part = document.part
    for rid, rel in list(part.rels.items()):
        if any(rel.reltype.endswith(t) for t in _DROP_RELTYPES):
            part.drop_rel(rid)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("thumbnail"):
            del pkg_rels[rid]
    _set_defaults(document.styles.element, font, half_points, lang, color)
    settings = document.settings.element
    for tag in ("w:rsids", "w:proofState", "w:attachedTemplate"):
        el = settings.find(qn(tag))
        if el is not None:
            settings.remove(el)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)
    core = document.core_properties
    core.author = "vnadmin-docs"
    core.title = ""
    core.comments = ""
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(buffer) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    # Drop the overrides of parts the trimmed package no longer has (once, not per letter).
    content_types = re.sub(
        r'<Override PartName="/(customXml|word/stylesWithEffects|word/numbering|'
        r"word/webSettings)[^>]*/>",
        "",
        parts.pop("[Content_Types].xml").decode("utf-8"),
    )
    document_rels = parts.pop("word/_rels/document.xml.rels").decode("utf-8")
    package_rels = parts.pop("_rels/.rels")
    parts.pop("word/document.xml")
    static = tuple(
        deflate(name, data) for name, data in parts.items() if name != "docProps/core.xml"
    )
    return Skeleton(
        parts,
        content_types,
        document_rels,
        package_rels,
        (deflate("_rels/.rels", package_rels), *static),
    )


@lru_cache(maxsize=8)
def skeleton(font: str, half_points: int, lang: str, color: str) -> Skeleton:
    """The cached static parts for one combination of document defaults."""
    return _build(font, half_points, lang, color)
