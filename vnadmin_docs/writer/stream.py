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
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO

from vnadmin_docs._files import TMP_MARK
from vnadmin_docs.layout.page_model import PageModel, Section
from vnadmin_docs.writer.package import (
    _DOC_HEAD,
    HeaderFooterParts,
    LetterXml,
    _core_xml,
    letter_xml,
)
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
        # Same temporary-name scheme as vnadmin_docs._files, so a resumed batch cleans it up.
        self._tmp = self.target.with_name(f"{TMP_MARK}{os.getpid()}-{self.target.name}")
        self._zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._doc: IO[bytes] | None = None
        self._first: PageModel | None = None
        self._pending: tuple[Section, str] | None = None  # a section and its body XML
        self._parts: HeaderFooterParts | None = None
        self.sections = 0

    def _flush(self, pending: tuple[Section, str], last: bool) -> None:
        assert self._parts is not None and self._doc is not None
        section, body = pending
        self._doc.write(self._parts.place_section(section, body, last=last).encode("utf-8"))

    def add(self, letter: PageModel | LetterXml) -> None:
        """Append every section of one letter: its page model, or its XML already built for
        its own file (:func:`~vnadmin_docs.writer.package.letter_xml`), which is then reused
        as it is (one XML per letter)."""
        built = letter if isinstance(letter, LetterXml) else letter_xml(letter)
        model = built.model
        if self._first is None:
            self._first = model
            self._parts = HeaderFooterParts(model.font, model.color)
            self._doc = self._zip.open(_entry("word/document.xml"), "w", force_zip64=True)
            self._doc.write(_DOC_HEAD.encode("utf-8"))
        for section, body in zip(model.sections, built.bodies, strict=True):
            if self._pending is not None:
                self._flush(self._pending, last=False)
            self._pending = (section, body)
            self.sections += 1

    def close(self) -> Path:
        """Finish the package and move it into place; returns the target path."""
        if self._first is None or self._doc is None or self._pending is None or not self._parts:
            self.abort()
            raise ValueError("MergedWriter needs at least one page model")
        self._flush(self._pending, last=True)
        self._doc.write(b"</w:body></w:document>")
        self._doc.close()
        first = self._first
        skel = skeleton(first.font, first.base_size.half_points, first.language, first.color)
        doc_rels, content_types = self._parts.package_xml(skel)
        zf = self._zip
        zf.writestr(_entry("[Content_Types].xml"), content_types)
        zf.writestr(_entry("_rels/.rels"), skel.package_rels)
        zf.writestr(_entry("word/_rels/document.xml.rels"), doc_rels)
        for name, xml in self._parts.parts.items():
            zf.writestr(_entry(name), xml)
        when = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        for name, data in skel.parts.items():
            zf.writestr(
                _entry(name), _core_xml(first, when) if name == "docProps/core.xml" else data
            )
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
        # A close that failed (a full disk) can leave the file open: close it here, or the
        # ZipFile's finaliser tries again later and prints "Exception ignored in …".
        fp, self._zip.fp = self._zip.fp, None
        if fp is not None:
            with contextlib.suppress(Exception):
                fp.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()

    def __enter__(self) -> MergedWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.abort()
