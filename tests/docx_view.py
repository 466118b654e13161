"""Read a generated .docx the way a reviewer looks at it: paragraphs with their formatting.

Tests only (tests may import python-docx). Formatting is read from the run's own properties
and falls back to the document defaults, which is where our writer puts everything.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

TWIPS_PER_PT = 20


@dataclass
class RunView:
    text: str
    size_pt: float | None
    bold: bool
    italic: bool
    fonts: dict[str, str]
    color: str | None


@dataclass
class ParaView:
    text: str
    where: str  # "body", "header[r,c]", "signature[r,c]"
    runs: list[RunView]
    align: str | None
    ind_left: int
    ind_right: int
    first_line: int
    hanging: int
    before: int
    after: int
    line: int | None
    line_rule: str | None
    border_bottom: bool
    borders: set[str]
    cell_width: int | None
    element: object


def _attr(el: object, tag: str, attr: str) -> str | None:
    if el is None:
        return None
    child = el.find(qn(tag))  # type: ignore[attr-defined]
    return None if child is None else child.get(qn(attr))


def _run_view(r: object) -> RunView:
    rpr = r.find(qn("w:rPr"))  # type: ignore[attr-defined]
    text = "".join(t.text or "" for t in r.iter(qn("w:t")))  # type: ignore[attr-defined]
    if r.find(qn("w:br")) is not None:  # type: ignore[attr-defined]
        text += "\n"
    if r.find(qn("w:tab")) is not None:  # type: ignore[attr-defined]
        text += "\t"
    size = _attr(rpr, "w:sz", "w:val")
    fonts: dict[str, str] = {}
    if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
        f = rpr.find(qn("w:rFonts"))
        fonts = {k: f.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")}
    return RunView(
        text=text,
        size_pt=int(size) / 2 if size else None,
        bold=rpr is not None and rpr.find(qn("w:b")) is not None,
        italic=rpr is not None and rpr.find(qn("w:i")) is not None,
        fonts=fonts,
        color=_attr(rpr, "w:color", "w:val"),
    )


def _para_view(p: Paragraph, where: str, cell_width: int | None) -> ParaView:
    el = p._p
    ppr = el.find(qn("w:pPr"))
    runs = [_run_view(r) for r in el.iter(qn("w:r"))]
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    sp = ppr.find(qn("w:spacing")) if ppr is not None else None
    bdr = ppr.find(qn("w:pBdr")) if ppr is not None else None

    def i(node: object, name: str) -> int:
        v = None if node is None else node.get(qn(f"w:{name}"))  # type: ignore[attr-defined]
        return int(v) if v else 0

    borders = set()
    if bdr is not None:
        borders = {child.tag.split("}")[1] for child in bdr}
    return ParaView(
        text="".join(r.text for r in runs),
        where=where,
        runs=runs,
        align=_attr(ppr, "w:jc", "w:val"),
        ind_left=i(ind, "left"),
        ind_right=i(ind, "right"),
        first_line=i(ind, "firstLine"),
        hanging=i(ind, "hanging"),
        before=i(sp, "before"),
        after=i(sp, "after"),
        line=int(sp.get(qn("w:line"))) if sp is not None and sp.get(qn("w:line")) else None,
        line_rule=sp.get(qn("w:lineRule")) if sp is not None else None,
        border_bottom="bottom" in borders,
        borders=borders,
        cell_width=cell_width,
        element=el,
    )


class DocView:
    """Paragraphs of body, header tables and signature table, in reading order."""

    def __init__(self, source: bytes | Path) -> None:
        stream = io.BytesIO(source) if isinstance(source, bytes) else str(source)
        self.doc: DocxDocument = docx.Document(stream)
        self.paras: list[ParaView] = []
        self.tables: list[Table] = list(self.doc.tables)
        total = len(self.tables)
        for block in self.doc.element.body.iterchildren():
            if block.tag == qn("w:p"):
                self.paras.append(_para_view(Paragraph(block, self.doc), "body", None))
            elif block.tag == qn("w:tbl"):
                index = sum(1 for _ in block.itersiblings(preceding=True) if _.tag == qn("w:tbl"))
                table = Table(block, self.doc)
                if index == 0:
                    name = "header"
                elif index == total - 1:
                    name = "signature"
                else:
                    name = f"table{index}"
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        tcw = cell._tc.find(qn("w:tcPr")).find(qn("w:tcW"))
                        width = int(tcw.get(qn("w:w"))) if tcw is not None else None
                        for p in cell.paragraphs:
                            self.paras.append(_para_view(p, f"{name}[{r},{c}]", width))

    def find(self, pattern: str, where: str | None = None) -> ParaView:
        rx = re.compile(pattern)
        for p in self.paras:
            if rx.search(p.text) and (where is None or p.where.startswith(where)):
                return p
        raise AssertionError(f"no paragraph matches {pattern!r}")

    def after(self, para: ParaView) -> ParaView:
        return self.paras[self.paras.index(para) + 1]

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paras if p.text.strip()]

    def part_xml(self, partname: str) -> str:
        for part in self.doc.part.package.iter_parts():
            if str(part.partname) == partname:
                return part.blob.decode("utf-8")
        raise AssertionError(f"no part {partname}")
