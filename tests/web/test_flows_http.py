"""The pages' flows over HTTP: the batch (same bytes as the command line), exclusions,
progress events, downloads; a form to a document; the checker; the number book."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import need, under_ci
from tests.web.conftest import EXPORT, PROFILE, add_user, client, csrf_of, signed_in, upload_export
from vnadmin_docs.cli.main import cli
from vnadmin_docs.web.users import Role

# shared/ lies beside the repository (CI, the main checkout) or beside a worktree folder.
_ROOT = Path(__file__).resolve().parents[2]
REAL_DOCX = next((p / "shared" / "real-docx" for p in (_ROOT.parent, _ROOT.parent.parent)
                  if (p / "shared" / "real-docx").is_dir()), _ROOT.parent / "shared" / "real-docx")


def _wait_done(c, job_url: str, seconds: float = 240) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        page = c.get(job_url).text
        if 'id="xong"' in page or 'id="loi-chay"' in page:
            return page
        time.sleep(0.5)
    raise AssertionError("the batch did not finish")


def test_review_shows_header_matching_and_every_rows_problem(make_app):
    c = client(make_app())
    r = upload_export(c)
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    # header matching: the two-row merged header, every column bound
    assert "Thông tin người nộp / Chủ hồ sơ" in page and "applicant_name" in page
    # the three bad rows with row, column, value and the Vietnamese reason
    table = page.split('id="bang-loi"')[1].split("</table>")[0]
    assert re.search(r"<td>15</td><td>Ngày / Hẹn trả mới</td><td>31/02/2025 17:00</td>"
                     r"<td>ngày 31/02/2025 không có thật", table)
    assert "<td>21</td><td>Thông tin người nộp / Chủ hồ sơ</td>" in table
    assert "bắt buộc nhưng để trống" in table
    assert 'id="so-hop-le">8<' in page and 'id="so-loi">3<' in page
    # English on request
    en = c.get(r.headers["location"] + "?lang=en").text
    assert "Errors and warnings by row" in en and "Column matching" in en


def test_excluding_rows_checks_again_without_them(make_app):
    c = client(make_app())
    job_url = upload_export(c).headers["location"]
    token = csrf_of(c, job_url)
    r = c.post(job_url + "/exclude", data={"csrf": token, "exclude": ["12", "15"]},
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get(job_url).text
    assert 'id="so-hop-le">7<' in page and 'id="so-loi">2<' in page
    assert "Dòng đã bỏ" in page and "12, 15" in page


def test_batch_from_the_browser_makes_the_same_bytes_as_the_command_line(make_app, tmp_path):
    app = make_app()
    c = client(app)
    job_url = upload_export(c).headers["location"]
    token = csrf_of(c, job_url)
    assert c.post(job_url + "/run", data={"csrf": token}, follow_redirects=False
                  ).status_code == 303
    page = _wait_done(c, job_url)
    assert "Đã tạo <strong>8</strong>" in page
    events = c.get(job_url + "/events").text
    assert json.loads(events.split("data: ", 1)[1].split("\n", 1)[0])["status"] == "done"

    cli_out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(EXPORT), "--profile",
                                      str(PROFILE), "-o", str(cli_out), "--zip"])
    assert result.exit_code == 1, result.output  # three bad rows
    job = app.state.services.jobs.list("local", "batch")[0]
    web_out = job.path("ket-qua")
    letters = sorted(p.name for p in (cli_out / "van-ban").glob("*.docx"))
    assert len(letters) == 8
    assert letters == sorted(p.name for p in (web_out / "van-ban").glob("*.docx"))
    for name in letters:
        assert (web_out / "van-ban" / name).read_bytes() == (cli_out / "van-ban" / name
                                                             ).read_bytes(), name
    merged = next(p.name for p in cli_out.glob("*.docx"))
    assert (web_out / merged).read_bytes() == (cli_out / merged).read_bytes()

    z = c.get(job_url + "/download/zip")
    assert z.status_code == 200
    with zipfile.ZipFile(cli_out / "van-ban.zip") as a, zipfile.ZipFile(
            job.path("ket-qua") / "van-ban.zip") as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            if name.endswith(".docx"):
                assert a.read(name) == b.read(name), name
    report = c.get(job_url + "/download/report")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    import openpyxl

    ws = openpyxl.load_workbook(job.path("bao-cao.xlsx")).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Dòng", "Mã hồ sơ", "Người nhận")
    assert sum(1 for r in rows[1:] if r[5] == "đã tạo") == 8
    assert sum(1 for r in rows[1:] if r[5] == "lỗi, không tạo") == 3
    assert c.get(job_url + "/letter/12").content[:2] == b"PK"
    audit = [a.action for a in app.state.services.users.audit_log()]
    assert "batch.run" in audit


def test_a_form_becomes_a_document_and_its_data_round_trips(make_app):
    c = client(make_app())
    page = c.get("/forms/quyet-dinh").text
    for label in ("Thẩm quyền ban hành", "Căn cứ", "Họ tên người ký", 'type="date"'):
        assert label in page
    token = csrf_of(c, "/forms/quyet-dinh")
    form = {"csrf": token, "issuer.superior": "UBND TỈNH LÂM ĐỒNG",
            "issuer.name": "SỞ TƯ PHÁP", "issuer.abbreviation": "STP",
            "issuer.place": "Lâm Đồng", "date": "2025-11-20",
            "subject": "Về việc công nhận kết quả kiểm tra",
            "signer.title": "GIÁM ĐỐC", "signer.full_name": "Nguyễn Văn An",
            "recipients": ["Như Điều 3"], "archive.unit": "VP",
            "content.tham_quyen": "Giám đốc Sở Tư pháp",
            "content.can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025",
                               "Căn cứ Quyết định số 12/QĐ-UBND"],
            "content.noi_dung": "Điều 1. Công nhận kết quả.\n\nĐiều 2. Quyết định có hiệu "
                                "lực từ ngày ký.\n\nĐiều 3. Chánh Văn phòng thi hành."}
    saved = c.post("/forms/quyet-dinh/download/yaml", data=form)
    assert saved.status_code == 200
    assert "tham_quyen: Giám đốc Sở Tư pháp" in saved.text and "20/11/2025" in saved.text
    docx = c.post("/forms/quyet-dinh/download/docx", data=form)
    assert docx.status_code == 200 and docx.content[:2] == b"PK", docx.text[:400]
    loaded = c.post("/forms/quyet-dinh/load", data={"csrf": token},
                    files={"yaml": ("qd.yaml", saved.content)})
    assert 'value="Giám đốc Sở Tư pháp"' in loaded.text
    assert 'value="2025-11-20"' in loaded.text
    assert "Căn cứ Quyết định số 12/QĐ-UBND" in loaded.text
    bad = c.post("/forms/quyet-dinh/download/docx", data={"csrf": token})
    assert bad.status_code == 400 and "<code>signer</code>: thiếu trường bắt buộc" in bad.text


@pytest.mark.libreoffice
def test_form_preview_is_a_page_image(make_app):
    need("soffice", "LibreOffice draws the preview")
    need("pdftoppm", "poppler draws the page images")
    c = client(make_app())
    token = csrf_of(c, "/forms/cong-van")
    page = c.get("/forms/cong-van").text
    fields = dict(re.findall(r'name="([a-z_.]+)" value="([^"]*)"', page))
    body = re.search(r'name="content.body"[^>]*>([^<]*)</textarea>', page)
    assert body
    fields.update({"csrf": token, "content.body": body.group(1), "issuer.name": "SỞ LAO ĐỘNG"})
    r = c.post("/forms/cong-van/preview", data=fields, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text[:500]
    src = re.search(r'src="([^"]+\.png)"', r.text)
    assert src
    png = c.get(src.group(1))
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"


@pytest.mark.libreoffice
def test_checker_lists_findings_with_rules_and_marks_them(make_app):
    need("soffice", "LibreOffice draws the pages")
    doc = REAL_DOCX / "10_congvan_BoTaiChinh_xin-y-kien.docx"
    if not doc.is_file():
        if under_ci():
            pytest.fail(f"{doc} is missing: CI has shared/ beside the checkout")
        pytest.skip("shared/real-docx is not beside the work tree")
    c = client(make_app())
    token = csrf_of(c, "/check")
    with doc.open("rb") as f:
        r = c.post("/check", data={"csrf": token}, files={"docx": (doc.name, f)},
                   follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    page = c.get(r.headers["location"]).text
    assert 'class="findings"' in page and re.search(r"<strong>R-[A-Z]+-\d+</strong>", page)
    assert "Cách sửa" in page
    assert c.get(r.headers["location"] + "/trang/1.png").content[:4] == b"\x89PNG"


def test_checker_says_why_a_broken_file_cannot_be_read(make_app, tmp_path):
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/nothing.xml", "<x/>")
    c = client(make_app())
    token = csrf_of(c, "/check")
    r = c.post("/check", data={"csrf": token}, files={"docx": ("hong.docx",
                                                                broken.read_bytes())})
    assert r.status_code == 400
    assert "hong.docx" in r.text or "van-ban.docx" in r.text


def test_number_book_lists_searches_cancels_and_exports(make_app, tmp_path):
    app = make_app(host="0.0.0.0")
    add_user(app, "vt", Role.VAN_THU)
    from vnadmin_docs.registry import Register

    book = Register.open(str(tmp_path / "so.sqlite3"))
    import datetime as dt

    today = dt.date.today()
    for summary in ("Về việc tổ chức hội nghị", "Về việc cử cán bộ đi học"):
        book.allocate("STP", today, symbol="STP-VP", type_name="Công văn", summary=summary,
                      signer="Nguyễn Văn An")
    book.close()
    vt = signed_in(app, "vt")
    page = vt.get("/book").text
    assert "tổ chức hội nghị" in page and "cử cán bộ" in page
    found = vt.get("/book?q=hoi nghi").text  # without diacritics
    assert "tổ chức hội nghị" in found and "cử cán bộ" not in found
    entry = re.search(r'action="/book/(\d+)/cancel"', page)
    assert entry
    token = csrf_of(vt, "/book")
    r = vt.post(f"/book/{entry.group(1)}/cancel", data={"csrf": token, "reason": "ghi nhầm"},
                follow_redirects=False)
    assert r.status_code == 303
    assert "đã hủy" in vt.get("/book").text
    x = vt.get(f"/book/export?year={today.year}&issuer=STP&series=thuong")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    audit = app.state.services.users.audit_log()
    assert any(a.action == "number.cancel" and a.user == "vt" for a in audit)


def test_old_form_previews_are_pruned_but_batches_are_kept(make_app):
    app = make_app()
    jobs = app.state.services.jobs
    old_form = jobs.create("local", "form")
    batch = jobs.create("local", "batch")
    import os

    for job in (old_form, batch):
        os.utime(job.folder / "meta.json", (0, 0))
    assert jobs.prune("local", "form", 3600) == 1
    assert not old_form.folder.exists() and batch.folder.exists()


def test_a_bad_cell_is_corrected_in_a_copy_and_checked_again(make_app):
    app = make_app()
    c = client(app)
    job_url = upload_export(c).headers["location"]
    page = c.get(job_url).text
    field = re.search(r'name="(fix-15-\d+)"', page)  # row 15: 31/02/2025 does not exist
    assert field
    token = csrf_of(c, job_url)
    r = c.post(job_url + "/fix", data={"csrf": token, field.group(1): "05/11/2025 17:00"},
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get(job_url).text
    assert 'id="so-hop-le">9<' in page and 'id="so-loi">2<' in page
    assert "31/02/2025" not in page.split('id="bang-loi"')[1].split("</table>")[0]
    assert "05/11/2025 17:00" in page.split('id="da-sua"')[1]
    # the upload is untouched; the corrected copy can be downloaded, and the batch uses it
    job = app.state.services.jobs.list("local", "batch")[0]
    import openpyxl

    ws = openpyxl.load_workbook(job.path("du-lieu.xlsx")).active
    assert "31/02/2025" in " ".join(str(c.value) for c in ws[15] if c.value)
    edited = c.get(job_url + "/download/edited")
    assert edited.status_code == 200 and edited.content[:2] == b"PK"
    c.post(job_url + "/run", data={"csrf": token})
    assert "Đã tạo <strong>9</strong>" in _wait_done(c, job_url)
    # an emptied field takes the correction back
    c.post(job_url + "/fix", data={"csrf": token, field.group(1): ""})
    assert 'id="so-hop-le">8<' in c.get(job_url).text
