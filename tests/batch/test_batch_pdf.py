"""``batch --pdf``: a PDF per letter, one PDF for printing, nothing converted twice, and a
clear message (with the .docx letters still written) when LibreOffice is missing."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, PDF_DIR, PRINT_PDF, run_batch
from vnadmin_docs.cli.main import cli
from vnadmin_docs.pdf import SOFFICE_ENV, first_pages, pdf_problem

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"
# The top margin of a letter is at least 20 mm (R-LE-1): 20 mm = 56.7 pt.
TOP_MARGIN_PT = 56.0


def _manifest(out: Path) -> list[dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _batch(out: Path, *extra: str, data: Path = EXAMPLES / "ho-so-tre-han.xlsx") -> tuple[
        int, str, str]:
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(data), "--profile",
                                      str(EXAMPLES / "profile.yml"), "-o", str(out), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def example_out(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    out = tmp_path_factory.mktemp("xin-loi-pdf")
    code, stdout, _err = _batch(out, "--pdf")
    assert code == 1  # three rows of the example are bad on purpose
    assert "tat-ca-de-in.pdf" in stdout
    return out


def test_one_valid_pdf_per_letter_with_its_own_first_words(example_out: Path) -> None:
    rows = [r for r in _manifest(example_out) if r["status"] == "written"]
    pdfs = sorted((example_out / PDF_DIR).glob("*.pdf"))
    assert len(rows) == 8 and len(pdfs) == 8
    for row in rows:
        pdf = example_out / row["pdf_file"]
        assert pdf.name == Path(row["output_file"]).stem + ".pdf"
        assert pdf_problem(pdf) is None
        with pdfplumber.open(pdf) as doc:
            first = doc.pages[0].extract_text() or ""
        assert first.startswith("UBND TỈNH LÂM ĐỒNG")
        assert f"Số: {row['number']}/PXL-TTPVHCC" in first
        assert row["dossier_code"] in first.replace("\n", " ")


def test_print_pdf_has_every_page_and_each_letter_starts_a_page(example_out: Path) -> None:
    rows = [r for r in _manifest(example_out) if r["pdf_file"]]
    pages = [len(PdfReader(example_out / r["pdf_file"]).pages) for r in rows]
    printed = example_out / PRINT_PDF
    assert len(PdfReader(printed).pages) == sum(pages)
    # Page 1 of each letter prints no page number; later pages do, as in the .docx.
    starts = first_pages(printed, TOP_MARGIN_PT)
    expected = [sum(pages[:k]) for k in range(len(pages))]
    assert starts == expected
    with pdfplumber.open(printed) as doc:
        for row, start in zip(rows, starts, strict=True):
            text = (doc.pages[start].extract_text() or "").replace("\n", " ")
            assert text.startswith("UBND TỈNH LÂM ĐỒNG") and row["dossier_code"] in text
    assert len(PdfReader(printed).outline) == len(rows)  # one bookmark per letter


def test_rerun_converts_nothing_and_redoes_only_a_missing_pdf(example_out: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in (example_out / PDF_DIR).glob("*.pdf")}
    printed = (example_out / PRINT_PDF).stat().st_mtime_ns
    profile = load_profile(EXAMPLES / "profile.yml")
    again = run_batch(EXAMPLES / "ho-so-tre-han.xlsx", profile, example_out, pdf=True)
    assert (again.written, again.unchanged) == (0, 8)
    assert (again.pdf_converted, again.pdf_unchanged) == (0, 8)
    after = {p.name: p.stat().st_mtime_ns for p in (example_out / PDF_DIR).glob("*.pdf")}
    assert after == before and (example_out / PRINT_PDF).stat().st_mtime_ns == printed

    gone = sorted(before)[3]
    (example_out / PDF_DIR / gone).unlink()
    third = run_batch(EXAMPLES / "ho-so-tre-han.xlsx", profile, example_out, pdf=True)
    assert (third.pdf_converted, third.pdf_unchanged) == (1, 7)
    assert pdf_problem(example_out / PDF_DIR / gone) is None
    assert third.print_pdf is not None and third.pdf_error is None


def _all_good(tmp_path: Path) -> Path:
    data = tmp_path / "ok.csv"
    data.write_text("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,"
                    "Lý do\n000.00.06.H56-251027-0361,Cấp phép,Lê Văn A,27/10/2025,03/11/2025,"
                    "10/11/2025,Chờ\n000.00.06.H56-251027-0362,Cấp phép,Lê Văn B,27/10/2025,"
                    "03/11/2025,10/11/2025,Chờ\n", encoding="utf-8")
    return data


@pytest.mark.parametrize("how", ["env-points-nowhere", "not-on-path"])
def test_without_libreoffice_letters_are_written_and_the_clerk_told_how_to_install(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "env-points-nowhere":
        monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "khong-co" / "soffice"))
    else:
        monkeypatch.delenv(SOFFICE_ENV, raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
        if list(Path("/opt").glob("libreoffice*/program/soffice")):
            pytest.skip("a LibreOffice under /opt is found without PATH")
    out = tmp_path / "out"
    code, _stdout, err = _batch(out, "--pdf", data=_all_good(tmp_path))
    assert code == 1
    assert "Không tìm thấy LibreOffice" in err and "apt-get install" in err
    assert "Traceback" not in err
    assert len(list((out / LETTERS_DIR).glob("*.docx"))) == 2
    assert not list(out.rglob("*.pdf"))
    rows = _manifest(out)
    assert [r["status"] for r in rows] == ["written", "written"]
    assert all(r["pdf_file"] == "" for r in rows)
