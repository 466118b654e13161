"""The CLI speaks the language chosen by --lang, then the environment, else Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CONG_VAN_EXAMPLE
from vnadmin_docs.cli.main import cli

LANG_VARS = ("VNADMIN_DOCS_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def run_render(tmp_path: Path, env: dict[str, str], *lang: str) -> str:
    out = tmp_path / "cv.docx"
    clean: dict[str, str | None] = dict.fromkeys(LANG_VARS)
    clean.update(env)
    result = CliRunner(env=clean).invoke(
        cli, [*lang, "render", "cong-van", str(CONG_VAN_EXAMPLE), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, (), "Đã tạo"),
        ({"LANG": "en_US.UTF-8"}, (), "Wrote"),
        ({"VNADMIN_DOCS_LANG": "en", "LANG": "vi_VN.UTF-8"}, (), "Wrote"),
        ({"VNADMIN_DOCS_LANG": "en"}, ("--lang", "vi"), "Đã tạo"),
        ({"LANG": "C.UTF-8"}, ("--lang", "en"), "Wrote"),
    ],
)
def test_render_message_language(
    tmp_path: Path, env: dict[str, str], args: tuple[str, ...], expected: str
) -> None:
    assert run_render(tmp_path, env, *args).startswith(expected)


def test_template_fields_in_english() -> None:
    result = CliRunner(env=dict.fromkeys(LANG_VARS)).invoke(
        cli, ["--lang", "en", "templates", "fields", "cong-van"]
    )
    assert result.exit_code == 0
    assert "required" in result.stdout and "bắt buộc" not in result.stdout


def test_wrong_output_suffix_message_in_vietnamese(tmp_path: Path) -> None:
    result = CliRunner(env=dict.fromkeys(LANG_VARS)).invoke(
        cli, ["render", "cong-van", str(CONG_VAN_EXAMPLE), "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2
    assert "tệp kết quả phải có đuôi .docx" in result.stderr
