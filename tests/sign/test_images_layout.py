"""ô 7c / ô 8 in the page model and the .docx: positions from decree30.toml, floating
anchors, colour and transparency warnings (no LibreOffice needed)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE_DIR, SEAL_PNG, SIGNATURE_PNG, render_example
from PIL import Image

from vnadmin_docs.errors import DataError
from vnadmin_docs.layout.figures import figures
from vnadmin_docs.layout.page_model import FloatingImage, Grid, Para
from vnadmin_docs.writer import letter_xml
from vnadmin_docs.writer.stream import MergedWriter


def _anchors(doc) -> tuple[Para, list[FloatingImage], float]:  # type: ignore[no-untyped-def]
    for item in doc.page_model.sections[0].body:
        if isinstance(item, Grid) and item.role == "signature":
            cell = item.rows[0].cells[1]
            for p in cell.paras:
                if p.role == "signature_space":
                    return p, list(p.anchors), cell.width.pt
    raise AssertionError("no signature space")


def test_signature_centred_and_seal_over_its_left_third() -> None:
    doc = render_example()
    space, anchors, column = _anchors(doc)
    sig = next(a for a in anchors if a.role == "signature")
    seal = next(a for a in anchors if a.role == "seal")
    # ô 7c: centred in the column, centred in the space between title lines and name
    assert sig.x.pt + sig.width.pt / 2 == pytest.approx(column / 2, abs=0.01)
    assert space.exact_line is not None
    assert sig.y.pt + sig.height.pt / 2 == pytest.approx(space.exact_line.pt / 2, abs=0.01)
    # aspect of the PNG kept (600 x 260 px)
    assert sig.height.pt / sig.width.pt == pytest.approx(260 / 600, rel=1e-3)
    # ô 8: the seal at its real size (36 mm), covering the left third of the signature
    assert seal.width.mm == pytest.approx(36, abs=0.01)
    covered = (seal.x.pt + seal.width.pt - sig.x.pt) / sig.width.pt
    assert covered == pytest.approx(1 / 3, abs=0.01)
    assert seal.y.pt + seal.height.pt / 2 == pytest.approx(sig.y.pt + sig.height.pt / 2)
    assert seal.z > sig.z  # stamped over the signature
    assert doc.warnings == ()


def test_seal_size_from_data_and_limits() -> None:
    doc = render_example(
        images={"signature": "chu-ky.png", "seal": "con-dau.png", "seal_size_mm": 40}
    )
    seal = next(a for a in _anchors(doc)[1] if a.role == "seal")
    assert seal.width.mm == pytest.approx(40, abs=0.01)
    with pytest.raises(DataError) as err:
        render_example(images={"seal": "con-dau.png", "seal_size_mm": 200})
    assert "images.seal_size_mm" in str(err.value.problems[0].path)


def test_docx_has_floating_anchors_that_never_move_text() -> None:
    doc = render_example()
    with zipfile.ZipFile(io.BytesIO(doc.to_bytes())) as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert xml.count("<wp:anchor") == 2
    assert xml.count("<wp:wrapNone/>") == 2  # in front of the text, no wrapping
    assert 'behindDoc="0"' in xml and 'layoutInCell="1"' in xml
    ids = re.findall(r'<wp:docPr id="(\d+)"', xml)
    assert sorted(ids) == ["1", "2"]
    assert len(media) == 2 and 'Extension="png"' in types
    for rid in re.findall(r'r:embed="([^"]+)"', xml):
        assert f'Id="{rid}"' in rels
    # the same text as the paper version: anchors add runs, nothing else
    paper = render_example(electronic=False, images=None)
    with zipfile.ZipFile(io.BytesIO(paper.to_bytes())) as z:
        paper_xml = z.read("word/document.xml").decode()
    stripped = re.sub(r"<w:r><w:drawing>.*?</w:drawing></w:r>", "", xml)
    # the main document is word for word the paper one (only the appendix's
    # "(Kèm theo …)" differs, see the last test)
    main = _texts(stripped).split("(Kèm theo")[0]
    assert main == _texts(paper_xml).split("(Kèm theo")[0]
    assert "Nguyễn Thị Hường" in main


def test_merged_file_carries_the_pictures_and_numbers_them_once(tmp_path: Path) -> None:
    """A picture letter in the merged print file: its head stays text (ids are numbered
    per file), the ids run on across letters, every picture part and relationship is there,
    and python-docx opens the file."""
    docs = [render_example(), render_example()]
    built = [letter_xml(d.page_model) for d in docs]
    assert any(isinstance(h, str) for b in built for h in b.heads)
    with MergedWriter(tmp_path / "gop.docx") as writer:
        for b in built:
            writer.add(b)
        target = writer.close()
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert "\x00" not in xml
    assert sorted(re.findall(r'<wp:docPr id="(\d+)"', xml), key=int) == ["1", "2", "3", "4"]
    assert len(media) == 2 and 'Extension="png"' in types  # the same two pictures, once
    for rid in re.findall(r'r:embed="([^"]+)"', xml):
        assert f'Id="{rid}"' in rels
    opened = docx.Document(str(target))
    assert len(opened.sections) == sum(len(d.page_model.sections) for d in docs)


def _texts(xml: str) -> str:
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def _png(tmp: Path, name: str, rgba: tuple[int, int, int, int], background: tuple) -> Path:
    im = Image.new("RGBA", (200, 100), background)
    for x in range(40, 160):
        for y in range(45, 55):
            im.putpixel((x, y), rgba)
    path = tmp / name
    im.save(path)
    return path


def test_warnings_for_colour_and_transparency(tmp_path: Path) -> None:
    red_sig = _png(tmp_path, "sig.png", (220, 20, 20, 255), (0, 0, 0, 0))
    opaque_seal = _png(tmp_path, "seal.png", (220, 20, 20, 255), (255, 255, 255, 255))
    doc = render_example(images={"signature": str(red_sig), "seal": str(opaque_seal)})
    texts = [w.reason for w in doc.warnings]
    assert any("sig.png" in t and "đỏ" in t and "R-KY-7" in t for t in texts), texts
    assert any("seal.png" in t and "trong suốt" in t and "R-DAU-3" in t for t in texts), texts
    assert not any("seal.png" in t and "màu" in t for t in texts)  # the seal is red: fine
    assert {w.path for w in doc.warnings} == {"images.signature", "images.seal"}


def test_paper_document_with_images_warns_about_wet_signature() -> None:
    doc = render_example(electronic=False)
    assert len(_anchors(doc)[1]) == 2
    assert any("ký tay" in w.reason and w.path == "images" for w in doc.warnings)


def test_missing_or_non_png_image_is_a_data_error(tmp_path: Path) -> None:
    jpg = tmp_path / "chu-ky.jpg"
    Image.new("RGB", (10, 10), "blue").save(jpg, "JPEG")
    with pytest.raises(DataError) as err:
        render_example(images={"signature": str(jpg)})
    assert err.value.problems[0].path == "images.signature"
    assert "PNG" in err.value.problems[0].reason
    with pytest.raises(DataError) as err:
        render_example(images={"seal": "khong-co.png"})
    assert err.value.problems[0].path == "images.seal"


def test_example_pngs_are_what_the_decree_asks() -> None:
    from vnadmin_docs.layout.pictures import ink_of

    table = figures().data["electronic"]
    with Image.open(SIGNATURE_PNG) as im:
        assert ink_of(im, table["blue_hue"], table["red_hue"])[0] == "blue"
    with Image.open(SEAL_PNG) as im:
        ink, transparent = ink_of(im, table["blue_hue"], table["red_hue"])
        assert ink == "red" and transparent > 0.5
    assert EXAMPLE_DIR.is_dir()


def test_electronic_appendix_leaves_number_and_date_blank() -> None:
    doc = render_example()
    paper = render_example(electronic=False, images=None)

    def attached(d) -> str:  # type: ignore[no-untyped-def]
        [p] = [
            p
            for p in d.page_model.sections[1].body
            if isinstance(p, Para) and p.role == "appendix_attached"
        ]
        return p.text.replace("\n", " ")

    assert "215/SLĐTBXH-VP" in attached(paper) and "24 tháng 3" in attached(paper)
    e = attached(doc)
    assert "215" not in e and "2023" not in e
    assert e.startswith("(Kèm theo Công văn số … ngày … tháng … năm … của Sở Lao động")


def test_seal_from_the_agency_profile(tmp_path: Path) -> None:
    import shutil

    shutil.copy(SEAL_PNG, tmp_path / "dau-co-quan.png")
    profile = tmp_path / "co-quan.toml"
    profile.write_text(
        '[electronic]\nseal_png = "dau-co-quan.png"\nseal_size_mm = 40\n', encoding="utf-8"
    )
    from conftest import EXAMPLE

    import vnadmin_docs
    from vnadmin_docs import api

    data = vnadmin_docs.load_data(EXAMPLE)
    data["images"] = {"signature": "chu-ky.png"}
    doc = api.render("cong-van", data, electronic=True, data_dir=EXAMPLE_DIR, profile=profile)
    seal = next(a for a in _anchors(doc)[1] if a.role == "seal")
    assert seal.width.mm == pytest.approx(40, abs=0.01)
    assert seal.png == SEAL_PNG.read_bytes()
    bad = tmp_path / "sai.toml"
    bad.write_text("[electronic]\nseal_size_mm = 90\n", encoding="utf-8")
    from vnadmin_docs.errors import LayoutError

    with pytest.raises(LayoutError):
        api.render("cong-van", data, electronic=True, data_dir=EXAMPLE_DIR, profile=bad)
