"""What the checker knows of the forms of Phụ lục III whose layout differs from a công văn
or a quyết định (Mẫu 1.6 công điện, 1.8 giấy giới thiệu, 1.9 biên bản, 1.10 giấy nghỉ
phép). Recognition only: each helper takes what ``elements.py`` found and tells which
paragraphs are a form's own parts, so the rules judge them in their own scope.

- Mẫu 1.8 and 1.10 have no summary under the type name: the rule is under the type name
  itself (R-TL-3 judges that line; R-TL-2 has nothing to judge).
- Mẫu 1.6: "<Chức vụ> điện:" then the receivers, one "- …" line each, are not body
  paragraphs (``elements._Finder._telegram_receivers``).
- Mẫu 1.9: no place/date line in the header (the date is in the body, "Thời gian bắt
  đầu: … ngày …"), and two signatures, THƯ KÝ | CHỦ TỌA, side by side in one row.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnadmin_docs.check.ooxml import Paragraph
from vnadmin_docs.check.textfold import is_upper_text, loose_key

__all__ = [
    "NO_SUMMARY",
    "form_of",
    "side_by_side_signers",
]

# Type names (loose keys) of the forms with no summary under the type name.
NO_SUMMARY = ("giay gioi thieu", "giay nghi phep")


def form_of(type_name: str | None) -> str | None:
    """The loose key of a form with a layout of its own, or None.

    >>> form_of("GIẤY GIỚI THIỆU")
    'giay gioi thieu'
    >>> form_of("THÔNG BÁO") is None
    True
    """
    if type_name is None:
        return None
    key = loose_key(type_name)
    for form in (*NO_SUMMARY, "bien ban", "cong dien"):
        if key == form:
            return form
    return None


def side_by_side_signers(paras: Sequence[Paragraph]) -> list[list[Paragraph]]:
    """The signatures of a biên bản (Mẫu 1.9): the cells of one table row, each opening
    with an upper-case title (THƯ KÝ | CHỦ TỌA), in column order."""
    cells: dict[tuple[int, int, int], list[Paragraph]] = {}
    for p in paras:
        w = p.where
        if w.kind == "cell":
            cells.setdefault((w.table, w.row, w.col), []).append(p)
    rows: dict[tuple[int, int], list[list[Paragraph]]] = {}
    for (table, row, _col), cell in sorted(cells.items()):
        texts = [p for p in cell if p.text.strip()]
        if texts and is_upper_text(texts[0].text) and len(texts) >= 2:
            rows.setdefault((table, row), []).append(cell)
    for cols in rows.values():
        if len(cols) >= 2:
            return cols
    return []
