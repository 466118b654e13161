"""Mẫu 1.4 for all 27 types of Phụ lục III and appendices as their own sections (Mẫu 2.1),
checked in the .docx a clerk opens."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx

import vnadmin_docs
from vnadmin_docs.errors import DataError
from vnadmin_docs.layout.rules import load_decree30

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPES: dict[str, str] = load_decree30()["types"]["abbreviations"]


def _data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "issuer": {
            "superior": "UBND TỈNH NINH BÌNH",
            "name": "SỞ TƯ PHÁP",
            "name_in_text": "Sở Tư pháp",
            "abbreviation": "STP",
            "place": "Ninh Bình",
        },
        "number": {"number": 7},
        "date": "2024-03-05",
        "subject": "Về việc thử nghiệm mẫu văn bản",
        "signer": {"title": "Giám đốc", "full_name": "Trần Văn Minh"},
        "archive": {"unit": "VP"},
        "content": {"body": "Nội dung văn bản."},
    }
    data.update(extra)
    return data


def _template(tmp_path: Path, type_name: str) -> Path:
    path = tmp_path / "loai.md"
    path.write_text(
        f"---\nid: loai\nlayout: ten-loai\ntype_name: {type_name}\nfields:\n"
        "  body: {type: markup, required: true}\n---\n{{ body }}\n",
        encoding="utf-8",
    )
    return path


def _texts(docx_bytes: bytes) -> list[str]:
    doc = open_docx(io.BytesIO(docx_bytes))
    out = []
    for p in doc.element.body.iter(f"{W}p"):
        # A measured line break inside a centred paragraph reads as a space.
        pieces = [(e.text or "") if e.tag == f"{W}t" else " " for e in p.iter(f"{W}t", f"{W}br")]
        out.append("".join(pieces))
    return [t for t in out if t.strip()]


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_every_type_gets_its_official_abbreviation(tmp_path: Path, type_name: str) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, type_name)), _data())
    texts = _texts(rendered.to_bytes())
    abbr = TYPES[type_name]
    assert f"Số: 07/{abbr}-STP" in texts  # QyĐ, CTr, TTr keep their lower-case letters
    assert type_name in texts  # the type name, upper case, on its own line
    assert not any(t.startswith("V/v") for t in texts)
    assert "Về việc thử nghiệm mẫu văn bản" in texts


@pytest.mark.parametrize("type_name", ["QUY ĐỊNH", "CHƯƠNG TRÌNH", "TỜ TRÌNH"])
def test_mixed_case_abbreviations_survive_a_lower_case_type_name(
    tmp_path: Path, type_name: str
) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, type_name.lower())), _data())
    texts = _texts(rendered.to_bytes())
    assert f"Số: 07/{TYPES[type_name]}-STP" in texts
    assert type_name in texts


def test_type_name_and_summary_are_bold_centred_14pt(tmp_path: Path) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, "KẾ HOẠCH")), _data())
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    by_text = {p.text: p for p in doc.paragraphs}
    for text in ("KẾ HOẠCH", "Về việc thử nghiệm mẫu văn bản"):
        para = by_text[text]
        assert para.alignment == 1  # centred
        assert all(r.bold and r.font.size.pt == 14 for r in para.runs)


def _appendix_data(n: int) -> dict[str, Any]:
    return _data(
        appendices=[
            {"title": f"Danh sách số {i + 1}", "body": f"Nội dung phụ lục {i + 1}."}
            for i in range(n)
        ]
    )


def test_each_appendix_is_a_section_restarting_numbers_without_a_first_page_number(
    tmp_path: Path,
) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, "THÔNG BÁO")), _appendix_data(2))
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    assert len(doc.sections) == 3
    for section in doc.sections:
        sect = section._sectPr
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}titlePg") is not None
        assert sect.find(f"{W}type").get(f"{W}val") == "nextPage"
    texts = _texts(rendered.to_bytes())
    assert "Phụ lục I" in texts and "Phụ lục II" in texts
    assert "DANH SÁCH SỐ 1" in texts
    attached = "(Kèm theo Thông báo số 07/TB-STP ngày 05 tháng 3 năm 2024 của Sở Tư pháp)"
    assert texts.count(attached) == 2
    assert texts[-1] == "Nội dung phụ lục 2./."


def test_appendix_heading_formats(tmp_path: Path) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, "THÔNG BÁO")), _appendix_data(2))
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    by_text = {p.text: p for p in doc.paragraphs}
    label = by_text["Phụ lục I"]
    assert all(r.bold and r.font.size.pt == 14 for r in label.runs)
    title = by_text["DANH SÁCH SỐ 1"]
    assert all(r.bold for r in title.runs) and title.alignment == 1
    attached = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo"))
    assert all(r.italic and not r.bold for r in attached.runs if r.text.strip())


def test_single_appendix_is_unnumbered_and_draft_leaves_blanks(tmp_path: Path) -> None:
    data = _appendix_data(1)
    data["number"] = {}
    data["date"] = "3/2024"
    rendered = vnadmin_docs.render(str(_template(tmp_path, "KẾ HOẠCH")), data)
    texts = _texts(rendered.to_bytes())
    assert "Phụ lục" in texts
    assert "(Kèm theo Kế hoạch số …/KH-STP ngày … tháng 3 năm 2024 của Sở Tư pháp)" in texts


def test_without_name_in_text_the_issuer_is_sentence_cased_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = _appendix_data(1)
    del data["issuer"]["name_in_text"]
    with caplog.at_level(logging.WARNING, logger="vnadmin_docs.layout"):
        texts = _texts(vnadmin_docs.render(str(_template(tmp_path, "BÁO CÁO")), data).to_bytes())
    assert any(t.endswith("của Sở tư pháp)") for t in texts)
    assert "name_in_text" in caplog.text


def test_bad_appendix_data_names_the_field_path(tmp_path: Path) -> None:
    data = _data(appendices=[{"title": "A"}, {"body": "x", "number": "3", "tieu_de": "B"}])
    with pytest.raises(DataError) as err:
        vnadmin_docs.render(str(_template(tmp_path, "BÁO CÁO")), data)
    paths = {p.path for p in err.value.problems}
    assert {"appendices.0.body", "appendices.1.number", "appendices.1.tieu_de"} <= paths


def test_bad_markup_in_an_appendix_names_the_field_path(tmp_path: Path) -> None:
    data = _data(appendices=[{"body": "@khong-co gì"}])
    with pytest.raises(DataError) as err:
        vnadmin_docs.render(str(_template(tmp_path, "BÁO CÁO")), data)
    assert [p.path for p in err.value.problems] == ["appendices.0.body"]


def test_last_body_paragraph_keeps_with_the_signature(tmp_path: Path) -> None:
    rendered = vnadmin_docs.render(str(_template(tmp_path, "BÁO CÁO")), _data())
    body = rendered.page_model.sections[0].body
    signature = next(i for i, item in enumerate(body) if getattr(item, "role", "") == "signature")
    last = body[signature - 1]
    assert last.text == "Nội dung văn bản./."
    assert last.keep_next
