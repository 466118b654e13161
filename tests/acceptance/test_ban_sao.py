"""Bản sao (Phụ lục I Phần II, Mẫu 3.1; R-BS-1..3, R-POS-6): the copy block after the
original's last line, on a document this library made and on a real agency .docx."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from lxml import etree  # type: ignore[import-untyped]

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, W, body_texts
from vnadmin_docs import api
from vnadmin_docs.cli.main import cli

ORDER = ROOT / "examples/ban-sao/sao-y-cong-van-2023.yaml"
CONG_VAN = ROOT / "examples/cong-van/sldtbxh-dak-nong-2023.yaml"
QUYET_DINH = ROOT / "examples/quyet-dinh/stp-khen-thuong-2024.yaml"
# Any .docx made by people in Word: the decree's own Phụ lục I, as published.
REAL = ROOT / "tests/fixtures/nd30-2020/Phuluc1.docx"
BLOCK = [
    "ỦY BAN NHÂN DÂNHUYỆN ĐẮK MIL",  # two lines (a line break), as written in issuer.name
    "SAO Y",
    "Số: 05/SY-UBND",
    "Đắk Mil, ngày 20 tháng 3 năm 2023",
    "Nơi nhận:",
    "- UBND các xã, thị trấn;",
    "- Phòng Lao động - Thương binh và Xã hội huyện;",
    "- Lưu: VT.",
    "TL. CHỦ TỊCH",
    "CHÁNH VĂN PHÒNG",
    "Nguyễn Thị Lan",
]


def _texts(data: bytes) -> list[str]:
    return body_texts(open_docx(io.BytesIO(data)))


def _order(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(vnadmin_docs.load_data(ORDER))
    data.update(changes)
    return data


def _rule_before_block(data: bytes) -> etree._Element:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    rule = tables[-1].getprevious()
    assert rule.tag == f"{W}p"
    return rule


@pytest.mark.parametrize("source", ["generated", "real"])
def test_r_bs_2_copy_block_after_the_last_line_under_a_full_width_rule(source: str) -> None:
    if source == "generated":
        original = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN)).to_bytes()
    else:
        original = REAL.read_bytes()
    copied = api.copy_document(original, _order()).to_bytes()
    before, after = _texts(original), _texts(copied)
    assert after[: len(before)] == before  # the original is kept whole, in order
    assert [t for t in after[len(before) :] if t] == BLOCK
    rule = _rule_before_block(copied)
    border = rule.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert border is not None and border.get(f"{W}val") == "single"
    ind = rule.find(f"{W}pPr/{W}ind")  # from margin to margin: the whole text width
    assert ind is None or all(int(v) == 0 for v in ind.attrib.values())
    # Everything else in the package is copied as it was.
    src, dst = (zipfile.ZipFile(io.BytesIO(b)) for b in (original, copied))
    assert src.namelist() == dst.namelist()
    for name in src.namelist():
        if name != "word/document.xml":
            assert src.read(name) == dst.read(name), name


def test_r_bs_1_sao_luc_and_trich_sao_symbols_and_the_extracted_part() -> None:
    original = vnadmin_docs.render("quyet-dinh", vnadmin_docs.load_data(QUYET_DINH)).to_bytes()
    sl = [t for t in _texts(api.copy_document(original, _order(kind="sao lục")).to_bytes()) if t]
    assert "SAO LỤC" in sl and "Số: 05/SL-UBND" in sl
    trs = api.copy_document(
        original,
        _order(kind="TRÍCH SAO", extract=[{"start": "QUYẾT ĐỊNH", "end": "Về việc"}, "Điều 2."]),
    )
    texts = [t for t in _texts(trs.to_bytes()) if t]
    assert "Số: 125/QĐ-STP" in texts  # the original's header table stays
    start = texts.index("QUYẾT ĐỊNH")
    assert texts[start + 1].startswith("Về việc khen thưởng")
    assert texts[start + 2].startswith("Điều 2. Mỗi tập thể")
    assert texts[start + 3] == "ỦY BAN NHÂN DÂNHUYỆN ĐẮK MIL"
    assert not any(t.startswith(("Điều 1.", "Điều 3.", "Căn cứ")) for t in texts)
    assert "TRÍCH SAO" in texts and "Số: 05/TrS-UBND" in texts


def test_bad_copy_orders_name_the_field() -> None:
    original = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN)).to_bytes()
    cases = [
        (_order(kind="bản chụp"), "kind"),
        (_order(kind="TRÍCH SAO"), "(gốc)"),
        (_order(kind="TRÍCH SAO", extract=["Điều 99."]), "extract.0"),
        (_order(signer={"title": "Chánh Văn phòng"}), "signer.full_name"),
    ]
    for order, path in cases:
        with pytest.raises(vnadmin_docs.DataError) as info:
            api.copy_document(original, order)
        assert [p.path for p in info.value.problems] == [path], order
        assert "extract" in info.value.problems[0].reason or path != "(gốc)"
    with pytest.raises(vnadmin_docs.DataError, match=r"không phải tệp \.docx"):
        api.copy_document(b"not a zip", _order())


def test_cli_copy_writes_the_copy_and_refuses_bad_input(tmp_path: Path) -> None:
    original = tmp_path / "cong-van.docx"
    vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN)).save(original)
    out = tmp_path / "cong-van-sao-y.docx"
    result = CliRunner().invoke(cli, ["copy", str(original), str(ORDER), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [t for t in _texts(out.read_bytes()) if t][-len(BLOCK) :] == BLOCK
    missing = CliRunner().invoke(
        cli, ["copy", str(tmp_path / "khong-co.docx"), str(ORDER), "-o", str(out)]
    )
    assert missing.exit_code == 2 and "không đọc được bản gốc" in missing.output
    same = CliRunner().invoke(cli, ["copy", str(original), str(ORDER), "-o", str(original)])
    assert same.exit_code == 2
