"""The number book as a clerk uses it: numbering, yearly restart, series, cancelling, files."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vnadmin_docs.errors import DataError
from vnadmin_docs.registry import (
    Entry,
    EntryDraft,
    EntryStatus,
    Register,
    RegisterError,
    Series,
)


def _decision(
    register: Register, day: date, summary: str = "về việc khen thưởng", **kw: Any
) -> Entry:
    return register.allocate(
        "BNV", day, symbol="QĐ-BNV", type_name="Quyết định", summary=summary, **kw
    )


def test_numbers_count_up_from_01_and_fill_the_so_line(register_url: str) -> None:
    with Register.open(register_url) as register:
        first = register.allocate(
            "BNV",
            date(2026, 3, 5),
            symbol="QĐ-BNV",
            type_name="Quyết định",
            summary="về việc khen thưởng",
            signer="Nguyễn Văn A",
            recipients=["Như Điều 3", "Lưu: VT, TCCB"],
            copies=5,
            archive="VT, TCCB",
            note="khẩn",
        )
        second = _decision(register, date(2026, 3, 5))
        tenth = [_decision(register, date(2026, 3, 6)) for _ in range(8)][-1]

        assert (first.number, first.so_line) == (1, "Số: 01/QĐ-BNV")
        assert second.reference == "02/QĐ-BNV"
        assert tenth.reference == "10/QĐ-BNV"
        stored = register.get(1, issuer_abbr="BNV", year=2026)
        assert stored == first
        assert stored.recipients == ("Như Điều 3", "Lưu: VT, TCCB")
        assert (stored.signer, stored.copies, stored.archive, stored.note) == (
            "Nguyễn Văn A",
            5,
            "VT, TCCB",
            "khẩn",
        )
        assert stored.status is EntryStatus.ISSUED


def test_series_restarts_at_01_on_1_january_by_the_documents_date(register_url: str) -> None:
    with Register.open(register_url) as register:
        for _ in range(3):
            _decision(register, date(2026, 12, 31))
        new_year = _decision(register, date(2027, 1, 1))
        # a document signed on 31 December, registered after New Year, stays in 2026
        late = _decision(register, date(2026, 12, 31))

        assert (new_year.year, new_year.number) == (2027, 1)
        assert (late.year, late.number) == (2026, 4)
        books = {(b.year, b.series): b.last_number for b in register.books()}
        assert books == {(2026, Series.ORDINARY): 4, (2027, Series.ORDINARY): 1}


def test_secret_documents_copies_and_councils_keep_their_own_series(register_url: str) -> None:
    with Register.open(register_url) as register:
        _decision(register, date(2026, 4, 1))
        _decision(register, date(2026, 4, 1))
        secret = register.allocate(
            "BNV", date(2026, 4, 1), "mat", symbol="QĐ-BNV", type_name="Quyết định", summary="x"
        )
        copy = register.allocate(
            "BNV", date(2026, 4, 1), Series.COPY, symbol="SY-BNV", type_name="Sao y", summary="y"
        )
        council = register.allocate(
            "HĐTĐKT", date(2026, 4, 1), symbol="TB-HĐTĐKT", type_name="Thông báo", summary="z"
        )  # R-SO-9: an advisory council numbers on its own
        assert (secret.number, copy.number, council.number) == (1, 1, 1)
        assert copy.so_line == "Số: 01/SY-BNV"
        assert [e.number for e in register.list(issuer_abbr="BNV", series="thuong")] == [1, 2]


def test_a_date_earlier_than_the_last_number_is_refused_unless_allowed(
    register_url: str,
) -> None:
    with Register.open(register_url) as register:
        _decision(register, date(2026, 3, 10))
        with pytest.raises(RegisterError) as caught:
            _decision(register, date(2026, 3, 9))
        assert "09/03/2026" in caught.value.message and "Điều 15" in caught.value.message
        assert "10/03/2026" in caught.value.message_en
        # nothing was taken by the refused attempt
        allowed = _decision(register, date(2026, 3, 9), allow_earlier_date=True)
        assert allowed.number == 2


def test_cancelled_numbers_stay_in_the_book_and_are_never_reused(register_url: str) -> None:
    with Register.open(register_url) as register:
        for _ in range(3):
            _decision(register, date(2026, 6, 1))
        cancelled = register.cancel(2, "Văn bản ký nhầm, thay bằng số 04", year=2026)
        following = _decision(register, date(2026, 6, 2))

        assert cancelled.status is EntryStatus.CANCELLED
        assert cancelled.cancel_reason == "Văn bản ký nhầm, thay bằng số 04"
        assert cancelled.cancelled_at is not None
        assert following.number == 4
        listed = register.list(year=2026)
        assert [(e.number, e.is_cancelled) for e in listed] == [
            (1, False),
            (2, True),
            (3, False),
            (4, False),
        ]
        assert [e.number for e in register.list(year=2026, status="cancelled")] == [2]
        with pytest.raises(RegisterError, match="đã bị hủy"):
            register.cancel(cancelled, "lần nữa")
        with pytest.raises(DataError, match="lý do"):
            register.cancel(3, "  ", year=2026)
        with pytest.raises(RegisterError, match="không có số 09"):
            register.cancel(9, "không có", year=2026)


def test_batch_numbers_in_order_and_a_bad_row_takes_no_number(register_url: str) -> None:
    drafts = [
        EntryDraft(symbol="UBND-VP", type_name="Công văn", summary=f"V/v hồ sơ {i}")
        for i in range(5)
    ]
    with Register.open(register_url) as register:
        _decision(register, date(2026, 7, 1))
        batch = register.allocate_many("BNV", date(2026, 7, 1), drafts)
        assert [e.number for e in batch] == [2, 3, 4, 5, 6]
        assert [e.summary for e in batch] == [d.summary for d in drafts]

        bad = [*drafts[:2], EntryDraft(symbol="UBND VP", type_name="", summary="x", copies=0)]
        with pytest.raises(DataError) as caught:
            register.allocate_many("BNV", date(2026, 7, 1), bad)
        paths = [p.path for p in caught.value.problems]
        assert paths == ["2.symbol", "2.type_name", "2.copies"]
        assert _decision(register, date(2026, 7, 1)).number == 7


def test_every_bad_field_is_named_at_once(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register, pytest.raises(DataError) as caught:
        register.allocate("B NV", date(2026, 1, 5), "thuong", symbol="12/QĐ-BNV",
                          type_name=" ", summary="", recipients=["Như trên", ""])  # fmt: skip
    message = caught.value.message
    for field in ("issuer_abbr", "symbol", "type_name", "summary", "recipients.1"):
        assert field in message
    with Register.open(sqlite_url) as register:
        assert register.books() == []
        with pytest.raises(DataError, match="thuong"):
            register.allocate(
                "BNV", date(2026, 1, 5), "bí mật", symbol="QĐ-BNV", type_name="Q", summary="s"
            )


def test_the_output_file_and_its_checksum_are_recorded(register_url: str, tmp_path: Path) -> None:
    document = tmp_path / "01-QD-BNV.docx"
    document.write_bytes(b"PK\x03\x04 fake docx bytes")
    with Register.open(register_url) as register:
        entry = _decision(register, date(2026, 8, 1))
        recorded = register.attach_output(entry, document)

        assert recorded.output_path == str(document.resolve())
        assert recorded.output_sha256 == hashlib.sha256(document.read_bytes()).hexdigest()
        assert register.output_matches(recorded) is True
        document.write_bytes(b"changed after registration")
        assert register.output_matches(recorded) is False
        assert register.output_matches(_decision(register, date(2026, 8, 1))) is None
        with pytest.raises(RegisterError, match=r"missing\.docx"):
            register.attach_output(entry.id, tmp_path / "missing.docx")


def test_the_issuer_may_be_left_out_only_when_the_year_has_one(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register:
        _decision(register, date(2026, 2, 2))
        assert register.get(1, year=2026).issuer_abbr == "BNV"
        register.allocate(
            "UBND", date(2026, 2, 2), symbol="UBND-VP", type_name="Công văn", summary="V/v a"
        )
        with pytest.raises(RegisterError, match="BNV, UBND"):
            register.get(1, year=2026)


def test_the_register_location_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "office" / "so.sqlite3"
    monkeypatch.setenv("VNADMIN_DOCS_REGISTER", f"sqlite:///{target}")
    with Register.open() as register:
        _decision(register, date(2026, 1, 2))
    assert target.exists()
    with Register.open(target) as register:
        assert register.get(1, year=2026).reference == "01/QĐ-BNV"


def test_an_unusable_location_is_a_clear_error(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("this is not a database " * 100)
    with pytest.raises(RegisterError, match=r"notes\.sqlite3"):
        Register.open(not_a_db)
    other_app = tmp_path / "ke-toan.sqlite3"
    with sqlite3.connect(other_app) as db:
        db.execute("CREATE TABLE hoa_don (id INTEGER)")
    with pytest.raises(RegisterError, match="hoa_don"):
        Register.open(other_app)
    with sqlite3.connect(other_app) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["hoa_don"]
    with pytest.raises(RegisterError, match="mysql"):
        Register.open("mysql://localhost/so")


def test_a_cong_van_symbol_never_uses_cv(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register, pytest.raises(DataError, match="R-SO-7"):
        register.allocate(
            "UBND", date(2026, 1, 5), symbol="CV-UBND", type_name="Công văn", summary="V/v họp"
        )


def test_copies_are_numbered_only_in_the_copies_series(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register:
        with pytest.raises(DataError, match=r"R-BS-3") as as_ordinary:
            register.allocate(
                "BNV", date(2026, 2, 3), symbol="SY-BNV", type_name="Sao y", summary="bản sao"
            )
        assert "“sao”" in as_ordinary.value.message
        with pytest.raises(DataError, match=r"SY, SL, TrS"):
            register.allocate(
                "BNV", date(2026, 2, 3), "sao", symbol="QĐ-BNV", type_name="QĐ", summary="x"
            )
        excerpt = register.allocate(
            "BNV", date(2026, 2, 3), "sao", symbol="TrS-BNV", type_name="Trích sao", summary="y"
        )
        assert excerpt.so_line == "Số: 01/TrS-BNV"
        assert [b.series for b in register.books()] == [Series.COPY]


def test_the_database_itself_refuses_a_duplicate_number(register_url: str) -> None:
    import sqlalchemy as sa

    with Register.open(register_url) as register:
        _decision(register, date(2026, 9, 1))
    url = register_url if "://" in register_url else f"sqlite:///{register_url}"
    prefix = "vnadmin_" if url.startswith("postgresql") else ""
    engine = sa.create_engine(url)
    try:
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(
                sa.text(
                    f"INSERT INTO {prefix}entries (book_id, number, symbol, doc_date, type_name, "
                    "summary, created_at) SELECT book_id, number, symbol, doc_date, type_name, "
                    f"summary, created_at FROM {prefix}entries"
                )
            )
    finally:
        engine.dispose()
