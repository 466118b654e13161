"""Typed access to the Decree 30 figures (``decree30.toml`` + an optional profile)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vnadmin_docs.layout.page_model import PageSetup
from vnadmin_docs.layout.rules import load_profile
from vnadmin_docs.units import Cm, Length, Mm, Pt

__all__ = ["ElementStyle", "Figures", "figures"]


@dataclass(frozen=True)
class ElementStyle:
    """Size, weight and slant of one Decree 30 element."""

    size: Length
    bold: bool
    italic: bool


def _default(value: Any) -> Any:
    return value["default"] if isinstance(value, dict) and "default" in value else value


class Figures:
    """The figures the layout reads, each taken from one place in the data file."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def element(self, name: str) -> ElementStyle:
        el = self.data["element"][name]
        return ElementStyle(
            Pt(_default(el["size_pt"])), bool(el.get("bold")), bool(el.get("italic"))
        )

    def value(self, *path: str) -> Any:
        node: Any = self.data
        for key in path:
            node = node[key]
        return _default(node)

    def pt(self, *path: str) -> Length:
        return Pt(float(self.value(*path)))

    def cm(self, *path: str) -> Length:
        return Cm(float(self.value(*path)))

    def page_setup(self) -> PageSetup:
        m = self.data["margins"]
        return PageSetup(
            width=Mm(self.value("page", "width_mm")),
            height=Mm(self.value("page", "height_mm")),
            top=Mm(_default(m["top_mm"])),
            bottom=Mm(_default(m["bottom_mm"])),
            left=Mm(_default(m["left_mm"])),
            right=Mm(_default(m["right_mm"])),
            header_distance=Mm(_default(m["header_distance_mm"])),
            footer_distance=Mm(_default(m["footer_distance_mm"])),
        )

    @property
    def font(self) -> str:
        return str(self.data["font"]["family"])

    @property
    def language(self) -> str:
        return str(self.data["font"]["language"])

    @property
    def color(self) -> str:
        return str(self.data["font"]["color"])

    def type_abbreviation(self, type_name: str) -> str | None:
        """Official abbreviation of a type name (Phụ lục III), e.g. "QUY ĐỊNH" → "QyĐ"."""
        table: dict[str, str] = self.data["types"]["abbreviations"]
        return table.get(type_name.upper().replace("HOÀ", "HÒA").replace("UỶ", "ỦY"))


@lru_cache(maxsize=16)
def _cached(path: str | None) -> Figures:
    return Figures(load_profile(path))


def figures(profile: str | Path | None = None) -> Figures:
    """Figures for the default Decree 30 settings or an agency profile file."""
    return _cached(str(profile) if profile is not None else None)
