"""What kind of document the checker is looking at, decided before any rule runs.

Decree 30's layout rules are for administrative documents (văn bản hành chính). A legal
normative document (Luật, Nghị định, Thông tư …) follows the law on legal documents; a
blank sample form (the decree's own Phụ lục III) or the text of an appendix is not a
document at all. Reporting Decree 30 errors on them is reporting errors that are not
there, so each rule has a scope (``registry.rule(kinds=…)``) and the kind is shown in the
report and the JSON.

The decision uses what the recognised elements say, in this order:
- no Quốc hiệu, no "Số:" line and no date line: several "Mẫu …" headings make it a set of
  blank forms, anything else is "other" (an appendix's text, a list, a letter template);
- a number with a year (``Số: 30/2020/NĐ-CP``: legal documents are numbered per year) or
  a type name of a legal document (LUẬT, NGHỊ ĐỊNH, THÔNG TƯ …): legal normative;
- an issuer or a place that is a placeholder (``TÊN CƠ QUAN, TỔ CHỨC``, ``……, ngày``):
  a blank form;
- otherwise a Decree 30 administrative document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnadmin_docs.check.elements import Elements
from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.ooxml import Package
from vnadmin_docs.check.textfold import loose_key

__all__ = ["ADMINISTRATIVE", "FORM", "KINDS", "LEGAL", "OTHER", "DocKind", "decide_kind"]

ADMINISTRATIVE, LEGAL, FORM, OTHER = "administrative", "legal", "form", "other"
KINDS = (ADMINISTRATIVE, LEGAL, FORM, OTHER)
_LABELS = {
    ADMINISTRATIVE: ("văn bản hành chính (Nghị định 30)", "administrative document (Decree 30)"),
    LEGAL: ("văn bản quy phạm pháp luật", "legal normative document"),
    FORM: ("mẫu văn bản để trống", "blank form"),
    OTHER: ("không phải văn bản hành chính", "not an administrative document"),
}
# Type names only legal normative documents carry (Luật Ban hành văn bản QPPL, Điều 4).
_LEGAL_TYPES = (
    "hien phap",
    "bo luat",
    "luat",
    "phap lenh",
    "lenh",
    "nghi dinh",
    "thong tu lien tich",
    "thong tu",
)
_YEAR_NUMBER = re.compile(r"^so\s*:?\s*\d+\s*/\s*(19|20)\d\d\s*/")
_FORM_HEADING = re.compile(r"^(?:[ivx]+\.\s*|\d+\.\s*)?mau\b")
_PLACEHOLDER_NAME = ("ten co quan", "ten cq", "ten to chuc", "ten tc")
_DOTS = re.compile(r"^[\s.…_]*,")


@dataclass(frozen=True)
class DocKind:
    """The decision and the reason shown to the clerk."""

    code: str
    reason: Text

    @property
    def label(self) -> Text:
        vi, en = _LABELS[self.code]
        return Text(vi, en)


def decide_kind(pkg: Package, el: Elements) -> DocKind:
    """Decide the kind of ``pkg`` from its recognised elements (see module docstring)."""
    if el.quoc_hieu is None and el.so is None and el.date_line is None:
        headings = sum(bool(_FORM_HEADING.match(loose_key(p.text))) for p in pkg.paragraphs)
        if headings >= 2:
            return DocKind(
                FORM,
                Text(
                    f"không có Quốc hiệu, số, ngày; có {headings} tiêu đề “Mẫu …”",
                    f"no national title, number or date; {headings} “Mẫu …” headings",
                ),
            )
        return DocKind(
            OTHER,
            Text(
                "không có Quốc hiệu, dòng “Số:” và dòng ngày tháng",
                "no national title, “Số:” line or date line",
            ),
        )
    if el.so is not None and _YEAR_NUMBER.match(loose_key(el.so.text)):
        return DocKind(
            LEGAL,
            Text(
                f"số có năm ban hành “{el.so.text.strip()}”",
                f"the number carries its year “{el.so.text.strip()}”",
            ),
        )
    if el.type_name is not None:
        key = loose_key(el.type_name.text)
        if any(key == t or key.startswith(t + " ") for t in _LEGAL_TYPES):
            return DocKind(
                LEGAL,
                Text(
                    f"tên loại “{el.type_name.text.strip()}”",
                    f"type name “{el.type_name.text.strip()}”",
                ),
            )
    names = " ".join(loose_key(s.text) for s in [*el.superior, *el.issuer])
    if any(p in names for p in _PLACEHOLDER_NAME) or (
        el.date_line is not None and _DOTS.match(el.date_line.text)
    ):
        return DocKind(
            FORM,
            Text(
                "tên cơ quan hoặc địa danh còn để mẫu (“TÊN CƠ QUAN”, “……, ngày”)",
                "the issuer or the place is a placeholder (“TÊN CƠ QUAN”, “……, ngày”)",
            ),
        )
    return DocKind(
        ADMINISTRATIVE,
        Text("có Quốc hiệu, số và ký hiệu không kèm năm", "national title, number without a year"),
    )
