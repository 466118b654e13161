"""Templates are contracts: front matter checked, every variable declared, errors located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2.meta
import pytest

import vnadmin_docs
from vnadmin_docs import DataError, TemplateError
from vnadmin_docs.content import TemplateLibrary, parse_template
from vnadmin_docs.content.environment import make_environment

# Names every template may use without declaring them: the common document data.
COMMON = {"doc", "issuer", "signer", "number", "date", "subject"}


def builtin_specs() -> list[Any]:
    return TemplateLibrary().all()


def test_builtin_templates_ship_and_include_cong_van() -> None:
    ids = {s.id for s in builtin_specs()}
    assert "cong-van" in ids
    assert all(s.builtin for s in builtin_specs())


@pytest.mark.parametrize("spec", builtin_specs(), ids=lambda s: s.id)
def test_every_variable_a_builtin_template_uses_is_declared(spec: Any) -> None:
    env = make_environment(TemplateLibrary().search_path, sandboxed=False)
    used = jinja2.meta.find_undeclared_variables(env.parse(spec.body))
    declared = {f.name for f in spec.fields} | COMMON
    assert used <= declared, f"undeclared: {sorted(used - declared)}"


def write(tmp_path: Path, text: str, name: str = "mau.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_front_matter_key_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "---\nid: x\nlayout: cong-van\nlayuot: y\n---\nx\n")
    with pytest.raises(TemplateError) as info:
        parse_template(path)
    assert info.value.line == 4 and "layuot" in info.value.message


def test_unknown_field_type_names_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "---\nid: x\nlayout: cong-van\nfields:\n  a: {type: txt}\n---\n{{ a }}\n"
    )
    with pytest.raises(TemplateError) as info:
        parse_template(path)
    assert info.value.line == 5 and "txt" in info.value.message


def test_template_without_front_matter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="---"):
        parse_template(write(tmp_path, "Chỉ có nội dung\n"))


def data_with(content: dict[str, Any], cong_van_data: dict[str, Any]) -> dict[str, Any]:
    return {**cong_van_data, "content": content}


def test_undefined_variable_error_names_the_file_line(
    tmp_path: Path, cong_van_data: dict[str, Any]
) -> None:
    write(
        tmp_path,
        "---\nid: thu\nlayout: cong-van\nfields:\n  a: {type: text}\n---\n"
        "Dòng một {{ a }}.\n\nDòng hai {{ khong_co }}.\n",
        name="thu.md",
    )
    with pytest.raises(TemplateError) as info:
        vnadmin_docs.render("thu", data_with({"a": "x"}, cong_van_data), template_dirs=[tmp_path])
    assert info.value.line == 9 and "khong_co" in info.value.message


def test_jinja_syntax_error_names_the_file_line(
    tmp_path: Path, cong_van_data: dict[str, Any]
) -> None:
    write(tmp_path, "---\nid: thu\nlayout: cong-van\n---\nMột.\n\n{% if %}\n", name="thu.md")
    with pytest.raises(TemplateError) as info:
        vnadmin_docs.render("thu", data_with({}, cong_van_data), template_dirs=[tmp_path])
    assert info.value.line == 7


def test_user_folder_shadows_builtin_and_runs_sandboxed(
    tmp_path: Path, cong_van_data: dict[str, Any]
) -> None:
    write(
        tmp_path,
        "---\nid: cong-van\nlayout: cong-van\n---\n{{ ''.__class__.__mro__ }}\n",
        name="cong-van.md",
    )
    with pytest.raises(TemplateError):  # the sandbox refuses attribute access to internals
        vnadmin_docs.render("cong-van", data_with({}, cong_van_data), template_dirs=[tmp_path])


def test_text_field_values_are_escaped_in_the_body(
    tmp_path: Path, cong_van_data: dict[str, Any]
) -> None:
    write(
        tmp_path,
        "---\nid: thu\nlayout: cong-van\nfields:\n  ten: {type: text, required: true}\n"
        "---\nKính chào {{ ten }} và **bạn**.\n",
        name="thu.md",
    )
    hostile = "*Lan* _x_ # | <b> & ]]> 1. - [a](b) `c`"
    doc = vnadmin_docs.render(
        "thu", data_with({"ten": hostile}, cong_van_data), template_dirs=[tmp_path]
    )
    body = [p for p in doc.page_model.sections[0].body if getattr(p, "role", "") == "body"]
    assert body[0].text == f"Kính chào {hostile} và bạn./."
    assert [r.bold for r in body[0].runs if r.text == "bạn"] == [True]


def test_missing_and_unknown_content_fields_are_reported_together(
    tmp_path: Path, cong_van_data: dict[str, Any]
) -> None:
    write(
        tmp_path,
        "---\nid: thu\nlayout: cong-van\nfields:\n"
        "  ten: {type: text, required: true, label: Họ tên}\n  so: {type: int}\n---\n{{ ten }}\n",
        name="thu.md",
    )
    data = data_with({"so": "mười", "ghi_chu": "x"}, cong_van_data)
    data["subject"] = ""
    with pytest.raises(DataError) as info:
        vnadmin_docs.render("thu", data, template_dirs=[tmp_path])
    assert sorted(p.path for p in info.value.problems) == [
        "content.ghi_chu",
        "content.so",
        "content.ten",
        "subject",
    ]
    assert "Họ tên" in info.value.message
