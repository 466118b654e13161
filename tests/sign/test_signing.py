"""Signing and verifying, fully offline: a throwaway CA, a local RFC 3161 stub.
sign → verify → change one byte → verify fails; the attachment's text signature."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from conftest import SIGNATURE_PNG, render_example
from testca import PASSWORD, TestCA

from vnadmin_docs import api
from vnadmin_docs.cli.main import cli
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.sign import Pkcs12Key, format_signing_time

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def test_signer_then_agency_verify(signed_set: dict[str, Path]) -> None:
    reports = api.verify(signed_set["two"], [signed_set["root"]])
    assert [r.role for r in reports] == ["signer", "agency"]
    signer, agency = reports
    assert "Nguyễn Thị Hường" in signer.signer and "Đắk Nông" in agency.signer
    for r in reports:
        assert r.intact and r.valid and r.trusted and r.ok, r
        assert len(r.chain) == 2 and "CA thử nghiệm" in r.chain[0]
        assert r.signing_time and re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00", r.signing_time
        )
    # the agency's signature was added after the signer's: a permitted change
    assert signer.changes_after == "FORM_FILLING"
    assert agency.changes_after == "NONE" and agency.coverage == "ENTIRE_FILE"
    # without the root the signatures are intact but not trusted
    untrusted = api.verify(signed_set["two"])
    assert all(r.intact and not r.trusted and not r.ok for r in untrusted)


def test_one_changed_byte_breaks_the_signatures(
    signed_set: dict[str, Path], tmp_path: Path
) -> None:
    data = bytearray(signed_set["two"].read_bytes())
    # a byte inside the first page's content, covered by both signatures
    at = data.find(b"stream", 2000) + 40
    data[at] ^= 0x01
    bad = tmp_path / "sua-1-byte.pdf"
    bad.write_bytes(bytes(data))
    reports = api.verify(bad, [signed_set["root"]])
    assert reports and all(not r.intact and not r.ok for r in reports)
    result = CliRunner().invoke(cli, ["verify", str(bad), "--trust", str(signed_set["root"])])
    assert result.exit_code == 1 and "KHÔNG HỢP LỆ" in result.output


def test_changes_after_signing_are_reported(signed_set: dict[str, Path], tmp_path: Path) -> None:
    """An incremental update that rewrites the page after the signatures: the signed bytes
    are intact, but the report says the content was changed after signing."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    target = tmp_path / "sua-sau-ky.pdf"
    with signed_set["two"].open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        page_ref = w.root["/Pages"]["/Kids"][0]
        stream = generic.StreamObject(stream_data=b"BT /F1 30 Tf 100 100 Td (SUA) Tj ET")
        page = page_ref.get_object()
        page["/Contents"] = w.add_object(stream)
        w.update_container(page)
        with target.open("wb") as out:
            w.write(out)
    reports = api.verify(target, [signed_set["root"]])
    assert all(r.intact for r in reports)
    assert reports[-1].changes_after == "OTHER" and not reports[-1].ok


def test_timestamp_server_and_time_format(
    ca: TestCA, signed_set: dict[str, Path], tmp_path: Path
) -> None:
    from tsa_stub import tsa_server

    with tsa_server(ca) as url:
        out, shown = api.sign(
            signed_set["ready"],
            tmp_path / "ts.pdf",
            role="signer",
            key=Pkcs12Key(signed_set["signer_p12"], PASSWORD),
            image=SIGNATURE_PNG,
            tsa_url=url,
            time_format="%d.%m.%Y %H:%M:%S %:z",
        )
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} \+07:00", shown)
    [report] = api.verify(out, [signed_set["root"]])
    assert report.intact and report.timestamp_time is not None
    assert report.timestamp_time.endswith("+07:00")


def test_attachment_text_signature(signed_set: dict[str, Path], tmp_path: Path) -> None:
    """A separate attachment file: no image, number/symbol and signing time at the top
    right of page 1, Times New Roman 10 pt (R-DAU-4), checked by `check FILE.pdf`."""
    from vnadmin_docs.check.pdf import check_pdf

    source = signed_set["images"]
    out, shown = api.sign(
        source,
        tmp_path / "phu-luc.pdf",
        role="attachment",
        key=Pkcs12Key(signed_set["agency_p12"], PASSWORD),
        number="Số: 215/SLĐTBXH-VP",
    )
    report = check_pdf(out)
    [field] = [f for f in report.fields if f["role"] == "attachment"]
    assert field["text"] == ["Số: 215/SLĐTBXH-VP", shown]
    assert field["page"] == 1
    width = float(pypdf.PdfReader(str(out)).pages[0].mediabox.width)
    assert field["rect"][2] == pytest.approx(width - 15 * 72 / 25.4, abs=0.1)  # right margin
    assert report.errors == 0, report.findings
    # the font is embedded and 1000 units per em: the text is as wide as Times at 10 pt
    reader = pypdf.PdfReader(str(out))
    annot = next(
        a.get_object()
        for a in reader.pages[0]["/Annots"]
        if a.get_object().get("/T") == "ChuKySo_CoQuan_TepDinhKem"
    )
    ap = annot["/AP"]["/N"].get_object()
    data = ap.get_data().decode("latin-1")
    assert "/F1 10 Tf" in data
    advance = float(re.search(r"TJ ([\d.]+) 0 Td", data).group(1))  # type: ignore[union-attr]
    # "Số: 215/SLĐTBXH-VP" in Times New Roman 10 pt measures about 96 pt (not ~190)
    assert 85 < advance < 105
    font = ap["/Resources"]["/Font"]["/F1"].get_object()
    desc = font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in desc["/FontDescriptor"] or "/FontFile3" in desc["/FontDescriptor"]


def test_wrong_password_is_a_clear_error(signed_set: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(VnAdminError) as err:
        api.sign(
            signed_set["ready"],
            tmp_path / "x.pdf",
            role="signer",
            key=Pkcs12Key(signed_set["signer_p12"], "sai"),
            image=SIGNATURE_PNG,
        )
    assert "mật khẩu" in str(err.value.localized("vi"))
    assert not (tmp_path / "x.pdf").exists()


def test_cli_render_sign_verify_check(
    ca: TestCA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import EXAMPLE, SEAL_PNG

    monkeypatch.setenv("VNADMIN_DOCS_P12_PASSWORD", PASSWORD)
    signer = ca.issue("Lê Văn Ký", "cli-ky")
    agency = ca.issue("Sở Thử nghiệm CLI", "cli-cq")
    runner = CliRunner()
    docx = tmp_path / "cv.docx"
    r = runner.invoke(cli, ["render", "cong-van", str(EXAMPLE), "-o", str(docx), "--sign-ready"])
    assert r.exit_code == 0, r.output
    manifest = json.loads((tmp_path / "cv.json").read_text(encoding="utf-8"))
    assert {f["name"] for f in manifest["fields"]} == {"ChuKySo_NguoiKy", "ChuKySo_CoQuan"}
    steps = [
        [
            "sign",
            str(tmp_path / "cv.pdf"),
            "-o",
            str(tmp_path / "1.pdf"),
            "--role",
            "signer",
            "--pkcs12",
            str(signer.p12),
            "--image",
            str(SIGNATURE_PNG),
        ],
        [
            "sign",
            str(tmp_path / "1.pdf"),
            "-o",
            str(tmp_path / "2.pdf"),
            "--role",
            "agency",
            "--pkcs12",
            str(agency.p12),
            "--image",
            str(SEAL_PNG),
        ],
    ]
    for step in steps:
        r = runner.invoke(cli, step)
        assert r.exit_code == 0, r.output
        assert "Đã ký" in r.output
    r = runner.invoke(cli, ["verify", str(tmp_path / "2.pdf"), "--trust", str(ca.root_pem)])
    assert r.exit_code == 0, r.output
    assert r.output.count("HỢP LỆ") == 2 and "KHÔNG" not in r.output
    r = runner.invoke(cli, ["check", str(tmp_path / "2.pdf")])
    assert r.exit_code == 0, r.output
    assert "PDF/A-2b" in r.output and "ink=blue" in r.output and "ink=red" in r.output
    # overwriting the original is refused
    shutil.copy(tmp_path / "2.pdf", tmp_path / "3.pdf")
    r = runner.invoke(cli, [*steps[0][:2], "-o", str(tmp_path / "cv.pdf"), *steps[0][4:]])
    assert r.exit_code == 2


def test_signing_time_format_default() -> None:
    import datetime as dt

    when = dt.datetime(2026, 3, 16, 4, 2, 35, tzinfo=dt.UTC)
    assert format_signing_time(when) == "2026-03-16T11:02:35+07:00"
    assert render_example().figures is not None


def test_number_and_date_filled_at_issue_time(ca: TestCA, tmp_path: Path) -> None:
    """The leader signs a copy whose number and day are blank; the văn thư fills them
    (form filling) and signs as the agency: both signatures hold, the leader's says only
    form filling came after it, and the page shows the number and the date."""
    import datetime as dt

    import pdfplumber
    from conftest import EXAMPLE_DIR, SEAL_PNG, render_example

    import vnadmin_docs
    from vnadmin_docs.check.pdf import check_pdf

    data = vnadmin_docs.load_data(EXAMPLE_DIR / "cong-van-dien-tu.yaml")
    del data["number"]["number"]
    data["date"] = "03/2023"
    doc = render_example(**{k: data[k] for k in ("number", "date")})
    ready, manifest = api.sign_ready(doc, tmp_path / "trinh-ky.pdf")
    issue = json.loads(manifest.read_text(encoding="utf-8"))["issue_fields"]
    assert [f["name"] for f in issue] == ["SoVanBan", "NgayBanHanh"]
    leader = ca.issue("Lãnh đạo Ký Trước", "lanh-dao")
    clerk = ca.issue("Cơ quan Ban hành", "van-thu")
    one, _ = api.sign(
        ready,
        tmp_path / "1.pdf",
        role="signer",
        key=Pkcs12Key(leader.p12, PASSWORD),
        image=SIGNATURE_PNG,
    )
    two, _ = api.sign(
        one,
        tmp_path / "2.pdf",
        role="agency",
        key=Pkcs12Key(clerk.p12, PASSWORD),
        image=SEAL_PNG,
        issue_number=7,
        issue_date=dt.date(2023, 3, 2),
    )
    first, second = api.verify(two, [ca.root_pem])
    assert first.ok and first.changes_after == "FORM_FILLING"
    assert second.ok and second.changes_after == "NONE"
    values = {f["name"]: f.get("value") for f in check_pdf(two).fields if f["role"] == "issue"}
    assert values == {"SoVanBan": "07", "NgayBanHanh": "ngày 02 tháng 3 năm 2023"}

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(two))
    pdf.init_forms()
    text = pdf[0].get_textpage().get_text_range()
    with pdfplumber.open(str(ready)) as plain:
        assert "07" not in plain.pages[0].extract_text().split("/SLĐTBXH")[0][-8:]
    # the filled values are drawn by the widgets (not page text): render and look
    bitmap = pdf[0].render(scale=2, may_draw_forms=True).to_pil().convert("L")
    x0, y0, x1, y1 = issue[0]["rect"]
    h = pdf[0].get_height()
    box = bitmap.crop((int(x0 * 2), int((h - y1) * 2), int(x1 * 2), int((h - y0) * 2)))
    assert min(box.tobytes()) < 80  # ink of "07" in the number blank
    assert text is not None
