"""Rules on where header elements sit and how they are spaced (judgeable from the XML)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.ooxml import Paragraph
from vnadmin_docs.check.registry import Context, Outcome, Problem, rule

__all__: list[str] = []


def _side(ctx: Context, span: Span) -> str | None:
    """ "left" / "right" header column of a span, None when the XML cannot tell."""
    el = ctx.el
    where = span.para.where
    qh = el.quoc_hieu.para.where if el.quoc_hieu else None
    issuer = el.issuer[0].para.where if el.issuer else None
    if where.kind == "cell":
        # The page's own left/right: the first cell of the row is the left column.
        return "left" if where.col == 1 else "right"
    if where.kind == "textbox":
        if qh is not None and qh.kind == "textbox" and where.box == qh.box:
            return "right"
        if issuer is not None and issuer.kind == "textbox" and where.box == issuer.box:
            return "left"
        return None
    if where.kind == "body":
        text = span.para.text
        pieces = [m.start() for m in re.finditer(r"[^\t\n\s][^\t\n]*", text)]
        if len(pieces) >= 2:  # tab-aligned: the first piece is the left column
            return "left" if span.start == pieces[0] else "right"
    return None


def _blank_between(ctx: Context, upper: Paragraph, lower: Paragraph) -> Paragraph | None:
    """An empty paragraph between two header lines of the same column, if any."""
    for p in ctx.pkg.between(upper, lower):
        same = (p.where.kind, p.where.col, p.where.box) == (
            upper.where.kind,
            upper.where.col,
            upper.where.box,
        )
        if same and not p.text.strip() and not p.fmt.border_bottom and not p.has_line_shape:
            return p
    return None


@rule(
    "R-QH-7",
    "Quốc hiệu và Tiêu ngữ cách nhau dòng đơn (không có dòng trống)",
    "National title and motto on consecutive lines (no blank line)",
    bad="Một dòng trống giữa Quốc hiệu và Tiêu ngữ",
    fix="Xóa dòng trống; Tiêu ngữ ngay dưới Quốc hiệu",
)
def motto_right_under(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.quoc_hieu is None or el.tieu_ngu is None:
        return
    blank = _blank_between(ctx, el.quoc_hieu.para, el.tieu_ngu.para)
    if blank is not None:
        yield Problem(
            el.tieu_ngu,
            Text("có dòng trống giữa Quốc hiệu và Tiêu ngữ", "a blank line between them"),
            Text("Tiêu ngữ ngay dưới Quốc hiệu", "the motto right under the national title"),
        )


@rule(
    "R-CQ-6",
    "Tên cơ quan chủ quản và tên cơ quan ban hành cách nhau dòng đơn",
    "Superior and issuer on consecutive lines (no blank line)",
    bad="Một dòng trống giữa “UBND TỈNH …” và “SỞ …”",
    fix="Xóa dòng trống giữa hai dòng tên cơ quan",
)
def issuer_right_under(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if not el.superior or not el.issuer:
        return
    blank = _blank_between(ctx, el.superior[-1].para, el.issuer[0].para)
    if blank is not None:
        yield Problem(
            el.issuer[0],
            Text(
                "có dòng trống giữa cơ quan chủ quản và cơ quan ban hành",
                "a blank line between the superior and the issuer",
            ),
            Text("hai dòng liền nhau", "consecutive lines"),
        )


@rule(
    "R-SO-10",
    "Số, ký hiệu ở cột trái, dưới tên cơ quan ban hành",
    "Number in the left column, under the issuer",
    bad="“Số: 05/UBND-VP” đặt ở cột phải",
    fix="Đưa dòng Số vào cột trái, căn giữa dưới tên cơ quan",
)
def so_position(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is not None and _side(ctx, so) == "right":
        yield Problem(
            so,
            Text("dòng Số nằm ở cột phải", "the number is in the right column"),
            Text("cột trái, dưới tên cơ quan ban hành", "left column, under the issuer"),
        )


@rule(
    "R-DD-6",
    "Địa danh, ngày tháng ở cột phải, dưới Tiêu ngữ",
    "Place/date line in the right column, under the motto",
    bad="Dòng ngày tháng đặt ở cột trái",
    fix="Đưa dòng ngày tháng sang cột phải, căn giữa dưới Tiêu ngữ",
)
def date_position(ctx: Context) -> Iterator[Outcome]:
    d = ctx.el.date_line
    if d is not None and _side(ctx, d) == "left":
        yield Problem(
            d,
            Text("dòng ngày tháng nằm ở cột trái", "the date line is in the left column"),
            Text("cột phải, dưới Tiêu ngữ", "right column, under the motto"),
        )


_TITLES = re.compile(
    r"^(GS|PGS|TS|TSKH|ThS|Th\.S|KS|BS|CN|NGƯT|NGND|Giáo sư|Phó giáo sư|Tiến sĩ|Thạc sĩ|"
    r"Bác sĩ|Kỹ sư)\.?\s",
    re.IGNORECASE,
)


@rule(
    "R-KY-5",
    "Không ghi học hàm, học vị, danh hiệu trước họ tên người ký",
    "No academic title or degree before the signer's name",
    bad="TS. Nguyễn Văn An",
    fix="Nguyễn Văn An (trừ ngành được phép ghi thêm)",
    severity=Severity.WARNING,
)
def no_degree(ctx: Context) -> Iterator[Outcome]:
    name = ctx.el.signer_name
    if name is None:
        return
    m = _TITLES.match(name.text.strip())
    if m:
        yield Problem(
            name,
            Text(
                f"trước họ tên có “{m.group(0).strip()}”", f"“{m.group(0).strip()}” before the name"
            ),
            Text(
                "chỉ họ và tên (một số ngành được phép ghi học hàm, học vị)",
                "the name only (some sectors may allow a degree)",
            ),
        )
