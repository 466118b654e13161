"""What lands in the output folder: names from hostile data written for real, failures told
in Vietnamese, nothing half-written left behind."""

from __future__ import annotations

import csv
import os
import unicodedata
from pathlib import Path

import pytest

from vnadmin_docs.batch.filenames import render_file_name
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch
from vnadmin_docs.pdf import SOFFICE_ENV

HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                   *(f"{d}{i}" for d in ("COM", "LPT") for i in (*"123456789", "¹", "²", "³"))}


def _csv(path: Path, procedures: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows([f"000.00.06.H56-251027-{i:04d}", p, f"Nguyễn Văn {chr(65 + i)}",
                     "27/10/2025 08:15", "03/11/2025 17:00", "24/11/2025 17:00", "Chờ"]
                    for i, p in enumerate(procedures))
    return path


def test_long_vietnamese_names_fit_the_file_system(tmp_path: Path, examples: Path) -> None:
    # 120 characters of Vietnamese capitals are 360 bytes: over the 255-byte limit of a
    # file name on Linux and macOS.
    procedures = ["ĐĂNG KÝ BIẾN ĐỘNG QUYỀN SỬ DỤNG ĐẤT " * 4, "Ễ" * 120, "Ễ" * 119 + "A"]
    profile = load_profile(examples / "profile.yml").model_copy(
        update={"file_name": "{procedure_name}"})
    result = run_batch(_csv(tmp_path / "d.csv", procedures), profile, tmp_path / "out")
    assert result.failed_rows == 0 and result.written == 3
    names = os.listdir(tmp_path / "out" / LETTERS_DIR)
    assert len(names) == 3
    assert all(len(n.encode("utf-8")) <= 255 - len(".vnadmin-tmp-4194304-") for n in names)


def test_windows_device_names_are_never_given() -> None:
    for value in ["CON .txt", "con", "NUL.tar.gz", "COM¹", "lpt³.x", "CONIN$", "AUX  .  "]:
        name = render_file_name("{x}", {"x": value})
        assert name.split(".")[0].rstrip(" ").upper() not in WINDOWS_DEVICES, value


def test_names_differing_only_by_normalisation_or_case_do_not_collide(
        tmp_path: Path, examples: Path) -> None:
    nfc = "Thủ tục Đăng ký"
    procedures = [nfc, unicodedata.normalize("NFD", nfc), nfc.upper(), "Thu tuc Dang ky"]
    profile = load_profile(examples / "profile.yml").model_copy(
        update={"file_name": "{procedure_name}"})
    result = run_batch(_csv(tmp_path / "d.csv", procedures), profile, tmp_path / "out")
    names = sorted(os.listdir(tmp_path / "out" / LETTERS_DIR))
    assert result.written == 4 and len(names) == 4
    assert len({unicodedata.normalize("NFC", n).casefold() for n in names}) == 4


def test_a_letter_that_cannot_be_written_is_reported_in_vietnamese(tmp_path: Path,
                                                                  examples: Path) -> None:
    profile = load_profile(examples / "profile.yml").model_copy(
        update={"file_name": "{procedure_name}"})
    blocked = tmp_path / "out" / LETTERS_DIR / "Cấp phép.docx"
    blocked.mkdir(parents=True)  # a folder where the letter should go
    result = run_batch(_csv(tmp_path / "d.csv", ["Cấp phép", "Đăng ký"]), profile,
                       tmp_path / "out")
    assert result.written == 1 and result.failed_rows == 1 and result.exit_code == 1
    failed = [e for e in result.entries if e.status == "failed"]
    assert failed[0].errors.startswith("không ghi được tệp văn bản: ")
    assert "OSError" not in failed[0].errors and "Error(" not in failed[0].errors


def test_a_print_pdf_cut_short_by_a_kill_is_swept(tmp_path: Path, examples: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # merge_pdfs writes tat-ca-de-in.pdf through ".tat-ca-de-in.<random>.part" beside it; a
    # kill -9 while it is written leaves that file in the output folder.
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".tat-ca-de-in.k3j_x9q2.part"
    left.write_bytes(b"%PDF-1.7 half")
    (out / "tat-ca-de-in.pdf.txt").write_bytes(b"the clerk's")
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "khong-co" / "soffice"))  # fast: no PDFs
    result = run_batch(_csv(tmp_path / "d.csv", ["Cấp phép"]),
                       load_profile(examples / "profile.yml"), out, pdf=True)
    assert result.written == 1 and result.pdf_error is not None
    assert not left.exists()
    assert (out / "tat-ca-de-in.pdf.txt").exists()


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from vnadmin_docs.cli.main import cli

    res = CliRunner().invoke(cli, ["batch", "xin-loi", *args])
    return res.exit_code, res.output


@pytest.mark.parametrize("where", ["parent-is-a-file", "van-ban-is-a-file",
                                   "van-ban-links-out", "pdf-links-out", "merged-links-out"])
def test_an_unusable_output_folder_exits_2_with_a_vietnamese_reason(
        where: str, tmp_path: Path, examples: Path) -> None:
    data = _csv(tmp_path / "d.csv", ["Cấp phép"])
    elsewhere = tmp_path / "nơi khác"
    elsewhere.mkdir()
    out = tmp_path / "kết quả"
    out.mkdir()
    if where == "parent-is-a-file":
        (tmp_path / "tệp").write_text("x")
        out = tmp_path / "tệp" / "kết quả"
    elif where == "van-ban-is-a-file":
        (out / LETTERS_DIR).write_text("x")
    elif where == "van-ban-links-out":
        (out / LETTERS_DIR).symlink_to(elsewhere, target_is_directory=True)
    elif where == "pdf-links-out":
        (out / "pdf").symlink_to(elsewhere, target_is_directory=True)
    else:
        (out / "tat-ca-de-in.docx").symlink_to(elsewhere / "x.docx")
    db = tmp_path / "so.sqlite3"
    code, output = _cli(str(data), "--profile", str(examples / "profile.yml"), "-o", str(out),
                        "--pdf", "--assign-number", "--db", str(db))
    assert code == 2, output
    assert "Không dùng được thư mục kết quả" in output and "Traceback" not in output
    assert list(elsewhere.iterdir()) == []
    from vnadmin_docs.registry import Register

    with Register.open(db) as book:  # no number was taken for a run that could not start
        assert book.list() == []


def test_a_misspelt_name_in_the_file_name_pattern_is_refused_before_anything_is_written(
        tmp_path: Path, examples: Path) -> None:
    from vnadmin_docs.errors import DataError

    profile = load_profile(examples / "profile.yml").model_copy(
        update={"file_name": "{number:03d}-{ma_ho_so}"})
    with pytest.raises(DataError) as caught:
        run_batch(_csv(tmp_path / "d.csv", ["Cấp phép", "Đăng ký"]), profile, tmp_path / "o")
    message = caught.value.localized("vi")
    assert "ma_ho_so" in message and "dossier_code" in message
    assert not (tmp_path / "o").exists()


def test_a_file_name_pattern_missing_a_brace_is_refused_not_a_traceback(
        tmp_path: Path, examples: Path) -> None:
    from vnadmin_docs.errors import DataError

    profile = load_profile(examples / "profile.yml").model_copy(
        update={"file_name": "{number:03d}-{dossier_code"})
    with pytest.raises(DataError) as caught:
        run_batch(_csv(tmp_path / "d.csv", ["Cấp phép"]), profile, tmp_path / "o")
    assert "mẫu tên tệp không hợp lệ" in caught.value.localized("vi")
    assert "file_name" in caught.value.localized("vi")
    assert not (tmp_path / "o").exists()


def test_the_zip_is_the_same_bytes_whenever_it_is_made(tmp_path: Path, examples: Path) -> None:
    import zipfile

    profile = load_profile(examples / "profile.yml")
    data = _csv(tmp_path / "d.csv", ["Cấp phép", "Đăng ký"])
    one = run_batch(data, profile, tmp_path / "one", make_zip=True)
    two = run_batch(data, profile, tmp_path / "two", make_zip=True, workers=2)
    for letter in (tmp_path / "two" / LETTERS_DIR).iterdir():  # as if written years ago
        os.utime(letter, (1e9, 1e9))
    (tmp_path / "two" / "van-ban.zip").unlink()
    again = run_batch(data, profile, tmp_path / "two", make_zip=True)
    assert one.archive is not None and two.archive is not None and again.archive is not None
    with zipfile.ZipFile(one.archive) as zf:
        issued = profile.issue_date
        assert issued is not None
        assert {i.date_time for i in zf.infolist()} == {
            (issued.year, issued.month, issued.day, 0, 0, 0)}  # the issue date
        assert len(zf.namelist()) == 5
    # the manifests differ ("written" / "unchanged"); every other entry is the same bytes
    with zipfile.ZipFile(one.archive) as a, zipfile.ZipFile(again.archive) as b:
        for name in a.namelist():
            if not name.startswith("manifest"):
                assert a.getinfo(name).date_time == b.getinfo(name).date_time
                assert a.read(name) == b.read(name)


def test_a_second_run_into_a_folder_in_use_is_refused_not_interleaved(
        tmp_path: Path, examples: Path) -> None:
    from vnadmin_docs._files import TMP_MARK, folder_lock

    data = _csv(tmp_path / "d.csv", ["Cấp phép", "Đăng ký"])
    out = tmp_path / "out"
    out.mkdir()
    in_flight = out / f"{TMP_MARK}999999-tat-ca-de-in.docx"  # the other run's temp file
    with folder_lock(out):  # as another process writing into the folder holds it
        in_flight.write_bytes(b"PK half")
        code, output = _cli(str(data), "--profile", str(examples / "profile.yml"),
                            "-o", str(out))
        assert code == 2 and "một lần chạy khác đang ghi vào thư mục này" in output
        assert in_flight.exists()  # not swept from under the other run
        assert not (out / LETTERS_DIR).exists()
    code, _ = _cli(str(data), "--profile", str(examples / "profile.yml"), "-o", str(out))
    assert code == 0 and not in_flight.exists()  # lock released (also by kill -9): it runs
    assert len(list((out / LETTERS_DIR).iterdir())) == 2
