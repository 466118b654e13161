"""A merged file for printing, written section by section so memory does not grow with N.

:func:`vnadmin_docs.writer.write_merged` needs every page model in memory and builds the
whole ``document.xml`` string at once; for 10,000 letters that is hundreds of megabytes.
:class:`MergedWriter` takes one letter at a time and streams its sections into the zip entry;
headers and footers are shared between letters exactly as in ``write_docx`` (one empty
header/footer, one page-number header per distinct number paragraph, one footer per distinct
contact block). The file is written to a temporary name in the target folder and renamed
when :meth:`MergedWriter.close` succeeds, so it appears whole or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO

from vnadmin_docs.layout.page_model import PageModel, Para, Section
from vnadmin_docs.writer._wordml import body_xml, footer_xml, header_xml, section_properties_xml
from vnadmin_docs.writer.package import _CT_FTR, _CT_HDR, _DOC_HEAD, _REL, _core_xml
from vnadmin_docs.writer.skeleton import skeleton

__all__ = ["MergedWriter"]


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed timestamp keeps output byte-identical for identical input.
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class MergedWriter:
    """Append page models (``add``) then ``close``; use as a context manager.

    The section that ends the document carries its properties in ``w:body`` (not in a
    paragraph), as ``write_docx`` does; so each section is held back until the next arrives.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.target.with_name(f".vnadmin-tmp-{os.getpid()}-{self.target.name}")
        self._zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._doc: IO[bytes] | None = None
        self._first: PageModel | None = None
        self._pending: Section | None = None
        self._parts: dict[str, str] = {}
        self._rels: list[tuple[str, str, str]] = []
        self._numbers: dict[Para, str] = {}
        self._footers: dict[tuple[Para, ...], str] = {}
        self._empty_header = ""
        self._empty_footer = ""
        self.sections = 0

    def _add_part(self, kind: str, xml: str) -> str:
        index = sum(1 for n in self._parts if n.startswith(f"word/{kind}")) + 1
        name = f"word/{kind}{index}.xml"
        self._parts[name] = xml
        rid = f"rIdVn{len(self._rels) + 1}"
        self._rels.append((rid, kind, f"{kind}{index}.xml"))
        return rid

    def _sect_pr(self, section: Section) -> str:
        assert self._first is not None
        font, color = self._first.font, self._first.color
        refs = {"header:first": self._empty_header, "footer:default": self._empty_footer}
        if section.page_number is not None:
            if section.page_number not in self._numbers:
                self._numbers[section.page_number] = self._add_part(
                    "header", header_xml([section.page_number], font, color)
                )
            refs["header:default"] = self._numbers[section.page_number]
        else:
            refs["header:default"] = self._empty_header
        if section.first_page_footer:
            key = section.first_page_footer
            if key not in self._footers:
                self._footers[key] = self._add_part("footer", footer_xml(key, font, color))
            refs["footer:first"] = self._footers[key]
        else:
            refs["footer:first"] = self._empty_footer
        ordered = {k: refs[k] for k in ("header:default", "header:first", "footer:default",
                                        "footer:first")}
        return section_properties_xml(section.setup, ordered,
                                      restart=section.restart_numbering, title_page=True)

    def _flush(self, section: Section, last: bool) -> None:
        assert self._first is not None and self._doc is not None
        font, color = self._first.font, self._first.color
        sect = self._sect_pr(section)
        if last:
            text = body_xml(section.body, font, color, "") + sect
        else:
            text = body_xml(section.body, font, color, sect)
        self._doc.write(text.encode("utf-8"))

    def add(self, model: PageModel) -> None:
        """Append every section of ``model`` (one letter)."""
        if self._first is None:
            self._first = model
            self._empty_header = self._add_part("header", header_xml([], model.font, model.color))
            self._empty_footer = self._add_part("footer", footer_xml([], model.font, model.color))
            self._doc = self._zip.open(_entry("word/document.xml"), "w", force_zip64=True)
            self._doc.write(_DOC_HEAD.encode("utf-8"))
        for section in model.sections:
            if self._pending is not None:
                self._flush(self._pending, last=False)
            self._pending = section
            self.sections += 1

    def close(self) -> Path:
        """Finish the package and move it into place; returns the target path."""
        if self._first is None or self._doc is None or self._pending is None:
            self.abort()
            raise ValueError("MergedWriter needs at least one page model")
        self._flush(self._pending, last=True)
        self._doc.write(b"</w:body></w:document>")
        self._doc.close()
        first = self._first
        skel = skeleton(first.font, first.base_size.half_points, first.language, first.color)
        rel_xml = "".join(f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
                          for rid, kind, target in self._rels)
        doc_rels = skel.document_rels.replace("</Relationships>", rel_xml + "</Relationships>")
        overrides = "".join(
            f'<Override PartName="/{n}" ContentType="{_CT_HDR if "header" in n else _CT_FTR}"/>'
            for n in self._parts
        )
        content_types = re.sub(
            r'<Override PartName="/(customXml|word/stylesWithEffects|word/numbering|'
            r"word/webSettings)[^>]*/>",
            "",
            skel.content_types,
        ).replace("</Types>", overrides + "</Types>")
        zf = self._zip
        zf.writestr(_entry("[Content_Types].xml"), content_types)
        zf.writestr(_entry("_rels/.rels"), skel.package_rels)
        zf.writestr(_entry("word/_rels/document.xml.rels"), doc_rels)
        for name, xml in self._parts.items():
            zf.writestr(_entry(name), xml)
        when = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        for name, data in skel.parts.items():
            zf.writestr(_entry(name), _core_xml(first, when) if name == "docProps/core.xml"
                        else data)
        zf.close()
        with open(self._tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(self._tmp, self.target)
        return self.target

    def abort(self) -> None:
        """Drop the temporary file (after an error)."""
        with contextlib.suppress(Exception):
            if self._doc is not None:
                self._doc.close()
        with contextlib.suppress(Exception):
            self._zip.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()

    def __enter__(self) -> MergedWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            self.abort()
