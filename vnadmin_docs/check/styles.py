"""Effective formatting: direct formatting over styles over document defaults.

Input: the parsed ``styles.xml`` and the theme's major/minor Latin fonts. Output: for a
paragraph or run, a flat dict of properties after walking, in the order Word applies them,
document defaults → table style → paragraph style chain (``basedOn``) → character style
chain → direct formatting. Later layers override earlier ones property by property (toggle
properties such as bold are treated as plain overrides, which is what Word shows for the
combinations clerks produce).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

__all__ = ["StyleSheet", "W", "on_off", "para_props", "run_props", "wattr", "wtag"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Props = dict[str, object]


def wtag(name: str) -> str:
    """Clark name of a WordprocessingML element (``wtag("p")``)."""
    return f"{{{W}}}{name}"


def wattr(el: etree._Element, name: str) -> str | None:
    """Value of the ``w:`` attribute ``name``, or None."""
    value = el.get(f"{{{W}}}{name}")
    return None if value is None else str(value)


def on_off(el: etree._Element) -> bool:
    """An OOXML on/off property: present without ``val`` means on."""
    val = wattr(el, "val")
    return val is None or val.lower() not in ("0", "false", "off", "none")


def _theme_slot(theme_attr: str | None, theme: dict[str, str]) -> str | None:
    if theme_attr is None:
        return None
    return theme.get("major" if theme_attr.startswith("major") else "minor")


def run_props(rpr: etree._Element | None, theme: dict[str, str]) -> _Props:
    """The run properties written in one ``w:rPr`` (one layer)."""
    out: _Props = {}
    if rpr is None:
        return out
    for child in rpr:
        name = etree.QName(child).localname
        if name == "rFonts":
            for slot in ("ascii", "hAnsi"):
                themed = _theme_slot(wattr(child, f"{slot}Theme"), theme)
                value = themed or wattr(child, slot)
                if value:
                    out[f"font_{slot}"] = value
        elif name == "sz":
            val = wattr(child, "val")
            if val and val.replace(".", "", 1).isdigit():
                out["size_pt"] = float(val) / 2
        elif name in ("b", "i", "caps", "vanish", "strike", "dstrike"):
            out[name] = on_off(child)
        elif name == "u":
            out["u"] = (wattr(child, "val") or "single").lower() not in ("none", "0", "false")
        elif name == "color":
            # A layer's w:color replaces the whole colour of the layers below: an explicit
            # "000000" over a style's themeColor="accent1" prints black.
            out["color"] = (wattr(child, "val") or "auto").upper()
            out["theme_color"] = wattr(child, "themeColor") or ""
        elif name == "rStyle":
            out["rStyle"] = wattr(child, "val") or ""
    return out


def para_props(ppr: etree._Element | None) -> _Props:
    """The paragraph properties written in one ``w:pPr`` (one layer)."""
    out: _Props = {}
    if ppr is None:
        return out
    for child in ppr:
        name = etree.QName(child).localname
        if name == "jc":
            out["jc"] = wattr(child, "val") or "left"
        elif name == "ind":
            # One layer's w:ind replaces the lower layers' value of each indent it writes,
            # and firstLine / hanging are one property (hanging wins when both are written),
            # as are left / start: a direct hanging indent cancels a style's first line.
            vals = {}
            for key in ("firstLine", "hanging", "left", "start", "right", "end"):
                val = wattr(child, key)
                if val is not None and val.lstrip("-").isdigit():
                    vals[key] = int(val)
            if "hanging" in vals:
                out["ind_first"] = -vals["hanging"]
            elif "firstLine" in vals:
                out["ind_first"] = vals["firstLine"]
            for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
                for name_ in names:
                    if name_ in vals:
                        out[f"ind_{key}"] = vals[name_]
                        break
        elif name == "spacing":
            for key in ("before", "after", "line"):
                val = wattr(child, key)
                if val is not None and val.lstrip("-").isdigit():
                    out[f"sp_{key}"] = int(val)
            for key in ("lineRule", "beforeAutospacing", "afterAutospacing"):
                val = wattr(child, key)
                if val is not None:
                    out[f"sp_{key}"] = val
        elif name == "contextualSpacing":
            out["contextual"] = on_off(child)
        elif name == "pBdr":
            for edge in ("top", "bottom"):
                border = child.find(wtag(edge))
                if border is not None:
                    out[f"border_{edge}"] = (wattr(border, "val") or "none") not in ("none", "nil")
        elif name == "pStyle":
            out["pStyle"] = wattr(child, "val") or ""
        elif name == "numPr":
            num_id = child.find(wtag("numId"))
            ilvl = child.find(wtag("ilvl"))
            if num_id is not None:
                out["numId"] = wattr(num_id, "val") or "0"
            if ilvl is not None:
                out["ilvl"] = wattr(ilvl, "val") or "0"
        elif name == "tabs":
            out["tabs"] = True
    return out


@dataclass
class _Style:
    kind: str
    based_on: str | None
    ppr: _Props
    rpr: _Props


@dataclass
class StyleSheet:
    """Styles of one package, ready to resolve chains."""

    theme: dict[str, str] = field(default_factory=dict)
    styles: dict[str, _Style] = field(default_factory=dict)
    default_rpr: _Props = field(default_factory=dict)
    default_ppr: _Props = field(default_factory=dict)
    default_para_style: str | None = None

    @classmethod
    def parse(cls, root: etree._Element | None, theme: dict[str, str]) -> StyleSheet:
        """Read ``styles.xml`` (None when the package has none)."""
        sheet = cls(theme=theme)
        if root is None:
            return sheet
        defaults = root.find(wtag("docDefaults"))
        if defaults is not None:
            sheet.default_rpr = run_props(
                defaults.find(f"{wtag('rPrDefault')}/{wtag('rPr')}"), theme
            )
            sheet.default_ppr = para_props(defaults.find(f"{wtag('pPrDefault')}/{wtag('pPr')}"))
        for st in root.iter(wtag("style")):
            sid = wattr(st, "styleId")
            if not sid:
                continue
            kind = wattr(st, "type") or "paragraph"
            based = st.find(wtag("basedOn"))
            sheet.styles[sid] = _Style(
                kind=kind,
                based_on=wattr(based, "val") if based is not None else None,
                ppr=para_props(st.find(wtag("pPr"))),
                rpr=run_props(st.find(wtag("rPr")), theme),
            )
            if kind == "paragraph" and on_off_attr(st, "default"):
                sheet.default_para_style = sid
        return sheet

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and its ``basedOn`` ancestors, root first (cycles cut)."""
        seen: list[_Style] = []
        names: set[str] = set()
        while style_id and style_id in self.styles and style_id not in names:
            names.add(style_id)
            st = self.styles[style_id]
            seen.append(st)
            style_id = st.based_on
        return reversed(seen)

    def effective_para(self, direct: _Props, table_style: str | None) -> tuple[_Props, _Props]:
        """(paragraph properties, run properties the paragraph style gives its runs)."""
        ppr: _Props = dict(self.default_ppr)
        rpr: _Props = dict(self.default_rpr)
        for st in self.chain(table_style):
            ppr.update(st.ppr)
            rpr.update(st.rpr)
        pstyle = str(direct.get("pStyle") or self.default_para_style or "")
        for st in self.chain(pstyle):
            ppr.update(st.ppr)
            rpr.update(st.rpr)
        ppr.update(direct)
        return ppr, rpr

    def effective_run(self, para_rpr: _Props, direct: _Props) -> _Props:
        """Run properties: paragraph-level layers, then character style, then direct."""
        rpr = dict(para_rpr)
        for st in self.chain(str(direct.get("rStyle") or "")):
            rpr.update(st.rpr)
        rpr.update(direct)
        return rpr


def on_off_attr(el: etree._Element, name: str) -> bool:
    """An on/off *attribute* such as ``w:default="1"``."""
    val = wattr(el, name)
    return val is not None and val.lower() in ("1", "true", "on")
