"""The clerk's commands: messages in Vietnamese, exit codes, nothing written on bad data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from tests.conftest import CONG_VAN_EXAMPLE
from vnadmin_docs.cli.main import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_writes_the_docx(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "cv.docx"
    code, stdout, _ = run("render", "cong-van", str(CONG_VAN_EXAMPLE), "-o", str(out))
    assert code == 0 and out.read_bytes()[:2] == b"PK"
    assert "Đã tạo" in stdout
    assert [p.name for p in out.parent.iterdir()] == ["cv.docx"]  # no temporary file left


def test_bad_data_lists_every_problem_in_vietnamese_exit_2_nothing_written(tmp_path: Path) -> None:
    data = yaml.safe_load(CONG_VAN_EXAMPLE.read_text(encoding="utf-8"))
    del data["signer"]["full_name"]
    data["issuer"]["place"] = "đắk nông"
    data["date"] = "32/13/2023"
    data["addressees"] = []
    bad = tmp_path / "sai.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "cv.docx"
    code, _, stderr = run("render", "cong-van", str(bad), "-o", str(out))
    assert code == 2 and not out.exists()
    assert "sai.yaml" in stderr
    for path in ("signer.full_name", "issuer.place", "date", "addressees"):
        assert path in stderr
    assert "thiếu trường bắt buộc" in stderr and "Traceback" not in stderr


def test_english_messages_on_request(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("issuer: {}\n", encoding="utf-8")
    code, _, stderr = run(
        "--lang", "en", "render", "cong-van", str(bad), "-o", str(tmp_path / "x.docx")
    )
    assert code == 2 and "not valid" in stderr and "issuer.name" in stderr


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "hong.yaml"
    bad.write_text("issuer:\n  name: [SỞ\nsigner: x\n", encoding="utf-8")
    code, _, stderr = run("render", "cong-van", str(bad), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "hong.yaml:" in stderr and "YAML" in stderr


def test_unknown_template_lists_available_ones(tmp_path: Path) -> None:
    code, _, stderr = run(
        "render", "cong-vanx", str(CONG_VAN_EXAMPLE), "-o", str(tmp_path / "x.docx")
    )
    assert code == 2 and "cong-van" in stderr and "không tìm thấy mẫu" in stderr


def test_templates_lists_builtin_templates_and_fields() -> None:
    code, stdout, _ = run("templates")
    assert code == 0 and "cong-van" in stdout and "body" in stdout
    code, stdout, _ = run("templates", "fields", "cong-van")
    assert code == 0 and "Nội dung công văn" in stdout


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vnadmin_docs", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "render" in proc.stdout
