"""Where users get PDFs: ``RenderedDocument.to_pdf()``, ``vnadmin-docs render --pdf``, and a
merged batch file where each letter starts on a new page."""

from __future__ import annotations

import copy
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import vnadmin_docs
from tests.pdf.builders import fake_soffice, hide_libreoffice, real_soffice
from tests.pdf.conftest import EXAMPLES
from tests.pdf.measure import PT_PER_MM, pages_with, top_margin_text
from vnadmin_docs.cli.main import cli
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import ConversionOptions, convert_files
from vnadmin_docs.writer import write_merged

CONG_VAN = EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml"


def _short_letter(name: str) -> vnadmin_docs.RenderedDocument:
    data = copy.deepcopy(vnadmin_docs.load_data(CONG_VAN))
    data["signer"]["full_name"] = name
    data["content"]["body"] = f"Đề nghị ông/bà {name} phối hợp thực hiện./."
    return vnadmin_docs.render("cong-van", data)


@pytest.mark.libreoffice
def test_to_pdf_writes_the_document_as_pdf(tmp_path: Path) -> None:
    soffice = real_soffice()
    doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN))
    target = tmp_path / "công văn.pdf"
    assert doc.to_pdf(target, ConversionOptions(soffice=soffice)) == target.absolute()
    text = PdfReader(target).pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert [p.name for p in tmp_path.iterdir()] == ["công văn.pdf"]


def test_to_pdf_errors_name_the_pdf_not_a_temporary_file(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "silent")
    doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN))
    target = tmp_path / "cong-van.pdf"
    with pytest.raises(ConversionError) as caught:
        doc.to_pdf(target, ConversionOptions(soffice=fake))
    assert caught.value.message.startswith(f"Không tạo được tệp PDF {target}:")
    assert "vnadmin-docx-" not in caught.value.message
    assert caught.value.path == str(target)


@pytest.mark.libreoffice
def test_render_with_pdf_writes_docx_and_pdf(tmp_path: Path) -> None:
    real_soffice()
    out = tmp_path / "cv.docx"
    result = CliRunner().invoke(cli, ["render", "cong-van", str(CONG_VAN), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    assert out.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"
    assert f"Đã tạo {pdf}" in result.stdout


def test_render_with_pdf_without_libreoffice_explains_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_libreoffice(tmp_path, monkeypatch)
    out = tmp_path / "cv.docx"
    result = CliRunner().invoke(cli, ["render", "cong-van", str(CONG_VAN), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert "Không tìm thấy LibreOffice" in result.stderr
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in result.stderr
    assert "Traceback" not in result.output
    assert out.exists() and not out.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_each_letter_of_a_merged_batch_starts_on_a_new_page_numbered_from_one(
    tmp_path: Path,
) -> None:
    soffice = real_soffice()
    long_letter = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN))
    letters = [_short_letter("Lê Văn An"), long_letter, _short_letter("Phạm Thị Bích")]
    merged_docx = tmp_path / "gop.docx"
    merged_docx.write_bytes(write_merged([d.page_model for d in letters]))
    [merged] = convert_files(
        [(merged_docx, tmp_path / "gop.pdf")], ConversionOptions(soffice=soffice)
    )
    with pdfplumber.open(merged) as pdf:
        starts = pages_with(pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert len(starts) == 3 and starts[0] == 1
        assert pages_with(pdf, "Lê Văn An") == [starts[0]]
        assert pages_with(pdf, "Nguyễn Thị Hường") == [starts[2] - 1]
        assert pages_with(pdf, "Phạm Thị Bích") == [starts[2]]
        top = 20 * PT_PER_MM
        for page in pdf.pages:
            number = top_margin_text(page, top)[0]
            start = max(s for s in starts if s <= page.page_number)
            expected = "" if page.page_number == start else str(page.page_number - start + 1)
            assert number == expected, f"page {page.page_number} shows {number!r}"
