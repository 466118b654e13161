"""A batch of documents → one PDF each, through merged files cut at each document's page 1."""

from __future__ import annotations

import copy
import dataclasses
import logging
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

import vnadmin_docs
from tests.pdf.builders import fake_calls, fake_soffice, real_soffice
from tests.pdf.conftest import CASES, EXAMPLES, paper_case
from tests.pdf.measure import PT_PER_MM, norm, top_margin_text
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf import ConversionOptions, documents_to_pdfs

CONG_VAN = EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml"


def _letter(name: str, extra: str = "") -> PageModel:
    data = copy.deepcopy(vnadmin_docs.load_data(CONG_VAN))
    data["signer"]["full_name"] = name
    data["content"]["body"] = f"Đề nghị ông/bà {name} phối hợp thực hiện. {extra}./."
    return vnadmin_docs.render("cong-van", data).page_model


def _long() -> PageModel:
    return vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN)).page_model


@pytest.mark.libreoffice
def test_each_document_gets_its_own_pdf_with_all_its_pages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    soffice = real_soffice()
    # The third document has two sections, as a document with an appendix (R-PGNUM-3: the
    # appendix numbers its own pages, so its page 1 shows no number either).
    bich, appendix = _letter("Phạm Thị Bích"), _letter("Phụ lục Bích")
    with_appendix = dataclasses.replace(bich, sections=bich.sections + appendix.sections)
    models = [_letter("Lê Văn An"), _long(), with_appendix, _letter("Đỗ Minh")]
    targets = [tmp_path / f"{n}.pdf" for n in ("an", "dai", "bich", "minh")]

    print_file = tmp_path / "in" / "ca-lo.pdf"
    pdfs = documents_to_pdfs(
        models,
        targets,
        ConversionOptions(soffice=soffice, processes=2),
        group_size=2,
        print_file=print_file,
        duplex=True,
    )

    assert pdfs == targets
    assert "one by one" not in caplog.text, "the merged files were not cut (slow fallback)"
    assert [len(PdfReader(p).pages) for p in pdfs] == [1, 2, 2, 1]
    names = ("Lê Văn An", "Nguyễn Thị Hường", "Phạm Thị Bích", "Đỗ Minh")
    for pdf, name in zip(pdfs, names, strict=True):
        text = norm(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
        assert name in text, f"{pdf.name} does not hold the letter signed by {name}"
    with pdfplumber.open(pdfs[1]) as long_pdf:
        assert top_margin_text(long_pdf.pages[0], 20 * PT_PER_MM)[0] == ""
        assert top_margin_text(long_pdf.pages[1], 20 * PT_PER_MM)[0] == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*(t.name for t in targets), "in"])
    # The print file: every letter in order, each starting on the front of a sheet.
    printed = PdfReader(print_file)
    assert [item.title for item in printed.outline] == ["an", "dai", "bich", "minh"]
    texts = [norm(page.extract_text()) for page in printed.pages]
    assert len(texts) == 2 + 2 + 2 + 2  # 1+blank, 2, 2, 1+blank
    assert "Lê Văn An" in texts[0] and texts[1] == ""
    assert "Phạm Thị Bích" in texts[4] and "Đỗ Minh" in texts[6] and texts[7] == ""


def test_a_merged_file_that_does_not_split_right_falls_back_to_one_file_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The fake makes a one-page PDF of the merged file of three letters: the cut cannot
    # give three documents, so each letter is converted on its own.
    fake = fake_soffice(tmp_path / "fake", "ok")
    models = [_letter("An"), _letter("Bình"), _letter("Chi")]
    targets = [tmp_path / "out" / f"{n}.pdf" for n in ("an", "binh", "chi")]
    with caplog.at_level(logging.WARNING):
        pdfs = documents_to_pdfs(models, targets, ConversionOptions(soffice=fake, processes=1))
    assert "one by one" in caplog.text
    assert all(len(PdfReader(p).pages) == 1 for p in pdfs)
    calls = fake_calls(fake)
    assert len(calls) == 2
    assert sum(arg.endswith(".docx") for arg in calls[1]) == 3


def test_a_document_that_hangs_libreoffice_is_named_and_the_others_are_written(
    tmp_path: Path,
) -> None:
    fake = fake_soffice(tmp_path / "fake", "hang-on-marker")
    models = [_letter("An"), _letter("Bình", "TREO"), _letter("Chi")]
    targets = [tmp_path / "out" / f"{n}.pdf" for n in ("an", "binh", "chi")]
    with pytest.raises(ConversionError) as caught:
        documents_to_pdfs(
            models, targets, ConversionOptions(soffice=fake, processes=1, idle_timeout=2.5)
        )
    assert caught.value.message.startswith(f"Không tạo được tệp PDF {targets[1]}:")
    assert targets[0].exists() and targets[2].exists() and not targets[1].exists()


def test_a_hung_merged_group_falls_back_at_once_instead_of_hanging_again(
    tmp_path: Path,
) -> None:
    # Converting the letters one by one is the retry of a merged group: trying the group a
    # second time made the clerk wait one more idle time-out (120 s by default) for nothing.
    fake = fake_soffice(tmp_path / "fake", "hang-on-marker")
    models = [_letter("An"), _letter("Bình", "TREO"), _letter("Chi")]
    targets = [tmp_path / "out" / f"{n}.pdf" for n in ("an", "binh", "chi")]
    with pytest.raises(ConversionError):
        documents_to_pdfs(
            models, targets, ConversionOptions(soffice=fake, processes=1, idle_timeout=1.5)
        )
    assert targets[0].exists() and targets[2].exists() and not targets[1].exists()
    # the group once; then An, Bình, Chi together (hangs on Bình); Bình alone again; Chi
    assert len(fake_calls(fake)) == 4


def test_two_documents_for_one_pdf_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as caught:
        documents_to_pdfs([_letter("An"), _letter("Bình")], [tmp_path / "a.pdf"] * 2)
    assert str(tmp_path / "a.pdf") in caught.value.message


@pytest.mark.libreoffice
@pytest.mark.slow
def test_more_letters_than_one_soffice_call_takes_each_get_their_own_pdf(tmp_path: Path) -> None:
    soffice = real_soffice()
    count = 260
    base = vnadmin_docs.load_data(CONG_VAN)
    models = []
    for i in range(count):
        data = copy.deepcopy(base)
        data["content"]["body"] = f"Hồ sơ số {i:03d} của công dân được trả kết quả đúng hẹn./."
        models.append(vnadmin_docs.render("cong-van", data).page_model)
    targets = [tmp_path / f"thu-{i:03d}.pdf" for i in range(count)]

    pdfs = documents_to_pdfs(models, targets, ConversionOptions(soffice=soffice))

    assert sorted(p.name for p in tmp_path.iterdir()) == [t.name for t in targets]
    for i, pdf in enumerate(pdfs):
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        assert f"Hồ sơ số {i:03d} " in norm(reader.pages[0].extract_text()), pdf.name


@pytest.mark.libreoffice
def test_every_built_in_template_is_cut_exactly_as_it_converts_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Appendices (own numbering), landscape pages and tables do not confuse the cut."""
    soffice = real_soffice()
    names = [name for name in CASES if name.startswith("builtin:")]
    alone = [paper_case(name, tmp_path / "alone") for name in names]
    targets = [tmp_path / "batch" / f"{case.name}.pdf" for case in alone]

    documents_to_pdfs(
        [case.rendered.page_model for case in alone],
        targets,
        ConversionOptions(soffice=soffice),
    )

    assert "one by one" not in caplog.text, "the merged files were not cut (slow fallback)"
    for case, target in zip(alone, targets, strict=True):
        single, batch = PdfReader(case.pdf_path), PdfReader(target)
        assert len(batch.pages) == len(single.pages), case.name
        first = [norm(r.pages[0].extract_text()) for r in (single, batch)]
        last = [norm(r.pages[-1].extract_text()) for r in (single, batch)]
        assert first[0] == first[1] and last[0] == last[1], case.name
