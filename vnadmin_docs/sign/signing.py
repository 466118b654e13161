"""Signing with pyHanko: empty named fields for a sign-ready PDF, and visible PAdES
signatures whose appearance is the signature image (ô 7c), the seal image (ô 8) or the
agency's text signature on a separate attachment (R-DAU-4).

Every change is an incremental update: an earlier signature stays intact (PDF/A allows
incremental updates, and pyHanko keeps the PDF/A marker).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs._files import atomic_write_bytes
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.sign.fonts import quiet_font_logs, stamp_font
from vnadmin_docs.sign.issue_fields import TextPlacement, add_text_fields
from vnadmin_docs.sign.keys import SigningKey, load_signer
from vnadmin_docs.sign.placement import ROLE_LABELS, Placement
from vnadmin_docs.sign.timefmt import DEFAULT_TIME_FORMAT, format_signing_time

__all__ = ["SignRequest", "add_signature_fields", "sign_pdf"]


def _pdf_error(path: Path, exc: Exception) -> VnAdminError:
    return VnAdminError(
        f"Không đọc được tệp PDF {path.name}: {exc}.", f"Cannot read the PDF {path.name}: {exc}."
    )


def _field_spec(placement: Placement) -> Any:
    from pyhanko.sign.fields import SigFieldSpec

    x0, y0, x1, y1 = placement.rect
    return SigFieldSpec(
        sig_field_name=placement.field_name,
        on_page=placement.page - 1,
        box=(round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)),  # type: ignore[arg-type]
    )


def add_signature_fields(
    source: Path,
    target: Path,
    placements: list[Placement],
    text_fields: list[TextPlacement] | None = None,
) -> Path:
    """``source`` with one empty signature field per placement (and the text fields for
    the number and date filled at issue time), written to ``target``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import append_signature_field

    try:
        with source.open("rb") as fh:
            writer = IncrementalPdfFileWriter(fh)
            for placement in placements:
                append_signature_field(writer, _field_spec(placement))
            if text_fields:
                add_text_fields(writer, text_fields)
            out = io.BytesIO()
            writer.write(out)
    except OSError as exc:
        raise _pdf_error(source, exc) from exc
    return atomic_write_bytes(target, out.getvalue())


@dataclass(frozen=True)
class SignRequest:
    """One signature: who (``role``), with what key, where (``placement``), showing what.

    ``image``: the PNG shown (signature for ``signer``, seal for ``agency``).
    ``stamp_lines``: for ``attachment``, the text lines; ``{time}`` in a line is replaced
    by the signing time written with ``time_format`` in Vietnam time.
    ``tsa_url``: an RFC 3161 time-stamping server, or None.
    """

    role: str
    key: SigningKey
    placement: Placement
    image: Path | None = None
    stamp_lines: tuple[str, ...] = ()
    time_format: str = DEFAULT_TIME_FORMAT
    tsa_url: str | None = None
    reason: str | None = None
    location: str | None = None


def _image_style(image: Path) -> Any:
    from PIL import Image
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=PdfImage(Image.open(image)),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )


def _text_style(size: int) -> Any:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text="%(lines)s",
        border_width=0,
        background=None,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(stamp_font()), font_size=size),
            font_size=size,
            leading=round(size * 1.2),
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MAX,
                y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins.uniform(0),
            ),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(0),
        ),
    )


def _has_field(source: Path, name: str) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with source.open("rb") as fh:
        reader = PdfFileReader(fh)
        return any(fname == name for fname, _v, _r in enumerate_sig_fields(reader))


def sign_pdf(
    source: Path, target: Path, request: SignRequest, *, stamp_size_pt: int = 10
) -> tuple[Path, str]:
    """Sign ``source`` into ``target`` (atomically); returns the target and the signing
    time as shown. The named field of the placement is used when the PDF has it (a
    sign-ready PDF), otherwise it is created at the placement's rectangle."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper

    signer = load_signer(request.key)
    params: dict[str, str] = {}
    if request.role == "attachment":
        style = _text_style(stamp_size_pt)
        # Taken as late as possible: pyHanko takes its own signing time when it signs.
        shown = format_signing_time(dt.datetime.now(dt.UTC), request.time_format)
        params["lines"] = "\n".join(line.replace("{time}", shown) for line in request.stamp_lines)
    elif request.image is not None:
        style = _image_style(request.image)
        shown = format_signing_time(dt.datetime.now(dt.UTC), request.time_format)
    else:
        raise VnAdminError(
            f"Chữ ký số của {ROLE_LABELS[request.role][0]} cần ảnh PNG (--image).",
            f"The signature of the {ROLE_LABELS[request.role][1]} needs a PNG (--image).",
        )
    name = request.placement.field_name
    exists = _has_field(source, name)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=request.reason,
        location=request.location,
    )
    timestamper = HTTPTimeStamper(request.tsa_url) if request.tsa_url else None
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=None if exists else _field_spec(request.placement),
    )
    # pyHanko logs a rounding remark (102.00000000000001 > 102) when the image fills the box.
    try:
        with source.open("rb") as fh, quiet_font_logs():
            writer = IncrementalPdfFileWriter(fh)
            out = io.BytesIO()
            pdf_signer.sign_pdf(writer, output=out, appearance_text_params=params or None)
    except OSError as exc:
        raise _pdf_error(source, exc) from exc
    except Exception as exc:  # pyHanko's SigningError, a timestamp server that fails...
        raise VnAdminError(
            f"Ký số không thành công ({ROLE_LABELS[request.role][0]}): {exc}.",
            f"Signing failed ({ROLE_LABELS[request.role][1]}): {exc}.",
        ) from exc
    return atomic_write_bytes(target, out.getvalue()), shown
