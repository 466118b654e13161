"""The electronic PDF measured: PDF/A-2b claim, embedded fonts, where the images land
and their colours, and that the sign-ready fields sit exactly on them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def test_pdf_a_2b_claim_and_embedded_fonts(signed_set: dict[str, Path]) -> None:
    from vnadmin_docs.check.pdf_meta import pdfa_claim

    # LibreOffice writes the claim as XMP elements; pyHanko, adding fields and signing,
    # rewrites it as attributes: both say PDF/A-2b
    root = pypdf.PdfReader(str(signed_set["images"])).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xmp)
    for key in ("images", "ready", "two"):
        assert pdfa_claim(pypdf.PdfReader(str(signed_set[key]))) == ("2", "B"), key
    reader = pypdf.PdfReader(str(signed_set["images"]))
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            fonts += 1
    assert fonts >= 3


def _name_and_titles(page: pdfplumber.page.Page) -> tuple[dict, dict]:  # type: ignore[type-arg]
    lines = page.extract_text_lines()
    name = next(ln for ln in lines if ln["text"].strip() == "Nguyễn Thị Hường")
    title = next(ln for ln in lines if "CHÁNH VĂN PHÒNG" in ln["text"])
    return name, title


def test_images_land_between_title_and_name(signed_set: dict[str, Path]) -> None:
    with pdfplumber.open(str(signed_set["images"])) as pdf:
        page = next(p for p in pdf.pages if p.images)
        assert len(page.images) == 2
        by_size = sorted(
            page.images, key=lambda im: abs((im["x1"] - im["x0"]) - (im["bottom"] - im["top"]))
        )
        seal, sig = by_size[0], by_size[1]  # the seal is square
        name, title = _name_and_titles(page)
        mm = 72 / 25.4
        # ô 8 at its real size
        assert seal["x1"] - seal["x0"] == pytest.approx(36 * mm, abs=0.5)
        # ô 7c centred under the title block / over the name, between them vertically
        name_centre = (name["x0"] + name["x1"]) / 2
        assert (sig["x0"] + sig["x1"]) / 2 == pytest.approx(name_centre, abs=4)
        assert title["bottom"] < sig["top"] and sig["bottom"] < name["top"]
        # the seal covers about the left third of the signature image
        covered = (seal["x1"] - sig["x0"]) / (sig["x1"] - sig["x0"])
        assert covered == pytest.approx(1 / 3, abs=0.02)


def _colour_share(
    pdf: Path, page_no: int, box: tuple[float, float, float, float], want: str
) -> float:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    doc.init_forms()  # draw the signature widgets' appearances, as a viewer does
    page = doc[page_no - 1]
    scale = 2.0
    image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    height = page.get_height()
    x0, y0, x1, y1 = box
    crop = image.crop(
        (int(x0 * scale), int((height - y1) * scale), int(x1 * scale), int((height - y0) * scale))
    )
    raw = crop.tobytes()
    hits = total = 0
    for i in range(0, len(raw), 3):
        r, g, b = raw[i], raw[i + 1], raw[i + 2]
        if r > 235 and g > 235 and b > 235:
            continue  # paper
        total += 1
        if want == "red" and r > 150 and g < 110 and b < 110:
            hits += 1
        if want == "blue" and b > 120 and r < 110 and g < 130:
            hits += 1
    return hits / max(1, total)


def test_sign_ready_fields_are_the_image_rectangles(signed_set: dict[str, Path]) -> None:
    from vnadmin_docs.sign.measure import images_in

    manifest = json.loads(signed_set["manifest"].read_text(encoding="utf-8"))
    assert manifest["unit"] == "pt" and manifest["origin"] == "bottom-left"
    fields = {f["role"]: f for f in manifest["fields"]}
    assert set(fields) == {"signer", "agency"}
    drawn = images_in(signed_set["images"])
    for role, f in fields.items():
        match = [
            im
            for im in drawn
            if all(abs(a - b) < 1.0 for a, b in zip(im.rect, f["rect"], strict=True))
        ]
        assert match and match[0].page == f["page"], (role, f, drawn)
    # the sign-ready PDF has no image drawn, and its named fields are at those rectangles
    assert images_in(signed_set["ready"]) == []
    reader = pypdf.PdfReader(str(signed_set["ready"]))
    widgets = {}
    for page_no, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            widgets[str(a["/T"])] = (page_no, [float(v) for v in a["/Rect"]])
    for f in fields.values():
        page_no, rect = widgets[f["name"]]
        assert page_no == f["page"]
        assert rect == pytest.approx(f["rect"], abs=0.02)


def test_colours_on_the_signed_page(signed_set: dict[str, Path]) -> None:
    manifest = json.loads(signed_set["manifest"].read_text(encoding="utf-8"))
    fields = {f["role"]: f for f in manifest["fields"]}
    seal = fields["agency"]
    sig = fields["signer"]
    # the right two thirds of the signature box are the signature alone: blue ink
    _x0, y0, x1, y1 = sig["rect"]
    right = (seal["rect"][2] + 1, y0, x1, y1)
    assert _colour_share(signed_set["two"], sig["page"], right, "blue") > 0.6
    # the seal box: red ink
    assert _colour_share(signed_set["two"], seal["page"], tuple(seal["rect"]), "red") > 0.6
    # the same boxes on the sign-ready PDF are blank paper
    assert _colour_share(signed_set["ready"], sig["page"], right, "blue") == 0


def test_batch_pdf_a_letters_keep_the_claim(tmp_path: Path) -> None:
    """`batch --pdf-a`: each letter split from the merged conversion is still PDF/A-2b."""
    from click.testing import CliRunner
    from conftest import ROOT

    from vnadmin_docs.check.pdf_meta import fonts_of, pdfa_claim
    from vnadmin_docs.cli.main import cli

    ex = ROOT / "examples" / "xin-loi"
    r = CliRunner().invoke(
        cli,
        [
            "batch",
            "xin-loi",
            str(ex / "ho-so-tre-han.xlsx"),
            "--profile",
            str(ex / "profile.yml"),
            "-o",
            str(tmp_path / "kq"),
            "--pdf-a",
        ],
    )
    assert r.exit_code in (0, 1), r.output  # the example has bad rows on purpose
    letters = sorted((tmp_path / "kq" / "pdf").glob("*.pdf"))
    assert len(letters) >= 5
    for pdf in letters:
        reader = pypdf.PdfReader(str(pdf))
        assert pdfa_claim(reader) == ("2", "B"), pdf.name
        assert all(f.embedded for f in fonts_of(reader))


def test_check_pdf_reports_images_claim_and_fonts(
    signed_set: dict[str, Path], tmp_path: Path
) -> None:
    from conftest import render_example

    from vnadmin_docs.check.pdf import check_pdf

    report = check_pdf(signed_set["images"])
    assert report.pdfa == "2b" and all(f["embedded"] for f in report.fonts)
    inks = sorted(im["ink"] for im in report.images)
    assert inks == ["blue", "red"] and report.errors == 0
    assert not [f for f in report.findings if f.level != "info"]
    # a plain PDF of a paper document: no PDF/A claim, no images, no fields
    plain = render_example(electronic=False, images=None).to_pdf(tmp_path / "giay.pdf")
    report = check_pdf(plain)
    assert report.pdfa is None and report.images == [] and report.fields == []
    assert any("PDF/A" in f.message for f in report.findings)
