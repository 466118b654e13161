"""The signature and seal images of an electronic document (ô 7c, ô 8)."""

from __future__ import annotations

from pydantic import Field

from vnadmin_docs.model._base import Line, Model

__all__ = ["Images"]


class Images(Model):
    """Paths of the PNG files, relative to the data file's folder when not absolute.

    ``signature``: the signer's handwritten signature, blue on a transparent background
    (R-KY-7). ``seal``: the agency's seal, red on a transparent background, printed at its
    real size ``seal_size_mm`` (the PNG's width on paper; default from ``decree30.toml``
    ``[electronic] seal_size_mm`` or the agency profile) (R-DAU-3).
    """

    signature: Line | None = None
    seal: Line | None = None
    seal_size_mm: float | None = Field(default=None, ge=15, le=60)
