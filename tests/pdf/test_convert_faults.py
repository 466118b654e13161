"""A LibreOffice that hangs, crashes, drops files or writes junk never hangs or fools the batch.

These tests use a fake ``soffice`` (a small script) so each fault happens on demand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf.builders import (
    fake_calls,
    fake_hung_pids,
    fake_soffice,
    process_alive,
    write_docx,
)
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import SOFFICE_ENV, ConversionOptions, convert_files, convert_to_pdf


def _letters(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_docx(folder / f"thu-{i:02d}.docx", [t]) for i, t in enumerate(texts)]


def test_hung_libreoffice_is_killed_retried_once_then_the_file_is_named(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "hang")
    [letter] = _letters(tmp_path / "in", ["Thư xin lỗi ông Trần Văn B."])
    options = ConversionOptions(soffice=fake, idle_timeout=1.0)

    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([letter], tmp_path / "out", options)

    assert str(letter) in caught.value.message
    assert "bị treo" in caught.value.message
    assert caught.value.path == str(letter)
    assert len(fake_calls(fake)) == 2  # first attempt + one retry
    pids = fake_hung_pids(fake)
    assert len(pids) == 4  # fake + its child, twice
    assert not any(process_alive(pid) for pid in pids), "a hung LibreOffice was left running"
    assert not (tmp_path / "out" / "thu-00.pdf").exists()


def test_exit_code_zero_without_a_pdf_is_an_error(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "silent")
    [letter] = _letters(tmp_path / "in", ["Thư xin lỗi."])
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([letter], tmp_path / "out", ConversionOptions(soffice=fake))
    assert f"Không chuyển được tệp {letter} sang PDF" in caught.value.message
    assert "không tạo ra tệp PDF" in caught.value.message
    assert len(fake_calls(fake)) == 2


def test_output_that_is_not_a_pdf_is_an_error_and_the_old_pdf_stays(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "garbage")
    [letter] = _letters(tmp_path / "in", ["Thư xin lỗi."])
    previous = tmp_path / "out" / "thu-00.pdf"
    previous.parent.mkdir()
    previous.write_bytes(b"%PDF-old version kept")
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([letter], tmp_path / "out", ConversionOptions(soffice=fake))
    assert "không phải PDF" in caught.value.message
    assert previous.read_bytes() == b"%PDF-old version kept"
    assert sorted(p.name for p in previous.parent.iterdir()) == ["thu-00.pdf"]


def test_files_soffice_silently_ignores_are_noticed_and_converted(tmp_path: Path) -> None:
    # The real soffice stops after ~247 files with exit code 0; the fake stops after 3.
    fake = fake_soffice(tmp_path / "fake", "drop-after-3")
    letters = _letters(tmp_path / "in", [f"Thư số {i}." for i in range(5)])
    pdfs = convert_to_pdf(letters, tmp_path / "out", ConversionOptions(soffice=fake, processes=1))
    assert [p.name for p in pdfs] == [f"thu-{i:02d}.pdf" for i in range(5)]
    assert all(len(PdfReader(p).pages) == 1 for p in pdfs)
    assert len(fake_calls(fake)) == 2


def test_one_document_that_hangs_libreoffice_fails_alone(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "hang-on-marker")
    letters = _letters(tmp_path / "in", ["Thư một.", "Thư hai TREO.", "Thư ba.", "Thư bốn."])
    # Long enough for the fake to start and convert the good letters on a busy machine.
    options = ConversionOptions(soffice=fake, processes=1, idle_timeout=2.5)

    with pytest.raises(ConversionError) as caught:
        convert_to_pdf(letters, tmp_path / "out", options)

    message = caught.value.message
    assert f"Không chuyển được tệp {letters[1]} sang PDF" in message
    assert all(str(other) not in message for other in (letters[0], letters[2], letters[3]))
    produced = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert produced == ["thu-00.pdf", "thu-02.pdf", "thu-03.pdf"]
    assert not any(process_alive(pid) for pid in fake_hung_pids(fake))


def test_a_crash_names_the_document_and_the_exit_code(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "crash-on-marker")
    letters = _letters(tmp_path / "in", ["Thư HONG.", "Thư tốt."])
    options = ConversionOptions(soffice=fake, processes=1)
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf(letters, tmp_path / "out", options)
    assert f"Không chuyển được tệp {letters[0]} sang PDF" in caught.value.message
    assert "mã thoát 81" in caught.value.message
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["thu-01.pdf"]


def test_parallel_calls_use_separate_profile_folders(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    letters = _letters(tmp_path / "in", [f"Thư {i}." for i in range(6)])
    pdfs = convert_to_pdf(letters, None, ConversionOptions(soffice=fake, processes=2))
    assert pdfs == [p.with_suffix(".pdf") for p in letters]
    calls = fake_calls(fake)
    assert len(calls) == 2
    profiles = {arg for call in calls for arg in call if arg.startswith("-env:UserInstallation=")}
    assert len(profiles) == 2
    assert all(p.startswith("-env:UserInstallation=file:///") for p in profiles)


def test_soffice_from_the_environment_variable_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    monkeypatch.setenv(SOFFICE_ENV, str(fake))
    [letter] = _letters(tmp_path / "in", ["Thư."])
    [pdf] = convert_to_pdf([letter], tmp_path / "out")
    assert pdf == (tmp_path / "out" / "thu-00.pdf").absolute()
    assert len(fake_calls(fake)) == 1


def test_a_missing_source_is_named_before_anything_runs(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([tmp_path / "khong-co.docx"], None, ConversionOptions(soffice=fake))
    assert str(tmp_path / "khong-co.docx") in caught.value.message
    assert fake_calls(fake) == []


def test_two_sources_for_one_pdf_are_refused(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    a = _letters(tmp_path / "a", ["Thư A."])[0]
    b = _letters(tmp_path / "b", ["Thư B."])[0]
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([a, b], tmp_path / "out", ConversionOptions(soffice=fake))
    assert str(a) in caught.value.message and str(b) in caught.value.message
    assert fake_calls(fake) == []


def test_target_names_are_free(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    [letter] = _letters(tmp_path / "in", ["Thư."])
    target = tmp_path / "Phiếu xin lỗi - Nguyễn Thị Ánh.pdf"
    assert convert_files([(letter, target)], ConversionOptions(soffice=fake)) == [target]
    assert PdfReader(target).pages[0].extract_text().startswith("fake")
