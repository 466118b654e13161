"""The model: strict, immutable, every problem reported with its field path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from vnadmin_docs import DataError, Document, IssueDate, Signer
from vnadmin_docs.model import parse_document


def minimal() -> dict[str, Any]:
    return {
        "issuer": {"name": "SỞ TƯ PHÁP", "abbreviation": "STP", "place": "Ninh Bình"},
        "signer": {"title": "Giám đốc", "full_name": "Lê Văn An"},
        "archive": {"unit": "VP"},
    }


def test_all_problems_are_reported_at_once_with_their_paths() -> None:
    data = minimal()
    data["issuer"]["abbreviation"] = "S TP"
    data["signer"]["full_name"] = ""
    data["date"] = "31/02/2024"
    data["nguoi_ky"] = "x"
    del data["archive"]
    with pytest.raises(DataError) as info:
        parse_document(data, source="du-lieu.yaml")
    paths = [p.path for p in info.value.problems]
    assert sorted(paths) == sorted(
        ["issuer.abbreviation", "signer.full_name", "date", "nguoi_ky", "archive"]
    )
    message = info.value.message
    assert "du-lieu.yaml" in message and "issuer.abbreviation" in message
    assert "thiếu trường bắt buộc" in message  # archive is missing, said in Vietnamese
    assert "trường không có trong mẫu" in message  # nguoi_ky is unknown
    assert "not valid" in info.value.message_en


def test_document_is_immutable() -> None:
    doc = parse_document(minimal())
    with pytest.raises(ValidationError):
        doc.subject = "khác"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-15", (15, 3, 2023)),
        ("15/3/2023", (15, 3, 2023)),
        ("ngày 5 tháng 1 năm 2021", (5, 1, 2021)),
        ("Ngày 05 tháng 01 năm 2021", (5, 1, 2021)),
        ("05/01/2021", (5, 1, 2021)),
        ("tháng 3 năm 2023", (None, 3, 2023)),
        ("03/2023", (None, 3, 2023)),
        (None, (None, None, None)),
        ("", (None, None, None)),
        (dt.date(2024, 2, 9), (9, 2, 2024)),
        ({"month": 3, "year": 2023}, (None, 3, 2023)),
    ],
)
def test_issue_date_accepts_full_partial_and_blank(
    value: object, expected: tuple[Any, ...]
) -> None:
    d = IssueDate.model_validate(value)
    assert (d.day, d.month, d.year) == expected
    assert d.is_draft == (expected[0] is None)


def test_issue_date_rejects_a_day_without_month() -> None:
    with pytest.raises(ValidationError, match="a day needs a month"):
        IssueDate(day=5)


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        ({"title": "giám đốc", "full_name": "A"}, ("GIÁM ĐỐC",)),
        (
            {
                "authority": "KT",
                "on_behalf_of": "Giám đốc",
                "title": "Phó Giám đốc",
                "full_name": "A",
            },
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        ),
        (
            {
                "authority": "TM.",
                "on_behalf_of": "Ủy ban nhân dân",
                "title": "Chủ tịch",
                "full_name": "A",
            },
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        (
            {
                "authority": "tl.",
                "on_behalf_of": "Giám đốc",
                "title": "Chánh Văn phòng",
                "full_name": "A",
            },
            ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"),
        ),
        (
            {
                "authority": "TUQ.",
                "on_behalf_of": "Giám đốc",
                "title": "Trưởng phòng",
                "full_name": "A",
            },
            ("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"),
        ),
        ({"authority": "Q.", "title": "Giám đốc", "full_name": "A"}, ("Q. GIÁM ĐỐC",)),
    ],
)
def test_r_ky_1_signer_lines_for_every_authority_prefix(
    signer: dict[str, str], lines: tuple[str, ...]
) -> None:
    assert Signer.model_validate(signer).title_lines == lines


def test_r_ky_1_deputy_must_name_the_head() -> None:
    with pytest.raises(ValidationError, match="on_behalf_of"):
        Signer(authority="KT.", title="PHÓ GIÁM ĐỐC", full_name="A")


def test_r_ky_5_no_degree_before_the_name() -> None:
    with pytest.raises(ValidationError, match="R-KY-5"):
        Signer(title="GIÁM ĐỐC", full_name="TS. Nguyễn Văn A")


def test_r_so_7_cv_is_not_a_symbol() -> None:
    data = minimal()
    data["number"] = {"number": 3, "symbol": ["CV", "STP"]}
    with pytest.raises(DataError, match="CV"):
        parse_document(data)


def test_text_is_nfc_and_list_punctuation_is_normalised() -> None:
    data = minimal()
    data["recipients"] = ["- Như trên;", "Sở Nội vu\u0323;"]
    doc = parse_document(data)
    assert doc.recipients == ("Như trên", "Sở Nội vụ")


def test_a_single_addressee_may_be_given_as_text() -> None:
    data = minimal()
    data["addressees"] = "Bộ Nội vụ"
    assert parse_document(data).addressees == ("Bộ Nội vụ",)


def test_document_round_trips_through_its_dump() -> None:
    doc = parse_document(minimal())
    assert Document.model_validate(doc.model_dump()) == doc


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        (
            {
                "authority": ["TM.", "KT."],
                "on_behalf_of": ["Ủy ban nhân dân", "Chủ tịch"],
                "title": "Phó Chủ tịch",
                "full_name": "A",
            },
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (
            {
                "authority": ["tm", "q"],
                "on_behalf_of": ["Ủy ban nhân dân"],
                "title": "Chủ tịch",
                "full_name": "A",
            },
            ("TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"),
        ),
        (
            {
                "authority": ["TL.", "KT."],
                "on_behalf_of": ["Bộ trưởng", "Vụ trưởng Vụ Pháp chế"],
                "title": "Phó Vụ trưởng",
                "full_name": "A",
            },
            ("TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ PHÁP CHẾ", "PHÓ VỤ TRƯỞNG"),
        ),
    ],
)
def test_r_ky_1_two_level_signing_outermost_first(
    signer: dict[str, Any], lines: tuple[str, ...]
) -> None:
    assert Signer.model_validate(signer).title_lines == lines


@pytest.mark.parametrize(
    "authority",
    [["KT.", "TM."], ["TUQ.", "KT."], ["TM.", "TL."], ["TM.", "TUQ."], ["TM.", "KT.", "Q."]],
)
def test_r_ky_1_combinations_the_decree_does_not_admit_are_refused(authority: list[str]) -> None:
    with pytest.raises(ValidationError) as info:
        Signer.model_validate(
            {"authority": authority, "on_behalf_of": ["A", "B"], "title": "X", "full_name": "A"}
        )
    err = info.value.errors()[0]
    assert err["loc"] == ("authority",)
    assert "Điều 13" in err["ctx"]["vi"]


def test_r_ky_1_two_prefixes_need_two_on_behalf_of_lines() -> None:
    with pytest.raises(ValidationError, match=r"on_behalf_of: signing 'TM\. KT\.' needs"):
        Signer.model_validate(
            {
                "authority": ["TM.", "KT."],
                "on_behalf_of": "Ủy ban nhân dân",
                "title": "Phó Chủ tịch",
                "full_name": "A",
            }
        )


def test_line_breaks_written_in_the_titles_stay_line_breaks() -> None:
    s = Signer.model_validate(
        {
            "authority": "TM.",
            "on_behalf_of": "Ban Chỉ đạo\nchuyển đổi số tỉnh",
            "title": "Phó Trưởng ban\nthường trực",
            "full_name": "A",
        }
    )
    assert s.title_lines == ("TM. BAN CHỈ ĐẠO\nCHUYỂN ĐỔI SỐ TỈNH", "PHÓ TRƯỞNG BAN\nTHƯỜNG TRỰC")
