"""Texts issued with a decision (Mẫu 1.3) and two-level signing, as a clerk opens them in Word.

(The checker's side — zero findings on these examples — is tests/check/test_generated.py.)

Compared with Phuluc3.docx, Mẫu 1.3 "Mẫu văn bản (được ban hành, phê duyệt kèm theo quyết
định) đối với văn bản giấy": the issuer and the Quốc hiệu/Tiêu ngữ with their rules, the type
name, the title, "(Kèm theo Quyết định số … ngày … của …)", a rule, then Chương/Điều.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, W, body_texts
from vnadmin_docs import api
from vnadmin_docs.registry import Register

UBND = ROOT / "examples/quyet-dinh/ubnd-ban-hanh-quy-che-2024.yaml"
CHU_TICH = ROOT / "examples/quyet-dinh/chu-tich-ban-hanh-quy-dinh-2024.yaml"
ALONE = ROOT / "examples/van-ban-kem-theo/quy-che-lam-viec-2024.yaml"
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _sections(data: bytes) -> list[list[str]]:
    """The paragraph texts of each section, in order (line breaks as spaces)."""
    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    body = etree.fromstring(xml).find(f"{W}body")
    assert body is not None
    out: list[list[str]] = [[]]
    for el in body.iter(f"{W}p"):
        text = "".join(
            (t.text or "") if t.tag == f"{W}t" else " " for t in el.iter(f"{W}t", f"{W}br")
        )
        out[-1].append(" ".join(text.split()))
        if el.find(f"{W}pPr/{W}sectPr") is not None:
            out.append([])
    return [s for s in out if s]


def _render(path: Path, **changes: Any) -> bytes:
    data = copy.deepcopy(vnadmin_docs.load_data(path))
    data.update(changes)
    return vnadmin_docs.render("quyet-dinh", data).to_bytes()


def test_r_ky_1_ubnd_block_tm_kt_on_three_lines() -> None:
    texts = body_texts(_docx(_render(UBND)))
    i = texts.index("TM. ỦY BAN NHÂN DÂN")
    assert texts[i : i + 3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def _docx(data: bytes) -> Any:
    from docx import Document as open_docx

    return open_docx(io.BytesIO(data))


def test_mau_1_3_attached_text_has_its_own_section_header_and_kem_theo_line() -> None:
    data = _render(UBND)
    main, quy_che = _sections(data)
    assert main.count(QH) == 1 and quy_che.count(QH) == 1
    assert "Độc lập - Tự do - Hạnh phúc" in quy_che
    assert "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" in quy_che  # the issuer name, set on two lines
    assert not any(t.startswith("Số:") for t in quy_che)  # no Số/date row on Mẫu 1.3
    start = quy_che.index("QUY CHẾ")
    assert quy_che.index(QH) < start
    kem_theo = quy_che[start + 2]
    assert kem_theo == (
        "(Kèm theo Quyết định số 312/QĐ-UBND ngày 05 tháng 4 năm 2024 của Ủy ban nhân dân "
        "tỉnh Đắk Nông)"
    )
    assert quy_che[start + 1].startswith("Phối hợp trong công tác tiếp nhận")
    assert quy_che[start + 4 : start + 6] == ["Chương I", "QUY ĐỊNH CHUNG"]
    assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in quy_che
    # Its own page numbering from 1, no number on its first page (R-PGNUM-3).
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    sect = re.findall(r"<w:sectPr\b.*?</w:sectPr>", xml, re.S)
    assert len(sect) == 2
    assert all('w:start="1"' in s and "<w:titlePg" in s for s in sect)


def test_kem_theo_names_the_authority_that_issued_the_decision() -> None:
    (_, quy_dinh) = _sections(_render(CHU_TICH))
    line = next(t for t in quy_dinh if t.startswith("(Kèm theo"))
    assert line.endswith("ngày 20 tháng 5 năm 2024 của Chủ tịch Ủy ban nhân dân tỉnh Đắk Nông)")
    # issued_by overrides it; the number and date still come from the decision.
    data = copy.deepcopy(vnadmin_docs.load_data(CHU_TICH))
    data["appendices"][0]["issued_by"] = "Chủ tịch UBND tỉnh"
    (_, quy_dinh) = _sections(vnadmin_docs.render("quyet-dinh", data).to_bytes())
    line = next(t for t in quy_dinh if t.startswith("(Kèm theo"))
    assert (
        line
        == "(Kèm theo Quyết định số 455/QĐ-UBND ngày 20 tháng 5 năm 2024 của Chủ tịch UBND tỉnh)"
    )


def test_several_attached_texts_each_on_its_own_pages() -> None:
    data = copy.deepcopy(vnadmin_docs.load_data(UBND))
    second = {
        "type_name": "Danh mục",
        "title": "Thủ tục hành chính liên thông",
        "body": "@dieu 1 Danh mục\n\nGồm 05 thủ tục.",
    }
    data["appendices"].append(second)
    sections = _sections(vnadmin_docs.render("quyet-dinh", data).to_bytes())
    assert len(sections) == 3
    assert "QUY CHẾ" in sections[1] and "DANH MỤC" in sections[2]
    assert sum(1 for t in sections[2] if t.startswith("(Kèm theo Quyết định số 312/QĐ-UBND")) == 1


def test_a_number_taken_from_the_book_reaches_the_kem_theo_line(tmp_path: Path) -> None:
    data = copy.deepcopy(vnadmin_docs.load_data(CHU_TICH))
    data["number"] = {}
    data["date"] = "20/05/2026"
    with Register.open(str(tmp_path / "so.sqlite3")) as book:
        rendered = vnadmin_docs.render("quyet-dinh", data, register=book)
    assert rendered.entry is not None
    (main, quy_dinh) = _sections(rendered.to_bytes())
    assert "Số: 01/QĐ-UBND" in main
    line = next(t for t in quy_dinh if t.startswith("(Kèm theo"))
    assert line.startswith(
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 20 tháng 5 năm 2026 của Chủ tịch"
    )


def test_an_attached_text_rendered_alone_from_its_parent_as_data() -> None:
    rendered = api.render_attached(vnadmin_docs.load_data(ALONE))
    (only,) = _sections(rendered.to_bytes())
    assert only[:2] == ["UBND TỈNH ĐẮK NÔNG", "VĂN PHÒNG"]
    assert QH in only and "QUY CHẾ" in only
    assert (
        "(Kèm theo Quyết định số 45/QĐ-VP ngày 05 tháng 4 năm 2024 của Chánh Văn phòng Ủy ban "
        "nhân dân tỉnh)"
    ) in only
    assert only[-1].endswith("Chủ tịch Ủy ban nhân dân tỉnh./.")
    assert rendered.warnings == ()


def test_the_electronic_variant_leaves_the_kem_theo_blanks_as_the_sample() -> None:
    data = copy.deepcopy(vnadmin_docs.load_data(ALONE))
    data["electronic"] = True
    (only,) = _sections(api.render_attached(data).to_bytes())
    assert "(Kèm theo Quyết định số … /QĐ- … ngày … tháng … năm … của …)" in only


def test_an_attached_text_alone_names_the_bad_field() -> None:
    data = copy.deepcopy(vnadmin_docs.load_data(ALONE))
    del data["parent"]["issued_by"]
    with pytest.raises(vnadmin_docs.DataError) as info:
        api.render_attached(data)
    assert [p.path for p in info.value.problems] == ["parent.issued_by"]


def test_cli_renders_an_attached_text_alone(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from vnadmin_docs.cli.main import cli

    out = tmp_path / "quy-che.docx"
    result = CliRunner().invoke(cli, ["render", "van-ban-kem-theo", str(ALONE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "QUY CHẾ" in _sections(out.read_bytes())[0]
    refused = CliRunner().invoke(
        cli, ["render", "van-ban-kem-theo", str(ALONE), "-o", str(out), "--assign-number"]
    )
    assert refused.exit_code == 2 and "parent.number" in refused.output
