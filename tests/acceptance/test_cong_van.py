"""Acceptance: the example công văn, opened with python-docx, rule by rule (decree30.md).

Each test names the rule IDs it checks. The example reproduces
../shared/reference/cong-van-sldtbxh-dak-nong-2023.txt.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

import vnadmin_docs
from tests.docx_view import DocView, ParaView
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.units import Pt

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures/cong-van-sldtbxh-dak-nong-2023.txt"
TNR = "Times New Roman"


@pytest.fixture
def view(cong_van_data: dict[str, Any]) -> DocView:
    return DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())


def sizes(p: ParaView) -> set[float | None]:
    return {r.size_pt for r in p.runs if r.text.strip()}


def all_bold(p: ParaView) -> bool:
    return all(r.bold for r in p.runs if r.text.strip())


def none_bold(p: ParaView) -> bool:
    return not any(r.bold for r in p.runs if r.text.strip())


def test_r_page_1_2_a4_portrait(view: DocView) -> None:
    section = view.doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_r_page_3_margins_default_20_20_30_15(view: DocView) -> None:
    s = view.doc.sections[0]
    assert [
        round(x.mm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [
        20.0,
        20.0,
        30.0,
        15.0,
    ]


def test_r_font_1_times_new_roman_in_all_four_slots_of_every_run(view: DocView) -> None:
    runs = [r for p in view.paras for r in p.runs if r.text.strip()]
    assert runs
    for r in runs:
        assert r.fonts == {"ascii": TNR, "hAnsi": TNR, "eastAsia": TNR, "cs": TNR}, r.text
    styles = view.part_xml("/word/styles.xml")
    assert f'w:ascii="{TNR}" w:hAnsi="{TNR}" w:eastAsia="{TNR}" w:cs="{TNR}"' in styles
    assert 'w:lang w:val="vi-VN"' in styles
    assert "asciiTheme" not in styles


def test_r_font_2_text_is_black(view: DocView) -> None:
    assert {r.color for p in view.paras for r in p.runs if r.text.strip()} == {"000000"}


def test_r_qh_1_2_national_title_fixed_text_12pt_bold_upper_right_column(view: DocView) -> None:
    qh = view.find(r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
    assert qh.where == "header[0,1]"
    assert sizes(qh) == {12.0} and all_bold(qh) and qh.align == "center"


def test_r_qh_4_5_7_motto_exact_text_13pt_bold_right_under_title(view: DocView) -> None:
    qh = view.find(r"^CỘNG HÒA")
    tn = view.after(qh)
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"
    assert sizes(tn) == {13.0} and all_bold(tn) and tn.align == "center"
    assert tn.before == 0 and qh.after == 0  # single spacing, no blank line (R-QH-7)


def rule_length_twips(rule: ParaView) -> int:
    assert rule.cell_width is not None
    return rule.cell_width - rule.ind_left - rule.ind_right


def test_r_qh_6_rule_under_motto_exactly_as_long_as_the_motto(view: DocView) -> None:
    tn = view.find(r"^Độc lập - Tự do - Hạnh phúc$")
    rule = view.after(tn)
    assert rule.text == "" and rule.border_bottom and rule.ind_left == rule.ind_right
    motto = text_width(tn.text, Pt(13), bold=True).twips
    assert abs(rule_length_twips(rule) - motto) <= 2


def test_r_cq_1_to_6_superior_and_issuer_lines(view: DocView) -> None:
    sup = view.find(r"^UBND TỈNH ĐẮK NÔNG$")
    issuer = view.after(sup)
    assert sup.where == issuer.where == "header[0,0]"
    assert sizes(sup) == {12.0} and none_bold(sup)
    assert issuer.text == "SỞ LAO ĐỘNG\nTHƯƠNG BINH VÀ XÃ HỘI"
    assert sizes(issuer) == {12.0} and all_bold(issuer) and issuer.align == "center"
    rule = view.after(issuer)
    assert rule.border_bottom and rule.ind_left == rule.ind_right  # centred (R-CQ-5)
    widest = max(text_width(line, Pt(12), bold=True).twips for line in issuer.text.split("\n"))
    assert widest / 3 <= rule_length_twips(rule) <= widest / 2


def test_r_so_2_to_7_draft_number_line_centred_under_issuer(view: DocView) -> None:
    so = view.find(r"^Số:")
    assert so.where == "header[1,0]" and so.align == "center"
    assert re.fullmatch(r"Số: +/SLĐTBXH-VP", so.text)
    assert sizes(so) == {13.0} and none_bold(so)


def test_r_so_2_number_below_ten_gets_one_leading_zero(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["number"] = {"number": 5, "unit": "VP"}
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    assert view.find(r"^Số:").text == "Số: 05/SLĐTBXH-VP"


def test_r_dd_3_4_5_6_draft_date_line_italic_on_the_row_of_so(view: DocView) -> None:
    date = view.find(r"ngày .* năm 2023")
    assert date.where == "header[1,1]"
    assert re.fullmatch(r"Đắk Nông, ngày +tháng 3 năm 2023", date.text)
    assert sizes(date) == {13.0} and all(r.italic for r in date.runs if r.text.strip())


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2020-01-05", "ngày 05 tháng 01 năm 2020"),
        ("2019-06-29", "ngày 29 tháng 6 năm 2019"),
        ("2023-02-09", "ngày 09 tháng 02 năm 2023"),
        ("2023-12-31", "ngày 31 tháng 12 năm 2023"),
    ],
)
def test_r_dd_4_zero_padding_of_days_and_of_months_1_and_2_only(
    cong_van_data: dict[str, Any], iso: str, expected: str
) -> None:
    cong_van_data["date"] = iso
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    assert view.find(r"ngày").text == f"Đắk Nông, {expected}"


def test_r_cv_1_2_vv_summary_under_so_12pt_not_bold_6pt_after_so(view: DocView) -> None:
    vv = view.find(r"^V/v ")
    assert vv.where == "header[1,0]" and vv.align == "center"
    assert (
        vv.text.replace("\n", " ") == "V/v cải thiện, nâng cao chỉ số cải cách hành chính năm 2023"
    )
    assert sizes(vv) == {12.0} and none_bold(vv) and vv.before == 120
    assert not view.after(vv).border_bottom  # no rule under V/v (R-CV-2)


def test_r_kg_2_3_single_addressee_on_the_label_line(view: DocView) -> None:
    kg = view.find(r"^Kính gửi:")
    assert kg.text == "Kính gửi:\tCác phòng chuyên môn, đơn vị sự nghiệp công lập thuộc Sở."
    assert sizes(kg) == {14.0} and none_bold(kg)


def test_r_kg_4_several_addressees_as_aligned_dash_list(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["addressees"] = ["Sở Nội vụ", "Sở Tài chính", "UBND các xã, phường"]
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    first = view.find(r"^Kính gửi:")
    second, third = view.after(first), view.after(view.after(first))
    assert first.text == "Kính gửi:\t- Sở Nội vụ;"
    assert second.text == "- Sở Tài chính;" and third.text == "- UBND các xã, phường."
    # the dashes stand one under the other: the tab stop of line 1 is the indent of the others
    tab = first.element.find(qn("w:pPr")).find(qn("w:tabs"))[0]
    assert int(tab.get(qn("w:pos"))) == first.ind_left == second.ind_left == third.ind_left


def body_paras(view: DocView) -> list[ParaView]:
    kg = view.find(r"^Kính gửi:")
    start = view.paras.index(kg) + 1
    return [p for p in view.paras[start:] if p.where == "body" and p.text.strip()]


def test_r_nd_1_to_5_body_justified_indent_spacing_and_closing_mark(view: DocView) -> None:
    body = body_paras(view)
    assert len(body) == 11
    for p in body:
        assert sizes(p) == {14.0} and p.align == "both"
        assert p.first_line in (567, 720)  # 1 cm or 1.27 cm (R-ND-2)
        assert p.before + p.after >= 120  # at least 6 pt between paragraphs (R-ND-3)
        assert p.line_rule == "auto" and 240 <= (p.line or 0) <= 360  # single..1.5 (R-ND-4)
    assert body[-1].text.endswith("./.") and not body[-1].text.endswith("./../.")


def test_reference_body_is_reproduced_paragraph_by_paragraph(view: DocView) -> None:
    ref = unicodedata.normalize("NFC", REFERENCE.read_text(encoding="utf-8"))
    ref = ref.replace(
        "lồng ghép nội dung chỉ đạo\n\ntriển khai", "lồng ghép nội dung chỉ đạo triển khai"
    )
    lines = [ln.strip() for ln in ref.splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Căn cứ Quyết định"))
    end = next(i for i, ln in enumerate(lines) if ln.endswith("nghiêm túc triển khai thực hiện./."))
    assert [p.text for p in body_paras(view)] == lines[start : end + 1]
    numbered = [p.text[:2] for p in body_paras(view) if re.match(r"^\d\. ", p.text)]
    assert numbered == [f"{n}." for n in range(1, 8)]


def test_reference_header_signature_and_recipients(view: DocView) -> None:
    texts = view.texts
    for expected in (
        "UBND TỈNH ĐẮK NÔNG",
        "SỞ LAO ĐỘNG\nTHƯƠNG BINH VÀ XÃ HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        "- Như trên;",
        "- Ban GD Sở;",
        "- Lưu: VT, VP.",
        "TL. GIÁM ĐỐC",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Thị Hường",
    ):
        assert expected in texts


def test_r_nn_2_to_5_recipients_list(view: DocView) -> None:
    label = view.find(r"^Nơi nhận:$")
    assert label.where == "signature[0,0]" and label.align == "left"
    assert sizes(label) == {12.0} and all_bold(label) and all(r.italic for r in label.runs)
    items = [p for p in view.paras if p.where == "signature[0,0]" and p.text.startswith("- ")]
    assert [p.text for p in items] == ["- Như trên;", "- Ban GD Sở;", "- Lưu: VT, VP."]
    assert all(sizes(p) == {11.0} and none_bold(p) for p in items)


def test_r_nn_2_nhu_tren_is_added_first_for_cong_van(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["recipients"] = ["Ban GD Sở"]
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    items = [p.text for p in view.paras if p.where == "signature[0,0]" and p.text.startswith("- ")]
    assert items[0] == "- Như trên;"


def test_r_ky_1_2_4_signature_block(view: DocView) -> None:
    authority = view.find(r"^TL\. GIÁM ĐỐC$")
    title = view.after(authority)
    assert authority.where == "signature[0,1]" and title.text == "CHÁNH VĂN PHÒNG"
    for p in (authority, title):
        assert sizes(p) == {14.0} and all_bold(p) and p.align == "center"
    name = view.find(r"^Nguyễn Thị Hường$")
    assert name.where == "signature[0,1]" and sizes(name) == {14.0} and all_bold(name)
    assert name.align == "center"


def test_r_ky_9_recipients_and_signature_start_on_the_same_row_and_never_split(
    view: DocView,
) -> None:
    table = view.tables[-1]
    assert len(table.rows) == 1 and len(table.columns) == 2
    tr_pr = table.rows[0]._tr.find(qn("w:trPr"))
    assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
    label = view.find(r"^Nơi nhận:$")
    authority = view.find(r"^TL\. GIÁM ĐỐC$")
    assert label.before == authority.before


def test_r_pgnum_1_2_page_number_field_in_header_none_on_page_one(view: DocView) -> None:
    sect = view.doc.sections[0]
    assert sect.different_first_page_header_footer  # w:titlePg
    header = sect.header._element
    instr = "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    jc = header.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:jc"))
    assert jc.get(qn("w:val")) == "center"
    sizes_hp = {e.get(qn("w:val")) for e in header.iter(qn("w:sz"))}
    assert sizes_hp == {"28"}  # 14 pt
    first = sect.first_page_header._element
    assert not list(first.iter(qn("w:instrText")))
    assert round(sect.header_distance.mm) == 10 and sect.header_distance < Mm(20)


def test_r_khan_2_urgency_mark_in_a_single_line_frame(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["marks"] = {"urgency": "HỎA TỐC"}
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    mark = view.find(r"^HỎA TỐC$")
    assert mark.where == "header[1,0]"
    assert mark.borders == {"top", "left", "bottom", "right"}
    assert all_bold(mark) and sizes(mark) == {13.0}
    width_mm = (mark.cell_width - mark.ind_left - mark.ind_right) / 20 * 25.4 / 72
    assert abs(width_mm - 30) < 0.2  # the HỎA TỐC stamp is 30 × 8 mm


def test_r_dc_1_contact_block_on_page_one_only_under_a_full_width_line(
    cong_van_data: dict[str, Any],
) -> None:
    cong_van_data["contact"] = {
        "address": "Số 1 đường 23/3, phường Nam Gia Nghĩa",
        "phone": "0261 3544 111",
        "email": "sldtbxh@daknong.gov.vn",
        "website": "sldtbxh.daknong.gov.vn",
    }
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    sect = view.doc.sections[0]
    footer = sect.first_page_footer
    texts = [p.text for p in footer.paragraphs]
    assert texts == [
        "Số 1 đường 23/3, phường Nam Gia Nghĩa",
        "ĐT: 0261 3544 111",
        "E-mail: sldtbxh@daknong.gov.vn, Website: sldtbxh.daknong.gov.vn",
    ]
    top = footer.paragraphs[0]._p.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:top"))
    assert top is not None
    ind = footer.paragraphs[0]._p.find(qn("w:pPr")).find(qn("w:ind"))
    assert ind.get(qn("w:left")) == ind.get(qn("w:right")) == "0"  # full text width
    assert {e.get(qn("w:val")) for e in footer._element.iter(qn("w:sz"))} == {"22"}  # 11 pt
    assert not any(p.text for p in sect.footer.paragraphs)  # nothing on later pages


HOSTILE = "Công ty *A* _B_ #1 | C <D> & E ]]> [x](y) `z` \\ 1. - F"


def test_hostile_characters_in_data_appear_literally(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["addressees"] = [HOSTILE]
    cong_van_data["subject"] = HOSTILE
    cong_van_data["signer"]["full_name"] = "Nguyễn *Thị* <Hường> & ]]>"
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    assert view.find(r"^Kính gửi:").text == f"Kính gửi:\t{HOSTILE}."
    assert "Nguyễn *Thị* <Hường> & ]]>" in view.texts


def test_control_characters_from_excel_are_removed_not_written(
    cong_van_data: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    cong_van_data["addressees"] = ["Sở\x0b Nội vụ\x00"]
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    assert view.find(r"^Kính gửi:").text == "Kính gửi:\tSở Nội vụ."
    assert "addressees" in caplog.text and "U+000B" in caplog.text


def test_same_input_gives_identical_bytes(cong_van_data: dict[str, Any]) -> None:
    a = vnadmin_docs.render("cong-van", cong_van_data).to_bytes()
    b = vnadmin_docs.render("cong-van", cong_van_data).to_bytes()
    assert a == b


def test_zero_width_space_between_words_does_not_glue_them(
    cong_van_data: dict[str, Any]
) -> None:
    # copied from a web page: a zero-width space where the space between two words was
    cong_van_data["addressees"] = ["Sở\u200bNội vụ tỉnh\ufeffLâm Đồng"]
    view = DocView(vnadmin_docs.render("cong-van", cong_van_data).to_bytes())
    assert view.find(r"^Kính gửi:").text == "Kính gửi:\tSở Nội vụ tỉnh Lâm Đồng."
