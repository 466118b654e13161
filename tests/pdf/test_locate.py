"""Finding LibreOffice, and the message a clerk gets when it is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf.builders import fake_soffice, hide_libreoffice, write_docx
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import SOFFICE_ENV, convert_to_pdf, find_soffice


def _assert_install_advice(message: str) -> None:
    assert "Không tìm thấy LibreOffice" in message
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in message
    assert "https://www.libreoffice.org/download/" in message
    assert SOFFICE_ENV in message


def test_missing_libreoffice_says_how_to_install_it(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty), "ProgramFiles": str(tmp_path / "pf")}
    with pytest.raises(ConversionError) as caught:
        find_soffice(env, platform="win32")
    _assert_install_advice(caught.value.message)
    assert "Debian/Ubuntu: sudo apt-get install" in caught.value.message_en


def test_convert_without_libreoffice_raises_the_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_libreoffice(tmp_path, monkeypatch)
    source = write_docx(tmp_path / "thu.docx", ["Kính gửi ông Nguyễn Văn A."])
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([source])
    _assert_install_advice(caught.value.message)
    assert not (tmp_path / "thu.pdf").exists()


def test_environment_variable_wins_over_path(tmp_path: Path) -> None:
    chosen = fake_soffice(tmp_path / "chosen", "ok")
    on_path = fake_soffice(tmp_path / "onpath", "ok")
    env = {"PATH": str(on_path.parent), SOFFICE_ENV: str(chosen)}
    assert find_soffice(env, platform="linux") == chosen


def test_environment_variable_may_name_the_install_folder(tmp_path: Path) -> None:
    program = fake_soffice(tmp_path / "LibreOffice" / "program", "ok")
    env = {"PATH": "", SOFFICE_ENV: str(tmp_path / "LibreOffice")}
    assert find_soffice(env, platform="linux") == program


def test_environment_variable_pointing_nowhere_is_named_in_the_message(tmp_path: Path) -> None:
    env = {"PATH": "", SOFFICE_ENV: str(tmp_path / "khong-co" / "soffice")}
    with pytest.raises(ConversionError) as caught:
        find_soffice(env, platform="linux")
    assert SOFFICE_ENV in caught.value.message
    assert str(tmp_path / "khong-co" / "soffice") in caught.value.message


def test_libreoffice_is_found_under_the_libreoffice_name_on_path(tmp_path: Path) -> None:
    program = fake_soffice(tmp_path / "bin", "ok", name="libreoffice")
    assert find_soffice({"PATH": str(program.parent)}, platform="linux") == program


def test_windows_install_folders_are_searched(tmp_path: Path) -> None:
    x86 = tmp_path / "Program Files (x86)"
    exe = x86 / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    env = {
        "PATH": str(tmp_path / "nothing"),
        "ProgramFiles": str(tmp_path / "Program Files"),
        "ProgramFiles(x86)": str(x86),
    }
    assert find_soffice(env, platform="win32") == exe
