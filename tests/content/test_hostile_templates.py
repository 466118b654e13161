"""Hostile templates (issue 13): a link in a template folder is refused, never followed, and
every sandbox limit is a TemplateError naming the file and the line — no traceback, no
gigabytes."""

from __future__ import annotations

import resource
from pathlib import Path
from typing import Any

import pytest

import vnadmin_docs
from vnadmin_docs import TemplateError

HEAD = "---\nid: thu\nlayout: cong-van\n---\n"  # the body starts on line 5


def _render(tmp_path: Path, body: str, data: dict[str, Any]) -> TemplateError:
    (tmp_path / "thu.md").write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        vnadmin_docs.render("thu", {**data, "content": {}}, template_dirs=[tmp_path])
    return info.value


def test_an_include_through_a_symbolic_link_is_refused_not_followed(
        tmp_path: Path, cong_van_data: dict[str, Any]) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("MẬT KHẨU BÍ MẬT", encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "lien-ket").symlink_to(secret)
    err = _render(folder, "Một.\n\n{% include 'lien-ket' %}\n", cong_van_data)
    assert "liên kết" in err.message and "lien-ket" in err.message
    assert "BÍ MẬT" not in err.message


def test_an_include_inside_a_linked_subfolder_is_refused(
        tmp_path: Path, cong_van_data: dict[str, Any]) -> None:
    elsewhere = tmp_path / "khac"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("BÍ MẬT", encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "con").symlink_to(elsewhere, target_is_directory=True)
    err = _render(folder, "{% include 'con/x.md' %}\n", cong_van_data)
    assert "liên kết" in err.message


def test_a_plain_include_still_works(tmp_path: Path, cong_van_data: dict[str, Any]) -> None:
    (tmp_path / "_phan.md").write_text("Đoạn dùng chung.\n", encoding="utf-8")
    (tmp_path / "thu.md").write_text(HEAD + "{% include '_phan.md' %}\n", encoding="utf-8")
    doc = vnadmin_docs.render("thu", {**cong_van_data, "content": {}}, template_dirs=[tmp_path])
    assert "Đoạn dùng chung." in repr(doc.page_model)


@pytest.mark.parametrize(("body", "line", "words"), [
    ("Một.\n\n{% for i in range(10**9) %}{{ i }}{% endfor %}\n", 7, "range"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}\n{{ m(1) }}\n", None, "quá sâu"),
    ("Một.\n{{ 'a' * 100000000 }}\n", 6, "phép nhân"),
    ("{{ [1] * 100000000 }}\n", 5, "phép nhân"),
    ("{{ 10 ** 10000000 }}\n", 5, "lũy thừa"),
    ("{% for i in range(99999) %}{{ 'x' * 100 }}{% endfor %}\n", None, "văn bản"),
    ("{% set s = 'x' * 100000 %}{{ s ~ s ~ s }}\n", 5, "giá trị in ra"),
])
def test_each_sandbox_limit_is_a_template_error_naming_file_and_line(
        body: str, line: int | None, words: str, tmp_path: Path,
        cong_van_data: dict[str, Any]) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (1 << 31, hard))  # 2 GB: a limit that leaks fails
    try:
        err = _render(tmp_path, body, cong_van_data)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert "thu.md" in err.message and words in err.message, err.message
    if line is not None:
        assert err.line == line, err.message
