"""Type-specific cleaning of single values: dossier codes, phone and ID numbers, day counts."""

from __future__ import annotations

import re

__all__ = [
    "DOSSIER_CODE",
    "is_blank_marker",
    "normalize_dossier_code",
    "parse_count",
    "restore_id_number",
    "restore_phone",
    "sex_from_id",
    "strip_reason_label",
]

DOSSIER_CODE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}-\d{6}-\d{4,5}$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "\u00a0": " "})
_COUNT = re.compile(
    r"^\s*(?:(?:quá hạn|trễ hạn|trễ hẹn|quá|trễ|chậm)\s*:?\s*)?(-?\d+)(?:[.,]0+)?\s*"
    r"(?:\(?(?:ngày làm việc|ngày|ngay|days?)\)?)?\s*$",
    re.IGNORECASE,
)
# "Lý do: …" typed into the reason cell; the letter already writes "Lý do:" before it.
_REASON_LABEL = re.compile(
    r"^\s*(?:lý do|nguyên nhân)(?:\s+(?:trễ hạn|quá hạn|trễ hẹn|chậm trễ|chậm|gia hạn))?"
    r"\s*[:：\-–—]\s*", re.IGNORECASE)
_BLANKS = {"", "-", "--", "—", "nan", "none", "null", "n/a", "không", "khong", "x", "/"}


def normalize_dossier_code(raw: str) -> tuple[str, bool]:
    """The code trimmed, dashes unified, spaces removed, upper case; and whether it has the
    national shape ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` (4 or 5 digits at the end). Codes of
    other shapes (a land office's receipt number) are kept as written, only tidied.

    >>> normalize_dossier_code(" 000.00.06.h56 – 231027 – 0361 ")
    ('000.00.06.H56-231027-0361', True)
    >>> normalize_dossier_code("000.17.22.H56-210531-12345")
    ('000.17.22.H56-210531-12345', True)
    >>> normalize_dossier_code("BN 2023/0457")
    ('BN 2023/0457', False)
    """
    text = " ".join(raw.translate(_DASHES).split())
    compact = re.sub(r"\s*([.\-])\s*", r"\1", text).upper()
    if DOSSIER_CODE.match(compact):
        return compact, True
    return text, False


def _digits(value: object) -> tuple[str, bool] | None:
    """The digits of a phone/ID cell and whether the file stored it as a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        return (str(int(value)), True) if value.is_integer() else None
    text = re.sub(r"[\s.\-()]", "", str(value))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    if text.startswith("'"):
        text = text[1:]
    return (text, False) if text.isdigit() else None


def restore_phone(value: object) -> tuple[str, str | None]:
    """A Vietnamese phone number as 10 digits; a leading zero lost because the cell was a
    number is put back. Returns the text and a warning (Vietnamese) or ``None``.

    >>> restore_phone(912345678)
    ('0912345678', 'số điện thoại bị mất số 0 đầu (ô kiểu số), đã thêm lại')
    >>> restore_phone("+84 912 345 678")
    ('0912345678', None)
    >>> restore_phone("0263.3822.123")
    ('02633822123', None)
    >>> restore_phone("1900 1234")
    ('19001234', None)
    >>> restore_phone("2633822123")
    ('02633822123', 'số điện thoại bị mất số 0 đầu (mất khi lưu tệp), đã thêm lại')
    """
    found = _digits(value)
    if found is None:
        return str(value).strip(), None
    digits, numeric = found
    if digits.startswith("0"):
        return digits, None
    # 9 digits starting 3/5/7/8/9 is a mobile number, 10 starting 2 a landline (02xx…):
    # both only ever lose a leading zero, so putting it back is safe even from text (CSV).
    mobile = len(digits) == 9 and digits[0] in "35789"
    landline = len(digits) == 10 and digits[0] == "2"
    if mobile or landline:
        how = "ô kiểu số" if numeric else "mất khi lưu tệp"
        return "0" + digits, f"số điện thoại bị mất số 0 đầu ({how}), đã thêm lại"
    return digits, None


def restore_id_number(value: object) -> tuple[str, str | None]:
    """A CCCD/CMND number as text; an 11-digit number read from a number cell is a 12-digit
    CCCD that lost its leading zero (province codes 001–096), an 8-digit one a 9-digit CMND.
    Other lengths are kept, with a warning when they look damaged.

    >>> restore_id_number(38190012345)
    ('038190012345', 'số định danh bị mất số 0 đầu (ô kiểu số), đã thêm lại')
    >>> restore_id_number("038190012345")
    ('038190012345', None)
    >>> restore_id_number(3.8190012345e10)
    ('038190012345', 'số định danh bị mất số 0 đầu (ô kiểu số), đã thêm lại')
    """
    found = _digits(value)
    if found is None:
        return str(value).strip(), None
    digits, numeric = found
    if numeric and len(digits) in (8, 11):
        return "0" + digits, "số định danh bị mất số 0 đầu (ô kiểu số), đã thêm lại"
    return digits, None


def sex_from_id(id_number: object) -> str | None:
    """"Nam" or "Nữ" from a 12-digit CCCD / personal ID number, ``None`` when the number
    says nothing (a 9-digit CMND, a passport, a tax code, damaged digits).

    The number is province of birth (3 digits, 001–096), a century-and-sex digit, two digits
    of the birth year and six more: the 4th digit is even for a man and odd for a woman
    (0/1 born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 1800–1899; Nghị
    định 137/2015, Thông tư 07/2016). Used only when a batch profile asks for it
    (``honorific_from_id``): it is personal data.

    >>> sex_from_id("038090012345"), sex_from_id("001305000123"), sex_from_id("123456789")
    ('Nam', 'Nữ', None)
    >>> sex_from_id("0381900123"), sex_from_id("099190012345"), sex_from_id("03819001234X")
    (None, None, None)
    """
    text = str(id_number).strip() if id_number is not None else ""
    if len(text) != 12 or not text.isdigit() or not 1 <= int(text[:3]) <= 96:
        return None
    return "Nam" if int(text[3]) % 2 == 0 else "Nữ"


def parse_count(value: object) -> int | None:
    """A count of days as an integer; Thanh Hóa writes ``"3  Ngày"``.

    >>> parse_count("3  Ngày")
    3
    >>> parse_count(5.0)
    5
    >>> parse_count("Quá hạn 3 ngày"), parse_count("Trễ 2 ngày làm việc"), parse_count("4 (ngày)")
    (3, 2, 4)
    >>> parse_count("ba ngày") is None, parse_count("0,5 ngày") is None
    (True, True)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    m = _COUNT.match(" ".join(str(value).split()))
    return int(m.group(1)) if m else None


def is_blank_marker(text: str) -> bool:
    """Cells that mean "nothing here": ``-``, ``nan``, ``Không``…

    >>> is_blank_marker(" NaN "), is_blank_marker("Không"), is_blank_marker("Chờ ý kiến")
    (True, True, False)
    """
    return text.strip().lower() in _BLANKS


def strip_reason_label(text: str) -> str:
    """The reason without a "Lý do:" label the clerk typed into the cell (the letter's
    sentence already says "Lý do:"). A reason that merely starts with those words is kept.

    >>> strip_reason_label("Lý do: chờ ý kiến của Sở Tư pháp")
    'chờ ý kiến của Sở Tư pháp'
    >>> strip_reason_label("LÝ DO TRỄ HẠN - Chờ thẩm định")
    'Chờ thẩm định'
    >>> strip_reason_label("Lý do khách quan: mất điện diện rộng")
    'Lý do khách quan: mất điện diện rộng'
    """
    return _REASON_LABEL.sub("", text, count=1) or text
