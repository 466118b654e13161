"""Standing test: every document the project generates passes its own checker.

Each built-in template is rendered with each of its examples under ``examples/<template>/``
and checked with zero findings (statically, and on the LibreOffice-rendered page).
Examples that are drafts (no number yet, blank day) are checked as drafts (R-SO-11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vnadmin_docs
from tests.check.conftest import need_soffice
from vnadmin_docs.check import check_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _cases() -> list[tuple[str, Path]]:
    return [
        (t.id, data)
        for t in vnadmin_docs.list_templates()
        for data in sorted((EXAMPLES / t.id).glob("*.yaml"))
    ]


# What the checker does not know yet about the forms of issue 14 (its side is issue 15). Each
# is laid out from Phuluc3.docx; these are strict xfails, so the day the checker learns the form
# the test fails and the marker goes.
CHECKER_GAPS = {
}


def _gap(template: str, data: Path) -> str | None:
    if template in CHECKER_GAPS:
        return CHECKER_GAPS[template]
    return None


def _checked_cases() -> list[object]:
    out: list[object] = []
    for t, d in _cases():
        gap = _gap(t, d)
        if gap is None:
            out.append((t, d))
        else:
            mark = pytest.mark.xfail(strict=True, reason=f"checker side (issue 15): {gap}")
            out.append(pytest.param(t, d, marks=mark))
    return out


def _render(template: str, data: Path, out: Path) -> tuple[Path, bool]:
    doc = vnadmin_docs.render(template, vnadmin_docs.load_data(data))
    draft = doc.document.number.number is None or doc.document.date.is_draft
    return doc.save(out), draft


def test_every_built_in_template_has_an_example() -> None:
    covered = {template for template, _ in _cases()}
    assert covered == {t.id for t in vnadmin_docs.list_templates()}


@pytest.mark.parametrize(
    ("template", "data"), _checked_cases(), ids=lambda v: getattr(v, "name", v)
)
def test_generated_document_has_no_findings(template: str, data: Path, tmp_path: Path) -> None:
    path, draft = _render(template, data, tmp_path / f"{template}.docx")
    report = check_document(path, draft=draft)
    assert report.findings == (), report.to_text()


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("template", "data"), _checked_cases(), ids=lambda v: getattr(v, "name", v)
)
def test_generated_document_passes_on_the_printed_page(
    template: str, data: Path, tmp_path: Path
) -> None:
    need_soffice()
    path, draft = _render(template, data, tmp_path / f"{template}.docx")
    report = check_document(path, draft=draft, render=True)
    assert report.findings == (), report.to_text()


# Features the examples do not exercise, layered on the công văn example.
VARIANTS: dict[str, dict[str, object]] = {
    "registered-number-and-date": {"number": {"number": 5, "unit": "VP"}, "date": "2023-03-05"},
    "january-date": {"number": {"number": 12, "unit": "VP"}, "date": "2024-01-09"},
    "several-addressees": {"addressees": ["Sở Tài chính", "Sở Nội vụ", "Văn phòng UBND tỉnh"]},
    "drafter-code": {"drafter": {"code": "pl", "copies": 30}},
    "urgent": {"marks": {"urgency": "KHẨN"}},
    "commune-without-superior": {
        "issuer": {
            "name": "ỦY BAN NHÂN DÂN\nXÃ ĐẮK MOL",
            "abbreviation": "UBND",
            "place": "Đắk Mol",
        }
    },
    "deputy-signs": {
        "signer": {
            "authority": "KT.",
            "on_behalf_of": "GIÁM ĐỐC",
            "title": "PHÓ GIÁM ĐỐC",
            "full_name": "Trần Văn Bình",
        }
    },
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_generated_cong_van_variants_have_no_findings(name: str, tmp_path: Path) -> None:
    data = {**vnadmin_docs.load_data(EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml")}
    data.update(VARIANTS[name])
    doc = vnadmin_docs.render("cong-van", data)
    draft = doc.document.number.number is None or doc.document.date.is_draft
    report = check_document(doc.save(tmp_path / f"{name}.docx"), draft=draft)
    assert report.findings == (), report.to_text()


def test_merged_batch_file_is_checked_document_by_document(tmp_path: Path) -> None:
    import zipfile

    from vnadmin_docs.writer import write_merged

    base = vnadmin_docs.load_data(EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml")
    docs = [
        vnadmin_docs.render("cong-van", {**base, **VARIANTS[name]})
        for name in ("registered-number-and-date", "january-date")
    ]
    merged = tmp_path / "gop.docx"
    merged.write_bytes(write_merged([d.page_model for d in docs]))
    assert check_document(merged).findings == ()
    # Break the motto of the second document only.
    broken = tmp_path / "gop-sai.docx"
    with zipfile.ZipFile(merged) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                first = text.index("Độc lập - Tự do - Hạnh phúc")
                second = text.index("Độc lập - Tự do - Hạnh phúc", first + 1)
                text = text[:second] + "Độc lập – Tự do – Hạnh phúc" + text[second + 27 :]
                data = text.encode("utf-8")
            dst.writestr(item, data)
    (finding,) = check_document(broken).findings
    assert finding.rule_id == "R-QH-4"
    assert finding.where.vi.startswith("văn bản thứ 2, ")


def test_every_example_merged_into_one_file_passes_document_by_document(tmp_path: Path) -> None:
    from vnadmin_docs.writer import write_merged

    cases = [(t, d) for t, d in _cases() if _gap(t, d) is None]  # issue 15
    rendered = [vnadmin_docs.render(t, vnadmin_docs.load_data(d)) for t, d in cases]
    drafts = [d.document.number.number is None or d.document.date.is_draft for d in rendered]
    merged = tmp_path / "tat-ca.docx"
    merged.write_bytes(write_merged([d.page_model for d in rendered]))
    from vnadmin_docs.check.ooxml import read_package

    assert len(read_package(merged).letters()) == len(rendered)
    report = check_document(merged, draft=any(drafts))
    assert report.findings == (), report.to_text()
