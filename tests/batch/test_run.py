"""A whole batch as the clerk runs it: letters, merged file, manifest, resume, workers."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from vnadmin_docs.batch.profile import BatchProfile, load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, MERGED_FILE, run_batch
from vnadmin_docs.content import TemplateLibrary

ROOT = Path(__file__).resolve().parents[2]


def _profile(examples: Path, **changes: object) -> BatchProfile:
    return load_profile(examples / "profile.yml").model_copy(update=changes)


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def _paragraphs(path: Path) -> list[str]:
    """The text of each paragraph, as a reader sees it."""
    import re

    xml = _document_xml(path)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
            for p in re.findall(r"<w:p[ >].*?</w:p>", xml)]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A CSV export as Excel saves it ("CSV UTF-8": with a BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _big_csv(path: Path, rows: int) -> Path:
    return _write_csv(
        path, ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
               "Ngày hẹn trả mới", "Lý do"],
        [[f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng", f"Nguyễn Văn {i}",
          "27/10/2025 08:15", "03/11/2025 17:00", "10/11/2025 17:00",
          "Chờ ý kiến cơ quan phối hợp"] for i in range(rows)])


def test_example_batch(examples: Path, tmp_path: Path) -> None:
    result = run_batch(examples / "ho-so-tre-han.xlsx", _profile(examples), tmp_path / "out")
    assert result.exit_code == 1 and result.written == 8 and result.failed_rows == 3
    letters = sorted((tmp_path / "out" / LETTERS_DIR).iterdir())
    assert len(letters) == 8
    assert letters[0].name == "101-000.00.12.H41-251002-0012-Nguyễn Thị Hương.docx"
    company = _document_xml(letters[2])
    assert "Kính gửi" in company and "CÔNG TY TNHH MTV CÀ PHÊ ĐẮK NÔNG" in company
    assert "Ông/Bà CÔNG TY" not in company and "Tnhh" not in company
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in company
    assert "Số: 103/PXL-TTPVHCC" in _paragraphs(letters[2])
    couple = _document_xml(letters[3])
    assert "Ông Lê Văn Tám và bà Phạm Thị Mười" in couple and "Ông/Bà Ông" not in couple
    assert "của ông, bà" in couple
    merged = _document_xml(tmp_path / "out" / MERGED_FILE)
    assert merged.count("<w:sectPr") == 8
    assert merged.count('w:start="1"') == 8 and merged.count("<w:titlePg") == 8
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    rows = {r["row"]: r for r in manifest["rows"]}
    assert rows[15]["status"] == "failed" and "31/02/2025" in rows[15]["errors"]
    assert rows[11]["status"] == "written" and len(rows[11]["sha256"]) == 64
    with (tmp_path / "out" / "manifest.csv").open(encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    assert [r["row"] for r in table][:3] == ["11", "12", "13"]


def test_issue_date_picks_the_form(examples: Path, tmp_path: Path) -> None:
    old = run_batch(examples / "ho-so-tre-han.xlsx",
                    _profile(examples, issue_date=dt.date(2025, 6, 30)), tmp_path / "a",
                    dry_run=True)
    new = run_batch(examples / "ho-so-tre-han.xlsx",
                    _profile(examples, issue_date=dt.date(2025, 7, 1)), tmp_path / "b",
                    dry_run=True)
    assert old.template.id == "phieu-xin-loi" and new.template.id == "van-ban-xin-loi"


def test_strict_and_dry_run_write_nothing(examples: Path, tmp_path: Path) -> None:
    for kwargs in ({"strict": True}, {"dry_run": True}):
        out = tmp_path / next(iter(kwargs))
        result = run_batch(examples / "ho-so-tre-han.xlsx", _profile(examples), out, **kwargs)
        assert result.exit_code == 1
        assert not out.exists()
        assert sum(e.status == "not_written" for e in result.entries) == 8


def test_resume_skips_identical_letters_and_redoes_changed_ones(examples: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    profile = _profile(examples)
    run_batch(examples / "ho-so-tre-han.xlsx", profile, out)
    damaged = sorted((out / LETTERS_DIR).iterdir())[1]
    damaged.write_bytes(b"not a docx")
    again = run_batch(examples / "ho-so-tre-han.xlsx", profile, out)
    assert again.unchanged == 7 and again.written == 1
    assert zipfile.is_zipfile(damaged)
    changed = run_batch(examples / "ho-so-tre-han.xlsx",
                        profile.model_copy(update={"contact": "Liên hệ: 0263 000 000."}), out)
    assert changed.written == 8 and changed.unchanged == 0
    assert len(list((out / LETTERS_DIR).iterdir())) == 8


def test_workers_give_identical_files(tmp_path: Path, examples: Path) -> None:
    data = _big_csv(tmp_path / "big.csv", 80)
    profile = _profile(examples)
    one = run_batch(data, profile, tmp_path / "one")
    two = run_batch(data, profile, tmp_path / "two", workers=2)
    assert one.written == two.written == 80
    for a in sorted((tmp_path / "one" / LETTERS_DIR).iterdir()):
        assert a.read_bytes() == (tmp_path / "two" / LETTERS_DIR / a.name).read_bytes()
    assert (tmp_path / "one" / MERGED_FILE).read_bytes() == \
        (tmp_path / "two" / MERGED_FILE).read_bytes()


def test_zip_holds_everything(examples: Path, tmp_path: Path) -> None:
    result = run_batch(examples / "ho-so-tre-han.xlsx", _profile(examples), tmp_path / "o",
                       make_zip=True)
    assert result.archive is not None
    names = zipfile.ZipFile(result.archive).namelist()
    assert len([n for n in names if n.startswith(LETTERS_DIR + "/")]) == 8
    assert {MERGED_FILE, "manifest.csv", "manifest.json"} <= set(names)


_KILL_SCRIPT = """
import sys
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
run_batch(sys.argv[1], load_profile(sys.argv[2]), sys.argv[3])
"""


def test_kill_9_then_rerun_completes_cleanly(tmp_path: Path, examples: Path) -> None:
    data = _big_csv(tmp_path / "big.csv", 300)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(data),
                             str(examples / "profile.yml"), str(out)], env=env)
    letters = out / LETTERS_DIR
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if letters.is_dir() and len(os.listdir(letters)) >= 70:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    killed = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if not killed:
        pytest.skip("the run finished before it could be killed (machine too fast)")
    before = len(os.listdir(letters))
    assert before < 300
    result = run_batch(data, load_profile(examples / "profile.yml"), out)
    names = os.listdir(letters)
    assert len(names) == 300 and not [n for n in names if "tmp" in n]
    assert result.unchanged >= 1 and result.unchanged + result.written == 300
    assert all(zipfile.is_zipfile(letters / n) for n in names)
    assert not [n for n in os.listdir(out) if "tmp" in n]
    assert _document_xml(out / MERGED_FILE).count("<w:sectPr") == 300


def test_templates_declare_every_variable_they_use() -> None:
    from jinja2 import meta

    from vnadmin_docs.content.environment import make_environment

    lib = TemplateLibrary()
    env = make_environment(lib.search_path, sandboxed=False)
    specs = [lib.get("van-ban-xin-loi"), lib.get("phieu-xin-loi")]
    assert specs[0].fields == specs[1].fields
    for spec in specs:
        used = meta.find_undeclared_variables(env.parse(spec.body))
        declared = {f.name for f in spec.fields}
        assert used <= declared, used - declared


def test_every_batch_letter_passes_the_checker(examples: Path, tmp_path: Path) -> None:
    from vnadmin_docs.check import check_document

    run_batch(examples / "ho-so-tre-han.xlsx", _profile(examples), tmp_path / "out")
    for letter in sorted((tmp_path / "out" / LETTERS_DIR).iterdir()):
        report = check_document(letter)
        assert report.findings == (), report.to_text()


def test_report_keeps_row_order_with_bad_rows_across_chunks(tmp_path: Path,
                                                            examples: Path) -> None:
    """Bad rows at the start, between chunks of 32 and at the end are reported in sheet
    order among the letters, the same with two workers; the result counts come from the
    run and ``entries`` is the manifest read back."""
    data = _big_csv(tmp_path / "big.csv", 100)
    lines = data.read_text("utf-8-sig").splitlines()
    for i in (1, 33, 34, 70, 100):  # data lines: sheet rows 2, 34, 35, 71, 101
        lines[i] = lines[i].replace("03/11/2025 17:00", "31/02/2025")
    lines.insert(50, "I. UBND xã Quảng Sơn,,,,,,")
    data.write_text("\n".join(lines) + "\nTổng cộng: 100 hồ sơ,,,,,,\n", encoding="utf-8-sig")
    profile = _profile(examples)
    one = run_batch(data, profile, tmp_path / "one")
    two = run_batch(data, profile, tmp_path / "two", workers=2)
    for result in (one, two):
        assert result.rows == 100 and result.valid == 95
        assert result.written == 95 and result.failed_rows == 5
        assert [s.row for s in result.skipped] == [51, 103]
        rows = [e.row for e in result.entries]
        assert rows == sorted(rows) and len(rows) == 100
        failed = [e.row for e in result.entries if e.status == "failed"]
        assert failed == [2, 34, 35, 72, 102]
        assert all("31/02/2025" in e.errors for e in result.entries if e.status == "failed")
    assert (tmp_path / "one" / "manifest.csv").read_bytes() == \
        (tmp_path / "two" / "manifest.csv").read_bytes()
    numbers = [e.number for e in one.entries if e.status == "written"]
    assert numbers[0] == "101" and numbers[-1] == "195"


def test_every_check_of_the_first_pass_is_the_same_with_two_workers(tmp_path: Path,
                                                                   examples: Path) -> None:
    """Cleaning, checks, group rows, the days-late recount and duplicate codes run in the
    workers (the duplicate warning in order in the main process): same report, same files."""
    rows = []
    for i in range(90):
        code = "000.00.06.H56-251027-9999" if i in (10, 60) else f"000.00.06.H56-251027-{i:04d}"
        rows.append([code, "Cấp giấy phép xây dựng", f"Nguyễn Văn {i}", "", "27/10/2025 08:15",
                     "31/02/2025" if i in (5, 40) else "03/11/2025 17:00", "17/11/2025 17:00",
                     "9  Ngày" if i % 7 == 0 else "", "Chờ ý kiến"])
    rows.insert(30, ["II. Sở Xây dựng", "", "", "", "", "", "", "", ""])
    data = _write_csv(tmp_path / "d.csv", ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Đơn vị",
                                            "Ngày tiếp nhận", "Ngày hẹn trả",
                                            "Ngày hẹn trả mới", "Số ngày quá hạn", "Lý do"],
                      rows)
    profile = _profile(examples, issue_date=dt.date(2025, 11, 10), days_late="working_days",
                       group_field="processing_unit")
    one = run_batch(data, profile, tmp_path / "one")
    two = run_batch(data, profile, tmp_path / "two", workers=2)
    assert [p.message() for p in one.problems] == [p.message() for p in two.problems]
    reasons = " | ".join(p.reason for p in one.problems)
    assert "trùng với dòng 12" in reasons and "31/02/2025" in reasons
    assert "tính lại theo ngày làm việc được 5 ngày" in reasons
    assert one.written == two.written == 88 and one.failed_rows == 2
    for name in ("manifest.csv", MERGED_FILE):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    letters = sorted((tmp_path / "one" / LETTERS_DIR).iterdir())
    assert all(a.read_bytes() == (tmp_path / "two" / LETTERS_DIR / a.name).read_bytes()
               for a in letters)
    assert [r.row for r in one.skipped] == [r.row for r in two.skipped] == [32]


def test_honorific_from_the_cccd_only_when_the_profile_asks(tmp_path: Path,
                                                            examples: Path) -> None:
    data = tmp_path / "cccd.csv"
    _write_csv(data, ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Số CCCD", "Ngày tiếp nhận",
                      "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do"], [
        [code, "Cấp giấy phép xây dựng", name, cccd, "27/10/2025 08:15", "03/11/2025 17:00",
         "10/11/2025 17:00", "Chờ ý kiến phối hợp"]
        for code, name, cccd in [("H-1", "Nguyễn Văn An", "038090012345"),  # 0: man, 1900s
                                 ("H-2", "Trần Thị Bình", "001305000123"),  # 3: woman, 2000s
                                 ("H-3", "Lê Minh Châu", "123456789"),      # CMND: no sex
                                 ("H-4", "Công ty TNHH Hoà Bình", "038190012345")]])

    def greetings(**changes: object) -> list[str]:
        out = tmp_path / ("on" if changes else "off")
        run_batch(data, _profile(examples, **changes), out, merged=False)
        found = []
        for letter in sorted((out / LETTERS_DIR).iterdir()):
            found += [p.split(":", 1)[1].strip().rstrip(".")
                      for p in _paragraphs(letter) if p.startswith("Kính gửi")]
        return found

    assert greetings() == ["Ông/Bà Nguyễn Văn An", "Ông/Bà Trần Thị Bình",
                           "Ông/Bà Lê Minh Châu", "Công ty TNHH Hoà Bình"]
    assert greetings(honorific_from_id=True) == [
        "Ông Nguyễn Văn An", "Bà Trần Thị Bình", "Ông/Bà Lê Minh Châu", "Công ty TNHH Hoà Bình"]


def test_group_rows_carry_their_unit_down_when_the_profile_asks(tmp_path: Path,
                                                                examples: Path) -> None:
    from vnadmin_docs.errors import DataError

    data = tmp_path / "nhom.csv"
    rows = [("I. Sở Tư pháp", "", "", ""), ("H-1", "Lý lịch tư pháp", "Lê Văn A", ""),
            ("H-2", "Chứng thực", "Lê Văn B", "Phòng Hành chính tư pháp"),
            ("II. UBND xã Quảng Sơn", "", "", ""), ("H-3", "Khai sinh", "Lê Văn C", "")]
    dates = ["27/10/2025 08:15", "03/11/2025 17:00", "10/11/2025 17:00", "Chờ ý kiến"]
    _write_csv(data, ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Đơn vị xử lý", "Ngày tiếp nhận",
                      "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do"],
               [[code, proc, name, unit, *(dates if proc else ["", "", "", ""])]
                for code, proc, name, unit in rows])
    profile = _profile(examples, group_field="processing_unit",
                       file_name="{dossier_code}-{processing_unit}")
    result = run_batch(data, profile, tmp_path / "out", merged=False)
    assert [e.output_file for e in result.entries] == [
        "van-ban/H-1-Sở Tư pháp.docx", "van-ban/H-2-Phòng Hành chính tư pháp.docx",
        "van-ban/H-3-UBND xã Quảng Sơn.docx"]
    with pytest.raises(DataError) as info:
        run_batch(data, _profile(examples, group_field="ngay_nhan"), tmp_path / "bad")
    assert "group_field" in info.value.localized("vi") and "processing_unit" in str(info.value)
    assert not (tmp_path / "bad").exists()


def test_days_late_recounted_in_working_days_on_request(tmp_path: Path, examples: Path) -> None:
    data = tmp_path / "tre.csv"
    _write_csv(data, ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
                      "Ngày trả kết quả", "Ngày hẹn trả mới", "Số ngày quá hạn", "Lý do"], [
        ["H-1", "Khai sinh", "Lê Văn A", "27/10/2025 08:15", "03/11/2025 17:00", "",
         "14/11/2025 17:00", "8  Ngày", "Chờ ý kiến"],
        ["H-2", "Khai sinh", "Lê Văn B", "27/10/2025 08:15", "03/11/2025 17:00",
         "05/11/2025 10:00", "", "2", "Chờ ý kiến"],
        ["H-3", "Khai sinh", "Lê Văn C", "01/03/2027 08:15", "15/03/2027 17:00", "",
         "30/03/2027 17:00", "", "Chờ ý kiến"]])
    issued = dt.date(2025, 11, 10)  # Monday: 4–7 and 10 November are 5 working days
    sheet = run_batch(data, _profile(examples, issue_date=issued), tmp_path / "a", merged=False)
    assert sheet.written == 3 and not any("ngày làm việc" in p.reason for p in sheet.problems)
    recount = run_batch(data, _profile(examples, issue_date=issued, days_late="working_days"),
                        tmp_path / "b", merged=False)
    assert recount.written == 2 and recount.failed_rows == 1
    warned = [p for p in recount.problems if p.severity == "warning" and p.row == 2
              and "ngày làm việc" in p.reason]
    assert [p.reason for p in warned] == [
        "bảng tính ghi 8 ngày, tính lại theo ngày làm việc được 5 ngày; văn bản dùng số tính lại"]
    assert warned[0].column == "Số ngày quá hạn"
    failed = [p for p in recount.problems if p.row == 4 and p.severity == "error"]
    assert failed and "2027" in failed[0].reason and failed[0].column == "Ngày hẹn trả"
    first, second = sorted((tmp_path / "b" / LETTERS_DIR).iterdir())
    assert any("quá hạn 5 ngày" in p for p in _paragraphs(first))
    assert any("2 ngày" in p for p in _paragraphs(second))
    # the sheet's 2 days agree with the recount: nothing to say
    assert not any(p.row == 3 and "ngày làm việc" in p.reason for p in recount.problems)


def test_holiday_files_beside_the_profile_extend_the_calendar(tmp_path: Path,
                                                              examples: Path) -> None:
    from vnadmin_docs.errors import DataError

    (tmp_path / "nghi-2027.toml").write_text(
        "[years.2027]\ntet = [2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11]\n"
        "gio_to = 2027-04-16\nquoc_khanh_extra = 2027-09-03\n", encoding="utf-8")
    text = (examples / "profile.yml").read_text("utf-8")
    profile_path = tmp_path / "profile.yml"
    # a key written twice is refused (issue 13): replace the example's lines
    text = text.replace("days_late: sheet", "days_late: working_days").replace(
        "holidays: []", "holidays: [nghi-2027.toml]")
    profile_path.write_text(text, encoding="utf-8")
    profile = load_profile(profile_path)
    assert profile.holidays == [tmp_path / "nghi-2027.toml"]
    data = tmp_path / "tre.csv"
    data.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"
        "H-1,Khai sinh,Lê Văn A,01/02/2027 08:00,04/02/2027 17:00,20/02/2027 17:00,Chờ\n",
        encoding="utf-8")
    result = run_batch(data, profile.model_copy(update={"issue_date": dt.date(2027, 2, 15)}),
                       tmp_path / "out", merged=False)
    assert result.written == 1  # 5, 8–11/02 are Tết: 12 and 15/02 are the 2 working days
    letter = next((tmp_path / "out" / LETTERS_DIR).iterdir())
    assert any("quá hạn 2 ngày" in p for p in _paragraphs(letter))
    profile_path.write_text(text.replace("holidays: [nghi-2027.toml]",
                                         "holidays: [khong-co.toml]"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_profile(profile_path)
    assert "holidays.0" in info.value.localized("vi") and "khong-co.toml" in str(info.value)
