"""The public API for electronic documents (issue 16): the images of ô 7c / ô 8, the
sign-ready PDF and its manifest, signing and verifying. Part of the API layer with
:mod:`vnadmin_docs.api` (which re-exports these functions): like it, it chains the stages —
layout (image boxes), writer, LibreOffice, and :mod:`vnadmin_docs.sign`, which only receives
the rectangles measured here.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.layout.compose import document_symbol, kind_name
from vnadmin_docs.layout.electronic import (
    SignaturePictures,
    blank_attached_lines,
    place_images,
)
from vnadmin_docs.layout.figures import Figures, figures
from vnadmin_docs.layout.page_model import FloatingImage, Grid, PageModel, Para
from vnadmin_docs.layout.pictures import Picture, load_picture, picture_problems
from vnadmin_docs.model import Document
from vnadmin_docs.text.so_line import number_text, so_line, symbol_text
from vnadmin_docs.units import Mm
from vnadmin_docs.writer import write_docx

if TYPE_CHECKING:
    from vnadmin_docs.api import RenderedDocument
    from vnadmin_docs.pdf import ConversionOptions
    from vnadmin_docs.sign.keys import SigningKey
    from vnadmin_docs.sign.placement import Placement
    from vnadmin_docs.sign.verify import SignatureReport

__all__ = ["attachment_placement", "separate_appendices", "sign", "sign_ready", "verify"]


def signature_pictures(
    doc: Document,
    figs: Figures,
    data_dir: str | Path | None,
    profile: str | Path | None,
    electronic: bool,
) -> tuple[SignaturePictures | None, tuple[FieldProblem, ...]]:
    """The signature and seal pictures from the data (``images``) or the profile
    (``[electronic] seal_png``/``signature_png``, relative to the profile's folder), with
    the warnings about them."""
    table: Mapping[str, Any] = figs.data.get("electronic", {})
    images = doc.images
    base = Path(data_dir) if data_dir is not None else Path.cwd()
    prof_dir = Path(profile).parent if profile is not None else Path.cwd()

    def pick(role: str) -> Picture | None:
        given = getattr(images, role) if images is not None else None
        if given:
            path = Path(given)
            return load_picture(path if path.is_absolute() else base / path, f"images.{role}")
        from_profile = table.get(f"{role}_png")
        if from_profile:
            path = Path(str(from_profile))
            return load_picture(path if path.is_absolute() else prof_dir / path, f"{role}_png")
        return None

    signature, seal = pick("signature"), pick("seal")
    size_mm = (images.seal_size_mm if images is not None else None) or float(
        figs.value("electronic", "seal_size_mm")
    )
    if signature is None and seal is None:
        return None, ()
    warnings: list[FieldProblem] = []
    for role, picture in (("signature", signature), ("seal", seal)):
        if picture is not None:
            warnings.extend(picture_problems(picture, role, table))
    if not electronic:
        warnings.append(
            FieldProblem(
                "images",
                "ảnh chữ ký/con dấu trên văn bản giấy chỉ dùng cho bản nháp nội bộ; bản gốc "
                "giấy phải ký tay bằng mực xanh và đóng dấu đỏ (R-KY-6, R-DAU-1)",
                "signature/seal images on a paper document are for internal drafts only; a "
                "paper original needs a wet signature in blue ink and a red seal",
            )
        )
    return SignaturePictures(signature, seal, Mm(size_mm)), tuple(warnings)


def electronic_page(rendered: RenderedDocument, figs: Figures) -> RenderedDocument:
    page = rendered.page_model
    if rendered.pictures is not None:
        page = place_images(page, figs, rendered.pictures)
    if rendered.electronic:
        kind = kind_name(rendered.template.layout, rendered.template.type_name)
        page = blank_attached_lines(page, rendered.document, figs, kind)
    return replace(rendered, page_model=page)


def separate_appendices(doc: RenderedDocument) -> tuple[RenderedDocument, list[RenderedDocument]]:
    """The main document alone and each appendix as a document of its own (Mẫu 2.2: an
    appendix in a separate file, signed by the agency with a text signature, R-DAU-4)."""
    page = doc.page_model
    main = replace(doc, page_model=replace(page, sections=page.sections[:1]))
    parts = [
        replace(doc, page_model=replace(page, sections=(section,)), pictures=None)
        for section in page.sections[1:]
    ]
    return main, parts


def _so_line(doc: RenderedDocument, figs: Figures) -> tuple[int | None, str]:

    layout, type_name = doc.template.layout, doc.template.type_name
    symbol = symbol_text(document_symbol(doc.document, layout, figs, type_name))
    return doc.document.number.number, symbol


_BOX_ROLES = {"signature": "signer", "seal": "agency"}


def _anchored(page: PageModel) -> list[FloatingImage]:
    out: list[FloatingImage] = []
    for section in page.sections:
        for item in section.body:
            cells = [c for row in item.rows for c in row.cells] if isinstance(item, Grid) else []
            paras = [p for c in cells for p in c.paras] if cells else [item]
            for para in paras:
                if isinstance(para, Para):
                    out.extend(para.anchors)
    return out


def sign_ready(
    doc: RenderedDocument,
    path: str | Path,
    *,
    pdf_a: bool = True,
    options: ConversionOptions | None = None,
) -> tuple[Path, Path]:
    """A PDF ready for digital signing, and its placement manifest (``.json`` beside it).

    The PDF has no images drawn in: it carries an empty signature field named
    ``ChuKySo_NguoiKy`` at ô 7c and ``ChuKySo_CoQuan`` at ô 8, so any PAdES tool can sign
    into them with its own appearance. The rectangles are measured where the writer's
    anchors land in a LibreOffice conversion of the same document (with the real images, or
    plain squares of the boxes' sizes), so they are the layout's, not a second guess.
    """
    from vnadmin_docs.sign import require_pyhanko, write_manifest
    from vnadmin_docs.sign.issue_fields import locate_issue_blanks
    from vnadmin_docs.sign.measure import ExpectedBox, measure_placements
    from vnadmin_docs.sign.signing import add_signature_fields

    require_pyhanko()
    figs = doc.figures or figures()
    target = Path(path)
    pictures = doc.pictures or SignaturePictures(
        None, None, Mm(float(figs.value("electronic", "seal_size_mm")))
    )
    measured_page = place_images(doc.page_model, figs, pictures, measure=True)
    plain_page = place_images(doc.page_model, figs, SignaturePictures(None, None, Mm(1)))
    expected = [
        ExpectedBox(_BOX_ROLES[a.role], a.width.pt, a.height.pt)  # type: ignore[arg-type]
        for a in _anchored(measured_page)
    ]
    from vnadmin_docs.pdf import ConversionOptions, convert_files

    opts = replace(options or ConversionOptions(), pdf_a=pdf_a)
    with tempfile.TemporaryDirectory(prefix="vnadmin-sign-") as tmp:
        folder = Path(tmp)
        (folder / "do.docx").write_bytes(write_docx(measured_page))
        (folder / "plain.docx").write_bytes(write_docx(plain_page))
        convert_files(
            [
                (folder / "do.docx", folder / "do.pdf"),
                (folder / "plain.docx", folder / "plain.pdf"),
            ],
            opts,
        )
        attachment = not expected  # an appendix file: no signature block, a text signature
        if attachment:
            placements = [_attachment_box(folder / "plain.pdf", figs)]
        else:
            placements = measure_placements(folder / "do.pdf", expected)
        number_blank = doc.document.number.number is None and not attachment
        day_blank = doc.document.date.day is None
        blanks = (
            locate_issue_blanks(folder / "plain.pdf", number_blank, day_blank)
            if number_blank or day_blank
            else []
        )
        if not attachment and len(placements) != len(expected):
            from vnadmin_docs.errors import LayoutError

            raise LayoutError(
                "Không tìm thấy vị trí ô chữ ký trên tệp PDF (ô 7c, ô 8).",
                "The signature boxes (7c, 8) were not found on the PDF page.",
            )
        pdf = add_signature_fields(folder / "plain.pdf", target, placements, blanks)
    number, symbol = _so_line(doc, figs)
    manifest = write_manifest(
        target.with_suffix(".json"),
        pdf,
        placements,
        [b.as_json() for b in blanks],
        document={"number": number, "symbol": symbol},
    )
    return pdf, manifest


def attachment_placement(pdf: str | Path, profile: str | Path | None = None) -> Placement:
    """Where the agency's text signature goes on a separate attachment file: the top right
    of page 1, inside the top margin, right-aligned with the text (R-DAU-4, Mẫu 2.2)."""
    return _attachment_box(Path(pdf), figures(profile))


def _attachment_box(pdf: Path, figs: Figures) -> Placement:
    from pypdf import PdfReader

    from vnadmin_docs.sign.placement import Placement

    box = PdfReader(str(pdf)).pages[0].mediabox
    width, height = float(box.width), float(box.height)
    setup = figs.page_setup()
    w = Mm(float(figs.value("electronic", "stamp_width_mm"))).pt
    h = Mm(float(figs.value("electronic", "stamp_height_mm"))).pt
    x1 = width - setup.right.pt
    y1 = height - setup.header_distance.pt
    return Placement("attachment", 1, (x1 - w, y1 - h, x1, y1))


def sign(
    source: str | Path,
    target: str | Path,
    *,
    role: str,
    key: SigningKey,
    image: str | Path | None = None,
    manifest: str | Path | None = None,
    number: str | None = None,
    tsa_url: str | None = None,
    time_format: str | None = None,
    profile: str | Path | None = None,
    issue_number: int | None = None,
    issue_date: dt.date | None = None,
) -> tuple[Path, str]:
    """Sign ``source`` as ``role`` ("signer" = ô 7c, then "agency" = ô 8, or
    "attachment" = the agency's text signature on a separate attachment file) and write
    ``target``. Returns the file and the signing time as shown.

    The rectangle is the PDF's named field (a :func:`sign_ready` PDF), else the
    ``manifest``'s (by default the ``.json`` beside the PDF), else — for an attachment —
    :func:`attachment_placement`. ``number`` is the number and symbol shown on an
    attachment ("Số: 12/SLĐTBXH-VP"); by default it is built from the manifest's symbol and
    its number, or ``issue_number`` when the document was numbered after the PDF was made.
    The time format defaults to the decree's (``[electronic] time_format``).

    ``issue_number`` / ``issue_date``: the văn thư issues the document — the number and
    date fields of a sign-ready PDF that the leader signed blank are filled (form filling,
    which keeps the leader's signature valid), then the agency signs.
    """
    from vnadmin_docs.sign import FIELD_NAMES, read_manifest, require_pyhanko
    from vnadmin_docs.sign.placement import Placement, manifest_document
    from vnadmin_docs.sign.signing import SignRequest, sign_pdf

    require_pyhanko()
    figs = figures(profile)
    src = Path(source)
    if role not in FIELD_NAMES:
        raise DataError(
            [
                FieldProblem(
                    "--role", f"vai trò ký không hợp lệ: {role}", f"unknown signing role: {role}"
                )
            ]
        )
    placement: Placement | None = None
    beside = src.with_suffix(".json")
    if manifest is None and beside.is_file() and manifest_document(beside):
        manifest = beside  # the manifest sign_ready wrote beside the PDF
    if manifest is not None:
        placement = next((p for p in read_manifest(manifest) if p.role == role), None)
    if placement is None and role == "attachment":
        placement = attachment_placement(src, profile)
    if placement is None:
        # A sign-ready PDF has the field; the rectangle is not used then.
        placement = Placement(role, 1, (0.0, 0.0, 0.0, 0.0))  # type: ignore[arg-type]
    lines: tuple[str, ...] = ()
    if role == "attachment":
        info = manifest_document(manifest) if manifest is not None else {}
        known = issue_number if issue_number is not None else info.get("number")
        if number is None and known is not None and info.get("symbol"):
            number = so_line(int(known), [str(info["symbol"])])
        if number is None:
            raise DataError(
                [
                    FieldProblem(
                        "--number",
                        "chữ ký của cơ quan trên tệp đính kèm phải ghi số, ký hiệu văn bản "
                        "(R-DAU-4): cho --number, hoặc --issue-number với tệp vị trí .json",
                        "the agency's signature on an attachment shows the number and symbol "
                        "(R-DAU-4): give --number, or --issue-number with the .json manifest",
                    )
                ]
            )
        lines = (number, "{time}")
        issue_number = issue_date = None  # shown in the text, no field to fill
    request = SignRequest(
        role=role,
        key=key,
        placement=placement,
        image=Path(image) if image is not None else None,
        stamp_lines=lines,
        time_format=time_format or str(figs.value("electronic", "time_format")),
        tsa_url=tsa_url,
    )
    size = round(float(figs.value("electronic", "stamp_size_pt")))
    if issue_number is None and issue_date is None:
        return sign_pdf(src, Path(target), request, stamp_size_pt=size)
    from vnadmin_docs.sign.issue_fields import DATE_FIELD, NUMBER_FIELD, fill_fields
    from vnadmin_docs.text.date_line import day_text, month_text

    values: dict[str, str] = {}
    if issue_number is not None:
        values[NUMBER_FIELD] = number_text(issue_number)
    if issue_date is not None:
        values[DATE_FIELD] = (
            f"ngày {day_text(issue_date.day)} tháng {month_text(issue_date.month)} "
            f"năm {issue_date.year}"
        )
    with tempfile.TemporaryDirectory(prefix="vnadmin-issue-") as tmp:
        filled = fill_fields(src, Path(tmp) / "filled.pdf", values)
        return sign_pdf(filled, Path(target), request, stamp_size_pt=size)


def verify(
    path: str | Path, trust: Sequence[str | Path] = (), *, time_format: str | None = None
) -> list[SignatureReport]:
    """Each signature of the PDF: who, when, intact, certificate chain, changes after it."""
    from vnadmin_docs.sign import require_pyhanko
    from vnadmin_docs.sign.verify import verify_pdf

    require_pyhanko()
    fmt = time_format or str(figures().value("electronic", "time_format"))
    return verify_pdf(Path(path), [Path(t) for t in trust], time_format=fmt)
