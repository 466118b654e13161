"""``vnadmin-docs check`` as a clerk runs it: messages, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.check.corpus import build
from vnadmin_docs.cli.check import check


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(check, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_conformant_file_exits_0(tmp_path: Path) -> None:
    code, out, _ = _run(str(build(tmp_path / "dung.docx")))
    assert code == 0
    assert "dung.docx: đúng thể thức Nghị định 30" in out


def test_findings_exit_1_and_are_listed_in_vietnamese(tmp_path: Path) -> None:
    code, out, _ = _run(str(build(tmp_path / "sai.docx", so="Số: 5/SLĐTBXH-VP")))
    assert code == 1
    assert "[LỖI] R-SO-2" in out
    assert "yêu cầu: số “05”" in out


def test_warnings_pass_unless_fail_on_warning(tmp_path: Path) -> None:
    path = str(build(tmp_path / "canh-bao.docx", date="Gia Nghĩa, ngày 15 tháng 03 năm 2024"))
    assert _run(path)[0] == 0
    code, out, _ = _run(path, "--fail-on", "warning")
    assert code == 1
    assert "[CẢNH BÁO] R-DD-4" in out


def test_json_and_english(tmp_path: Path) -> None:
    path = build(tmp_path / "a.docx", motto="Độc lập – Tự do – Hạnh phúc")
    code, out, _ = _run(str(path), "--json", "--lang", "en")
    assert code == 1
    (report,) = json.loads(out)
    assert report["file"] == str(path)
    (finding,) = report["findings"]
    assert finding["rule"] == "R-QH-4"
    assert "en/em dash" in finding["found"]


def test_disable_switches_a_rule_off(tmp_path: Path) -> None:
    path = str(build(tmp_path / "a.docx", margins_mm=(20, 20, 25, 15)))
    assert _run(path, "--disable", "R-PAGE-3")[0] == 0


def test_unknown_rule_id_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run(str(build(tmp_path / "a.docx")), "--disable", "R-XYZ-1")
    assert code == 2
    assert "R-XYZ-1" in err


def test_unreadable_file_exits_2_naming_it_and_still_checks_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"\x00\x01 not a zip")
    good = build(tmp_path / "dung.docx")
    code, out, err = _run(str(bad), str(good))
    assert code == 2
    assert "hong.docx" in err
    assert "không phải tệp .docx hợp lệ" in err
    assert "dung.docx: đúng thể thức" in out


def test_profile_outside_the_law_exits_2(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("[margins]\ntop_mm = 40\n", encoding="utf-8")
    code, _, err = _run(str(build(tmp_path / "a.docx")), "--profile", str(profile), "--lang", "en")
    assert code == 2
    assert "top_mm" in err


def test_draft_accepts_a_blank_number(tmp_path: Path) -> None:
    path = str(build(tmp_path / "du-thao.docx", so="Số:      /SLĐTBXH-VP"))
    code, out, _ = _run(path, "--fail-on", "warning")
    assert code == 1
    assert "số văn bản để trống" in out
    assert "R-SO-11" in out and "R-SO-2 " not in out  # the draft's blanks, its own rule
    assert _run(path, "--draft", "--fail-on", "warning")[0] == 0


def test_a_drafts_blank_day_is_under_r_so_11_only(tmp_path: Path) -> None:
    path = str(build(tmp_path / "du-thao.docx", date="Gia Nghĩa, ngày    tháng 01 năm 2024"))
    code, out, _ = _run(path, "--fail-on", "warning", "--json")
    assert code == 1
    rules = {f["rule"] for f in json.loads(out)[0]["findings"]}
    assert rules == {"R-SO-11"}
    assert _run(path, "--draft", "--fail-on", "warning")[0] == 0


def test_language_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNADMIN_DOCS_LANG", "en")
    code, out, _ = _run(str(build(tmp_path / "a.docx", so="Số: 5/SLĐTBXH-VP")))
    assert code == 1
    assert "[ERROR] R-SO-2" in out


def test_attached_to_a_group_it_takes_the_group_language(tmp_path: Path) -> None:
    @click.group()
    @click.option("--lang", default=None)
    @click.pass_context
    def cli(ctx: click.Context, lang: str | None) -> None:
        ctx.ensure_object(dict)
        ctx.obj["lang"] = lang

    cli.add_command(check)
    path = str(build(tmp_path / "a.docx", so="Số: 5/SLĐTBXH-VP"))
    result = CliRunner().invoke(cli, ["--lang", "en", "check", path])
    assert result.exit_code == 1
    assert "required: number “05”" in result.stdout


def test_a_folder_or_a_missing_file_is_named(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path), str(tmp_path / "khong-co.docx"))
    assert code == 2
    assert f"{tmp_path} là một thư mục" in err
    assert "Không tìm thấy tệp" in err and "khong-co.docx" in err
