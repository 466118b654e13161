"""The copy block of a bản sao (Phụ lục I Phần II, Mẫu 3.1; R-BS-2, R-BS-3, R-POS-6).

After the original's last line: a solid rule across the text width, then a grid — copying
body (left) | SAO Y / SAO LỤC / TRÍCH SAO (right); "Số: 05/SY-UBND" (left) | place and date
(right); Nơi nhận (left) | the signer (right). The block is recognised by its copy-type cell
(``elements._copy_table``); ``elements.py`` leaves its table out of the original's closing, so the
original's Nơi nhận and signer are still the original's, and the block is judged here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from vnadmin_docs.check.elements import Span, is_line_only
from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.formatting import format_problems
from vnadmin_docs.check.ooxml import Paragraph
from vnadmin_docs.check.registry import Context, Outcome, Problem, rule
from vnadmin_docs.check.textfold import is_upper_text, loose_key, nfc

__all__ = ["CopyBlock", "find_copy_block"]

_KINDS = ("sao y", "sao luc", "trich sao")
# Decree 30 Phụ lục III: "Số: <nn>/<SY|SL|TrS>-<body abbreviation>" (R-BS-3).
_SO = re.compile(r"^Số: (0[1-9]|[1-9][0-9]+)/(SY|SL|TrS)-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
_SO_DRAFT = re.compile(r"^Số:\s+/(SY|SL|TrS)-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
_SYMBOL = {"sao y": "SY", "sao luc": "SL", "trich sao": "TrS"}


def _kind_para(paras: Sequence[Paragraph]) -> Paragraph | None:
    for p in paras:
        if p.where.kind == "cell" and p.where.table > 1 and loose_key(p.text.strip()) in _KINDS:
            return p
    return None


@dataclass
class CopyBlock:
    """The elements of a copy block (ô 1–7 of R-BS-3); None / empty = not found."""

    kind: Span
    rule_above: bool  # a solid line right above the block (R-BS-2)
    issuer: list[Span] = field(default_factory=list)
    so: Span | None = None
    date_line: Span | None = None
    noi_nhan: Span | None = None
    signer_titles: list[Span] = field(default_factory=list)
    signer_name: Span | None = None


def _span(p: Paragraph) -> Span:
    text = p.text
    start = len(text) - len(text.lstrip())
    return Span(p, start, len(text.rstrip()))


def find_copy_block(paras: Sequence[Paragraph]) -> CopyBlock | None:
    """Recognise the copy block among ``paras`` (a whole document's paragraphs)."""
    kind = _kind_para(paras)
    if kind is None:
        return None
    key = kind.table_key
    block = [p for p in paras if p.table_key == key and p.text.strip()]
    first = min(p.order for p in paras if p.table_key == key)
    before = [p for p in paras if p.order < first]
    above = before[-1] if before else None
    rule_above = above is not None and (
        above.fmt.border_bottom
        or above.has_line_shape
        or ("_" in above.text and is_line_only(above.text))
    )
    out = CopyBlock(_span(kind), bool(rule_above))
    kw = kind.where
    for p in block:
        text = nfc(p.text.strip())
        if p.where.row == kw.row and p.where.col != kw.col and not is_line_only(text):
            out.issuer.append(_span(p))
        elif text.startswith("Số") and out.so is None:
            out.so = _span(p)
        elif "ngày" in text and "tháng" in text and out.date_line is None:
            out.date_line = _span(p)
        elif re.match(r"^noi nhan\s*:?$", loose_key(text)):
            out.noi_nhan = _span(p)
    if out.noi_nhan is not None:
        nw = out.noi_nhan.para.where
        signer = [p for p in block if p.where.row == nw.row and p.where.col != nw.col]
        for p in signer:
            if is_upper_text(p.text) and out.signer_name is None:
                out.signer_titles.append(_span(p))
            elif out.signer_titles:
                out.signer_name = _span(p)
    return out


_BLOCK = Text(
    "đường kẻ liền, rồi: cơ quan sao | SAO Y; Số: …/SY-…| địa danh, ngày; Nơi nhận | chữ ký",
    "a solid line, then: copying body | SAO Y; Số: …/SY-… | place, date; Nơi nhận | signer",
)


@rule(
    "R-BS-2",
    "Bản sao: khối sao ngay sau dòng cuối của văn bản được sao, dưới đường kẻ liền hết chiều "
    "ngang vùng soạn thảo",
    "Copy: the copy block right after the copied text's last line, under a full-width solid line",
    bad="Khối “SAO Y” không có đường kẻ phía trên",
    fix="Kẻ một đường liền hết chiều ngang vùng soạn thảo ngay trên khối sao",
)
def copy_rule(ctx: Context) -> Iterator[Outcome]:
    block = find_copy_block(ctx.pkg.paragraphs)
    if block is None or block.rule_above:
        return
    yield Problem(
        block.kind,
        Text("không có đường kẻ trên khối sao", "no line above the copy block"),
        Text(
            "đường kẻ liền hết chiều ngang vùng soạn thảo, ngay sau dòng cuối văn bản được sao",
            "a solid full-width line right after the copied text's last line",
        ),
    )


def _positions(block: CopyBlock) -> Iterator[Problem]:
    """R-POS-6: Số and Nơi nhận in the left column, the place/date and the signer in the
    right one (the copy type's)."""
    right = block.kind.para.where.col
    sides = (
        (block.so, False, "số, ký hiệu bản sao", "the copy's number"),
        (block.noi_nhan, False, "nơi nhận", "the recipients"),
        (block.date_line, True, "địa danh, ngày tháng", "the place and date"),
        (block.signer_name, True, "họ tên người ký", "the signer's name"),
    )
    for span, on_right, vi, en in sides:
        if span is None or (span.para.where.col == right) == on_right:
            continue
        col_vi, col_en = ("phải", "right") if on_right else ("trái", "left")
        yield Problem(
            span,
            Text(
                f"{vi} không ở cột {col_vi} của khối sao",
                f"{en} not in the block's {col_en} column",
            ),
            Text(f"{vi} ở cột {col_vi} (Phụ lục I Phần II)", f"{en} in the {col_en} column"),
        )


@rule(
    "R-BS-3",
    "Bản sao: các thành phần của khối sao (hình thức sao, cơ quan sao, số và ký hiệu bản sao, "
    "địa danh và ngày, nơi nhận, chữ ký) đúng vị trí và thể thức",
    "Copy: the copy block's elements (copy type, copying body, copy number, place and date, "
    "recipients, signer) in place and formatted",
    bad="Số: 5/SY-UBND; “Sao y” chữ thường; thiếu Nơi nhận",
    fix="SAO Y (in hoa, đậm), Số: 05/SY-UBND, Nơi nhận ở cột trái, người ký ở cột phải",
)
def copy_elements(ctx: Context) -> Iterator[Outcome]:
    block = find_copy_block(ctx.pkg.paragraphs)
    if block is None:
        return
    kind_key = loose_key(block.kind.text)
    if block.kind.para.where.col < 2:
        yield Problem(
            block.kind,
            Text("hình thức sao ở cột trái", "the copy type in the left column"),
            Text(
                "hình thức sao (ô 1) ở cột phải, ngang tên cơ quan sao", "ô 1 in the right column"
            ),
        )
    yield from _positions(block)
    yield from format_problems([block.kind], ctx.element("type_name"), centred=True)
    missing = [
        (vi, en)
        for part, vi, en in (
            (block.issuer, "tên cơ quan sao", "the copying body"),
            (block.so, "số, ký hiệu bản sao", "the copy's number"),
            (block.date_line, "địa danh, ngày tháng", "the place and date"),
            (block.noi_nhan, "nơi nhận", "the recipients"),
            (block.signer_titles, "chức vụ người ký", "the signer's title"),
            (block.signer_name, "họ tên người ký", "the signer's name"),
        )
        if not part
    ]
    if missing:
        yield Problem(
            block.kind,
            Text(
                "khối sao thiếu: " + ", ".join(vi for vi, _ in missing),
                "the copy block lacks: " + ", ".join(en for _, en in missing),
            ),
            _BLOCK,
        )
    if block.so is not None:
        text = nfc(block.so.text)
        ok = _SO.match(text) or (ctx.draft and _SO_DRAFT.match(text))
        symbol = _SYMBOL[kind_key]
        if not ok or f"/{symbol}-" not in text:
            yield Problem(
                block.so,
                Text(f"“{text}”", f"“{text}”"),
                Text(
                    f"“Số: <số>/{symbol}-<chữ viết tắt tên cơ quan>”, "
                    "số dưới 10 có số 0 phía trước",
                    f"“Số: <number>/{symbol}-<body abbreviation>”, numbers below 10 zero-padded",
                ),
            )
        yield from format_problems([block.so], ctx.element("so"), ignore=("case",))
    if block.date_line is not None:
        yield from format_problems([block.date_line], ctx.element("date_line"), ignore=("case",))
    if block.noi_nhan is not None:
        yield from format_problems([block.noi_nhan], ctx.element("noi_nhan_label"))
    yield from format_problems(block.signer_titles, ctx.element("signer_title"))
    if block.signer_name is not None:
        yield from format_problems([block.signer_name], ctx.element("signer_name"))
