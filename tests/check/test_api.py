"""The public API: check_document, reports, profiles, disabled rules, languages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.check.conftest import SPEC_MD, need_decree_samples
from tests.check.corpus import Fmt, build
from vnadmin_docs.check import (
    RULES,
    Severity,
    UnreadableDocument,
    check_document,
    rule_ids,
)
from vnadmin_docs.errors import LayoutError, VnAdminError


def test_findings_name_rule_place_found_and_required_in_vietnamese(tmp_path: Path) -> None:
    report = check_document(build(tmp_path / "a.docx", date="Gia Nghĩa, ngày 5 tháng 4 năm 2024"))
    (finding,) = report.findings
    assert finding.rule_id == "R-DD-4"
    assert finding.severity is Severity.ERROR
    assert finding.where.vi == "bảng 1, hàng 2, cột 2"
    assert finding.excerpt == "Gia Nghĩa, ngày 5 tháng 4 năm 2024"
    assert finding.found.vi == "“ngày 5 tháng 4”"
    assert finding.required.vi == "“ngày 05 tháng 4”"
    text = report.to_text()
    assert "[LỖI] R-DD-4 — bảng 1, hàng 2, cột 2" in text
    assert "yêu cầu: “ngày 05 tháng 4”" in text


def test_english_report_on_request(tmp_path: Path) -> None:
    report = check_document(build(tmp_path / "a.docx", motto_line=False), lang="en")
    text = report.to_text()
    assert "[ERROR] R-QH-6 — table 1, row 1, column 2" in text
    assert "no line under the motto" in text


def test_json_report_lists_every_finding(tmp_path: Path) -> None:
    report = check_document(
        build(tmp_path / "a.docx", margins_mm=(20, 20, 25, 15), body_fmt=Fmt(12, align=3))
    )
    data = json.loads(report.to_json())
    assert data["ok"] is False
    assert [f["rule"] for f in data["findings"]] == ["R-PAGE-3", "R-ND-1"]
    assert data["findings"][0]["found"] == "lề trái 25 mm"
    assert data["counts"] == {"error": 2, "warning": 0, "not_evaluated": 0}


def test_month_padding_is_only_a_warning(tmp_path: Path) -> None:
    report = check_document(build(tmp_path / "a.docx", date="Gia Nghĩa, ngày 15 tháng 03 năm 2024"))
    assert [f.severity for f in report.findings] == [Severity.WARNING]
    assert not report.at_or_above(Severity.ERROR)


def test_disabled_rules_are_skipped(tmp_path: Path) -> None:
    path = build(tmp_path / "a.docx", margins_mm=(20, 20, 25, 15))
    assert check_document(path, disabled=["R-PAGE-3"]).findings == ()


def test_unknown_rule_id_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(VnAdminError, match="R-NOPE"):
        check_document(build(tmp_path / "a.docx"), disabled=["R-NOPE"])


def test_agency_profile_can_narrow_margins(tmp_path: Path) -> None:
    profile = tmp_path / "agency.toml"
    profile.write_text("[margins]\nleft_mm = { min = 35, max = 35 }\n", encoding="utf-8")
    path = build(tmp_path / "a.docx")
    (finding,) = check_document(path, profile=profile).findings
    assert finding.rule_id == "R-PAGE-3"
    assert "trái 35 mm" in finding.required.vi
    assert finding.found.vi == "lề trái 30 mm"


def test_profile_outside_the_law_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text("[margins]\nleft_mm = 40\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="left_mm"):
        check_document(build(tmp_path / "a.docx"), profile=profile)


def test_missing_elements_are_not_evaluated_never_guessed(tmp_path: Path) -> None:
    path = build(
        tmp_path / "a.docx",
        quoc_hieu="",
        motto="",
        noi_nhan_label="",
        noi_nhan=(),
        signer_titles=(),
        signer_name="",
    )
    report = check_document(path)
    unjudged = {f.rule_id for f in report.findings if f.severity is Severity.NOT_EVALUATED}
    assert {"R-QH-1", "R-QH-4", "R-NN-3", "R-KY-2"} <= unjudged
    assert report.ok  # nothing judged wrong, only unjudged
    qh = next(f for f in report.findings if f.rule_id == "R-QH-1")
    assert "không tìm thấy Quốc hiệu" in qh.found.vi


def test_not_a_docx_is_unreadable_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match=r"hong\.docx"):
        check_document(bad)
    empty_zip = tmp_path / "rong.docx"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(UnreadableDocument, match=r"rong\.docx"):
        check_document(empty_zip)


def test_every_rule_id_comes_from_the_spec() -> None:
    spec = SPEC_MD
    if not spec.is_file():
        pytest.skip(f"the specification is not beside the repository ({spec})")
    text = spec.read_text(encoding="utf-8")
    for rid in rule_ids():
        assert f"| {rid} |" in text, rid
    assert all(r.example_bad and r.example_fix for r in RULES.values())


@pytest.mark.parametrize("name", ["Phuluc3.docx", "Phuluc1.docx"])
def test_decree_sample_forms_are_read_without_crashing(name: str) -> None:
    folder = need_decree_samples()
    report = check_document(folder / name)
    # The appendices are collections of forms, not one document: the checker must read
    # them and report, whatever it finds.
    assert report.path.endswith(name)
    assert report.to_text()
    assert json.loads(report.to_json())["file"].endswith(name)


def test_strict_raises_check_failed_with_the_findings(tmp_path: Path) -> None:
    from vnadmin_docs.errors import CheckFailed

    path = build(tmp_path / "a.docx", so="Số: 5/SLĐTBXH-VP")
    with pytest.raises(CheckFailed, match="R-SO-2") as info:
        check_document(path, strict=True)
    assert "required: number “05”" in info.value.localized("en")
    assert check_document(build(tmp_path / "b.docx"), strict=True).ok


def test_old_word_files_get_a_message_saying_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(UnreadableDocument, match=r"cu\.doc") as info:
        check_document(old)
    assert "lưu lại dạng .docx" in str(info.value)


def test_strict_open_xml_is_read_like_transitional(tmp_path: Path) -> None:
    path = build(tmp_path / "a.docx", date="Gia Nghĩa, ngày 5 tháng 4 năm 2024")
    strict = tmp_path / "strict.docx"
    pairs = [
        (
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        ),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    ]
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(strict, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            for old, new in pairs:
                data = data.replace(old, new)
            dst.writestr(item, data)
    assert [f.rule_id for f in check_document(strict).findings] == ["R-DD-4"]
