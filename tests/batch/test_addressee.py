"""How letters address people: never "Ông/Bà Ông …", organisations as written."""

from __future__ import annotations

import pytest

from vnadmin_docs.batch.addressee import AddresseeKind, address_for, classify_addressee


@pytest.mark.parametrize(
    ("name", "salutation", "in_text"),
    [
        ("Nguyễn Văn A", "Ông/Bà Nguyễn Văn A", "ông/bà Nguyễn Văn A"),
        ("Ông Nguyễn Văn A", "Ông Nguyễn Văn A", "ông Nguyễn Văn A"),
        ("BÀ TRẦN THỊ B", "Bà Trần Thị B", "bà Trần Thị B"),
        ("Ông/Bà Lê C", "Ông/Bà Lê C", "ông/bà Lê C"),
        ("Chị Hà", "Chị Hà", "chị Hà"),
        ("Hộ ông Nguyễn Văn Ba", "Hộ ông Nguyễn Văn Ba", "hộ ông Nguyễn Văn Ba"),
        ("Ông Lê Văn Tám và bà Phạm Thị Mười", "Ông Lê Văn Tám và bà Phạm Thị Mười",
         "ông Lê Văn Tám và bà Phạm Thị Mười"),
        ("Công ty TNHH Một thành viên Hoàng Long", "Công ty TNHH Một thành viên Hoàng Long",
         "Công ty TNHH Một thành viên Hoàng Long"),
        ("CÔNG TY CỔ PHẦN XÂY DỰNG 47", "CÔNG TY CỔ PHẦN XÂY DỰNG 47",
         "CÔNG TY CỔ PHẦN XÂY DỰNG 47"),
        ("UBND xã Quảng Sơn", "UBND xã Quảng Sơn", "UBND xã Quảng Sơn"),
        ("Trương Văn Tâm", "Ông/Bà Trương Văn Tâm", "ông/bà Trương Văn Tâm"),
    ],
)
def test_salutation_and_running_text(name: str, salutation: str, in_text: str) -> None:
    who = classify_addressee(name)
    assert who.salutation == salutation
    assert who.in_text == in_text
    assert "Ông/Bà Ông" not in who.salutation and "Ông/Bà Bà" not in who.salutation


def test_kind_column_settles_organisations() -> None:
    who = classify_addressee("Minh Phát", kind_hint="Doanh nghiệp")
    assert who.kind is AddresseeKind.ORGANISATION and who.salutation == "Minh Phát"


def test_representative_policy() -> None:
    owner, rep = "Công ty TNHH An Phát", "Ông Nguyễn Văn Tuấn - Giám đốc"
    assert address_for(owner, rep).salutation == owner
    assert address_for(owner, rep, policy="representative").salutation == rep
    both = address_for(owner, rep, policy="owner_via_representative")
    assert both.salutation == (
        "Công ty TNHH An Phát (người đại diện: ông Nguyễn Văn Tuấn - Giám đốc)"
    )
