"""Running again into the same folder after the data changed: the folder ends up holding the
letters of the new data and nothing else the tool wrote, and the manifest says so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, MERGED_FILE, run_batch

HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _row(i: int, name: str, new_due: str = "24/11/2025 17:00") -> list[str]:
    return [f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng", name,
            "27/10/2025 08:15", "03/11/2025 17:00", new_due, "Chờ ý kiến cơ quan phối hợp"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _on_disk(out: Path) -> set[str]:
    return {f"{LETTERS_DIR}/{p.name}" for p in (out / LETTERS_DIR).iterdir()}


def test_removed_and_renumbered_letters_do_not_stay_beside_the_new_ones(
        tmp_path: Path, examples: Path) -> None:
    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "kết quả"
    rows = [_row(i, f"Nguyễn Văn {chr(65 + i)}") for i in range(6)]
    first = run_batch(_csv(tmp_path / "a.csv", rows), profile, out)
    assert first.written == 6
    mine = out / LETTERS_DIR / "ghi-chu-cua-van-thu.docx"  # the clerk's own file
    mine.write_bytes(b"not ours")
    # Row 3 edited, row 4 removed, one row added: letters after row 4 get a new number.
    rows[2] = _row(2, "Trần Thị Sửa")
    del rows[3]
    rows.append(_row(9, "Hồ Văn Thêm"))
    again = run_batch(_csv(tmp_path / "b.csv", rows), profile, out)
    listed = {e.output_file for e in again.entries}
    assert len(listed) == 6
    assert _on_disk(out) == listed | {f"{LETTERS_DIR}/{mine.name}"}
    assert again.unchanged == 2 and again.written == 4
    # the edited row's, the removed row's and two renumbered letters: moved aside, kept
    assert len(again.retired) == 4
    assert {f"{LETTERS_DIR}/{p.name}" for p in (out / "cu" / LETTERS_DIR).iterdir()} == \
        set(again.retired)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["summary"][
        "moved_to_cu"] == list(again.retired)
    assert not [n for n in _on_disk(out) if "0003" in n]  # the removed dossier
    assert [n for n in _on_disk(out) if "0002" in n] == [
        f"{LETTERS_DIR}/103-000.00.06.H56-251027-0002-Trần Thị Sửa.docx"]


def test_a_letter_the_clerk_changed_by_hand_is_never_deleted(tmp_path: Path,
                                                             examples: Path) -> None:
    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    rows = [_row(i, f"Lê Văn {chr(65 + i)}") for i in range(3)]
    run_batch(_csv(tmp_path / "a.csv", rows), profile, out)
    edited = out / LETTERS_DIR / "103-000.00.06.H56-251027-0002-Lê Văn C.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    again = run_batch(_csv(tmp_path / "b.csv", rows[:2]), profile, out)
    assert again.retired == ()
    assert edited.exists() and not (out / "cu").exists()


def test_letters_retired_twice_under_one_name_are_both_kept(tmp_path: Path,
                                                            examples: Path) -> None:
    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    profile = profile.model_copy(update={"file_name": "{number:03d}"})
    for name in ("Đỗ Văn A", "Đỗ Văn B", "Đỗ Văn C"):
        # Mai Thị X is letter 102, then (the row before hers removed) 101: "102.docx" of
        # each round is retired, and rounds do not overwrite each other in cu/.
        run_batch(_csv(tmp_path / "a.csv", [_row(1, name), _row(2, "Mai Thị X")]), profile,
                  out)
        run_batch(_csv(tmp_path / "b.csv", [_row(2, "Mai Thị X")]), profile, out)
    old = sorted(p.name for p in (out / "cu" / LETTERS_DIR).iterdir())
    assert old == ["102 (2).docx", "102 (3).docx", "102.docx"]
    assert sorted(p.name for p in (out / LETTERS_DIR).iterdir()) == ["101.docx"]


def test_a_rerun_where_no_row_is_good_leaves_no_old_merged_file(tmp_path: Path,
                                                                examples: Path) -> None:
    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    run_batch(_csv(tmp_path / "a.csv", [_row(1, "Phạm Văn A")]), profile, out)
    assert (out / MERGED_FILE).exists()
    bad = run_batch(_csv(tmp_path / "b.csv", [_row(1, "Phạm Văn A", "01/11/2025")]),
                    profile, out)
    assert bad.failed_rows == 1 and bad.merged is None
    assert not (out / MERGED_FILE).exists() and (out / "cu" / MERGED_FILE).exists()
    assert list((out / LETTERS_DIR).iterdir()) == []
    assert [e.status for e in bad.entries] == ["failed"]


def test_pdfs_of_an_older_letter_are_moved_aside_by_a_run_without_pdf(
        tmp_path: Path, examples: Path) -> None:
    """Run 1 with --pdf; a date corrected; run 2 without --pdf (the README command): the
    corrected letter's old PDF and the old print PDF must not wait in pdf/ to be printed."""
    from tests.pdf.builders import fake_soffice
    from vnadmin_docs.batch.run import PDF_DIR, PRINT_PDF
    from vnadmin_docs.pdf import ConversionOptions

    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    rows = [_row(i, f"Nguyễn Văn {chr(65 + i)}") for i in range(4)]
    options = ConversionOptions(soffice=fake_soffice(tmp_path / "fake", "ok"), processes=1)
    first = run_batch(_csv(tmp_path / "a.csv", rows), profile, out, pdf=True,
                      pdf_options=options)
    assert first.pdf_converted == 4 and (out / PRINT_PDF).is_file()
    rows[1] = _row(1, "Nguyễn Văn B", new_due="28/11/2025 17:00")  # same file name
    again = run_batch(_csv(tmp_path / "b.csv", rows), profile, out)
    assert again.written == 1 and again.unchanged == 3
    changed = "102-000.00.06.H56-251027-0001-Nguyễn Văn B.pdf"
    assert set(again.retired) == {f"{PDF_DIR}/{changed}", PRINT_PDF}
    assert not (out / PDF_DIR / changed).exists() and not (out / PRINT_PDF).exists()
    assert (out / "cu" / PDF_DIR / changed).is_file() and (out / "cu" / PRINT_PDF).is_file()
    assert len(list((out / PDF_DIR).iterdir())) == 3  # the unchanged letters' PDFs stay
    # nothing changed: nothing more moves
    assert run_batch(_csv(tmp_path / "b.csv", rows), profile, out).retired == ()


def test_an_old_zip_is_moved_aside_when_the_letters_changed(tmp_path: Path,
                                                            examples: Path) -> None:
    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    rows = [_row(i, f"Nguyễn Văn {chr(65 + i)}") for i in range(3)]
    assert run_batch(_csv(tmp_path / "a.csv", rows), profile, out, make_zip=True).archive
    # unchanged data, no --zip: the zip still holds these letters and stays
    assert run_batch(_csv(tmp_path / "a.csv", rows), profile, out).retired == ()
    assert (out / "van-ban.zip").is_file()
    rows[0] = _row(0, "Nguyễn Văn A", new_due="28/11/2025 17:00")
    again = run_batch(_csv(tmp_path / "b.csv", rows), profile, out)
    assert again.retired == ("van-ban.zip",)
    assert (out / "cu" / "van-ban.zip").is_file() and not (out / "van-ban.zip").exists()


def test_a_letter_edited_by_hand_is_set_aside_never_overwritten(tmp_path: Path,
                                                                examples: Path) -> None:
    import zipfile

    from vnadmin_docs.batch.manifest import STATE_FILE

    profile = load_profile(examples / "profile.yml")
    out = tmp_path / "out"
    data = _csv(tmp_path / "a.csv", [_row(i, f"Nguyễn Văn {chr(65 + i)}") for i in range(3)])
    run_batch(data, profile, out)
    letter = sorted((out / LETTERS_DIR).iterdir())[1]
    original = letter.read_bytes()
    with zipfile.ZipFile(letter) as zf:  # the clerk corrects a word in Word and saves
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "Chờ ý kiến".encode(), "Đang chờ ý kiến".encode())
    with zipfile.ZipFile(letter, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    edited = letter.read_bytes()
    again = run_batch(data, profile, out)
    assert again.written == 1 and letter.read_bytes() == original
    assert again.retired == (f"{LETTERS_DIR}/{letter.name}",)
    assert (out / "cu" / LETTERS_DIR / letter.name).read_bytes() == edited
    # A letter written just before a kill, not yet in the journal, is the same bytes: it is
    # replaced in place, nothing is set aside.
    (out / STATE_FILE).unlink()
    third = run_batch(data, profile, out)
    assert third.written == 3 and third.retired == ()
    assert len(list((out / "cu" / LETTERS_DIR).iterdir())) == 1
