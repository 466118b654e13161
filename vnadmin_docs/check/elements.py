"""Find the Decree 30 elements of a document by content and position.

Input: a :class:`~vnadmin_docs.check.ooxml.Package`. Output: :class:`Elements`, where each
element is a :class:`Span` (a paragraph, or the piece of it between tabs / line breaks) or
None when it was not found. The header is recognised whether it is a two-column table,
text boxes or tab-aligned paragraphs. Nothing is guessed: an element that does not match
its pattern stays None and the rules that need it report "not evaluated".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vnadmin_docs.check import forms
from vnadmin_docs.check.ooxml import Package, Paragraph, RunFormat
from vnadmin_docs.check.textfold import is_upper_text, loose_key, nfc

__all__ = ["Elements", "Span", "find_elements", "is_line_only"]

_HEADER_WINDOW = 30  # non-empty pieces searched for header elements
# "Số:" then the number (blank in a draft, "111-11" in an internal register) and "/".
_SO = re.compile(r"^so\s*[:.;]?\s*[\w.…_ -]{0,16}/")
_DATE = re.compile(
    r"^[^,]{2,60},\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]"
    r"|^[^,]{2,60}?,?\s*ngay\s*[\d.…_ ]*\s*thang\s*[\d.…_ ]*\s*nam\b"
)
# Three spaces or more: typed padding between two header columns (a word gap is one).
_SPACE_RUN = re.compile(r" {3,}|\t+ *")
# What may open the right header column (or a mark) after such padding.
_COLUMN_STARTS = ("cong hoa", "doc lap", "so:", "so :", "v/v")
_LINE_ONLY = re.compile(r"^[\s_\-–—=.]*$")
_DASHES = ("-", "–", "—", "+", "•")
_PLACEHOLDER = re.compile(r"^\(.*\)$")
# A summary never starts like these: the căn cứ, Kính gửi, or a division of the body
# ("Phần I", "Chương II", "Mục 1", "Điều 3"), which needs its numeral to be told apart
# from words such as "Phân công" once diacritics are dropped.
_NOT_SUMMARY = ("can cu", "kinh gui")
_WITH_BASES = ("quyet dinh", "nghi quyet")
_NOT_DATE = ("can cu", "theo ", "xet ", "thuc hien", "thoi gian")
_DIVISION = re.compile(r"^(phần|chương|mục|tiểu mục|điều)\s+([ivxlcdm]+|\d+)\b", re.IGNORECASE)
_MARKS = {
    "hoa toc": "urgency",
    "thuong khan": "urgency",
    "khan": "urgency",
    "tuyet mat": "secrecy",
    "toi mat": "secrecy",
    "mat": "secrecy",
    "xem xong tra lai": "circulation",
    "luu hanh noi bo": "circulation",
}


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of one paragraph's text (stripped of outer spaces)."""

    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]

    def formats(self) -> list[tuple[str, RunFormat]]:
        """(visible text, format) of each run piece overlapping the span."""
        out: list[tuple[str, RunFormat]] = []
        pos = 0
        for run in self.para.runs:
            lo, hi = max(pos, self.start), min(pos + len(run.text), self.end)
            if lo < hi:
                piece = run.text[lo - pos : hi - pos]
                if piece.strip():
                    out.append((piece, run.fmt))
            pos += len(run.text)
        return out

    @property
    def whole(self) -> bool:
        """True when the span is the whole visible paragraph (not a tab/line piece)."""
        return self.para.text.strip() == self.text


# Words that start the name of a body: a line starting with one of them begins a new name
# (the issuer under its superior); other lines continue the name above ("ỦY BAN NHÂN
# DÂN" / "XÃ ĐẮK MOL" is one issuer). Recognition only.
_BODY_WORDS = (
    "so ",
    "phong ",
    "ban ",
    "trung tam ",
    "van phong ",
    "cuc ",
    "chi cuc ",
    "vu ",
    "tong cuc ",
    "truong ",
    "benh vien ",
    "uy ban ",
    "ubnd ",
    "hoi dong ",
    "hdnd ",
    "bo ",
    "cong an ",
    "thanh tra ",
    "kho bac ",
    "chi nhanh ",
    "tram ",
    "doi ",
    "vien ",
    "hoc vien ",
    "dai hoc ",
    "bao hiem ",
    "dang uy ",
    "ban quan ly ",
)


def _superior_cut(names: Sequence[Span]) -> int:
    """How many of the left-column name lines belong to the superior body.

    The issuer is bold and the superior is not (R-CQ-3/4), so a bold tail after plain lines
    is the issuer. When all lines share one weight, a line that starts a body's name
    ("SỞ …", "PHÒNG …") starts the issuer; otherwise it is one name wrapped over lines.
    """
    bold = [bool(s.formats()) and all(f.bold for _, f in s.formats()) for s in names]
    tail = 0
    for b in reversed(bold):
        if not b:
            break
        tail += 1
    if 0 < tail < len(names):
        return len(names) - tail
    for i in range(len(names) - 1, 0, -1):
        if loose_key(names[i].text + " ").startswith(_BODY_WORDS):
            return i
    return 0


def is_line_only(text: str) -> bool:
    """Text that only draws a rule (``______``) or is empty.

    >>> is_line_only("__________")
    True
    >>> is_line_only("Số: 05/UBND")
    False
    """
    return bool(_LINE_ONLY.match(text))


def _trimmed(p: Paragraph, start: int, end: int) -> Span | None:
    """``p.text[start:end]`` without its outer spaces; None when it is blank."""
    seg = p.text[start:end]
    if not seg.strip():
        return None
    return Span(p, start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip()))


def _split(p: Paragraph, pattern: str) -> list[Span]:
    found = (_trimmed(p, m.start(), m.end()) for m in re.finditer(pattern, p.text))
    return [s for s in found if s is not None]


def _pieces(p: Paragraph) -> list[Span]:
    """Non-empty pieces of a paragraph split at tabs and line breaks, and at a run of
    spaces that separates two header columns typed without a table or tab stops
    ("SỞ NỘI VỤ      CỘNG HÒA XÃ HỘI…", "Số: 12/TTr-NC      Lâm Đồng, ngày …")."""
    out: list[Span] = []
    for piece in _split(p, r"[^\t\n]+"):
        out.extend(_column_split(piece))
    return out


def _column_split(piece: Span) -> list[Span]:
    text = piece.text
    for m in _SPACE_RUN.finditer(text):
        left, right = text[: m.start()], text[m.end() :]
        if not left.strip():
            continue
        key = loose_key(right)
        starts_column = key.startswith(_COLUMN_STARTS) or bool(_DATE.match(key))
        if starts_column or (is_line_only(left) and is_line_only(right)):
            head = Span(piece.para, piece.start, piece.start + len(left.rstrip()))
            tail = Span(piece.para, piece.start + m.end(), piece.end)
            return [head, *_column_split(tail)]
    return [piece]


def _lines(p: Paragraph) -> list[Span]:
    """Non-empty lines of a paragraph (split at line breaks only, tabs kept inside)."""
    return _split(p, r"[^\n]+")


def _join_dash(parts: list[Span]) -> list[Span]:
    """``-<tab>Sở Tài chính;`` is one list item, not a dash and a right-column piece."""
    if len(parts) >= 2 and parts[0].text in _DASHES:
        return [Span(parts[0].para, parts[0].start, parts[1].end), *parts[2:]]
    return parts


def _italic(p: Paragraph) -> bool:
    pieces = [f for t, f in Span(p, 0, len(p.text)).formats() if t.strip()]
    return bool(pieces) and all(f.italic for f in pieces)


def _joined_entries(items: list[Span]) -> list[Span]:
    """One recipient typed over two lines of one paragraph ("- Các bộ, cơ quan ngang bộ,"
    / "cơ quan thuộc Chính phủ;") is one entry: a line that does not start with a dash,
    after a line that does not end an entry, continues it."""
    out: list[Span] = []
    for s in items:
        # "- Cổng thông tin điện tử Chính phủ;      Để đăng dự thảo": a note typed beside
        # the entry (often with a drawn brace) is not part of it.
        note = re.search(r"[;.](?= {2,}\S)", s.text)
        if note is not None:
            s = Span(s.para, s.start, s.start + note.end())
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.para is s.para
            and not s.text.startswith(_DASHES)
            and not prev.text.rstrip().endswith((";", ".", ":"))
        ):
            out[-1] = Span(s.para, prev.start, s.end)
        else:
            out.append(s)
    return out


def _whole(p: Paragraph) -> Span | None:
    return _trimmed(p, 0, len(p.text))


@dataclass
class Elements:
    """What was recognised; None / empty = not found."""

    header_layout: str | None = None  # "table" | "textbox" | "tabs" | "paragraphs"
    quoc_hieu: Span | None = None
    tieu_ngu: Span | None = None
    superior: list[Span] = field(default_factory=list)
    issuer: list[Span] = field(default_factory=list)
    so: Span | None = None
    date_line: Span | None = None
    vv: Span | None = None
    type_name: Span | None = None
    trich_yeu: list[Span] = field(default_factory=list)
    kinh_gui: Span | None = None
    kinh_gui_items: list[Span] = field(default_factory=list)
    can_cu: list[Span] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan: Span | None = None
    noi_nhan_items: list[Span] = field(default_factory=list)
    signer_titles: list[Span] = field(default_factory=list)
    signer_name: Span | None = None
    # Further signatures side by side with the signer's (biên bản: THƯ KÝ | CHỦ TỌA).
    other_signers: list[tuple[list[Span], Span | None]] = field(default_factory=list)
    # The line under which the summary's rule sits when it is not the summary's last line
    # (an attached text: its "(Kèm theo …)" line, check/attached.py).
    title_end: Span | None = None
    drafter: Span | None = None
    marks: list[tuple[str, Span]] = field(default_factory=list)
    # Lines under elements: True present, False absent, None cannot tell from the XML.
    issuer_line: bool | None = None
    issuer_underlined: bool = False  # the issuer text itself underlined (full length)
    motto_line: bool | None = None
    quoc_hieu_line: bool = False
    trich_yeu_line: bool | None = None

    @property
    def kind(self) -> str | None:
        """ "ten-loai" (type name), "cong-van" (V/v, no type name) or None (unknown)."""
        if self.type_name is not None:
            return "ten-loai"
        if self.vv is not None or self.kinh_gui is not None:
            return "cong-van"
        return None


class _Finder:
    def __init__(self, pkg: Package, type_names: frozenset[str]) -> None:
        self.paras = list(pkg.paragraphs)
        self.pos = {p.order: i for i, p in enumerate(self.paras)}
        self.type_names = type_names
        self.el = Elements()

    def run(self) -> Elements:
        pieces = [s for p in self.paras for s in _pieces(p)]
        window = pieces[:_HEADER_WINDOW]
        self._national(window)
        self._left_column(window)
        header_end = self._header_end()
        after = [p for p in self.paras if p.order > header_end]
        self._marks(window)
        # A bản sao: the copy block's table is judged by check/copies.py (R-BS-3), never
        # taken for the original's Nơi nhận and signer.
        copy_key = _copy_table(self.paras)
        if copy_key:
            after = [p for p in after if p.table_key != copy_key]
        self._closing(after)
        closing_start = self._closing_start()
        middle = [p for p in after if p.order < closing_start]
        self._title_block(middle)
        self._body(middle)
        return self.el

    # -- header ------------------------------------------------------------------------
    def _national(self, window: Sequence[Span]) -> None:
        el = self.el
        for i, s in enumerate(window):
            key = loose_key(s.text)
            if len(key) <= 50 and ("xa hoi chu nghia" in key or key.startswith("cong hoa")):
                el.quoc_hieu = s
                for t in window[i + 1 : i + 6]:
                    tk = loose_key(t.text)
                    if len(tk) <= 45 and ("doc lap" in tk or "hanh phuc" in tk or "tu do" in tk):
                        el.tieu_ngu = t
                        break
                break
        qh = el.quoc_hieu
        if qh is None:
            return
        where = qh.para.where
        if where.kind == "cell":
            el.header_layout = "table"
        elif where.kind == "textbox":
            el.header_layout = "textbox"
        elif (not qh.whole and qh.start > 0) or _SPACE_RUN.match(qh.para.text[: qh.start]):
            # after another column's text, or pushed right with typed spaces or tabs
            el.header_layout = "tabs"
        else:
            el.header_layout = "paragraphs"
        el.quoc_hieu_line = qh.para.fmt.border_bottom and qh.whole
        if el.tieu_ngu is not None:
            el.motto_line = self._line_after(el.tieu_ngu)

    def _same_zone(self, a: Paragraph, b: Paragraph) -> bool:
        wa, wb = a.where, b.where
        if wa.kind != wb.kind:
            return False
        if wa.kind == "cell":
            return (wa.table, wa.row, wa.col) == (wb.table, wb.row, wb.col)
        if wa.kind == "textbox":
            return wa.box == wb.box
        return True

    def _below(self, p: Paragraph) -> Paragraph | None:
        """The paragraph directly under ``p`` in its column: the next one in the same cell
        or text box, or, after the last paragraph of a cell, the first one of the cell
        below (a header typed one line per table row). None when nothing is under it."""
        idx = self.pos[p.order]
        if idx + 1 >= len(self.paras):
            return None
        nxt = self.paras[idx + 1]
        if self._same_zone(p, nxt):
            return nxt
        w = p.where
        if w.kind != "cell":
            return None
        for q in self.paras[idx + 1 :]:
            if q.table_key != p.table_key:
                break
            qw = q.where
            if (qw.table, qw.row, qw.col) == (w.table, w.row + 1, w.col):
                return q
        return None

    def _line_after(self, span: Span) -> bool | None:
        """Is there a rule under this element? None when a floating line might be it."""
        p = span.para
        pieces = span.formats()
        if pieces and all(f.underline for _, f in pieces):
            return True  # underlined text: a line exactly as long as the text
        if p.fmt.border_bottom or p.has_line_shape:
            return True
        nxt = self._below(p)
        if nxt is not None and (
            nxt.fmt.border_top
            or nxt.has_line_shape
            or (nxt.text.strip() and is_line_only(nxt.text) and "_" in nxt.text)
            or (not nxt.text.strip() and nxt.fmt.border_bottom)
        ):
            return True
        idx = self.pos[p.order]
        # A drawn line anchored elsewhere in the header cannot be placed without rendering.
        header = [q for q in self.paras[: idx + 8] if q.has_line_shape]
        return None if header else False

    def _left_column(self, window: Sequence[Span]) -> None:
        el = self.el
        qh = el.quoc_hieu
        left: list[Span] = []
        if qh is not None and el.header_layout == "table":
            w = qh.para.where
            # Normally the issuer column is left of the Quốc hiệu; if a clerk swapped them,
            # still find the issuer so R-QH-3 can say so.
            left = [
                s
                for s in window
                if s.para.where.kind == "cell"
                and s.para.where.table == w.table
                and s.para.where.col != w.col
            ]
        elif qh is not None and el.header_layout == "textbox":
            box = qh.para.where
            left = [
                s
                for s in window
                if s.para.where.kind == "textbox"
                and s.para.where.box != box.box
                and (
                    box.box_x_pt is None
                    or s.para.where.box_x_pt is None
                    or s.para.where.box_x_pt < box.box_x_pt
                )
            ]
        elif qh is not None and el.header_layout == "tabs":
            last = (el.tieu_ngu or qh).para.order + 3
            firsts: dict[int, Span] = {}
            for s in window:
                if s.para.order <= last and s.para.order not in firsts:
                    firsts[s.para.order] = s
            left = [s for s in firsts.values() if s is not qh and s is not el.tieu_ngu]
        elif qh is not None:
            left = [s for s in window if s.para.order < qh.para.order]
        # Số, date and V/v may sit outside the left column (second table, next paragraphs).
        titled = False  # past the type name: a date there is the body's (biên bản, Mẫu 1.9)
        for s in window:
            key = loose_key(s.text)
            if s.para.where.kind == "body" and s.whole and key in self.type_names:
                titled = True
            if titled:
                continue
            if el.so is None and _SO.match(key):
                el.so = s
            elif el.date_line is None and _DATE.match(key) and not key.startswith(_NOT_DATE):
                el.date_line = s
            elif el.vv is None and key.startswith("v/v"):
                el.vv = s
        # The place and date sit in the header (a cell, a text box) or just under the Số;
        # a body paragraph further down ("Cuộc họp kết thúc vào …, ngày …") is body text.
        if (
            el.so is not None
            and el.date_line is not None
            and el.date_line.para.where.kind == "body"
            and el.date_line.para.order > el.so.para.order + 4
        ):
            el.date_line = None
        names: list[Span] = []
        for s in left:
            if s is el.so or (el.so is not None and s.para.order >= el.so.para.order):
                break
            if s is el.quoc_hieu or s is el.tieu_ngu or s is el.date_line:
                continue
            if is_line_only(s.text):
                continue
            if re.match(r"^so\s*[:.;]", loose_key(s.text)):
                break  # a "Số:" line is never part of a name
            if loose_key(s.text) in _MARKS:
                continue
            # In a header table or text box the issuer's column holds only the names above
            # the number, so a name typed in lower case is still the name (R-CQ-4 judges
            # its case); elsewhere only capitals tell a name from other text.
            boxed = el.header_layout in ("table", "textbox")
            if not boxed and not is_upper_text(s.text):
                break
            names.append(s)
        if not names:
            return
        cut = _superior_cut(names)
        el.superior, el.issuer = names[:cut], names[cut:]
        el.issuer_line = self._line_after(el.issuer[-1])
        el.issuer_underlined = all(f.underline for _, f in el.issuer[-1].formats())

    def _marks(self, window: Sequence[Span]) -> None:
        for s in window:
            kind = _MARKS.get(loose_key(s.text))
            if kind:
                self.el.marks.append((kind, s))

    def _header_end(self) -> int:
        el = self.el
        spans = [el.quoc_hieu, el.tieu_ngu, el.so, el.date_line, el.vv, *el.issuer]
        orders = [s.para.order for s in spans if s is not None]
        if not orders:
            return -1
        end = max(orders)
        # The rest of a header table (or text boxes) belongs to the header too.
        tables = {s.para.table_key for s in spans if s is not None and s.para.table_key}
        last_body = max(s.para.where.body_index for s in spans if s)
        for p in self.paras:
            if (
                (p.table_key in tables or p.where.kind == "textbox")
                and p.order > end
                and p.where.body_index <= last_body
            ):
                end = p.order
        for p in self.paras:
            if p.order == end + 1 and is_line_only(p.text):
                end += 1
        return end

    # -- title, kính gửi, căn cứ, body --------------------------------------------------
    def _title_block(self, middle: Sequence[Paragraph]) -> None:
        el = self.el
        texts = [p for p in middle if p.text.strip() and not is_line_only(p.text)]
        i = 0
        if texts and self._is_type_name(texts[0]):
            el.type_name = _whole(texts[0])
            i = 1
            while i < len(texts) and len(el.trich_yeu) < 3:
                p = texts[i]
                key = loose_key(p.text)
                if key.startswith(_NOT_SUMMARY):
                    break
                if is_upper_text(p.text) and not (
                    not el.trich_yeu and self._caps_summary(p, texts[i + 1 : i + 2])
                ):
                    break
                if _DIVISION.match(nfc(p.text)):
                    break
                if el.trich_yeu and self._ruled_between(el.trich_yeu[-1].para, p):
                    break  # the line under the summary closes it
                if p.fmt.alignment != "center" and not all(
                    f.bold for _, f in (_whole(p) or Span(p, 0, 0)).formats()
                ):
                    break
                span = _whole(p)
                if span:
                    el.trich_yeu.append(span)
                i += 1
            if el.trich_yeu:
                el.trich_yeu_line = self._line_after(el.trich_yeu[-1])
            elif forms.form_of(el.type_name.text if el.type_name else None) in forms.NO_SUMMARY:
                # Mẫu 1.8, 1.10: the rule sits under the type name (R-TL-3)
                el.trich_yeu_line = self._line_after(el.type_name)  # type: ignore[arg-type]
                el.title_end = el.type_name
        for j in range(i, min(i + 4, len(texts))):
            if loose_key(texts[j].text).startswith("kinh gui"):
                self._kinh_gui(texts[j], middle)
                break
        started = False
        # Only the types whose samples carry a căn cứ block (Nghị quyết, Quyết định: Mẫu
        # 1.1–1.3) have one (R-CC-2); elsewhere — a công văn, a tờ trình, a thông báo —
        # a paragraph starting "Căn cứ" is a body sentence ("Căn cứ Quy chế …, Sở Nội vụ
        # thông báo … như sau:"). A line that ends with ":" introduces the body.
        # In other types a căn cứ block is recognised only when it was typed as one, in
        # italics (an upright "Căn cứ …" there is a body sentence).
        with_bases = el.type_name is not None and loose_key(el.type_name.text).startswith(
            _WITH_BASES
        )
        for p in texts[i:] if el.type_name is not None else ():
            key = loose_key(p.text)
            if key.startswith("can cu") and (
                p.text.rstrip().endswith(":") or not (with_bases or _italic(p))
            ):
                break  # a body sentence
            if key.startswith("can cu"):
                started = True
            elif started and not key.startswith(("theo de nghi", "xet de nghi")):
                break
            if started:
                span = _whole(p)
                if span:
                    el.can_cu.append(span)

    def _caps_summary(self, p: Paragraph, following: Sequence[Paragraph]) -> bool:
        """A summary typed (or pasted) in capitals right under the type name: centred,
        not a heading ("I. …", "PHẦN I"), and not the authority line of a quyết định,
        which is always followed by the căn cứ. R-TL-2 then warns about its case."""
        if p.fmt.alignment != "center" or _DIVISION.match(nfc(p.text)):
            return False
        if re.match(r"^([IVXLC]+|\d+)\s*[.)]", p.text.strip()):
            return False
        type_name = self.el.type_name
        if type_name is None or not loose_key(type_name.text).startswith(_WITH_BASES):
            return True  # only a quyết định / nghị quyết has an authority line
        nxt = loose_key(following[0].text) if following else ""
        return not nxt.startswith(("can cu", "theo de nghi", "xet de nghi"))

    def _ruled_between(self, upper: Paragraph, lower: Paragraph) -> bool:
        """A line (border, drawn line, underscores) ends the block between two paragraphs."""
        for p in self.paras[self.pos[upper.order] : self.pos[lower.order]]:
            if p.fmt.border_bottom or p.has_line_shape or ("_" in p.text and is_line_only(p.text)):
                return True
        return False

    def _is_type_name(self, p: Paragraph) -> bool:
        text = p.text.strip()
        if not is_upper_text(text) or loose_key(text).startswith("kinh gui"):
            return False
        if len(text) > 120:
            return False
        key = loose_key(text)
        return p.fmt.alignment == "center" or any(key.startswith(t) for t in self.type_names)

    def _kinh_gui(self, label: Paragraph, middle: Sequence[Paragraph]) -> None:
        el = self.el
        lines = [s for s in re.finditer(r"[^\n]+", label.text) if s.group(0).strip()]
        first = lines[0]
        colon = label.text.find(":", first.start(), first.end())
        head_end = colon + 1 if colon >= 0 else first.start() + len("Kính gửi")
        lead = len(label.text[: first.end()]) - len(label.text[: first.end()].lstrip())
        el.kinh_gui = Span(label, lead, head_end)
        rest = _trimmed(label, head_end, first.end())  # "Kính gửi: Sở Tài chính"
        items = [rest] if rest is not None else []
        items += _lines(label)[1:]
        after = [p for p in middle if p.order > label.order]
        for p in after:
            if not p.text.strip():
                continue
            if loose_key(p.text.strip().lstrip("-–— ")).startswith("luu"):
                break  # "- Lưu: …" ends a recipient list, it is no addressee
            if not p.text.strip().startswith(_DASHES):
                # "Kính gửi:" alone on its line, one addressee below it (R-KG-3 judges it).
                if not items and p.fmt.alignment != "both":
                    span = _whole(p)
                    if span:
                        items.append(span)
                break
            span = _whole(p)
            if span:
                items.append(span)
        el.kinh_gui_items = items

    def _telegram_receivers(self, middle: Sequence[Paragraph]) -> list[Paragraph]:
        """A công điện (Mẫu 1.6) is addressed by "<chức vụ> điện:" and its receivers, one
        "- …" line each: they head the text, they are not body paragraphs."""
        el = self.el
        if el.type_name is None or not loose_key(el.type_name.text).startswith("cong dien"):
            return []
        out: list[Paragraph] = []
        label: Paragraph | None = None
        for p in middle:
            text = p.text.strip()
            if not text:
                continue
            if label is None:
                if loose_key(text).endswith("dien:"):
                    label = p
                    out.append(p)
                continue
            if not text.startswith(_DASHES):
                break
            out.append(p)
        return out

    def _body(self, middle: Sequence[Paragraph]) -> None:
        el = self.el
        used = {
            s.para.order
            for s in [el.type_name, *el.trich_yeu, el.kinh_gui, *el.kinh_gui_items, *el.can_cu]
            if s is not None
        }
        used |= {p.order for p in self._telegram_receivers(middle)}
        start = max(used) if used else -1
        el.body = [
            p
            for p in middle
            if p.order > start
            and p.where.kind == "body"
            and p.text.strip()
            and not is_line_only(p.text)
        ]

    # -- closing ------------------------------------------------------------------------
    def _closing(self, after: Sequence[Paragraph]) -> None:
        el = self.el
        label: Span | None = None
        for p in after:
            for s in _pieces(p):
                if re.match(r"^noi nhan\s*:?$", loose_key(s.text)):
                    label = s
        if label is None:
            self._signer_without_list(after)
            return
        el.noi_nhan = label
        lp = label.para
        items: list[Span] = []
        signer: list[Paragraph | Span] = []
        if lp.where.kind in ("cell", "textbox"):
            zone = [p for p in after if self._same_zone(p, lp) and p.order >= lp.order]
            rest = _lines(lp)[1:]
            items.extend(s for s in rest if s.start >= label.end)
            for p in zone[1:]:
                items.extend(_lines(p))
            w = lp.where
            if lp.where.kind == "cell" and not items:
                # "Nơi nhận:" alone in its cell, the list in the cell below (a closing
                # table typed one block per row).
                for p in after:
                    pw = p.where
                    if p.table_key == lp.table_key and (pw.row, pw.col) == (w.row + 1, w.col):
                        items.extend(_lines(p))
            if lp.where.kind == "cell":
                # The signer's column, in the label's row and the rows below it.
                signer = [
                    p
                    for p in after
                    if p.table_key == lp.table_key
                    and p.where.row >= lp.where.row
                    and p.where.col != lp.where.col
                ]
                if not any(p.text.strip() for p in signer):
                    # the signatures in the row above "Nơi nhận:" (a biên bản: THƯ KÝ |
                    # CHỦ TỌA): the right-hand one is the signer, the others are judged too
                    above = [
                        p
                        for p in after
                        if p.table_key == lp.table_key and p.where.row == lp.where.row - 1
                    ]
                    signer = self._side_by_side(above) or [
                        p for p in above if p.where.col != lp.where.col
                    ]
            else:
                signer = [
                    p
                    for p in after
                    if p.where.kind == "textbox"
                    and p.where.box != lp.where.box
                    and abs(p.order - lp.order) < 40
                ]
        else:
            seen_label = False
            for p in after:
                if p is lp:
                    seen_label = True
                    signer.extend(s for s in _pieces(p) if s.start > label.start)
                    continue
                if not seen_label or p.where.kind != "body":
                    continue
                parts = _join_dash(_pieces(p))
                if (
                    parts
                    and parts[0].text.startswith(_DASHES)
                    and parts[0].start == len(p.text) - len(p.text.lstrip())
                ):
                    items.append(parts[0])
                    signer.extend(parts[1:])
                else:
                    signer.append(p)
            if not [s for s in signer if isinstance(s, Span) or s.text.strip()]:
                signer = self._signer_before(after, lp)
        items = _joined_entries(items)
        if items:
            last = items[-1]
            m = re.search(r"\.\s+([A-ZĐ]{1,8}\.?\s*\(\d+\)\.?)$", last.text)
            if m:
                cut = last.start + len(last.text[: m.start(1)].rstrip())
                el.drafter = Span(last.para, last.start + m.start(1), last.end)
                items[-1] = Span(last.para, last.start, cut)
            elif len(items) >= 2 and re.fullmatch(r"[A-ZĐ.]{1,8}\s*\(\d+\)\.?", last.text):
                el.drafter = items.pop()
        el.noi_nhan_items = items
        self._signer(signer)

    def _side_by_side(self, after: Sequence[Paragraph]) -> list[Paragraph | Span]:
        """Signatures side by side in one row (biên bản, Mẫu 1.9: THƯ KÝ | CHỦ TỌA): the
        rightmost is the signer's place; the others are kept in ``other_signers``."""
        cols = forms.side_by_side_signers(after)
        if not cols:
            return []
        for col in cols[:-1]:
            self._signer(col)
            self.el.other_signers.append((self.el.signer_titles, self.el.signer_name))
        return list(cols[-1])

    def _signer_before(self, after: Sequence[Paragraph], lp: Paragraph) -> list[Paragraph | Span]:
        ending = [p for p in after if p.order < lp.order and p.text.rstrip().endswith("./.")]
        if not ending:
            return []
        return [p for p in after if ending[-1].order < p.order < lp.order]

    def _signer_without_list(self, after: Sequence[Paragraph]) -> None:
        ending = [p for p in after if p.text.rstrip().endswith("./.")]
        if ending:
            self._signer([p for p in after if p.order > ending[-1].order])

    def _signer(self, parts: Sequence[Paragraph | Span]) -> None:
        el = self.el
        lines: list[Span | None] = []  # None marks an empty paragraph (signature space)
        for item in parts:
            if isinstance(item, Span):
                lines.append(item)
                continue
            pieces = _pieces(item)
            if not pieces:
                lines.append(None)
            lines.extend(pieces)
        titles: list[Span] = []
        name: Span | None = None
        gap = False
        for s in lines:
            if s is None:
                if titles:
                    gap = True
                continue
            text = s.text.strip()
            if _PLACEHOLDER.match(text) or loose_key(text) in ("da ky", "(da ky)"):
                gap = gap or bool(titles)
                continue
            if not titles:
                if is_upper_text(text):
                    titles.append(s)
                continue
            if not gap and is_upper_text(text):
                titles.append(s)
            else:
                name = s
        el.signer_titles = titles
        el.signer_name = name if titles else None

    def _closing_start(self) -> int:
        el = self.el
        spans = [el.noi_nhan, *el.signer_titles, el.signer_name]
        orders = [s.para.order for s in spans if s is not None]
        if el.noi_nhan is not None and el.noi_nhan.para.table_key:
            key = el.noi_nhan.para.table_key
            orders += [p.order for p in self.paras if p.table_key == key]
        return min(orders) if orders else self.paras[-1].order + 1 if self.paras else 0


def _copy_table(paras: Sequence[Paragraph]) -> int:
    """The table of a bản sao's copy block (a cell reading SAO Y, SAO LỤC or TRÍCH SAO
    after the Quốc hiệu's table), 0 when there is none (see check/copies.py)."""
    for p in paras:
        kinds = ("sao y", "sao luc", "trich sao")
        if p.where.kind == "cell" and p.where.table > 1 and loose_key(p.text.strip()) in kinds:
            return p.table_key
    return 0


def find_elements(pkg: Package, type_names: Sequence[str] = ()) -> Elements:
    """Recognise the Decree 30 elements of ``pkg`` (see module docstring).

    ``type_names`` are the document type names (``THÔNG BÁO`` …); a paragraph starting
    with one of them is taken as the type name even when it is not centred.
    """
    return _Finder(pkg, frozenset(loose_key(t) for t in type_names)).run()
