"""Typed lengths. Lengths are never bare numbers in this code base.

All three types convert to twentieths of a point (``twips``, what WordprocessingML uses
for most lengths), to half-points (font sizes) and to EMU (drawings).

>>> Mm(30).twips
1701
>>> Pt(14).half_points
28
>>> Cm(1.27).twips
720
>>> round(Mm(25.4).pt, 6)
72.0
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Cm", "Length", "Mm", "Pt"]

_PT_PER_MM = 72.0 / 25.4


@dataclass(frozen=True, order=True)
class Length:
    """A length stored in points; subclasses only change how it is written."""

    pt: float

    @property
    def twips(self) -> int:
        return round(self.pt * 20)

    @property
    def half_points(self) -> int:
        return round(self.pt * 2)

    @property
    def eighth_points(self) -> int:
        return round(self.pt * 8)

    @property
    def emu(self) -> int:
        return round(self.pt * 12700)

    @property
    def mm(self) -> float:
        return self.pt / _PT_PER_MM

    def __add__(self, other: Length) -> Length:
        return Length(self.pt + other.pt)

    def __sub__(self, other: Length) -> Length:
        return Length(self.pt - other.pt)

    def __mul__(self, factor: float) -> Length:
        return Length(self.pt * factor)

    __rmul__ = __mul__


def Pt(value: float) -> Length:
    """A length in points."""
    return Length(float(value))


def Mm(value: float) -> Length:
    """A length in millimetres."""
    return Length(float(value) * _PT_PER_MM)


def Cm(value: float) -> Length:
    """A length in centimetres."""
    return Length(float(value) * 10 * _PT_PER_MM)
