"""Documents numbered from the book as they are rendered (API and ``render --assign-number``)."""

from __future__ import annotations

import copy
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from vnadmin_docs import api
from vnadmin_docs.cli.main import cli
from vnadmin_docs.errors import DataError
from vnadmin_docs.layout.compose import document_symbol
from vnadmin_docs.layout.figures import figures
from vnadmin_docs.registry import Register
from vnadmin_docs.registry.issue import ToNumber, number_documents

EXAMPLE = api.example_path("cong-van/sldtbxh-dak-nong-2023.yaml")


def _header_lines(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for t in document.tables for cell in t._cells for p in cell.paragraphs if p.text]


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(api.load_data(EXAMPLE))
    data.update(changes)
    return data


def test_render_with_a_register_fills_so_and_date_and_records_the_document(
    register_url: str, tmp_path: Path
) -> None:
    with Register.open(register_url) as register:
        first = api.render("cong-van", _data(date="10/04/2026"), register=register)
        second = api.render("cong-van", _data(date="10/04/2026"), register=register)
        path = first.save(tmp_path / "cv-01.docx")
        register.attach_output(first.entry, path)  # type: ignore[arg-type]

        assert first.entry is not None and second.entry is not None
        assert (first.entry.number, second.entry.number) == (1, 2)
        assert first.document.number.number == 1
        lines = _header_lines(path)
        assert "Số: 01/SLĐTBXH-VP" in lines
        assert "Đắk Nông, ngày 10 tháng 4 năm 2026" in lines

        stored = register.get(1, issuer_abbr="SLĐTBXH", year=2026)
        assert stored.type_name == "Công văn"
        assert stored.summary.startswith("V/v cải thiện, nâng cao chỉ số")
        assert stored.signer == "Nguyễn Thị Hường"
        assert stored.archive == "VT, VP"
        assert "Ban GD Sở" in stored.recipients and "Như trên" not in stored.recipients
        assert stored.output_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_draft_without_a_date_is_numbered_today(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register:
        rendered = api.render("cong-van", _data(), register=register)  # date: 03/2023 (draft)
    assert rendered.entry is not None
    assert rendered.entry.doc_date == date.today()
    assert rendered.document.date.date == date.today()


def test_bad_data_or_a_number_already_given_takes_no_number(sqlite_url: str) -> None:
    with Register.open(sqlite_url) as register:
        without_signer = _data(date="10/04/2026")
        del without_signer["signer"]
        with pytest.raises(DataError, match="signer"):
            api.render("cong-van", without_signer, register=register)
        with pytest.raises(DataError, match=r"number\.number"):
            api.render("cong-van", _data(number={"number": 7, "unit": "VP"}), register=register)
        assert register.books() == []
        assert api.render("cong-van", _data(date="10/04/2026"), register=register).entry


def test_cli_render_assign_number(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    out = tmp_path / "out" / "cv.docx"
    result = CliRunner().invoke(
        cli,
        ["render", "cong-van", str(EXAMPLE), "-o", str(out), "--assign-number", "--db", str(db)],
    )
    assert result.exit_code == 0, result.output
    today = date.today()
    assert f"Đã cấp Số: 01/SLĐTBXH-VP, ngày {today:%d/%m/%Y}." in result.output
    assert "Số: 01/SLĐTBXH-VP" in _header_lines(out)

    shown = CliRunner().invoke(cli, ["register", "--db", str(db), "show", "1"])
    assert shown.exit_code == 0, shown.output
    assert str(out.resolve()) in shown.output and "(khớp mã kiểm tra)" in shown.output

    plain = CliRunner().invoke(cli, ["render", "cong-van", str(EXAMPLE), "-o", str(out)])
    assert plain.exit_code == 0 and "Đã cấp" not in plain.output
    with Register.open(db) as register:
        assert [b.last_number for b in register.books()] == [1]


def _to_number(data: dict[str, Any]) -> ToNumber:
    spec, doc, _ = api.prepare("cong-van", data)
    symbol = document_symbol(doc, spec.layout, figures(None), spec.type_name)
    return ToNumber(doc, symbol, spec.type_name, spec.layout, spec.title)


def test_a_batch_is_numbered_in_order_with_consecutive_numbers(register_url: str) -> None:
    items = [_to_number(_data(date="12/05/2026", subject=f"hồ sơ số {i}")) for i in range(3)]
    with Register.open(register_url) as register:
        api.render("cong-van", _data(date="12/05/2026"), register=register)  # takes 01
        numbered = number_documents(register, items)

        assert [entry.number for _, entry in numbered] == [2, 3, 4]
        assert [doc.number.number for doc, _ in numbered] == [2, 3, 4]
        assert [entry.summary for _, entry in numbered] == [f"V/v hồ sơ số {i}" for i in range(3)]
        assert all(doc.date.date == date(2026, 5, 12) for doc, _ in numbered)

        other = _data(date="13/05/2026")
        other["issuer"] = {**other["issuer"], "abbreviation": "UBND"}
        with pytest.raises(DataError) as caught:
            number_documents(register, [items[0], _to_number(other)])
        assert [p.path for p in caught.value.problems] == ["1.issuer.abbreviation", "1.date"]
        assert [b.last_number for b in register.books()] == [4]
