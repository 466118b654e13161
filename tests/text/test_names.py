"""Names as printed on a letter, and as matched between two spreadsheets."""

from __future__ import annotations

import unicodedata

import pytest

from vnadmin_docs.text.names import (
    fix_all_d_lookalikes,
    fold_key,
    lower_vi,
    organization_name,
    person_name,
    same_name,
)


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("NGUYỄN THỊ KIM LINH", "Nguyễn Thị Kim Linh"),
        ("  lê   thị nhã ", "Lê Thị Nhã"),
        ("ĐỖ ĐỨC ĐẠT", "Đỗ Đức Đạt"),
        ("\u00d0ặng Thùy Dương", "Đặng Thùy Dương"),
        ("trần thị thuỷ", "Trần Thị Thuỷ"),
        ("Ksor H'bơ", "Ksor H'Bơ"),
        ("trần văn (tư) ba", "Trần Văn (Tư) Ba"),
        ('"lò văn pó"', '"Lò Văn Pó"'),
        ("ÂU DƯƠNG ƯNG", "Âu Dương Ưng"),
        (unicodedata.normalize("NFD", "phạm ngọc ánh"), "Phạm Ngọc Ánh"),
    ],
)
def test_person_names_capitalised_per_syllable(raw: str, printed: str) -> None:
    assert person_name(raw) == printed


@pytest.mark.parametrize(
    "name",
    [
        "Công ty TNHH MTV Thương mại Sài Gòn",
        "Ủy ban nhân dân xã Đắk Ơ",
        "UBND phường Hoà Bình",
        "Hợp tác xã Nông nghiệp DV Tân Lập",
    ],
)
def test_organisation_names_keep_their_case(name: str) -> None:
    assert organization_name(name) == name


def test_organisation_name_cleans_only_spaces_and_d() -> None:
    assert organization_name(" Sở  Y tế\u00a0tỉnh \u00d0ồng Nai ") == "Sở Y tế tỉnh Đồng Nai"


def test_d_lookalikes() -> None:
    assert fix_all_d_lookalikes("\u00d0\u0189\u00f0\u0256") == "ĐĐđđ"
    assert lower_vi("\u0189ẮK LẮK") == "đắk lắk"
    assert person_name("\u0256ặng \u00f0ức") == "Đặng Đức"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hoà", "Hòa"),
        ("Thuỷ", "Thủy"),
        ("Nguyễn Văn Khoẻ", "NGUYỄN VĂN KHỎE"),
        ("Lê Thị Thuý", "Lê Thị Thúy"),
        ("Đức", "\u00d0ức"),
        ("Trần  Hoà", unicodedata.normalize("NFD", "trần hòa")),
    ],
)
def test_same_person_matches_across_spellings(a: str, b: str) -> None:
    assert same_name(a, b)
    assert fold_key(a) == fold_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Hoa", "Hòa"), ("Hòa", "Hóa"), ("Thủy", "Thùy"), ("Đức", "Dức"), ("Ưng", "Ung")]
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_printing_keeps_tone_placement() -> None:
    assert person_name("hoàng văn hoà") == "Hoàng Văn Hoà"
    assert person_name("hoàng văn hòa") == "Hoàng Văn Hòa"
