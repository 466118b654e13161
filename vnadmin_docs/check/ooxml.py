"""Read any .docx package into a flat, typed view for the checker (zipfile + lxml).

Input: a path to a WordprocessingML package, whoever made it. Output: a :class:`Package`
whose paragraphs (body, table cells and text boxes, in reading order) carry their text and
the *effective* formatting of each run, plus the sections (page size, margins, title page,
header parts with their PAGE fields). Nothing here judges the document.

Why not python-docx: see docs/dev/checker.md.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from vnadmin_docs.check.styles import (
    StyleSheet,
    para_props,
    run_props,
    wattr,
    wtag,
)
from vnadmin_docs.errors import VnAdminError

__all__ = [
    "Package",
    "ParaFormat",
    "Paragraph",
    "Run",
    "RunFormat",
    "Section",
    "UnreadableDocument",
    "Where",
    "read_package",
]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_V = "urn:schemas-microsoft-com:vml"
_EXT = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_TWIPS_PER_PT = 20.0
_TWIPS_PER_MM = 1440 / 25.4
_EMU_PER_PT = 12700.0
_AUTO_SPACING_PT = 14.0
# "Strict Open XML" files (Word: Save As → Strict) use other namespace names for the same
# elements; reading them under the transitional names is enough for the checker.
_STRICT = (
    (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/main",
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
)
# Caps on what one package may inflate to (issue 13): a long real document.xml is a few
# MB (2 000 pages ≈ 30 MB); beyond these the file is refused with a named error.
_PART_CAP = 128 * 2**20
_TOTAL_CAP = 256 * 2**20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class UnreadableDocument(VnAdminError):
    """Raised when a file is not a readable .docx (not a zip, no main part, bad XML)."""


@dataclass(frozen=True)
class RunFormat:
    """Effective formatting of one run (None = not set anywhere, the application default)."""

    font: str | None  # the font of Vietnamese letters (w:hAnsi slot, else w:ascii)
    size_pt: float | None
    bold: bool
    italic: bool
    caps: bool
    color: str
    theme_color: str | None = None
    font_ascii: str | None = None  # the font of plain ASCII letters and digits
    underline: bool = False


@dataclass(frozen=True)
class Run:
    """A piece of text with one effective format."""

    text: str
    fmt: RunFormat


@dataclass(frozen=True)
class ParaFormat:
    """Effective paragraph formatting, lengths in points (None = not set)."""

    alignment: str
    first_line_pt: float
    left_pt: float
    space_before_pt: float
    space_after_pt: float
    line_rule: str
    line_value: float
    contextual: bool
    numbered: bool
    border_bottom: bool
    border_top: bool
    style_id: str
    right_pt: float = 0.0


@dataclass(frozen=True)
class Where:
    """Where a paragraph sits, as a clerk would look for it."""

    kind: str  # "body" | "cell" | "textbox" | "header" | "footer"
    body_index: int  # 1-based number of the body paragraph (or of the anchor paragraph)
    table: int = 0
    row: int = 0
    col: int = 0
    box: int = 0
    box_x_pt: float | None = None
    part: str = ""
    role: str = ""  # headers/footers: "default" | "first" | "even"
    width_pt: float | None = None  # a cell's width (w:tcW, else its grid columns)

    def describe(self, lang: str = "vi") -> str:
        """Short human place: ``đoạn 12``, ``bảng 1, hàng 1, cột 2`` …"""
        en = lang.startswith("en")
        if self.kind == "cell":
            if en:
                return f"table {self.table}, row {self.row}, column {self.col}"
            return f"bảng {self.table}, hàng {self.row}, cột {self.col}"
        if self.kind == "textbox":
            if en:
                return f"text box {self.box} (anchored at paragraph {self.body_index})"
            return f"hộp văn bản {self.box} (neo ở đoạn {self.body_index})"
        if self.kind in ("header", "footer"):
            vi_kind = "đầu trang" if self.kind == "header" else "chân trang"
            pages_vi = {"first": "trang 1", "even": "trang chẵn"}.get(self.role, "chung")
            pages_en = {"first": "page 1's ", "even": "even-page "}.get(self.role, "main ")
            return f"{pages_en}{self.kind}" if en else f"{vi_kind} {pages_vi}"
        return f"paragraph {self.body_index}" if en else f"đoạn {self.body_index}"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph with its runs and effective formatting."""

    order: int  # position in the flat reading order (0-based)
    where: Where
    runs: tuple[Run, ...]
    fmt: ParaFormat
    has_line_shape: bool = False
    has_page_field: bool = False
    table_key: int = 0  # 0 = not in a table, else the table number
    section: int = 0  # 0-based index of the w:sectPr the paragraph belongs to

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Section:
    """One ``w:sectPr``: page geometry in mm and its header parts."""

    width_mm: float | None
    height_mm: float | None
    orient: str
    top_mm: float | None
    bottom_mm: float | None
    left_mm: float | None
    right_mm: float | None
    title_page: bool
    headers: dict[str, str] = field(default_factory=dict)  # type -> part name
    footers: dict[str, str] = field(default_factory=dict)  # type -> part name
    page_start: int | None = None  # w:pgNumType w:start: numbering restarts at this number


@dataclass(frozen=True)
class Package:
    """The readable content of one .docx."""

    path: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    header_parts: dict[str, tuple[Paragraph, ...]]
    # Pages Word counted when it saved the file (docProps/app.xml); None when unknown.
    word_pages: int | None = None
    # table number -> (section, indent from the left margin in pt, width in pt)
    tables: dict[int, tuple[int, float, float]] = field(default_factory=dict)

    def header_has_page_field(self, part: str) -> bool:
        return any(p.has_page_field for p in self.header_parts.get(part, ()))

    def between(self, upper: Paragraph, lower: Paragraph) -> list[Paragraph]:
        """The paragraphs strictly between two paragraphs, in reading order."""
        return [p for p in self.paragraphs if upper.order < p.order < lower.order]

    def by_section(self) -> dict[int, list[Paragraph]]:
        """The paragraphs of each section, by section index, in reading order."""
        groups: dict[int, list[Paragraph]] = {}
        for p in self.paragraphs:
            groups.setdefault(p.section, []).append(p)
        return groups

    def part(self, indexes: Sequence[int],
             groups: Mapping[int, Sequence[Paragraph]] | None = None) -> Package:
        """The package of sections ``indexes`` only (a document of a merged file, a text
        issued with a decision): their paragraphs, page set-up, headers, footers and
        tables; ``groups``: :meth:`by_section`, when the caller has it already."""
        groups = self.by_section() if groups is None else groups
        paras = tuple(p for i in indexes for p in groups[i])
        secs = tuple(self.sections[i] for i in indexes if i < len(self.sections))
        mine = {part for s in secs for part in (*s.headers.values(), *s.footers.values())}
        parts = {k: v for k, v in self.header_parts.items() if k in mine}
        tables = {k: v for k, v in self.tables.items() if v[0] in indexes}
        return Package(self.path, paras, secs or self.sections[-1:], parts, None, tables)

    def letters(self) -> list[Package]:
        """One package per document when the file holds several (a merged batch file).

        A merged file keeps each document in its own section(s); a section opening with a
        Quốc hiệu starts a document, and the sections after it that do not (appendices,
        a landscape table) belong to it. One such start: the whole file is one document.
        """
        groups = self.by_section()
        # A section opening with a Quốc hiệu starts a document; the sections after it that
        # do not (its appendices) belong to it.
        letters: list[list[int]] = []
        for index in sorted(groups):
            if not letters or (
                _opens_with_national_title(groups[index]) and not is_attached_text(groups[index])
            ):
                letters.append([index])
            else:
                letters[-1].append(index)
        if len(letters) < 2:
            return [self]
        return [self.part(indexes, groups) for indexes in letters]


_NUMBER_LINE = re.compile(r"(^|\t| {3})Số\s*[:.]", re.MULTILINE)
# A header's date line: "<Địa danh>, ngày … tháng … năm …" (not a date inside a sentence).
_DATE_LINE = re.compile(
    r"(^|\t| {3})[^,\t]{2,40},\s*ngày\s*[\d.…_ ]*\s*tháng\s*[\d.…_ ]*\s*năm",
    re.IGNORECASE | re.MULTILINE,
)


def is_attached_text(paras: Sequence[Paragraph]) -> bool:
    """A section repeating the Quốc hiệu with neither a "Số:" line nor a date in its
    header is a text issued with the decision before it (Mẫu 1.3: Quy chế, Quy định …
    "(Kèm theo Quyết định số …)"), not a document of its own; see ``check/attached.py``."""
    texts = [p.text for p in paras if p.text.strip()][:10]
    if not any("NGHĨA VIỆT NAM" in t.upper() for t in texts[:6]):
        return False
    head: list[str] = []
    for t in texts:
        if re.match(r"^\(\s*Kèm theo\b", t.strip(), re.IGNORECASE):
            break
        head.append(t)
    return not any(_NUMBER_LINE.search(t.strip()) or _DATE_LINE.search(t.strip()) for t in head)


def _opens_with_national_title(paras: list[Paragraph]) -> bool:
    """A section that opens with a Quốc hiệu (a text issued with the decision before it
    does too: ``letters`` asks :func:`is_attached_text` as well)."""
    texts = [p.text for p in paras if p.text.strip()][:12]
    return any("NGHĨA VIỆT NAM" in t.upper() for t in texts)


def _mm(val: str | None) -> float | None:
    if val is None or not val.lstrip("-").isdigit():
        return None
    return int(val) / _TWIPS_PER_MM


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        if _is_ole(path):
            raise UnreadableDocument(
                f"Không đọc được tệp {path}: đây là tệp Word cũ (.doc) hoặc tệp có mật khẩu. "
                "Hãy mở bằng Word và lưu lại dạng .docx (không đặt mật khẩu).",
                f"Cannot read {path}: it is an old Word file (.doc) or a password-protected "
                "file. Open it in Word and save it as .docx (without a password).",
            )
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise UnreadableDocument(
                f"Không đọc được tệp {path}: không phải tệp .docx hợp lệ ({exc}).",
                f"Cannot read {path}: not a valid .docx file ({exc}).",
            ) from exc
        self.names = set(self.zip.namelist())
        self.inflated = 0  # bytes inflated so far, against _TOTAL_CAP
        # table number -> (section, indent pt, width pt) of each top-level table
        self.table_geometry: dict[int, tuple[int, float, float]] = {}
        self.main = self._main_part()
        self.rels = self._rels(self.main)
        theme = self._theme()
        styles_part = self._rel_target("/styles")
        self.sheet = StyleSheet.parse(self._xml(styles_part) if styles_part else None, theme)
        self.bullets = self._bullets()
        self.even_odd = self._even_and_odd_headers()
        self.order = 0
        self.body_index = 0
        self.tables = 0
        self.boxes = 0
        self.section = 0

    # -- package plumbing ---------------------------------------------------------------
    def _inflate(self, name: str) -> bytes:
        """The part's bytes, refusing a part (or a package) that inflates past the caps
        (a "zip bomb": a 1 GB document.xml compresses to a few MB). Read in chunks so
        memory stays bounded whatever the zip header claims."""
        budget = min(_PART_CAP, _TOTAL_CAP - self.inflated)
        chunks: list[bytes] = []
        size = 0
        with self.zip.open(name) as stream:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > budget:
                    raise self._too_big(name, size)
                chunks.append(chunk)
        self.inflated += size
        return b"".join(chunks)

    def _too_big(self, name: str, size: int) -> UnreadableDocument:
        whole = size > _TOTAL_CAP - self.inflated and size <= _PART_CAP
        mb = _PART_CAP // 2**20 if not whole else _TOTAL_CAP // 2**20
        what_vi = (
            f"các phần của tệp giải nén quá {mb} MB"
            if whole
            else f"phần {name} giải nén quá {mb} MB"
        )
        what_en = (
            f"its parts inflate past {mb} MB" if whole else f"part {name} inflates past {mb} MB"
        )
        return UnreadableDocument(
            f"Không đọc được tệp {self.path}: {what_vi} (tệp nén bất thường, có thể là tệp độc "
            "hại). Hãy mở bằng Word, kiểm tra rồi lưu lại.",
            f"Cannot read {self.path}: {what_en} (an abnormal package, possibly hostile). "
            "Open it in Word, check it and save it again.",
        )

    def _xml(self, name: str) -> etree._Element:
        try:
            data = self._inflate(name)
            for strict, transitional in _STRICT:
                data = data.replace(strict, transitional)
            return etree.fromstring(data, _PARSER)
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
            raise UnreadableDocument(
                f"Không đọc được tệp {self.path}: phần {name} hỏng hoặc thiếu ({exc}).",
                f"Cannot read {self.path}: part {name} is damaged or missing ({exc}).",
            ) from exc

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            root = self._xml("_rels/.rels")
            for rel in root.iter(f"{{{_PKG_R}}}Relationship"):
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    return str(rel.get("Target", "")).lstrip("/")
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise UnreadableDocument(
            f"Không đọc được tệp {self.path}: không có phần văn bản chính (word/document.xml).",
            f"Cannot read {self.path}: it has no main document part (word/document.xml).",
        )

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if rels_name not in self.names:
            return out
        for rel in self._xml(rels_name).iter(f"{{{_PKG_R}}}Relationship"):
            target = str(rel.get("Target", ""))
            if rel.get("TargetMode") == "External":
                continue
            full = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[str(rel.get("Id", ""))] = (str(rel.get("Type", "")), full)
        return out

    def _rel_target(self, type_suffix: str) -> str | None:
        for rtype, target in self.rels.values():
            if rtype.endswith(type_suffix) and target in self.names:
                return target
        return None

    def _theme(self) -> dict[str, str]:
        part = self._rel_target("/theme")
        if part is None:
            return {}
        root = self._xml(part)
        out: dict[str, str] = {}
        for key in ("major", "minor"):
            latin = root.find(f".//{{{_A}}}{key}Font/{{{_A}}}latin")
            if latin is not None and latin.get("typeface"):
                out[key] = str(latin.get("typeface"))
        return out

    def _even_and_odd_headers(self) -> bool:
        """``w:evenAndOddHeaders`` in settings.xml: without it Word never uses the even
        headers and footers, whatever the sections reference."""
        part = self._rel_target("/settings")
        if part is None:
            return False
        el = self._xml(part).find(wtag("evenAndOddHeaders"))
        return el is not None and _on(el)

    def word_pages(self, words: int) -> int | None:
        """The page count Word recorded when it last saved the file (docProps/app.xml),
        or None when the file does not record one (LibreOffice or a program wrote it) or
        the record is stale: Word updates the word count with the page count, so a record
        whose word count is far from the document's ``words`` (a template's "0 words"
        copied by a program) is not Word's count of this text. Word counts about 0.7 of
        the space-separated tokens of Vietnamese text (dashes, "./." are no words): the
        ten real documents of the corpus record 0.67–1.0."""
        name = "docProps/app.xml"
        if name not in self.names:
            return None
        try:
            root = self._xml(name)
        except UnreadableDocument:
            return None
        app = root.find(f"{{{_EXT}}}Application")
        pages = root.find(f"{{{_EXT}}}Pages")
        if pages is None or not (pages.text or "").strip().isdigit():
            return None
        if app is None or "microsoft" not in (app.text or "").lower():
            return None  # only Word's own pagination is taken as Word's
        recorded = root.find(f"{{{_EXT}}}Words")
        text = (recorded.text or "").strip() if recorded is not None else ""
        if not text.isdigit() or not 0.5 * words <= int(text) <= 1.3 * words + 5:
            return None
        count = int((pages.text or "0").strip())
        return count if count > 0 else None

    def _bullets(self) -> dict[tuple[str, str], str]:
        """(numId, ilvl) → bullet text, for bullet lists only (dash lists typed as bullets)."""
        part = self._rel_target("/numbering")
        if part is None:
            return {}
        root = self._xml(part)
        abstract: dict[str, dict[str, str]] = {}
        for ab in root.iter(wtag("abstractNum")):
            levels: dict[str, str] = {}
            for lvl in ab.iter(wtag("lvl")):
                fmt = lvl.find(wtag("numFmt"))
                text = lvl.find(wtag("lvlText"))
                if fmt is not None and wattr(fmt, "val") == "bullet" and text is not None:
                    levels[wattr(lvl, "ilvl") or "0"] = wattr(text, "val") or ""
            abstract[wattr(ab, "abstractNumId") or ""] = levels
        out: dict[tuple[str, str], str] = {}
        for num in root.iter(wtag("num")):
            ref = num.find(wtag("abstractNumId"))
            if ref is None:
                continue
            for ilvl, text in abstract.get(wattr(ref, "val") or "", {}).items():
                out[(wattr(num, "numId") or "", ilvl)] = text
        return out

    # -- content --------------------------------------------------------------------------
    def read(self) -> Package:
        root = self._xml(self.main)
        body = root.find(wtag("body"))
        paragraphs: list[Paragraph] = []
        if body is not None:
            self._blocks(body, paragraphs, table_style=None, cell=None)
        sections = tuple(self._section(s) for s in root.iter(wtag("sectPr")))
        header_parts: dict[str, tuple[Paragraph, ...]] = {}
        for sec in sections:
            for kind, refs in (("header", sec.headers), ("footer", sec.footers)):
                for part in refs.values():
                    if part not in header_parts and part in self.names:
                        role = next(r for r, name in refs.items() if name == part)
                        header_parts[part] = self._header(part, kind, role)
        words = sum(len(p.text.split()) for p in paragraphs)
        return Package(
            str(self.path),
            tuple(paragraphs),
            sections,
            header_parts,
            self.word_pages(words),
            self.table_geometry,
        )

    def _header(self, part: str, kind: str, role: str) -> tuple[Paragraph, ...]:
        root = self._xml(part)
        out: list[Paragraph] = []
        for p in root.iter(wtag("p")):
            out.append(self._paragraph(p, Where(kind, 0, part=part, role=role), None, 0))
        return tuple(out)

    def _blocks(
        self,
        parent: etree._Element,
        out: list[Paragraph],
        table_style: str | None,
        cell: Where | None,
        table_key: int = 0,
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == wtag("p"):
                if cell is None:
                    self.body_index += 1
                    where = Where("body", self.body_index)
                else:
                    where = cell
                out.append(self._paragraph(child, where, table_style, table_key))
                self._textboxes(child, out)
                if cell is None and child.find(f"{wtag('pPr')}/{wtag('sectPr')}") is not None:
                    self.section += 1  # this paragraph ends a section
            elif tag == wtag("tbl"):
                self.tables += 1
                number = self.tables
                style_el = child.find(f"{wtag('tblPr')}/{wtag('tblStyle')}")
                tstyle = wattr(style_el, "val") if style_el is not None else None
                if cell is None:  # a table in the body (not nested): where it sits
                    self.table_geometry[number] = (self.section, *_table_box(child))
                grid = [
                    _twips_pt(wattr(col, "w"))
                    for col in child.iterfind(f"{wtag('tblGrid')}/{wtag('gridCol')}")
                ]
                for r, tr in enumerate(child.iterchildren(wtag("tr")), start=1):
                    at = 0
                    for c, tc in enumerate(tr.iterchildren(wtag("tc")), start=1):
                        span, width = _cell_width(tc, grid, at)
                        at += span
                        where = Where(
                            "cell", self.body_index, table=number, row=r, col=c, width_pt=width
                        )
                        self._blocks(tc, out, tstyle, where, number)
            elif tag in (wtag("sdt"), wtag("customXml"), wtag("sdtContent")):
                self._blocks(child, out, table_style, cell, table_key)

    def _textboxes(self, p: etree._Element, out: list[Paragraph]) -> None:
        for box in p.iter(wtag("txbxContent")):
            if _inside(box, f"{{{_MC}}}Fallback", p) or _nearest_p(box.getparent()) is not p:
                continue
            self.boxes += 1
            where = Where("textbox", self.body_index, box=self.boxes, box_x_pt=_box_x(box))
            for inner in box.iterchildren(wtag("p")):
                out.append(self._paragraph(inner, where, None, 0))
            for tbl in box.iterchildren(wtag("tbl")):
                self._blocks(etree_wrap(tbl), out, None, where)

    def _paragraph(
        self, p: etree._Element, where: Where, table_style: str | None, table_key: int
    ) -> Paragraph:
        direct = para_props(p.find(wtag("pPr")))
        ppr, para_rpr = self.sheet.effective_para(direct, table_style)
        runs: list[Run] = []
        bullet = self.bullets.get((str(ppr.get("numId", "")), str(ppr.get("ilvl", "0"))))
        has_page = False
        has_line = False
        for node in p.iter():
            if _nearest_p(node) is not p or _inside(node, f"{{{_MC}}}Fallback", p):
                continue
            tag = node.tag
            instr = wattr(node, "instr") if tag == wtag("fldSimple") else None
            if tag == wtag("instrText"):
                instr = node.text
            if instr is not None and _is_page(instr):
                has_page = True
            elif tag == wtag("r"):
                text = _run_text(node)
                if not text:
                    continue
                rdirect = run_props(node.find(wtag("rPr")), self.sheet.theme)
                props = self.sheet.effective_run(para_rpr, rdirect)
                if props.get("vanish"):
                    continue
                runs.append(Run(text, _run_format(props)))
            elif (
                tag in (f"{{{_V}}}line",)
                or (
                    tag == f"{{{_A}}}prstGeom"
                    and node.get("prst") in ("line", "straightConnector1")
                )
                or (tag == f"{{{_V}}}shape" and _vml_is_line(node))
            ):
                has_line = True
        if bullet is not None and runs:
            runs.insert(0, Run(_bullet_text(bullet) + " ", runs[0].fmt))
        return Paragraph(
            section=self.section,
            order=self._next(),
            where=where,
            runs=tuple(runs),
            fmt=_para_format(ppr),
            has_line_shape=has_line,
            has_page_field=has_page,
            table_key=table_key,
        )

    def _next(self) -> int:
        self.order += 1
        return self.order - 1

    def _section(self, sect: etree._Element) -> Section:
        size = sect.find(wtag("pgSz"))
        mar = sect.find(wtag("pgMar"))
        refs: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
        title = sect.find(wtag("titlePg"))
        title_page = title is not None and _on(title)
        num_type = sect.find(wtag("pgNumType"))
        start = wattr(num_type, "start") if num_type is not None else None
        for kind, found in refs.items():
            for ref in sect.iterchildren(wtag(f"{kind}Reference")):
                rid = ref.get(f"{{{_R}}}id")
                role = wattr(ref, "type") or "default"
                # Word uses the even header only with evenAndOddHeaders on, the first-page
                # one only with titlePg: the others are never printed, so never checked.
                if (role == "even" and not self.even_odd) or (role == "first" and not title_page):
                    continue
                if rid and rid in self.rels:
                    found[role] = self.rels[rid][1]
        return Section(
            width_mm=_mm(wattr(size, "w")) if size is not None else None,
            height_mm=_mm(wattr(size, "h")) if size is not None else None,
            orient=(wattr(size, "orient") or "portrait") if size is not None else "portrait",
            top_mm=_mm(wattr(mar, "top")) if mar is not None else None,
            bottom_mm=_mm(wattr(mar, "bottom")) if mar is not None else None,
            left_mm=_mm(wattr(mar, "left") or wattr(mar, "start")) if mar is not None else None,
            right_mm=_mm(wattr(mar, "right") or wattr(mar, "end")) if mar is not None else None,
            title_page=title_page,
            headers=refs["header"],
            footers=refs["footer"],
            page_start=int(start) if start is not None and start.isdigit() else None,
        )


def _twips_pt(val: str | None) -> float:
    return int(val) / _TWIPS_PER_PT if val is not None and val.isdigit() else 0.0


def _cell_width(tc: etree._Element, grid: list[float], at: int) -> tuple[int, float | None]:
    """(grid columns spanned, width in pt) of a cell: its w:tcW in twips, else the grid
    columns it spans (None when neither is written)."""
    props = tc.find(wtag("tcPr"))
    span_el = props.find(wtag("gridSpan")) if props is not None else None
    span_val = wattr(span_el, "val") if span_el is not None else None
    span = int(span_val) if span_val is not None and span_val.isdigit() else 1
    tcw = props.find(wtag("tcW")) if props is not None else None
    if tcw is not None and (wattr(tcw, "type") or "dxa") == "dxa" and _twips_pt(wattr(tcw, "w")):
        return span, _twips_pt(wattr(tcw, "w"))
    cols = grid[at : at + span]
    return span, (sum(cols) if cols and all(cols) else None)


def _table_box(tbl: etree._Element) -> tuple[float, float]:
    """(indent from the left margin, width) of a table in pt, from ``w:tblInd`` and the
    grid (``w:gridCol``), both in twips (a percentage or auto indent counts as 0)."""
    ind = tbl.find(f"{wtag('tblPr')}/{wtag('tblInd')}")
    indent = 0.0
    if ind is not None and (wattr(ind, "type") or "dxa") == "dxa":
        val = wattr(ind, "w") or "0"
        indent = int(val) / _TWIPS_PER_PT if val.lstrip("-").isdigit() else 0.0
    width = 0.0
    for col in tbl.iterfind(f"{wtag('tblGrid')}/{wtag('gridCol')}"):
        val = wattr(col, "w") or "0"
        width += int(val) / _TWIPS_PER_PT if val.isdigit() else 0.0
    return indent, width


def _is_ole(path: Path) -> bool:
    """An OLE compound file: a Word 97–2003 .doc, or an encrypted .docx."""
    try:
        with path.open("rb") as fh:
            return fh.read(8) == _OLE_MAGIC
    except OSError:
        return False


def etree_wrap(tbl: etree._Element) -> etree._Element:
    """A throw-away parent so a table inside a text box reads like body content."""
    holder = etree.Element(wtag("body"))
    holder.append(etree.fromstring(etree.tostring(tbl)))
    return holder


def _on(el: etree._Element) -> bool:
    val = wattr(el, "val")
    return val is None or val.lower() not in ("0", "false", "off")


def _nearest_p(node: etree._Element | None) -> etree._Element | None:
    """The ``w:p`` that holds ``node`` (or is it), walking up."""
    while node is not None:
        if node.tag == wtag("p"):
            return node
        node = node.getparent()
    return None


def _inside(node: etree._Element, tag: str, stop: etree._Element) -> bool:
    cur = node.getparent()
    while cur is not None and cur is not stop:
        if cur.tag == tag:
            return True
        cur = cur.getparent()
    return False


def _is_page(instr: str) -> bool:
    return instr.strip().split(" ")[0].upper() == "PAGE"


def _run_text(r: etree._Element) -> str:
    parts: list[str] = []
    for child in r:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "t":
            parts.append(child.text or "")
        elif name in ("tab", "ptab"):
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _bullet_text(raw: str) -> str:
    # Symbol-font bullets are private-use characters; a dash stays a dash.
    return raw if raw in ("-", "–", "+", "•") else "•"


def _box_x(box: etree._Element) -> float | None:
    cur = box.getparent()
    while cur is not None:
        if cur.tag == f"{{{_WP}}}anchor":
            off = cur.find(f"{{{_WP}}}positionH/{{{_WP}}}posOffset")
            if off is not None and (off.text or "").lstrip("-").isdigit():
                return int(off.text or "0") / _EMU_PER_PT
            return None
        if cur.tag in (f"{{{_V}}}shape", f"{{{_V}}}rect"):
            for item in str(cur.get("style", "")).split(";"):
                key, _, value = item.partition(":")
                if key.strip() in ("margin-left", "left") and value.strip().endswith("pt"):
                    try:
                        return float(value.strip()[:-2])
                    except ValueError:
                        return None
            return None
        cur = cur.getparent()
    return None


def _vml_is_line(shape: etree._Element) -> bool:
    if shape.find(f"{{{_V}}}textbox") is not None:
        return False
    return "32" in str(shape.get("type", "")) or "connector" in str(shape.get("type", ""))


def _run_format(props: dict[str, object]) -> RunFormat:
    font = props.get("font_hAnsi") or props.get("font_ascii")
    size = props.get("size_pt")
    theme_color = props.get("theme_color")
    return RunFormat(
        font=str(font) if font else None,
        size_pt=float(size) if isinstance(size, int | float) else None,
        bold=bool(props.get("b", False)),
        italic=bool(props.get("i", False)),
        caps=bool(props.get("caps", False)),
        color=str(props.get("color", "AUTO")),
        theme_color=str(theme_color) if theme_color else None,
        font_ascii=str(props.get("font_ascii") or font or "") or None,
        underline=bool(props.get("u", False)),
    )


def _num(props: dict[str, object], key: str) -> float:
    val = props.get(key, 0)
    return float(val) if isinstance(val, int | float) else 0.0


def _auto_space(ppr: dict[str, object], side: str) -> float:
    # "Auto" spacing (HTML-style) is 14 pt in Word whatever the value written.
    if str(ppr.get(f"sp_{side}Autospacing", "0")).lower() in ("1", "true", "on"):
        return _AUTO_SPACING_PT
    return _num(ppr, f"sp_{side}") / _TWIPS_PER_PT


def _para_format(ppr: dict[str, object]) -> ParaFormat:
    first = _num(ppr, "ind_first")
    left = _num(ppr, "ind_left")
    jc = str(ppr.get("jc", "left"))
    jc = {"start": "left", "end": "right", "distribute": "both"}.get(jc, jc)
    return ParaFormat(
        alignment=jc,
        first_line_pt=first / _TWIPS_PER_PT,
        left_pt=left / _TWIPS_PER_PT,
        space_before_pt=_auto_space(ppr, "before"),
        space_after_pt=_auto_space(ppr, "after"),
        line_rule=str(ppr.get("sp_lineRule", "auto")),
        line_value=_num(ppr, "sp_line") if "sp_line" in ppr else 240.0,
        contextual=bool(ppr.get("contextual", False)),
        numbered=str(ppr.get("numId", "0")) not in ("", "0"),
        border_bottom=bool(ppr.get("border_bottom", False)),
        border_top=bool(ppr.get("border_top", False)),
        style_id=str(ppr.get("pStyle", "")),
        right_pt=_num(ppr, "ind_right") / _TWIPS_PER_PT,
    )


def read_package(path: str | Path) -> Package:
    """Read a .docx; raises :class:`UnreadableDocument` naming the file when it cannot."""
    p = Path(path)
    if p.is_dir():
        raise UnreadableDocument(
            f"{p} là một thư mục, không phải tệp .docx.",
            f"{p} is a folder, not a .docx file.",
        )
    if not p.is_file():
        raise UnreadableDocument(
            f"Không tìm thấy tệp {p}.",
            f"File not found: {p}.",
        )
    reader = _Reader(p)
    try:
        return reader.read()
    finally:
        reader.zip.close()
