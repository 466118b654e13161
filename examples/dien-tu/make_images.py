"""Make the example signature and seal PNGs (blue signature, red seal, transparent
background) used by examples/dien-tu. They are drawn by this script, not scanned: a real
agency scans its seal and the signer's signature (docs/vi/van-ban-dien-tu.md).

    python examples/dien-tu/make_images.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BLUE = (20, 45, 190, 255)
RED = (215, 25, 35, 255)


def signature(path: Path) -> None:
    """A handwritten-looking stroke, 600 x 260 px (about 50 x 22 mm at 300 dpi)."""
    im = Image.new("RGBA", (600, 260), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    pts = []
    for i in range(500):
        t = i / 499
        x = 40 + t * 520
        y = 140 + 55 * math.sin(t * 13) * (1 - 0.5 * t) - 45 * t + 18 * math.sin(t * 41)
        pts.append((x, y))
    d.line(pts, fill=BLUE, width=7, joint="curve")
    d.line([(70, 205), (545, 168)], fill=BLUE, width=5)
    im.save(path, optimize=True)


def seal(path: Path) -> None:
    """A round seal, 600 x 600 px: two rings, a star, a band of ticks."""
    size = 600
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((8, 8, size - 8, size - 8), outline=RED, width=20)
    d.ellipse((120, 120, size - 120, size - 120), outline=RED, width=8)
    for k in range(48):
        a = 2 * math.pi * k / 48
        r0, r1 = 150, 245
        c = size / 2
        d.line(
            [(c + r0 * math.cos(a), c + r0 * math.sin(a)), (c + r1 * math.cos(a), c + r1 * math.sin(a))],
            fill=RED,
            width=6,
        )
    d.regular_polygon((size / 2, size / 2, 95), 5, rotation=90, fill=RED)
    im.save(path, optimize=True)


if __name__ == "__main__":
    signature(HERE / "chu-ky.png")
    seal(HERE / "con-dau.png")
