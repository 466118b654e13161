"""A file of the run that is open in another program. On Windows Word and Excel keep the files
they open from being replaced: ``os.replace`` raises PermissionError (WinError 32). Simulated
here by refusing the rename onto that one name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnadmin_docs.batch import OutputFolderError, load_profile, run_batch
from vnadmin_docs.cli.main import cli

BUSY = "The process cannot access the file because it is being used by another process"


def _held_open(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if os.fspath(dst).endswith(name):
            raise PermissionError(13, BUSY, os.fspath(src), 32, os.fspath(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("name", ["tat-ca-de-in.docx", "manifest.csv"])
def test_the_clerk_is_told_to_close_the_file_and_a_rerun_completes(
        tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    args = ["batch", "xin-loi", str(examples / "ho-so-tre-han.xlsx"),
            "--profile", str(examples / "profile.yml"), "-o", str(tmp_path / "out")]
    with monkeypatch.context() as m:
        _held_open(m, name)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert f"không ghi được tệp “{name}”" in result.output
    assert "hãy đóng tệp rồi chạy lại" in result.output
    assert "Traceback" not in result.output
    again = CliRunner().invoke(cli, args)  # the file was closed
    assert again.exit_code == 1  # the three bad rows of the example
    assert (tmp_path / "out" / "manifest.csv").exists()
    assert (tmp_path / "out" / "tat-ca-de-in.docx").exists()


def test_the_error_is_bilingual_for_a_developer(
        tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _held_open(monkeypatch, "manifest.json")
    with pytest.raises(OutputFolderError) as caught:
        run_batch(examples / "ho-so-tre-han.xlsx", load_profile(examples / "profile.yml"),
                  tmp_path / "out")
    assert "“manifest.json”" in caught.value.localized("vi")
    assert "cannot write “manifest.json” (it is open in another program" in \
        caught.value.localized("en")


def test_a_letter_open_in_word_is_reported_on_its_row(
        tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _held_open(monkeypatch, "Nguyễn Thị Hương.docx")
    result = run_batch(examples / "ho-so-tre-han.xlsx", load_profile(examples / "profile.yml"),
                       tmp_path / "out")
    [row] = [e for e in result.entries if e.row == 11]
    assert row.status == "failed"
    assert row.errors == ("không ghi được tệp văn bản: tệp đang mở trong chương trình khác như "
                          "Word, Excel, trình đọc PDF, hoặc không được phép ghi: hãy đóng tệp "
                          "rồi chạy lại")
