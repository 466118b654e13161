"""One PDF of the whole batch, for printing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf.builders import tiny_pdf
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import merge_pdfs


def _pdfs(folder: Path, pages_per_letter: list[int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, count in enumerate(pages_per_letter, start=1):
        path = folder / f"thu-{n}.pdf"
        path.write_bytes(tiny_pdf([f"Letter {n} page {p}" for p in range(1, count + 1)]))
        paths.append(path)
    return paths


def _page_texts(pdf: Path) -> list[str]:
    return [page.extract_text().strip() for page in PdfReader(pdf).pages]


def test_letters_are_merged_in_order_each_starting_on_a_new_page(tmp_path: Path) -> None:
    sources = _pdfs(tmp_path / "in", [1, 2, 1])
    out = merge_pdfs(sources, tmp_path / "in-an.pdf")
    assert _page_texts(out) == [
        "Letter 1 page 1",
        "Letter 2 page 1",
        "Letter 2 page 2",
        "Letter 3 page 1",
    ]
    outline = PdfReader(out).outline
    assert [item.title for item in outline] == ["thu-1", "thu-2", "thu-3"]


def test_duplex_printing_starts_every_letter_on_the_front_of_a_sheet(tmp_path: Path) -> None:
    sources = _pdfs(tmp_path / "in", [1, 2, 3])
    out = merge_pdfs(sources, tmp_path / "in-hai-mat.pdf", duplex=True)
    assert _page_texts(out) == [
        "Letter 1 page 1",
        "",
        "Letter 2 page 1",
        "Letter 2 page 2",
        "Letter 3 page 1",
        "Letter 3 page 2",
        "Letter 3 page 3",
        "",
    ]


def test_a_broken_input_is_named_and_the_previous_merge_stays(tmp_path: Path) -> None:
    sources = _pdfs(tmp_path / "in", [1, 1])
    sources[1].write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "in-an.pdf"
    out.write_bytes(b"old merged file")
    with pytest.raises(ConversionError) as caught:
        merge_pdfs(sources, out)
    assert str(sources[1]) in caught.value.message
    assert out.read_bytes() == b"old merged file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "in-an.pdf"]


def test_merging_nothing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as caught:
        merge_pdfs([], tmp_path / "in-an.pdf")
    assert "Không có tệp PDF nào" in caught.value.message
    assert not (tmp_path / "in-an.pdf").exists()
