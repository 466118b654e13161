"""Number and date filled in at issue time, after the competent person has signed.

The văn thư issues a document after the leader signs it (R-DT-4: the number and date come
from the document-management system). A signature locks the bytes it covers; what the PDF
standard allows after an approval signature without breaking it is *form filling*. So a
sign-ready PDF of a document whose number or day is still blank gets two text fields over
the blanks — ``SoVanBan`` between "Số:" and "/<ký hiệu>", ``NgayBanHanh`` over
"ngày … tháng … năm …" — and the văn thư fills them (an incremental update that only sets
the fields' values and appearances) just before the agency signs. Verification then says
of the leader's signature: "only form filling after it" (``docs/dev/electronic.md``).

The rectangles and the font size are measured on the PDF page (pdfplumber), the filled
text is drawn with Times New Roman (1000 units per em, embedded) on a white ground that
hides the blank template.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from vnadmin_docs._files import atomic_write_bytes
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.sign.fonts import quiet_font_logs, stamp_font

__all__ = [
    "DATE_FIELD",
    "NUMBER_FIELD",
    "TextPlacement",
    "add_text_fields",
    "fill_fields",
    "locate_issue_blanks",
]

NUMBER_FIELD = "SoVanBan"
DATE_FIELD = "NgayBanHanh"


@dataclass(frozen=True)
class TextPlacement:
    """A text field: name, 1-based page, rectangle (bottom-left origin, pt), font size
    and slant measured from the text around it."""

    name: str
    page: int
    rect: tuple[float, float, float, float]
    size: float
    italic: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": "issue",
            "page": self.page,
            "rect": [round(v, 2) for v in self.rect],
            "size": self.size,
            "italic": self.italic,
        }


def locate_issue_blanks(pdf: Path, number_blank: bool, day_blank: bool) -> list[TextPlacement]:
    """Where the blank number and the blank date are on page 1."""
    out: list[TextPlacement] = []
    with pdfplumber.open(str(pdf)) as doc:
        page = doc.pages[0]
        height = float(page.height)
        words = page.extract_words(extra_attrs=["fontname", "size"])
        so = next((w for w in words if w["text"] == "Số:"), None)
        if so is not None and number_blank:
            after = [w for w in words if abs(w["top"] - so["top"]) < 2 and w["x0"] > so["x1"]]
            slash = min(after, key=lambda w: w["x0"], default=None)
            if slash is not None and slash["text"].startswith("/"):
                out.append(
                    TextPlacement(
                        NUMBER_FIELD,
                        1,
                        (
                            so["x1"] + 0.5,
                            height - so["bottom"] - 1,
                            slash["x0"] - 0.3,
                            height - so["top"] + 1,
                        ),
                        float(so["size"]),
                        False,
                    )
                )
        if day_blank:
            ngay = next(
                (
                    w
                    for w in words
                    if w["text"] == "ngày"
                    and "Italic" in w["fontname"]
                    and (so is None or abs(w["top"] - so["top"]) < 2)
                ),
                None,
            )
            if ngay is not None:
                line = [
                    w for w in words if abs(w["top"] - ngay["top"]) < 2 and w["x0"] >= ngay["x0"]
                ]
                right = max(w["x1"] for w in line)
                out.append(
                    TextPlacement(
                        DATE_FIELD,
                        1,
                        (
                            ngay["x0"] - 0.5,
                            height - ngay["bottom"] - 1,
                            right + 0.5,
                            height - ngay["top"] + 1,
                        ),
                        float(ngay["size"]),
                        True,
                    )
                )
    return out


def add_text_fields(writer: Any, placements: list[TextPlacement]) -> None:
    """Text fields (one widget each) with an empty appearance, into an incremental
    writer. ``/DA`` is required for text fields; its font is never used for rendering:
    the appearance is written when the field is filled."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.writer import init_xobject_dictionary

    root = writer.root
    form = root.get("/AcroForm")
    if form is None:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    form = form.get_object()
    fields = form["/Fields"]
    for p in placements:
        page_ref = writer.find_page_for_modification(p.page - 1)[0]
        x0, y0, x1, y1 = p.rect
        empty = writer.add_object(init_xobject_dictionary(b"", x1 - x0, y1 - y0))
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): pdf_string(p.name),
                pdf_name("/F"): generic.NumberObject(4),  # print
                pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in p.rect),
                pdf_name("/P"): page_ref,
                pdf_name("/DA"): pdf_string(f"/TiRo {p.size:g} Tf 0 g"),
                pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): empty}),
            }
        )
        ref = writer.add_object(widget)
        fields.append(ref)
        page = page_ref.get_object()
        annots = page.get("/Annots")
        if annots is None:
            page[pdf_name("/Annots")] = generic.ArrayObject([ref])
        else:
            annots.get_object().append(ref)
            if isinstance(annots, generic.IndirectObject):
                writer.mark_update(annots)
        writer.update_container(page)
    if isinstance(form.raw_get("/Fields"), generic.IndirectObject):
        writer.update_container(fields)
    writer.update_container(form)


def _appearance(
    writer: Any, width: float, height: float, text: str, size: float, italic: bool
) -> Any:
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    # The number sits against "/<ký hiệu>" ("Số: 05/…", R-SO-2); the date where "ngày" was.
    align = layout.AxisAlignment.ALIGN_MIN if italic else layout.AxisAlignment.ALIGN_MAX
    white = content.RawContent(
        b"1 g 0 0 %g %g re f" % (width, height),
        box=layout.BoxConstraints(width=width, height=height),
    )
    style = TextStampStyle(
        stamp_text="%(value)s",
        border_width=0,
        background=white,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),
        ),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(stamp_font(None, italic)), font_size=round(size)),
            font_size=round(size),
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=align,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=align,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )
    stamp = style.create_stamp(
        writer, layout.BoxConstraints(width=width, height=height), {"value": text}
    )
    return stamp.register()


def fill_fields(source: Path, target: Path, values: dict[str, str]) -> Path:
    """Fill the named text fields of ``source`` (incremental update) into ``target``."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with source.open("rb") as fh, quiet_font_logs():
        writer = IncrementalPdfFileWriter(fh)
        form = writer.root.get("/AcroForm")
        found: set[str] = set()
        for ref in form.get_object()["/Fields"] if form is not None else []:
            field = ref.get_object()
            name = str(field.get("/T", ""))
            if name not in values:
                continue
            x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
            size = float(str(field.get("/DA", "/TiRo 13 Tf")).split()[1])
            italic = name == DATE_FIELD
            field[pdf_name("/V")] = pdf_string(values[name])
            ap = _appearance(writer, x1 - x0, y1 - y0, values[name], size, italic)
            field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): ap})
            writer.update_container(field)
            found.add(name)
        missing = set(values) - found
        if missing:
            raise VnAdminError(
                f"Tệp PDF không có ô để điền: {', '.join(sorted(missing))} (tạo lại bằng "
                "--sign-ready khi văn bản chưa có số, ngày).",
                f"The PDF has no field to fill: {', '.join(sorted(missing))}.",
            )
        out = io.BytesIO()
        writer.write(out)
    return atomic_write_bytes(target, out.getvalue())
