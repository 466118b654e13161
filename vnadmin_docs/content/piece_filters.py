"""Jinja filters for the pieces of Decree 30 documents.

``{{ i | la_ma }}`` → "IV"; ``{{ i | chu_cai }}`` → "đ" (điểm letters in Vietnamese
alphabet order from decree30.toml, R-BC-6); ``{{ line | can_cu }}`` puts "Căn cứ" in front
of a legal basis that does not start with it (R-CC-1); ``{{ text | dau_thuong }}`` lowers
the first letter (a trích yếu reused inside a sentence); ``{{ issuer | ten_co_quan }}`` is
the issuer's name as written in a sentence; ``{{ text | bo_dau_cuoi }}`` drops a final
".", ";", "," or ":" so the template adds its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vnadmin_docs.content.escape import Markup, escape_markup
from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.layout.rules import load_decree30
from vnadmin_docs.text.numbering import letter, roman

__all__ = [
    "PIECE_FILTERS",
    "bat_buoc",
    "bo_dau_cuoi",
    "can_cu",
    "chu_cai",
    "dau_thuong",
    "la_ma",
    "o_bang",
    "ten_co_quan",
]

# Openings that already make a line a legal basis or its last line (R-CC-1, R-CC-3).
_OPENINGS = ("căn cứ", "theo đề nghị", "xét đề nghị", "theo ", "xét ", "thực hiện ")


def la_ma(n: int) -> str:
    """Roman numeral of ``n``.

    >>> la_ma(3)
    'III'
    """
    return roman(int(n))


def chu_cai(n: int) -> str:
    """The ``n``-th điểm letter in Vietnamese alphabet order.

    >>> [chu_cai(i) for i in (1, 5, 6, 7)]
    ['a', 'đ', 'e', 'g']
    """
    letters: list[str] = load_decree30()["structure"]["diem_letters"]
    return letter(int(n), letters)


def can_cu(line: str) -> str:
    """A legal-basis line starting with "Căn cứ" (kept when it already starts with it or
    with "Theo đề nghị", "Xét …", "Thực hiện …").

    >>> can_cu("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015'
    >>> can_cu("Theo đề nghị của Chánh Văn phòng")
    'Theo đề nghị của Chánh Văn phòng'
    """
    text = str(line).strip()
    if text.lower().startswith(_OPENINGS):
        return text
    return f"Căn cứ {text}"


def dau_thuong(text: str) -> str:
    """Lower the first letter (a capitalised phrase reused inside a sentence).

    >>> dau_thuong("Phân công nhiệm vụ của Lãnh đạo Văn phòng")
    'phân công nhiệm vụ của Lãnh đạo Văn phòng'
    """
    text = str(text)
    return text[:1].lower() + text[1:]


def bo_dau_cuoi(text: str) -> str:
    """Drop the punctuation a clerk typed at the end, so the template can add its own.

    >>> bo_dau_cuoi("Hội nghị tổng kết năm 2024.")
    'Hội nghị tổng kết năm 2024'
    """
    return str(text).rstrip().rstrip(".;,:").rstrip()


def o_bang(value: Any) -> Markup:
    r"""A data value made safe for one table cell: escaped, its line breaks kept as
    ``<br>`` (a table row is one line of markup).

    >>> o_bang("Phụ trách chung;\nChủ tài khoản | quỹ")
    'Phụ trách chung\\;<br>Chủ tài khoản \\| quỹ'
    """
    if value is None:
        return Markup("")
    text = escape_markup(str(value).strip()).replace("\\\n", "<br>")
    return Markup(text)


def bat_buoc(items: Any, field: str, *keys: str) -> Any:
    """Check that every item of the list field ``field`` is a mapping holding ``keys``;
    return the list unchanged. Every gap is reported at once as a data problem
    ``content.<field>.<n>.<key>`` (not as a template error).

    >>> bat_buoc([{"ho_ten": "A", "chuc_vu": "B"}], "phan_cong", "ho_ten", "chuc_vu")
    [{'ho_ten': 'A', 'chuc_vu': 'B'}]
    """
    problems: list[FieldProblem] = []
    for i, item in enumerate(items or []):
        if not isinstance(item, dict):
            problems.append(
                FieldProblem(
                    f"content.{field}.{i}",
                    f"phải là một nhóm trường ({', '.join(keys)})",
                    f"must be a mapping ({', '.join(keys)})",
                    value=item,
                )
            )
            continue
        for key in keys:
            value = item.get(key)
            if value is None or (isinstance(value, str | list) and not value):
                problems.append(
                    FieldProblem(
                        f"content.{field}.{i}.{key}",
                        "thiếu trường bắt buộc",
                        "required field missing",
                    )
                )
    if problems:
        raise DataError(problems)
    return items


def ten_co_quan(issuer: Any) -> str:
    """The issuer as written in a sentence: ``name_in_text``, else its name with only the
    first letter capitalised (give ``issuer.name_in_text`` for the capitals of R-VH-5)."""
    given = getattr(issuer, "name_in_text", None)
    if given:
        return str(given)
    name = " ".join(str(getattr(issuer, "name", issuer)).split())
    return name[:1].upper() + name[1:].lower()


PIECE_FILTERS: dict[str, Callable[..., Any]] = {
    "la_ma": la_ma,
    "chu_cai": chu_cai,
    "can_cu": can_cu,
    "dau_thuong": dau_thuong,
    "bo_dau_cuoi": bo_dau_cuoi,
    "bat_buoc": bat_buoc,
    "o_bang": o_bang,
    "ten_co_quan": ten_co_quan,
}
