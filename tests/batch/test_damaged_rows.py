"""Damage is judged per row and per field in every reader (issue 13): a "?" standing for a
lost Vietnamese letter is a row error naming the column and the word (no letter, no number,
no file name from it), while the rest of the file makes its letters; lookalike letters are
folded with a warning; a line break between two sentences becomes a full stop."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch

HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _row(i: int, name: str, reason: str = "Chờ ý kiến của Sở Xây dựng") -> list[str]:
    return [f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng", name,
            "27/10/2025 08:15", "03/11/2025 17:00", "24/11/2025 17:00", reason]


def _report(out: Path) -> dict[int, dict[str, str]]:
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["rows"]
    return {r["row"]: r for r in rows}


def test_a_cp1258_csv_with_two_damaged_rows_makes_the_other_letters(
        tmp_path: Path, examples: Path) -> None:
    """The real Windows-1258 example with two rows typed through "ANSI" appended: the file is
    read, the two rows are errors naming the column and the words, every other row is as in
    the file without them."""
    source = (examples / "ho-so-tre-han-cp1258.csv").read_bytes()
    lines = source.rstrip(b"\r\n").split(b"\r\n") if b"\r\n" in source \
        else source.rstrip(b"\n").split(b"\n")
    sep = b"\r\n" if b"\r\n" in source else b"\n"
    first = lines[1].split(b",")
    damaged = []
    for n, name in ((90, b"Nguy?n V?n B\xecnh"), (91, b"L? Th? ?\xe0o")):
        cells = list(first)
        cells[0] = str(n).encode()
        cells[1] = f"000.00.12.H41-251002-00{n}".encode()
        cells[3] = name
        damaged.append(b",".join(cells))
    data = tmp_path / "ho-so.csv"
    data.write_bytes(sep.join([*lines, *damaged]) + sep)
    profile = load_profile(examples / "profile.yml")
    clean = run_batch(examples / "ho-so-tre-han-cp1258.csv", profile, tmp_path / "a")
    result = run_batch(data, profile, tmp_path / "b")
    assert result.written == clean.written and result.written >= 8
    assert result.failed_rows == clean.failed_rows + 2
    bad = [p for p in result.problems if "“?”" in p.reason]
    assert {p.column for p in bad} == {"Chủ hồ sơ"}
    assert any("Nguy?n" in p.reason and "V?n" in p.reason for p in bad)
    assert len({p.row for p in bad}) == 2
    letters = sorted(p.name for p in (tmp_path / "b" / LETTERS_DIR).iterdir())
    assert letters == sorted(p.name for p in (tmp_path / "a" / LETTERS_DIR).iterdir())
    assert not [n for n in letters if "?" in n or "Nguy - n" in n]


def test_lost_letters_in_an_xlsx_cell_are_a_row_error_and_take_no_number(
        tmp_path: Path, examples: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(_row(1, "Nguyễn Văn An"))
    sheet.append(_row(2, "Nguy?n V?n Bình"))
    sheet.append(_row(3, "Trần Thị Có", reason="Có phải? Chờ x? ý kiến"))
    data = tmp_path / "ho-so.xlsx"
    book.save(data)
    result = run_batch(data, load_profile(examples / "profile.yml"), tmp_path / "kq")
    assert result.written == 2 and result.failed_rows == 1
    report = _report(tmp_path / "kq")
    assert report[3]["status"] == "failed" and "Chủ hồ sơ" in report[3]["errors"]
    assert "“Nguy?n”" in report[3]["errors"] and not report[3]["number"]
    assert report[4]["status"] == "written"  # "Có phải?" and "x?" are not damage
    numbers = [report[r]["number"] for r in (2, 4)]
    assert len(set(numbers)) == 2  # consecutive numbers, none given to the damaged row


def test_lost_letters_in_an_html_xls_export_are_a_row_error(tmp_path: Path,
                                                            examples: Path) -> None:
    cells = "".join(f"<th>{h}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in _row(i, name)) + "</tr>"
                   for i, name in ((1, "Nguyễn Văn An"), (2, "Ph?m V?n ??c")))
    data = tmp_path / "ho-so.xls"
    data.write_text(f"<html><head><meta charset='utf-8'></head><body><table><tr>{cells}</tr>"
                    f"{body}</table></body></html>", encoding="utf-8")
    result = run_batch(data, load_profile(examples / "profile.yml"), tmp_path / "kq")
    assert result.written == 1 and result.failed_rows == 1
    assert any("“Ph?m”" in p.reason for p in result.problems)


def test_lookalike_letters_are_folded_with_a_warning_and_in_the_file_name(
        tmp_path: Path, examples: Path) -> None:
    data = tmp_path / "ho-so.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(_row(1, "\u00d0inh Thị Hoà", reason="Môi trường\nĐã có ý kiến của Sở"))
        w.writerow(_row(2, "Nguy\u0435n Văn An"))  # a Cyrillic "е"
    profile = load_profile(examples / "profile.yml")
    result = run_batch(data, profile.model_copy(update={"file_name": "{applicant_name}"}),
                       tmp_path / "kq")
    assert result.written == 2, result.problems
    warned = [(p.row, p.column) for p in result.problems if p.severity == "warning"
              and "U+" in (p.reason + p.reason_en)]
    assert (2, "Chủ hồ sơ") in warned and (3, "Chủ hồ sơ") in warned
    names = sorted(p.name for p in (tmp_path / "kq" / LETTERS_DIR).iterdir())
    assert any(n.startswith("Đinh Thị Hoà") for n in names), names
    assert not any("\u00d0" in n or "\u0435" in n for n in names)
    from docx import Document

    first = next(p for p in (tmp_path / "kq" / LETTERS_DIR).iterdir() if "Đinh" in p.name)
    text = "\n".join(p.text for p in Document(str(first)).paragraphs)
    assert "Đinh Thị Hoà" in text and "\u00d0" not in text
    assert "Môi trường. Đã có ý kiến của Sở" in text or "môi trường. Đã có ý kiến" in text


def test_an_escaped_escape_in_a_reason_is_decoded_once(tmp_path: Path, examples: Path) -> None:
    """Excel writes a typed "_x000D_" as "_x005F_x000D_": the batch reads the text typed, not
    a line break (the sentence fields were decoded twice)."""
    from vnadmin_docs.batch.letter import data_fields
    from vnadmin_docs.batch.load import load_batch
    from vnadmin_docs.content import TemplateLibrary

    data = tmp_path / "ho-so.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(_row(1, "Trần Thị Bình", reason="Mã lỗi _x005F_x000D_ trên cổng"))
    profile = load_profile(examples / "profile.yml")
    fields = data_fields(TemplateLibrary(()).get(profile.template))
    good = load_batch(data, fields).validation.good
    assert [r.values["late_reason"] for r in good] == ["Mã lỗi _x000D_ trên cổng"]
