"""Two desks (two servers, each with its own accounts and jobs) share one PostgreSQL number
book: a batch numbered on one desk and a document numbered on the other take consecutive
numbers, both desks see them, each desk's audit log names who took them."""

from __future__ import annotations

import re
import time

import pytest

from tests.registry.conftest import postgres_server, postgres_url  # noqa: F401
from tests.web.conftest import EXPORT, PROFILE, add_user, csrf_of, signed_in
from vnadmin_docs.registry import Register
from vnadmin_docs.web.users import Role

pytestmark = pytest.mark.postgres


def test_two_desks_share_one_postgres_book(make_app, postgres_url, tmp_path):  # noqa: F811
    desk_a = make_app(host="0.0.0.0", register_url=postgres_url, data_dir=tmp_path / "a")
    desk_b = make_app(host="0.0.0.0", register_url=postgres_url, data_dir=tmp_path / "b")
    add_user(desk_a, "lan", Role.VAN_THU)
    add_user(desk_b, "minh", Role.VAN_THU)
    lan, minh = signed_in(desk_a, "lan"), signed_in(desk_b, "minh")

    token = csrf_of(lan, "/batch")
    with EXPORT.open("rb") as f, PROFILE.open("rb") as p:
        r = lan.post("/batch", data={"csrf": token, "assign_number": "1"},
                     files={"data": (EXPORT.name, f), "profile_file": ("p.yml", p)},
                     follow_redirects=False)
    job_url = r.headers["location"]
    lan.post(job_url + "/run", data={"csrf": token})
    end = time.monotonic() + 240
    while 'id="xong"' not in (page := lan.get(job_url).text):
        assert 'id="loi-chay"' not in page, page.split('id="loi-chay"')[1][:400]
        assert time.monotonic() < end
        time.sleep(0.5)
    assert "Số lấy từ sổ" in page

    token_b = csrf_of(minh, "/forms/cong-van")
    form = minh.get("/forms/cong-van").text
    fields = dict(re.findall(r'name="([a-z_.]+)" value="([^"]*)"', form))
    fields.update(re.findall(r'name="([a-z_.]+)"[^>]*>([^<]*)</textarea>', form))
    fields.update({"csrf": token_b, "take_number": "1", "issuer.abbreviation": "TTPVHCC",
                   "date": "2025-10-31", "issuer.name": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                   "archive.unit": "VP"})
    doc = minh.post("/forms/cong-van/download/docx", data=fields)
    assert doc.status_code == 200 and doc.content[:2] == b"PK", doc.text[-800:]

    book = Register.open(postgres_url)
    try:
        numbers = [e.number for e in book.list(issuer_abbr="TTPVHCC", year=2025)]
    finally:
        book.close()
    assert numbers == list(range(1, 10))  # 8 letters on desk A, then desk B's document
    for desk in (lan, minh):
        listing = desk.get("/book?year=2025").text
        assert "08/PXL-TTPVHCC" in listing and re.search(r"09/[A-ZĐ-]+", listing)
    taken_a = [a for a in desk_a.state.services.users.audit_log() if a.action == "number.take"]
    taken_b = [a for a in desk_b.state.services.users.audit_log() if a.action == "number.take"]
    assert taken_a[0].user == "lan" and taken_a[0].detail["numbers"] == list(range(1, 9))
    assert taken_b[0].user == "minh" and "09/" in str(taken_b[0].detail["number"])
