"""Signature and seal pictures: reading the PNG, judging its ink colour and transparency.

Decree 30 wants the signer's image blue (R-KY-7) and the seal's red (R-DAU-3), both PNG
with a transparent background. These are warnings, not errors: the clerk may be testing.
The same judgement is used by the PDF checker on the images it finds in a PDF.
"""

from __future__ import annotations

import colorsys
import io
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vnadmin_docs.errors import DataError, FieldProblem

__all__ = ["Ink", "Picture", "ink_of", "load_picture", "picture_problems", "png_size"]

Ink = Literal["blue", "red", "black", "other", "none"]
_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Picture:
    """A PNG as read from disk: its bytes, size in pixels, and where it came from."""

    png: bytes
    width_px: int
    height_px: int
    source: str

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height_px / self.width_px


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the PNG header, or None when ``data`` is not a PNG."""
    if len(data) < 24 or not data.startswith(_PNG) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def load_picture(path: Path, field: str) -> Picture:
    """Read a PNG; a missing or non-PNG file is a :class:`DataError` naming ``field``."""
    try:
        data = path.read_bytes()
    except OSError:
        raise DataError(
            [FieldProblem(field, f"không đọc được tệp ảnh {path}", f"cannot read image {path}")]
        ) from None
    size = png_size(data)
    if size is None:
        raise DataError(
            [
                FieldProblem(
                    field,
                    f"{path.name} không phải ảnh PNG (Nghị định 30 yêu cầu PNG nền trong suốt)",
                    f"{path.name} is not a PNG (Decree 30 asks for a transparent PNG)",
                )
            ]
        )
    return Picture(data, size[0], size[1], str(path))


def _hue_in(hue: float, bounds: Any) -> bool:
    low, high = float(bounds[0]), float(bounds[1])
    return low <= hue <= high if low <= high else (hue >= low or hue <= high)


def ink_of(image: Any, blue_hue: Any = (180, 270), red_hue: Any = (330, 25)) -> tuple[Ink, float]:
    """The ink colour of a Pillow image and the share of transparent pixels.

    Ink = the colour most opaque, saturated pixels have: "blue", "red", "other"; "black"
    when the opaque pixels are dark or grey; "none" when nothing is opaque.
    """
    rgba = image.convert("RGBA")
    rgba.thumbnail((160, 160))
    raw = rgba.tobytes()
    pixels = [tuple(raw[i : i + 4]) for i in range(0, len(raw), 4)]
    transparent = sum(1 for p in pixels if p[3] < 32) / max(1, len(pixels))
    counts = {"blue": 0, "red": 0, "black": 0, "other": 0}
    for r, g, b, a in pixels:
        if a < 128:
            continue
        h, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        if s < 0.35 or v < 0.2:
            if v < 0.6:
                counts["black"] += 1
            continue  # white or pale background pixels are not ink
        hue = h * 360
        if _hue_in(hue, blue_hue):
            counts["blue"] += 1
        elif _hue_in(hue, red_hue):
            counts["red"] += 1
        else:
            counts["other"] += 1
    if not any(counts.values()):
        return "none", transparent
    best = max(counts, key=lambda k: counts[k])
    return best, transparent  # type: ignore[return-value]


_WANT: dict[str, tuple[Ink, str, str, str]] = {
    "signature": ("blue", "xanh", "R-KY-7", "images.signature"),
    "seal": ("red", "đỏ", "R-DAU-3", "images.seal"),
}
_INK_VI = {"blue": "xanh", "red": "đỏ", "black": "đen", "other": "màu khác", "none": "không rõ"}


def picture_problems(picture: Picture, role: str, electronic: Any) -> list[FieldProblem]:
    """Warnings for a signature that is not blue, a seal that is not red, or a PNG without
    transparency. ``electronic`` is the ``[electronic]`` table of the Decree 30 figures.
    Without Pillow nothing can be judged and one warning says so."""
    want, want_vi, rule, field = _WANT[role]
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with pdfplumber
        return [
            FieldProblem(
                field,
                "không kiểm tra được màu ảnh (thiếu thư viện Pillow)",
                "cannot judge the image colour (Pillow is missing)",
            )
        ]
    with Image.open(io.BytesIO(picture.png)) as img:
        ink, transparent = ink_of(img, electronic["blue_hue"], electronic["red_hue"])
    out: list[FieldProblem] = []
    if ink != want:
        out.append(
            FieldProblem(
                field,
                f"ảnh {Path(picture.source).name} có màu {_INK_VI[ink]}, Nghị định 30 yêu cầu "
                f"màu {want_vi} ({rule})",
                f"image {Path(picture.source).name} is {ink}, Decree 30 wants {want} ({rule})",
            )
        )
    if transparent < float(electronic["min_transparent_share"]):
        out.append(
            FieldProblem(
                field,
                f"ảnh {Path(picture.source).name} không có nền trong suốt ({rule})",
                f"image {Path(picture.source).name} has no transparent background ({rule})",
            )
        )
    return out
