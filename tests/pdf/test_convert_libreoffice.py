"""Real LibreOffice: one letter, and a batch larger than one soffice call can take."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf.builders import real_soffice, write_docx
from vnadmin_docs.pdf import ConversionOptions, convert_to_pdf

pytestmark = pytest.mark.libreoffice


def _text(pdf: Path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return unicodedata.normalize("NFC", raw)


def test_one_letter_becomes_one_readable_pdf(tmp_path: Path) -> None:
    soffice = real_soffice()
    sentence = "Ủy ban nhân dân xã Hòa Phú xin lỗi ông Nguyễn Văn Ánh vì trả kết quả muộn."
    letter = write_docx(tmp_path / "thư xin lỗi.docx", [sentence])

    [pdf] = convert_to_pdf([letter], tmp_path / "pdf", ConversionOptions(soffice=soffice))

    assert pdf == (tmp_path / "pdf" / "thư xin lỗi.pdf").absolute()
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210,
        297,
    )
    assert sentence in " ".join(_text(pdf).split())
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["thư xin lỗi.pdf"]


@pytest.mark.slow
def test_more_letters_than_one_soffice_call_takes_give_exactly_as_many_pdfs(
    tmp_path: Path,
) -> None:
    soffice = real_soffice()
    count = 260  # one soffice call silently stops after about 247 files
    folder = tmp_path / "docx"
    folder.mkdir()
    letters = [write_docx(folder / f"thu-{i:03d}.docx", [f"Thư số {i:03d}."]) for i in range(count)]

    pdfs = convert_to_pdf(letters, tmp_path / "pdf", ConversionOptions(soffice=soffice))

    assert len(pdfs) == count
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [
        f"thu-{i:03d}.pdf" for i in range(count)
    ]
    for i, pdf in enumerate(pdfs):
        assert f"Thư số {i:03d}." in _text(pdf), f"{pdf.name} holds another letter"
