"""The forms and parts of issue 14 as the checker knows them (issue 15): a bản sao made by
``vnadmin-docs copy`` checks clean, and defects put back into a biên bản, a công điện, a giấy
giới thiệu, a text attached to a decision and a copy block are reported under their rules."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree  # type: ignore[import-untyped]

import vnadmin_docs
from tests.check.conftest import need_soffice
from vnadmin_docs.check import check_document
from vnadmin_docs.cli.main import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _render(template: str, name: str, out: Path) -> Path:
    data = vnadmin_docs.load_data(EXAMPLES / template / name)
    return vnadmin_docs.render(template, data).save(out)


def _copy(tmp_path: Path) -> Path:
    """The example công văn copied with the example sao y order, through the CLI."""
    original = _render("cong-van", "sldtbxh-dak-nong-2023.yaml", tmp_path / "cong-van.docx")
    out = tmp_path / "cong-van-sao-y.docx"
    order = EXAMPLES / "ban-sao" / "sao-y-cong-van-2023.yaml"
    result = CliRunner().invoke(cli, ["copy", str(original), str(order), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _edit(src: Path, dst: Path, change: Callable[[etree._Element], None]) -> Path:
    """Copy ``src`` to ``dst`` with ``change`` applied to the body XML."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(item, data)
    return dst


def _paras(root: etree._Element) -> list[tuple[etree._Element, str]]:
    return [
        (p, "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))) for p in root.iter(f"{{{W}}}p")
    ]


def _retext(nth: int, old: str, new: str) -> Callable[[etree._Element], None]:
    """Replace ``old`` by ``new`` in the ``nth`` (0-based) run text holding it."""

    def change(root: etree._Element) -> None:
        hits = [t for t in root.iter(f"{{{W}}}t") if t.text and old in t.text]
        hits[nth].text = hits[nth].text.replace(old, new)

    return change


def _rules(path: Path, *, draft: bool = False) -> list[str]:
    return [f.rule_id for f in check_document(path, draft=draft).findings]


def test_copy_of_the_example_cong_van_checks_clean(tmp_path: Path) -> None:
    # The example công văn is a draft (blank number and day): checked as one (R-SO-11).
    report = check_document(_copy(tmp_path), draft=True)
    assert report.findings == (), report.to_text()


@pytest.mark.libreoffice
def test_copy_of_the_example_cong_van_passes_on_the_printed_page(tmp_path: Path) -> None:
    need_soffice()
    report = check_document(_copy(tmp_path), draft=True, render=True)
    assert report.findings == (), report.to_text()


def test_copy_block_defects_are_reported(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    bad_number = _edit(copy, tmp_path / "so.docx", _retext(0, "05/SY-UBND", "5/SY-UBND"))
    findings = check_document(bad_number, draft=True).findings
    assert [f.rule_id for f in findings] == ["R-BS-3"]
    assert "5/SY-UBND" in findings[0].found.vi

    def no_rule(root: etree._Element) -> None:
        for p, text in _paras(root):
            borders = p.find(f"{{{W}}}pPr/{{{W}}}pBdr")
            if not text.strip() and borders is not None:
                borders.getparent().remove(borders)

    assert "R-BS-2" in _rules(_edit(copy, tmp_path / "rule.docx", no_rule), draft=True)
    # The original's own Nơi nhận is still the original's: a defect there is not hidden.
    bad_luu = _edit(copy, tmp_path / "luu.docx", _retext(0, "- Lưu: VT, VP.", "- Lưu: VT, VP;"))
    assert _rules(bad_luu, draft=True) == ["R-NN-5"]


def test_bien_ban_defects_are_reported(tmp_path: Path) -> None:
    path = _render("bien-ban", "stp-hop-giao-ban-2024.yaml", tmp_path / "bb.docx")
    motto = _edit(path, tmp_path / "motto.docx", _retext(0, MOTTO, MOTTO.replace("-", "–")))
    assert _rules(motto) == ["R-QH-4"]
    # The secretary's signature (THƯ KÝ, beside CHỦ TỌA) is judged too.
    def plain_secretary(root: etree._Element) -> None:
        for p, text in _paras(root):
            if text == "THƯ KÝ":
                for b in p.iter(f"{{{W}}}b"):
                    b.set(f"{{{W}}}val", "0")

    assert _rules(_edit(path, tmp_path / "ky.docx", plain_secretary)) == ["R-KY-2"]


def test_giay_gioi_thieu_defects_are_reported(tmp_path: Path) -> None:
    path = _render("giay-gioi-thieu", "stp-gioi-thieu-2024.yaml", tmp_path / "ggt.docx")

    def no_line(root: etree._Element) -> None:
        paras = _paras(root)
        index = next(i for i, (_, text) in enumerate(paras) if text == "GIẤY GIỚI THIỆU")
        for p, _ in paras[index : index + 2]:
            for tag in ("pBdr",):
                for el in p.iter(f"{{{W}}}{tag}"):
                    el.getparent().remove(el)
            for drawing in [*p.iter(f"{{{W}}}drawing"), *p.iter(f"{{{W}}}pict")]:
                drawing.getparent().remove(drawing)

    # Mẫu 1.8 has no summary: the line under the type name is the one R-TL-3 asks for.
    assert _rules(_edit(path, tmp_path / "line.docx", no_line)) == ["R-TL-3"]


def test_cong_dien_receivers_are_no_body_but_its_body_is(tmp_path: Path) -> None:
    path = _render("cong-dien", "ubnd-ung-pho-bao-2024.yaml", tmp_path / "cd.docx")

    def body_without_indent(root: etree._Element) -> None:
        for p, text in _paras(root):
            if text.startswith("Theo tin của"):
                for ind in p.iter(f"{{{W}}}ind"):
                    ind.set(f"{{{W}}}firstLine", "0")

    assert "R-ND-2" in _rules(_edit(path, tmp_path / "nd.docx", body_without_indent))


def test_attached_text_defects_are_reported(tmp_path: Path) -> None:
    path = _render("quyet-dinh", "ubnd-ban-hanh-quy-che-2024.yaml", tmp_path / "qd.docx")
    assert len(check_document(path).findings) == 0

    def no_kem_theo(root: etree._Element) -> None:
        for p, text in _paras(root):
            if text.startswith("(Kèm theo"):
                p.getparent().remove(p)

    findings = check_document(_edit(path, tmp_path / "kem.docx", no_kem_theo)).findings
    assert [f.rule_id for f in findings] == ["R-PL-4"]
    # Its header is judged on its own: a wrong Tiêu ngữ there (the second one) is reported
    # in the attached text, and the decision's own is still right.
    motto = _edit(path, tmp_path / "motto.docx", _retext(1, MOTTO, MOTTO.replace("-", "–")))
    (finding,) = check_document(motto).findings
    assert finding.rule_id == "R-QH-4"
    assert finding.where.vi.startswith("văn bản kèm theo thứ 1, ")


def _alone(tmp_path: Path) -> Path:
    """The example Quy chế printed alone (``render van-ban-kem-theo``)."""
    data = vnadmin_docs.load_data(EXAMPLES / "van-ban-kem-theo" / "quy-che-lam-viec-2024.yaml")
    return vnadmin_docs.api.render_attached(data).save(tmp_path / "quy-che.docx")


def test_attached_text_printed_alone_checks_clean(tmp_path: Path) -> None:
    # Mẫu 1.3 has no Số, date, Nơi nhận or signature: those rules do not apply to it.
    path = _alone(tmp_path)
    assert check_document(path).findings == (), check_document(path).to_text()

    def no_kem_theo(root: etree._Element) -> None:
        for p, text in _paras(root):
            if text.startswith("(Kèm theo"):
                p.getparent().remove(p)

    assert _rules(_edit(path, tmp_path / "kem.docx", no_kem_theo)) == ["R-PL-4"]


@pytest.mark.libreoffice
def test_attached_text_printed_alone_passes_on_the_printed_page(tmp_path: Path) -> None:
    need_soffice()
    report = check_document(_alone(tmp_path), render=True)
    assert report.findings == (), report.to_text()


def test_copy_block_in_the_wrong_columns_is_reported(tmp_path: Path) -> None:
    # R-POS-6: the number left and the place/date right; swapped, both are reported.
    copy = _copy(tmp_path)

    def swap(root: etree._Element) -> None:
        row = next(
            tr
            for tr in root.iter(f"{{{W}}}tr")
            if "05/SY-UBND" in "".join(t.text or "" for t in tr.iter(f"{{{W}}}t"))
        )
        cells = row.findall(f"{{{W}}}tc")
        left, right = (c.findall(f"{{{W}}}p") for c in cells)
        for p in left:
            cells[0].remove(p)
        for p in right:
            cells[1].remove(p)
        cells[0].extend(right)
        cells[1].extend(left)

    findings = check_document(_edit(copy, tmp_path / "swap.docx", swap), draft=True).findings
    assert [f.rule_id for f in findings] == ["R-BS-3", "R-BS-3"]
    assert "cột trái" in findings[0].found.vi or "cột phải" in findings[0].found.vi
