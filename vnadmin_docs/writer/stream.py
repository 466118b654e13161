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
from pathlib import Path
from types import TracebackType

from vnadmin_docs._files import TMP_MARK, with_file_name
from vnadmin_docs.layout.page_model import PageModel, Section
from vnadmin_docs.writer._zip import ZipWriter, deflate
from vnadmin_docs.writer.package import (
    DocumentStream,
    HeaderFooterParts,
    LetterXml,
    _core_xml,
    letter_xml,
    package_members,
)
from vnadmin_docs.writer.skeleton import skeleton

__all__ = ["MergedWriter"]

_LEVEL = 1
"""Deflate level of what the merged file deflates itself (section properties, the parts);
the letters' bodies come deflated."""


class MergedWriter:
    """Append page models (``add``) then ``close``; use as a context manager.

    The section that ends the document carries its properties in ``w:body`` (not in a
    paragraph), as ``write_docx`` does; so the end of each section is held back until the
    next section arrives.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        # Same temporary-name scheme as vnadmin_docs._files, so a resumed batch cleans it up.
        self._tmp = self.target.with_name(f"{TMP_MARK}{os.getpid()}-{self.target.name}")
        # O_EXCL after removing a leftover: a temporary name planted as a link is never
        # written through (as in vnadmin_docs._files).
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self._tmp, flags, 0o666)
        except OSError as exc:  # a full disk names no file: name the one being made
            raise with_file_name(exc, self.target) from exc
        self._fh = open(fd, "wb")  # noqa: SIM115 - closed by close() or abort()
        self._zip = ZipWriter(self._fh)
        self._first: PageModel | None = None
        self._doc: DocumentStream | None = None
        self._pending: tuple[Section, str] | None = None  # a section and its tail
        self._images: dict[str, tuple[str, bytes]] = {}  # the pictures the letters anchor
        self.sections = 0

    def add(self, letter: PageModel | LetterXml) -> None:
        """Append every section of one letter: its page model, or its XML already built for
        its own file (:func:`~vnadmin_docs.writer.package.letter_xml`), whose deflated
        bodies are then copied as they are (one XML per letter, deflated once). An error
        writing the file (a full disk) names the merged file."""
        built = letter if isinstance(letter, LetterXml) else letter_xml(letter)
        try:
            self._add(built)
        except OSError as exc:
            raise with_file_name(exc, self.target) from exc

    def _add(self, built: LetterXml) -> None:
        model = built.model
        if self._doc is None:
            self._first = model
            self._doc = DocumentStream(HeaderFooterParts(model.font, model.color), _LEVEL)
            self._zip.begin("word/document.xml")
            self._zip.write(self._doc.start())
        self._images.update((rid, (name, png)) for rid, name, png in built.images)
        for section, head, tail in zip(model.sections, built.heads, built.tails, strict=True):
            if self._pending is not None:
                self._zip.write(self._doc.end_section(*self._pending, last=False))
            self._zip.write(self._doc.head(head))
            self._pending = (section, tail)
            self.sections += 1

    def close(self) -> Path:
        """Finish the package and move it into place; returns the target path."""
        if self._first is None or self._doc is None or self._pending is None:
            self.abort()
            raise ValueError("MergedWriter needs at least one page model")
        try:
            return self._close()
        except OSError as exc:
            raise with_file_name(exc, self.target) from exc

    def _close(self) -> Path:
        assert self._first is not None and self._doc is not None and self._pending is not None
        doc, zw = self._doc, self._zip
        zw.write(doc.end_section(*self._pending, last=True))
        zw.end(doc.crc, doc.size)
        first = self._first
        skel = skeleton(first.font, first.base_size.half_points, first.language, first.color)
        when = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        for member in package_members(
                skel, doc.parts, self._images, lambda name, xml: deflate(name, xml, _LEVEL),
                document=None, core=deflate("docProps/core.xml", _core_xml(first, when), _LEVEL)):
            zw.add(member)
        zw.close()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.target)
        return self.target

    def abort(self) -> None:
        """Drop the temporary file (after an error)."""
        with contextlib.suppress(Exception):
            self._fh.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()

    def __enter__(self) -> MergedWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.abort()
