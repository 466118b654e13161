"""Each deliberately broken document triggers exactly the rules it breaks, and no other.

The correct documents (công văn and thông báo; header as a table, as tab-aligned
paragraphs, as text boxes; formatting direct or through styles and theme fonts) pass
with no finding at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.check.corpus import Fmt, build
from vnadmin_docs.check import Severity, check_document

TB: dict[str, Any] = {"kind": "thong-bao"}
QD: dict[str, Any] = {
    "kind": "thong-bao",
    "type_name": "QUYẾT ĐỊNH",
    "so": "Số: 15/QĐ-SLĐTBXH",
    "trich_yeu": "Về việc thành lập Tổ công tác cải cách hành chính",
    "authority": "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    "can_cu": (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;",
        "Theo đề nghị của Chánh Văn phòng Sở.",
    ),
    "decide_line": "QUYẾT ĐỊNH:",
    "body": (
        "Điều 1. Thành lập Tổ công tác cải cách hành chính của Sở gồm các ông, bà có tên trong"
        " danh sách kèm theo Quyết định này, do Phó Giám đốc Sở làm Tổ trưởng.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng các"
        " phòng và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ),
    "signer_titles": ("GIÁM ĐỐC",),
    "noi_nhan": ("- Như Điều 2;", "- Lưu: VT, VP."),
}

CORRECT: dict[str, dict[str, Any]] = {
    "cong-van-table": {},
    "thong-bao-table": TB,
    "cong-van-tabs": {"layout": "tabs"},
    "cong-van-rows": {"layout": "rows"},
    "thong-bao-rows": {**TB, "layout": "rows"},
    "thong-bao-tabs": {**TB, "layout": "tabs"},
    "cong-van-textbox": {"layout": "textbox"},
    # The header typed with runs of spaces instead of a table or tab stops (issue 15).
    "cong-van-spaces": {"layout": "spaces"},
    "kinh-gui-in-two-cells": {"kinh_gui_cells": True},
    # Every signature block Decree 30 admits (R-KY-1), combined ones included.
    "signed-tm-kt": {"signer_titles": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
    "signed-tm": {"signer_titles": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")},
    "signed-tl-kt": {
        "signer_titles": ("TL. GIÁM ĐỐC", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")
    },
    "signed-tuq": {"signer_titles": ("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ")},
    "signed-q": {"signer_titles": ("Q. GIÁM ĐỐC",)},
    "one-addressee-in-the-next-cell": {"kinh_gui_cells": True, "kinh_gui": ("Sở Tài chính.",)},
    "noi-nhan-list-in-the-next-row": {"closing": "rows"},
    "recipient-over-two-lines": {
        "noi_nhan": (
            "- Như trên;",
            "- Các sở, ban, ngành,\nđơn vị trực thuộc tỉnh;",
            "- Lưu: VT, VP.",
        )
    },
    "thong-bao-spaces": {**TB, "layout": "spaces"},
    "thong-bao-textbox": {**TB, "layout": "textbox"},
    "cong-van-styles-only": {"styles_only": True},
    "thong-bao-styles-only": {**TB, "styles_only": True},
    "hoa-spelled-hoa": {"quoc_hieu": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    "no-superior": {"superior": ""},
    "commune-issuer-on-two-lines": {
        "superior": "ỦY BAN NHÂN DÂN",
        "superior_fmt": Fmt(13, bold=True),
        "issuer": "XÃ ĐẮK MOL",
    },
    "drafter-code": {"noi_nhan": ("- Như trên;", "- Lưu: VT, VP. PL.(5)")},
    "quy-dinh-mixed-case": {**TB, "type_name": "QUY ĐỊNH", "so": "Số: 02/QyĐ-SLĐTBXH"},
    "one-addressee": {"kinh_gui": ("Sở Tài chính",)},
    "motto-rule-own-paragraph": {"motto_rule_para_indent_cm": 1.6},
    "urgent": {"mark": "KHẨN"},
    "quyet-dinh": QD,
    "closing-stacked": {"closing": "stacked"},
    "closing-tabs": {"closing": "tabs"},
    "noi-nhan-word-bullets": {"noi_nhan_bullets": True},
    "stacked-with-bullets": {"closing": "stacked", "noi_nhan_bullets": True},
    "table-in-body": {"body_table": True},
    "motto-underlined": {"underline_motto": True},
    "near-black-text": {"body_run_override": {"color": "0D0D0D"}},
    "ho-chi-minh-city": {"date": "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2024"},
    # A thông báo has no căn cứ block: an upright "Căn cứ …, Sở … thông báo … như sau:" is
    # its first body sentence, not a căn cứ line typed upright (R-CC-2).
    "thong-bao-can-cu-sentence": {
        **TB,
        "can_cu": (
            "Căn cứ Quy chế làm việc của Sở, Sở Lao động - Thương binh và Xã hội thông"
            " báo phân công nhiệm vụ như sau:",
        ),
        "can_cu_fmt": Fmt(14, align=3),
    },
    "two-digit-number": {"so": "Số: 123/SLĐTBXH-VP", "date": "Gia Nghĩa, ngày 29 tháng 6 năm 2024"},
}

# name -> (changes, the rule IDs that must fire, nothing else)
BROKEN: dict[str, tuple[dict[str, Any], set[str]]] = {
    "letter-paper": ({"page_mm": (216, 279)}, {"R-PAGE-1"}),
    "landscape": ({"landscape": True}, {"R-PAGE-2"}),
    "left-margin-25": ({"margins_mm": (20, 20, 25, 15)}, {"R-PAGE-3"}),
    "top-margin-30": ({"margins_mm": (30, 20, 30, 15)}, {"R-PAGE-3"}),
    "arial-run": ({"body_run_override": {"font": "Arial"}}, {"R-FONT-1"}),
    "vntime-run": ({"body_run_override": {"font": ".VnTime"}}, {"R-FONT-1"}),
    "theme-font-calibri": ({"styles_only": True, "theme_font": "Calibri"}, {"R-FONT-1"}),
    "red-run": ({"body_run_override": {"color": "FF0000"}}, {"R-FONT-2"}),
    "cong-hoa-missing": ({"quoc_hieu": "XÃ HỘI CHỦ NGHĨA VIỆT NAM"}, {"R-QH-1"}),
    "quoc-hieu-14-not-bold": ({"quoc_hieu_fmt": Fmt(14)}, {"R-QH-2"}),
    "quoc-hieu-left": ({"swap_header": True}, {"R-QH-3"}),
    "motto-en-dash": ({"motto": "Độc lập – Tự do – Hạnh phúc"}, {"R-QH-4"}),
    "motto-no-spaces": ({"motto": "Độc lập-Tự do-Hạnh phúc"}, {"R-QH-4"}),
    "motto-italic-not-bold": ({"motto_fmt": Fmt(14, italic=True)}, {"R-QH-5"}),
    "motto-no-line": ({"motto_line": False}, {"R-QH-6"}),
    "superior-bold": ({"superior_fmt": Fmt(13, bold=True)}, {"R-CQ-3"}),
    "issuer-not-bold": ({"issuer_fmt": Fmt(13)}, {"R-CQ-4"}),
    # A register number with a dash is still the Số line (R-SO-2 judges the number),
    # never a line of the issuer's name.
    "so-with-dashed-register-number": ({"so": "Số: 111-11/SLĐTBXH-VP"}, {"R-SO-2"}),
    "noi-nhan-next-row-no-luu": (
        {"closing": "rows", "noi_nhan": ("- Như trên;", "- Giám đốc Sở.")},
        {"R-NN-5"},
    ),
    "signature-parts-on-one-line": (
        {"signer_titles": ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
        {"R-KY-1"},
    ),
    "deputy-title-on-the-kt-line": ({"signer_titles": ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",)}, {"R-KY-1"}),
    "tuq-handed-on": (
        {"signer_titles": ("TUQ. GIÁM ĐỐC", "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG")},
        {"R-KY-1"},
    ),
    "summary-in-capitals": ({**TB, "trich_yeu": "PHÂN CÔNG NHIỆM VỤ CỦA LÃNH ĐẠO SỞ"}, {"R-TL-2"}),
    "article-label-not-bold": (
        {**QD, "article_bold": False},
        {"R-BC-4"},
    ),
    "spaces-issuer-not-bold": ({"layout": "spaces", "issuer_fmt": Fmt(13)}, {"R-CQ-4"}),
    "spaces-so-14pt": ({"layout": "spaces", "so_fmt": Fmt(14)}, {"R-SO-3"}),
    "spaces-date-upright": ({"layout": "spaces", "date_fmt": Fmt(14)}, {"R-DD-5"}),
    "spaces-motto-en-dash": (
        {**TB, "layout": "spaces", "motto": "Độc lập – Tự do – Hạnh phúc"},
        {"R-QH-4"},
    ),
    "issuer-lower-case": ({"issuer": "Sở Lao động - Thương binh và Xã hội"}, {"R-CQ-4"}),
    "commune-issuer-not-bold": (
        {
            "superior": "ỦY BAN NHÂN DÂN",
            "superior_fmt": Fmt(13),
            "issuer": "XÃ ĐẮK MOL",
            "issuer_fmt": Fmt(13),
        },
        {"R-CQ-4"},
    ),
    "issuer-no-line": ({"issuer_line": False}, {"R-CQ-5"}),
    "issuer-underlined": (
        {"issuer_line": False, "issuer_fmt": Fmt(13, bold=True, underline=True)},
        {"R-CQ-5"},
    ),
    "number-without-zero": ({"so": "Số: 5/SLĐTBXH-VP"}, {"R-SO-2"}),
    "so-without-colon": ({"so": "Số 05/SLĐTBXH-VP"}, {"R-SO-3"}),
    "so-14pt": ({"so_fmt": Fmt(14)}, {"R-SO-3"}),
    "symbol-lower-case": ({"so": "Số: 05/Sldtbxh-VP"}, {"R-SO-4"}),
    "spaces-around-slash": ({"so": "Số: 05 / SLĐTBXH - VP"}, {"R-SO-5"}),
    "thong-bao-with-qd-code": ({**TB, "so": "Số: 05/QĐ-SLĐTBXH"}, {"R-SO-6"}),
    "cong-van-with-type-code": ({"so": "Số: 05/TB-SLĐTBXH"}, {"R-SO-7"}),
    "cv-in-so": ({"so": "Số: 05/CV-SLĐTBXH"}, {"R-ABBR-2"}),
    "to-trinh-ttr-upper": (
        {**TB, "type_name": "TỜ TRÌNH", "so": "Số: 05/TTR-SLĐTBXH"},
        {"R-ABBR-1"},
    ),
    "date-no-comma": ({"date": "Gia Nghĩa ngày 05 tháng 01 năm 2024"}, {"R-DD-2"}),
    "place-lower-case": ({"date": "Gia nghĩa, ngày 05 tháng 01 năm 2024"}, {"R-DD-2"}),
    "date-numeric": ({"date": "Gia Nghĩa, 05/01/2024"}, {"R-DD-3"}),
    "thang-03": ({"date": "Gia Nghĩa, ngày 15 tháng 03 năm 2024"}, {"R-DD-4"}),
    "ngay-5": ({"date": "Gia Nghĩa, ngày 5 tháng 4 năm 2024"}, {"R-DD-4"}),
    "date-upright": ({"date_fmt": Fmt(14)}, {"R-DD-5"}),
    "cong-van-without-vv": ({"vv": None}, {"R-CV-1"}),
    "vv-tight-under-number": ({"vv_space_before_pt": 0}, {"R-CV-1"}),
    "vv-bold": ({"vv_fmt": Fmt(12, bold=True)}, {"R-CV-1"}),
    "vv-upper-v": ({"vv": "V/V hướng dẫn chi trả trợ cấp"}, {"R-CV-1"}),
    "vv-in-thong-bao": ({**TB, "vv_in_typed": True}, {"R-TL-4"}),
    "type-name-not-bold": ({**TB, "type_fmt": Fmt(14)}, {"R-TL-1"}),
    "trich-yeu-not-bold": ({**TB, "trich_yeu_fmt": Fmt(14)}, {"R-TL-2"}),
    "trich-yeu-no-line": ({**TB, "trich_yeu_line": False}, {"R-TL-3"}),
    "kinh-gui-italic": ({"kinh_gui_fmt": Fmt(14, italic=True, align=0)}, {"R-KG-2"}),
    "kinh-gui-space-colon": ({"kinh_gui_label": "Kính gửi :"}, {"R-KG-2"}),
    "one-addressee-own-line": ({"kinh_gui": ("Sở Tài chính",), "kinh_gui_split": True}, {"R-KG-3"}),
    "kinh-gui-without-semicolon": ({"kinh_gui": ("- Sở Tài chính", "- Sở Nội vụ")}, {"R-KG-4"}),
    # A quyết định's căn cứ typed upright; in a thông báo an upright "Căn cứ …" is a body
    # sentence (its type has no căn cứ block), see the next case.
    "can-cu-upright": ({**QD, "can_cu_fmt": Fmt(14, align=3)}, {"R-CC-2"}),
    "can-cu-last-semicolon": ({**TB, "can_cu": ("Căn cứ Luật A;", "Căn cứ Luật B;")}, {"R-CC-2"}),
    "body-12pt": ({"body_fmt": Fmt(12, align=3)}, {"R-ND-1"}),
    "body-left-aligned": ({"body_fmt": Fmt(14, align=0)}, {"R-ND-1"}),
    "body-no-indent": ({"body_indent_cm": 0}, {"R-ND-2"}),
    "body-no-spacing": ({"body_space_before_pt": 0}, {"R-ND-3"}),
    "body-double-spacing": ({"body_line_spacing": 2.0}, {"R-ND-4"}),
    "missing-end-mark": (
        {"body": ("Đoạn một của nội dung.", "Đoạn cuối không có dấu kết thúc.")},
        {"R-ND-5"},
    ),
    "no-nhu-tren": ({"noi_nhan": ("- Giám đốc Sở;", "- Lưu: VT, VP.")}, {"R-NN-2"}),
    "noi-nhan-not-bold-italic": ({"noi_nhan_fmt": Fmt(12, align=0)}, {"R-NN-3"}),
    "noi-nhan-items-13pt": ({"noi_nhan_item_fmt": Fmt(13, align=0)}, {"R-NN-4"}),
    "noi-nhan-item-comma": (
        {"noi_nhan": ("- Như trên;", "- Giám đốc Sở,", "- Lưu: VT, VP.")},
        {"R-NN-4"},
    ),
    "missing-luu-vt": ({"noi_nhan": ("- Như trên;", "- Giám đốc Sở.")}, {"R-NN-5"}),
    "luu-without-period": ({"noi_nhan": ("- Như trên;", "- Lưu: VT, VP;")}, {"R-NN-5"}),
    "prefix-k-slash-t": ({"signer_titles": ("K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")}, {"R-KY-1"}),
    "signer-title-not-bold": ({"signer_title_fmt": Fmt(14)}, {"R-KY-2"}),
    "signer-name-upper": ({"signer_name": "NGUYỄN VĂN AN"}, {"R-KY-4"}),
    "drafter-italic": (
        {
            "noi_nhan": ("- Như trên;", "- Lưu: VT, VP. PL.(5)"),
            "noi_nhan_item_fmt": Fmt(11, italic=True, align=0),
        },
        {"R-NN-4", "R-KHST-1"},
    ),
    "urgency-not-bold": ({"mark": "THƯỢNG KHẨN", "mark_fmt": Fmt(13)}, {"R-KHAN-2"}),
    "circulation-lower-case": ({"mark": "Lưu hành nội bộ"}, {"R-LH-1"}),
    "stacked-signer-not-bold": ({"closing": "stacked", "signer_title_fmt": Fmt(14)}, {"R-KY-2"}),
    "tabs-closing-no-luu": ({"closing": "tabs", "noi_nhan": ("- Như trên;", "- VP.")}, {"R-NN-5"}),
    "bullets-items-12pt": (
        {"noi_nhan_bullets": True, "noi_nhan_item_fmt": Fmt(12, align=0)},
        {"R-NN-4"},
    ),
    "quyet-dinh-last-basis-semicolon": (
        {**QD, "can_cu": ("Căn cứ Luật A;", "Theo đề nghị của Chánh Văn phòng Sở;")},
        {"R-CC-2"},
    ),
    "quyet-dinh-with-tb-code": ({**QD, "so": "Số: 15/TB-SLĐTBXH"}, {"R-SO-6"}),
    "blank-line-under-quoc-hieu": ({"blank_after_qh": True}, {"R-QH-7"}),
    "blank-line-under-superior": ({"blank_after_superior": True}, {"R-CQ-6"}),
    "number-and-date-swapped": ({"swap_number_row": True}, {"R-SO-10", "R-DD-6"}),
    "degree-before-name": ({"signer_name": "TS. Nguyễn Văn An"}, {"R-KY-5"}),
    "no-page-field": ({"page_field": False}, {"R-PGNUM-1"}),
    "number-on-page-1": ({"title_page": False}, {"R-PGNUM-2"}),
    "number-in-footer": ({"page_in_footer": True}, {"R-PGNUM-1"}),
    "number-in-footer-on-page-1": (
        {"page_in_footer": True, "title_page": False},
        {"R-PGNUM-1", "R-PGNUM-2"},
    ),
    # Typed the way clerks do, and still broken:
    "rows-header-no-issuer-line": ({"layout": "rows", "issuer_line": False}, {"R-CQ-5"}),
    "rows-header-no-motto-line": ({"layout": "rows", "motto_line": False}, {"R-QH-6"}),
    "tabs-header-en-dash": ({"layout": "tabs", "motto": "Độc lập – Tự do – Hạnh phúc"}, {"R-QH-4"}),
    "textbox-header-thang-03": (
        {"layout": "textbox", "date": "Gia Nghĩa, ngày 15 tháng 03 năm 2024"},
        {"R-DD-4"},
    ),
    "styles-only-no-indent": ({"styles_only": True, "body_indent_cm": 0}, {"R-ND-2"}),
    "styles-only-body-13-line-double": (
        {"styles_only": True, "body_line_spacing": 2.0},
        {"R-ND-4"},
    ),
}


def test_the_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_correct_documents_have_no_findings(name: str, tmp_path: Path) -> None:
    report = check_document(build(tmp_path / f"{name}.docx", **CORRECT[name]))
    assert report.findings == (), report.to_text()
    assert report.ok


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_document_triggers_exactly_its_rules(name: str, tmp_path: Path) -> None:
    changes, expected = BROKEN[name]
    report = check_document(build(tmp_path / f"{name}.docx", **changes))
    fired = {f.rule_id for f in report.findings}
    assert fired == expected, report.to_text()
    assert not report.ok
    assert all(f.severity is not Severity.NOT_EVALUATED for f in report.findings)
