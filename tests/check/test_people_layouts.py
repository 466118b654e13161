"""Documents built the way people build them in Word (issue 15): the correct ones give no
finding, each real deviation gives its rule. Made with python-docx/lxml here; the real
files in ``corpus_real/`` are the primary evidence (test_real_corpus.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from unittest import mock

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tests.check.conftest import need_soffice
from tests.check.corpus import build
from vnadmin_docs.check import check_document, check_documents


def _append_appendices(path: Path, *, restart: bool, shared: bool = False) -> Path:
    """Two appendices after the document: each in its own section (numbered from 1 when
    ``restart``), or the second sharing the first one's section (``shared``)."""
    doc = Document(str(path))
    for n, roman in enumerate(("I", "II")):
        if n == 0 or not shared:
            sec = doc.add_section(WD_SECTION.NEW_PAGE)
            if restart:
                num = OxmlElement("w:pgNumType")
                num.set(qn("w:start"), "1")
                sec._sectPr.append(num)
        head = doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(f"Phụ lục {roman}")
        run.bold = True
        run.font.name, run.font.size = "Times New Roman", Pt(14)
        body = doc.add_paragraph()
        r = body.add_run("Danh sách các đơn vị tham gia.")
        r.font.name, r.font.size = "Times New Roman", Pt(14)
    doc.save(str(path))
    return path


def test_appendices_numbered_on_their_own_pass(tmp_path: Path) -> None:
    path = _append_appendices(build(tmp_path / "pl.docx"), restart=True)
    assert "R-PGNUM-3" not in check_document(path).rule_ids


def test_an_appendix_continuing_the_numbering_is_reported(tmp_path: Path) -> None:
    path = _append_appendices(build(tmp_path / "pl.docx"), restart=False)
    (f, *_) = [f for f in check_document(path).findings if f.rule_id == "R-PGNUM-3"]
    assert f.severity.value == "error" and "Phụ lục I" in f.excerpt


def test_two_appendices_in_one_section_are_reported(tmp_path: Path) -> None:
    path = _append_appendices(build(tmp_path / "pl.docx"), restart=True, shared=True)
    found = [f for f in check_document(path).findings if f.rule_id == "R-PGNUM-3"]
    assert [f.excerpt for f in found] == ["Phụ lục II"]


def _edit_first_body_paragraph(path: Path, text_start: str, **indent: float) -> Path:
    doc = Document(str(path))
    p = next(p for p in doc.paragraphs if p.text.startswith(text_start))
    if "left_cm" in indent:
        p.paragraph_format.left_indent = Cm(indent["left_cm"])
    doc.save(str(path))
    return path


def test_a_negative_indent_prints_into_the_margin(tmp_path: Path) -> None:
    path = _edit_first_body_paragraph(build(tmp_path / "am.docx"), "Thực hiện", left_cm=-1.5)
    found = [f for f in check_document(path).findings if f.rule_id == "R-PAGE-3"]
    assert len(found) == 1 and "lấn vào lề trái 15 mm" in found[0].found.vi


def test_a_small_negative_indent_inside_a_wide_margin_is_fine(tmp_path: Path) -> None:
    path = build(tmp_path / "rong.docx", margins_mm=(20, 20, 35, 15))
    path = _edit_first_body_paragraph(path, "Thực hiện", left_cm=-0.4)
    assert "R-PAGE-3" not in check_document(path).rule_ids


def test_a_left_aligned_table_pushed_into_the_margin(tmp_path: Path) -> None:
    path = build(tmp_path / "bang.docx", body_table=True)
    doc = Document(str(path))
    table = doc.tables[1]
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), "-900")  # 15.9 mm into the left margin
    ind.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(ind)
    for row in table.rows:
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.save(str(path))
    found = [f for f in check_document(path).findings if f.rule_id == "R-PAGE-3"]
    assert len(found) == 1 and "bảng lấn vào lề trái" in found[0].found.vi


def test_direct_black_beats_a_styles_accent_colour(tmp_path: Path) -> None:
    """A heading style coloured accent1 (Word's Heading 2), every run black on top of it."""
    path = build(tmp_path / "mau.docx")
    doc = Document(str(path))
    style = doc.styles["Heading 2"]
    p = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    p.style = style
    for run in p.runs:
        run.font.color.rgb = RGBColor(0, 0, 0)
        run.font.bold, run.font.size, run.font.name = False, Pt(14), "Times New Roman"
    doc.save(str(path))
    assert "R-FONT-2" not in check_document(path).rule_ids
    for run in p.runs:
        run.font.color.rgb = None  # now the style's accent colour prints
    doc.save(str(path))
    assert "R-FONT-2" in check_document(path).rule_ids


def _even_header_vntime(path: Path, even_and_odd: bool) -> Path:
    doc = Document(str(path))
    doc.settings.odd_and_even_pages_header_footer = even_and_odd
    even = doc.sections[0].even_page_header
    even.is_linked_to_previous = False
    run = even.paragraphs[0].add_run("Trang chẵn")
    run.font.name = ".VnTime"
    doc.save(str(path))
    return path


@pytest.mark.parametrize("on", [False, True])
def test_the_even_page_header_counts_only_with_even_and_odd_headers(
    on: bool, tmp_path: Path
) -> None:
    path = _even_header_vntime(build(tmp_path / "chan.docx"), on)
    assert ("R-FONT-1" in check_document(path).rule_ids) is on


def test_a_legal_normative_document_is_not_judged_by_the_administrative_layout(
    tmp_path: Path,
) -> None:
    """A quyết định quy phạm (its number carries the year) laid out like the law on legal
    documents wants it: "ban hành Quyết định" after the căn cứ, which end with ";"."""
    path = build(
        tmp_path / "qppl.docx",
        kind="thong-bao",
        type_name="QUYẾT ĐỊNH",
        so="Số: 15/2024/QĐ-UBND",
        can_cu=("Căn cứ Luật Tổ chức chính quyền địa phương;", "Theo đề nghị của Giám đốc Sở;"),
    )
    report = check_document(path)
    assert report.kind == "legal"
    assert not [f for f in report.findings if not f.rule_id.startswith(("R-PAGE", "R-FONT"))]
    assert "văn bản quy phạm pháp luật" in report.to_text("vi")


def test_a_blank_form_is_told_and_not_judged(tmp_path: Path) -> None:
    path = build(
        tmp_path / "mau.docx",
        superior="TÊN CQ, TC CHỦ QUẢN",
        issuer="TÊN CƠ QUAN, TỔ CHỨC",
        so="Số: ……/……",
        date="……, ngày … tháng … năm ……",
    )
    report = check_document(path)
    assert report.kind == "form" and report.findings == ()


def test_many_files_are_rendered_in_one_libreoffice_run(tmp_path: Path) -> None:
    need_soffice()
    files = [build(tmp_path / f"cv{n}.docx") for n in range(3)]
    from vnadmin_docs.check import render

    with mock.patch.object(render, "convert_files", wraps=render.convert_files) as spy:
        reports = check_documents(files, render=True)
    assert spy.call_count == 1 and len(spy.call_args.args[0]) == 3
    assert [r.findings for r in reports] == [(), (), ()]


def test_a_package_inflating_past_the_total_cap_is_refused(tmp_path: Path) -> None:
    from vnadmin_docs.check import UnreadableDocument, ooxml

    path = build(tmp_path / "lon.docx")
    with zipfile.ZipFile(path) as z:
        # Both parts are always read: together they pass this cap, each alone does not.
        cap = sum(z.getinfo(n).file_size for n in ("word/document.xml", "word/styles.xml")) - 1
    with (
        mock.patch.object(ooxml, "_TOTAL_CAP", cap),
        pytest.raises(UnreadableDocument) as info,
    ):
        check_document(path)
    assert "lon.docx" in str(info.value) and "các phần của tệp" in str(info.value)


def test_a_document_xml_inflating_to_1_gb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """Issue 13: a 1 GB document.xml (a few MB compressed) gives a named error and exit 2;
    the checker stops inflating at its cap instead of reading the whole part."""
    good = build(tmp_path / "good.docx")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename != "word/document.xml":
                dst.writestr(item, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            # written compressed, in chunks: the test itself stays small too
            with dst.open(info, "w", force_zip64=True) as out:
                out.write(head + b"<w:body>")
                chunk = b" " * 2**24
                for _ in range(64):  # 64 × 16 MB = 1 GB
                    out.write(chunk)
                out.write(tail)
    assert bomb.stat().st_size < 16 * 2**20
    import resource
    import subprocess
    import sys

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [sys.executable, "-m", "vnadmin_docs", "check", str(bomb)],
        capture_output=True,
        text=True,
        check=False,
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert proc.returncode == 2, proc.stderr
    assert "bomb.docx" in proc.stderr and "word/document.xml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert peak_mb < 600 or before / 1024 >= 600, f"peak {peak_mb:.0f} MB"
