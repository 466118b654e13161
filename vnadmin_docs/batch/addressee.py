"""How to address the applicant of a late dossier: pure functions, no I/O.

Gender is not in the data, so a person is "Ông/Bà" by default. A name that already carries
an honorific, names a couple or a household is used exactly as written (never
"Ông/Bà Ông …"). Organisations are addressed by their name, with no honorific, and their
name is never re-cased ("TNHH" stays "TNHH"). After "Kính gửi:" the first letter is a
capital; inside a sentence the honorific is lower case ("ông/bà", "hộ gia đình ông …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from vnadmin_docs.batch.fold import fold, fold_once

__all__ = [
    "Addressee",
    "AddresseeKind",
    "RepresentativePolicy",
    "address_for",
    "classify_addressee",
    "names_someone",
]


class AddresseeKind(StrEnum):
    PERSON = "person"
    ADDRESSED = "addressed"  # a person whose name already carries an honorific
    COUPLE = "couple"
    HOUSEHOLD = "household"
    ORGANISATION = "organisation"


RepresentativePolicy = str  # "owner" | "representative" | "owner_via_representative"

# Prefixes that make a name an organisation (input notes §3.1), compared in lower case WITH
# diacritics: folding would turn the surname "Trương" into "Trường" (school). Only prefixes
# of two words or more are also compared folded, for text typed without diacritics.
_ORG_PREFIXES = tuple(p.lower() for p in (
    "Công ty", "Cty", "Tổng công ty", "Tập đoàn", "Chi nhánh", "Văn phòng đại diện",
    "Văn phòng", "Doanh nghiệp", "DNTN", "Hợp tác xã", "HTX", "Liên hiệp", "Ngân hàng",
    "Trường", "Bệnh viện", "Phòng khám", "UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân",
    "Ban quản lý", "Ban Quản lý", "Hội", "Quỹ", "Trung tâm", "Viện", "Cơ sở", "Nhà máy",
    "Xí nghiệp", "Cửa hàng", "Đài", "Báo", "Sở", "Cục", "Chi cục", "Tổ chức", "Đảng ủy",
    "Công đoàn", "Liên đoàn", "Câu lạc bộ", "Tịnh xá", "Chùa", "Giáo xứ", "Nhà thờ",
    # public bodies, before and after the 2025 reorganisation
    "Phòng", "Bộ", "Tổng cục", "Tòa án", "Toà án", "Viện kiểm sát", "Công an", "Kho bạc",
    "Thanh tra", "Bảo hiểm xã hội", "Đặc khu", "Ủy ban", "Uỷ ban", "HĐND", "Mặt trận",
    "Đoàn thanh niên", "Hạt kiểm lâm", "Ban chỉ huy", "Bộ chỉ huy", "Đồn biên phòng",
    "Liên minh", "Bưu điện", "Điện lực", "Cảng vụ", "Vườn quốc gia", "Nhà xuất bản",
))
_ORG_PREFIXES_FOLDED = tuple(fold(p) for p in _ORG_PREFIXES if " " in p)
# Abbreviations that mark an organisation anywhere in the name.
_ORG_WORDS = re.compile(r"\b(TNHH|MTV|CP|JSC|CO\.?,? ?LTD|LTD|LLC|HTX|DNTN|UBND|Cổ phần|"
                        r"Corporation|Corp|Inc|Company|Limited|PLC|GmbH)\b", re.IGNORECASE)
_HOUSEHOLD = re.compile(r"^(hộ gia đình|hộ kinh doanh|hộ ông|hộ bà|hộ|gia đình)\b",
                        re.IGNORECASE)
_HONORIFIC = re.compile(
    r"^(ông\s*/\s*bà|ông\s*\(\s*bà\s*\)|bà\s*/\s*ông|ông\s+bà|ông|bà|anh|chị|cô|chú|bác|em|cụ|"
    r"mr\.?|mrs\.?|ms\.?)(?=\s|$|[:.,\-–])",
    re.IGNORECASE,
)
_COUPLE = re.compile(r"(\s(và|&|cùng)|[,;])\s*(ông|bà|anh|chị|vợ|chồng)\b", re.IGNORECASE)
# "Vợ chồng ông …": a couple named by one of them.
_COUPLE_LEAD = re.compile(r"^(hai vợ chồng|vợ chồng)\b", re.IGNORECASE)
# Where one person's name ends and the next one's begins in a couple or household.
_CONNECTOR = re.compile(r"(\s*[,;&]\s*|\s+(?:và|cùng)\s+)", re.IGNORECASE)
_BUSINESS_HOUSEHOLD = re.compile(r"^hộ kinh doanh\b", re.IGNORECASE)
# Debris around a name in a cell: a "Kính gửi:" copied with it, a list dash, wrapping quotes,
# trailing punctuation (the letter adds its own); "Ltd." and other abbreviations keep their dot.
_KINH_GUI = re.compile(r"^kính gửi\s*:?\s*", re.IGNORECASE)
_LIST_DASH = re.compile(r"^[-–—•*+]\s+")
_QUOTES = {"“": "”", '"': '"', "'": "'", "«": "»", "‘": "’"}
_TRAILING = re.compile(r"(?:\s*(?:\./\.|[,;:\-–—/]))+$")
# Posts after " - " re-cased as a sentence: "- PHÓ TỔNG GIÁM ĐỐC" is 5 words with the dash.
_SHORT_TITLE = 5
_DOTTED_ABBREVIATIONS = frozenset(("ltd", "co", "corp", "inc", "jr", "sr", "plc", "bros"))
_KIND_HINTS = {
    "doanh nghiep": AddresseeKind.ORGANISATION,
    "to chuc": AddresseeKind.ORGANISATION,
    "co quan nha nuoc": AddresseeKind.ORGANISATION,
    "co quan": AddresseeKind.ORGANISATION,
    "organisation": AddresseeKind.ORGANISATION,
    "organization": AddresseeKind.ORGANISATION,
    "ho gia dinh": AddresseeKind.HOUSEHOLD,
    "ho kinh doanh": AddresseeKind.HOUSEHOLD,
    "household": AddresseeKind.HOUSEHOLD,
    "cong dan": AddresseeKind.PERSON,
    "ca nhan": AddresseeKind.PERSON,
    "person": AddresseeKind.PERSON,
}
_HONORIFIC_HINTS = {"nam": "Ông", "ong": "Ông", "nu": "Bà", "ba": "Bà", "male": "Ông",
                    "female": "Bà"}
DEFAULT_HONORIFIC = "Ông/Bà"


@dataclass(frozen=True)
class Addressee:
    """Who the letter speaks to.

    ``name`` is the name to print (as written, NFC, upper-case personal names re-cased);
    ``honorific`` is what goes in front of it ("" when the name carries its own or is an
    organisation); ``pronoun`` is how the body refers back to them ("ông/bà", "bà",
    "Quý cơ quan, tổ chức").
    """

    kind: AddresseeKind
    name: str
    honorific: str = ""
    pronoun: str = "ông/bà"

    @property
    def salutation(self) -> str:
        """For "Kính gửi:": first letter capital.

        >>> classify_addressee("Nguyễn Thị Hương").salutation
        'Ông/Bà Nguyễn Thị Hương'
        >>> classify_addressee("bà Nguyễn Thị Hương").salutation
        'Bà Nguyễn Thị Hương'
        """
        text = f"{self.honorific} {self.name}" if self.honorific else self.name
        return _upper_first(text)

    @property
    def in_text(self) -> str:
        """For running text: the honorific or household word in lower case, names untouched.

        >>> classify_addressee("Ông Lê Văn Tám và bà Phạm Thị Mười").in_text
        'ông Lê Văn Tám và bà Phạm Thị Mười'
        >>> classify_addressee("Công ty TNHH Một thành viên Hoàng Long").in_text
        'Công ty TNHH Một thành viên Hoàng Long'
        >>> classify_addressee("Hộ gia đình ông Nguyễn Văn Ba").in_text
        'hộ gia đình ông Nguyễn Văn Ba'
        """
        if self.kind is AddresseeKind.ORGANISATION:
            return self.name
        if self.honorific:
            return f"{self.honorific.lower()} {self.name}"
        if _BUSINESS_HOUSEHOLD.match(self.name) and self.name.isupper():
            return self.name  # a trade name in capitals, kept as the organisation wrote it
        return _lower_lead(self.name)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_lead(text: str) -> str:
    """Lower-case the leading honorific/household words only."""
    m = _HOUSEHOLD.match(text) or _HONORIFIC.match(text)
    if not m:
        return text
    lead = m.group(0)
    rest = text[len(lead):]
    inner = _HONORIFIC.match(rest.lstrip())
    if _HOUSEHOLD.match(text) and inner:
        space = rest[:len(rest) - len(rest.lstrip())]
        rest = space + inner.group(0).lower() + rest.lstrip()[len(inner.group(0)):]
    return lead.lower() + rest


def _tidy_cell(name: str) -> str:
    """The name without the debris a cell may carry around it.

    >>> _tidy_cell("Kính gửi: Ông Nguyễn Văn D"), _tidy_cell("“Nguyễn Văn E”")
    ('Ông Nguyễn Văn D', 'Nguyễn Văn E')
    >>> _tidy_cell("- Nguyễn Văn K;"), _tidy_cell("Ông Nguyễn Văn M./.")
    ('Nguyễn Văn K', 'Ông Nguyễn Văn M')
    >>> _tidy_cell("Nguyễn Văn A."), _tidy_cell("Samsung Vina Co., Ltd.")
    ('Nguyễn Văn A', 'Samsung Vina Co., Ltd.')
    """
    name = " ".join(name.split())
    name = _LIST_DASH.sub("", _KINH_GUI.sub("", name))
    if len(name) > 2 and _QUOTES.get(name[0]) == name[-1]:
        name = name[1:-1].strip()
    name = _TRAILING.sub("", name)
    last = name.rsplit(" ", 1)[-1].rstrip(".").lower()
    if name.endswith(".") and not name.endswith("..") and last not in _DOTTED_ABBREVIATIONS:
        name = name[:-1]
    return name.strip()


def _single_case(text: str) -> bool:
    """Whether every letter of ``text`` is a capital, or every letter is lower case."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters)
                              or all(c.islower() for c in letters))


def _title_word(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() if "’" not in part and "'" not in part
                    else _apostrophe_case(part) for part in word.split("-"))


def _recase_person(name: str) -> str:
    """Title-case a personal name written all in capitals or all in lower case; mixed case
    is kept as written. A title after " - " ("GIÁM ĐỐC") gets a capital only at its start, a
    note in brackets none.

    >>> _recase_person("NGUYỄN VĂN AN")
    'Nguyễn Văn An'
    >>> _recase_person("Y BLIM H’ĐƠK"), _recase_person("h'hen niê")
    ('Y Blim H’Đơk', "H'Hen Niê")
    >>> _recase_person("nguyễn văn bình")
    'Nguyễn Văn Bình'
    >>> _recase_person("Lê thị Nhã")
    'Lê thị Nhã'
    >>> _recase_person("NGUYỄN VĂN TUẤN - GIÁM ĐỐC"), _recase_person("NGUYỄN VĂN P (ĐẠI DIỆN)")
    ('Nguyễn Văn Tuấn - Giám đốc', 'Nguyễn Văn P (đại diện)')
    >>> _recase_person("TRẦN VĂN AN - TRƯỞNG CHI NHÁNH TÂY NGUYÊN")
    'Trần Văn An - TRƯỞNG CHI NHÁNH TÂY NGUYÊN'
    """
    cut = min((i for i in (name.find(" - "), name.find("(")) if i >= 0), default=len(name))
    person, tail = name[:cut], name[cut:]
    if not _single_case(person):
        return name
    person = " ".join(_title_word(word) for word in person.split(" "))
    if tail and _single_case(tail) and not is_organisation(tail.strip(" -()")):
        if tail.startswith("("):  # a note: "(CON)", "(ĐẠI DIỆN)"
            tail = tail.lower()
        elif len(tail.split()) <= _SHORT_TITLE:  # a post: "- GIÁM ĐỐC", "- KẾ TOÁN TRƯỞNG"
            tail = tail[:3] + tail[3:4].upper() + tail[4:].lower()
        # a longer tail may hold proper nouns ("… KHU VỰC TÂY NGUYÊN"): kept as written
    return person + tail


def _tidy_group(text: str) -> str:
    """A couple or household name with every honorific and lead word ("hộ gia đình", "vợ
    chồng", "và") in lower case and each person's name re-cased like :func:`_recase_person`.

    >>> _tidy_group("ÔNG LÊ VĂN TÁM VÀ BÀ PHẠM THỊ MƯỜI")
    'ông Lê Văn Tám và bà Phạm Thị Mười'
    >>> _tidy_group("Ông Nguyễn Văn H & Bà Lê Thị K")
    'ông Nguyễn Văn H & bà Lê Thị K'
    >>> _tidy_group("hộ gia đình bà trần thị f")
    'hộ gia đình bà Trần Thị F'
    """
    pieces = _CONNECTOR.split(text)
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if k % 2:  # a connector
            out.append(piece.lower())
            continue
        lead = ""
        m = _COUPLE_LEAD.match(piece) or _HOUSEHOLD.match(piece)
        if m:
            lead, piece = m.group(0).lower(), piece[m.end():]
        rest = piece.lstrip()
        space = piece[:len(piece) - len(rest)]
        h = _HONORIFIC.match(rest)
        if h:
            lead += space + h.group(0).lower()
            rest = rest[h.end():]
            space = rest[:len(rest) - len(rest.lstrip())]
            rest = rest.lstrip()
        out.append(lead + space + _recase_person(rest))
    return "".join(out)


def _apostrophe_case(word: str) -> str:
    pieces = re.split(r"([’'])", word)
    return "".join(p[:1].upper() + p[1:].lower() if p not in ("’", "'") else p for p in pieces)


def is_organisation(name: str) -> bool:
    """True for company, cooperative, school, agency… names.

    >>> is_organisation("CÔNG TY CP XÂY DỰNG 47"), is_organisation("Nguyễn Văn Cty")
    (True, False)
    >>> is_organisation("Trường THCS Lê Lợi"), is_organisation("Trương Văn Tâm")
    (True, False)
    >>> is_organisation("Cong ty TNHH Phu Thai"), is_organisation("Đoàn Văn Hùng")
    (True, False)
    >>> is_organisation("Doanh nghiệp tư nhân Thành Đạt"), is_organisation("HTX Nông nghiệp Tân Hà")
    (True, True)
    >>> is_organisation("Nguyễn Văn C - Giám đốc Công ty TNHH Q")
    False
    >>> is_organisation("Phòng Kinh tế xã Quảng Sơn"), is_organisation("Công an xã Tân Hà")
    (True, True)
    """
    lower = name.lower()
    if any(lower == p or lower.startswith(p + " ") for p in _ORG_PREFIXES):
        return True
    folded = fold_once(name)
    if any(folded.startswith(p + " ") for p in _ORG_PREFIXES_FOLDED):
        return True
    # "Nguyễn Văn C - Giám đốc Công ty TNHH Q" is a person: the words after " - " name their
    # post and employer.
    return bool(_ORG_WORDS.search(name.split(" - ", 1)[0]))


def names_someone(text: str) -> bool:
    """Whether a cell names someone to write to: letters besides an honorific, a household
    word or a copied "Kính gửi:" (a cell holding only "Ông" or "?" gives no letter).

    >>> names_someone("Ông Nguyễn Văn A"), names_someone("Công ty TNHH An Phát")
    (True, True)
    >>> [names_someone(t) for t in ("Ông", "Kính gửi:", "Hộ gia đình", "?")]
    [False, False, False, False]
    """
    rest = _tidy_cell(text)
    m = _COUPLE_LEAD.match(rest) or _HOUSEHOLD.match(rest)
    if m:
        rest = rest[m.end():].lstrip()
    m = _HONORIFIC.match(rest)
    if m:
        rest = rest[m.end():]
    return any(c.isalpha() for c in rest)


def classify_addressee(
    name: str, *, kind_hint: str | None = None, honorific_hint: str | None = None
) -> Addressee:
    """Decide how to address ``name``. ``kind_hint`` is the "Loại đối tượng" column
    ("Công dân", "Doanh nghiệp"…), ``honorific_hint`` a "Danh xưng"/"Giới tính" column.

    >>> a = classify_addressee("Nguyễn Văn A")
    >>> a.salutation, a.in_text, a.pronoun
    ('Ông/Bà Nguyễn Văn A', 'ông/bà Nguyễn Văn A', 'ông/bà')
    >>> classify_addressee("Ông/Bà Nguyễn Văn A").salutation
    'Ông/Bà Nguyễn Văn A'
    >>> classify_addressee("ông Nguyễn Văn A").salutation
    'Ông Nguyễn Văn A'
    >>> a = classify_addressee("CÔNG TY TNHH MTV AN PHÁT")
    >>> a.salutation, a.pronoun
    ('CÔNG TY TNHH MTV AN PHÁT', 'Quý cơ quan, tổ chức')
    >>> classify_addressee("Trần Thị Bé", honorific_hint="Nữ").salutation
    'Bà Trần Thị Bé'
    >>> classify_addressee("Lê Thu Hà", honorific_hint="Chị").in_text
    'chị Lê Thu Hà'
    >>> classify_addressee("Ông Lê Văn Tám, bà Phạm Thị Mười").pronoun
    'ông, bà'
    >>> classify_addressee("Hộ kinh doanh Tạp hóa Minh Anh").salutation
    'Hộ kinh doanh Tạp hóa Minh Anh'
    >>> classify_addressee("NGUYỄN VĂN AN").salutation
    'Ông/Bà Nguyễn Văn An'
    """
    name = _tidy_cell(name)
    hint = _KIND_HINTS.get(fold(kind_hint)) if kind_hint else None
    if _HOUSEHOLD.match(name):
        if not _BUSINESS_HOUSEHOLD.match(name):
            name = _tidy_group(name)
        return Addressee(AddresseeKind.HOUSEHOLD, name, "", "ông/bà")
    organisation = hint is AddresseeKind.ORGANISATION or (hint is None and is_organisation(name))
    if organisation and not _HONORIFIC.match(name):
        return Addressee(AddresseeKind.ORGANISATION, name, "", "Quý cơ quan, tổ chức")
    if _COUPLE.search(name) or _COUPLE_LEAD.match(name):
        return Addressee(AddresseeKind.COUPLE, _tidy_group(name), "", "ông, bà")
    m = _HONORIFIC.match(name)
    if m:
        word = m.group(0)
        rest = name[len(word):].lstrip(" :.,-–")
        canonical = _canonical_honorific(word)
        return Addressee(AddresseeKind.ADDRESSED, _recase_name(rest), canonical,
                         canonical.lower())
    honorific = DEFAULT_HONORIFIC
    if honorific_hint:
        said = _HONORIFIC.match(honorific_hint.strip())
        honorific = _HONORIFIC_HINTS.get(fold(honorific_hint)) or (
            _canonical_honorific(said.group(0)) if said else DEFAULT_HONORIFIC)
    return Addressee(AddresseeKind.PERSON, _recase_name(name), honorific, honorific.lower())


def _recase_name(name: str) -> str:
    """One or more personal names after their honorific: names written all in capitals or
    all in lower case are re-cased, "và" between them stays lower case.

    >>> _recase_name("NGUYỄN VĂN A VÀ TRẦN THỊ B")
    'Nguyễn Văn A và Trần Thị B'
    """
    return _tidy_group(name) if _single_case(name) else name


def _canonical_honorific(word: str) -> str:
    folded = fold(word)
    if folded in ("ong ba", "ba ong"):
        return "Ông/Bà"
    spelled = {"ong": "Ông", "ba": "Bà", "anh": "Anh", "chi": "Chị", "co": "Cô", "chu": "Chú",
               "bac": "Bác", "em": "Em", "cu": "Cụ", "mr": "Ông", "mrs": "Bà", "ms": "Bà"}
    return spelled.get(folded, " ".join(word.split()))


def address_for(
    applicant: str,
    representative: str | None = None,
    *,
    policy: RepresentativePolicy = "owner",
    kind_hint: str | None = None,
    honorific_hint: str | None = None,
) -> Addressee:
    """The addressee under the batch's representative policy.

    ``owner`` (default) addresses the dossier's owner; ``representative`` addresses the
    representative when one is named; ``owner_via_representative`` addresses the owner and
    names the representative after it.

    >>> address_for("Công ty TNHH An Phát", "Nguyễn Văn Tuấn - Giám đốc",
    ...             policy="representative").salutation
    'Ông/Bà Nguyễn Văn Tuấn - Giám đốc'
    >>> address_for("Công ty TNHH An Phát", "Ông Nguyễn Văn Tuấn",
    ...             policy="owner_via_representative").salutation
    'Công ty TNHH An Phát (người đại diện: ông Nguyễn Văn Tuấn)'
    >>> address_for("Lê Văn B", None, policy="representative").salutation
    'Ông/Bà Lê Văn B'
    """
    owner = classify_addressee(applicant, kind_hint=kind_hint, honorific_hint=honorific_hint)
    rep_name = " ".join((representative or "").split())
    if (policy == "owner" or not names_someone(rep_name)
            or fold_once(rep_name) == fold_once(applicant)):
        return owner
    rep = classify_addressee(rep_name)
    if fold_once(rep.name) == fold_once(owner.name):  # "Ông Nguyễn Văn A." for "Nguyễn Văn A"
        same = owner.kind is AddresseeKind.PERSON and rep.kind is AddresseeKind.ADDRESSED
        return rep if same else owner
    if policy == "representative":
        return rep
    return Addressee(owner.kind, f"{owner.name} (người đại diện: {rep.in_text})",
                     owner.honorific, owner.pronoun)
