"""Hostile uploads, cross-user access, CSRF, roles and the local-only gate, over HTTP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from starlette.routing import Route

from tests.web.conftest import (
    EXPORT,
    add_user,
    client,
    csrf_of,
    signed_in,
    upload_export,
)
from vnadmin_docs.web.users import Role


def test_local_mode_answers_this_machine_only(make_app):
    app = make_app()
    assert client(app).get("/").status_code == 200
    assert client(app, "10.0.0.7").get("/").status_code == 403
    # DNS rebinding: a loopback client asking for another host name
    c = client(app)
    assert c.get("/", headers={"host": "evil.example:8765"}).status_code == 403


def test_office_mode_needs_an_account_for_every_page(make_app):
    app = make_app(host="0.0.0.0")
    c = client(app, "10.0.0.5")
    for path in ("/", "/batch", "/check", "/forms", "/book", "/admin/users"):
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    assert c.post("/batch", data={}).status_code == 401
    assert c.get("/login").status_code == 200


def test_wrong_password_is_refused_and_audited(make_app):
    app = make_app(host="0.0.0.0")
    add_user(app, "hoa", Role.CLERK)
    c = client(app, "10.0.0.5")
    token = csrf_of(c, "/login")
    r = c.post("/login", data={"csrf": token, "name": "hoa", "password": "sai-mat-khau-roi"})
    assert r.status_code == 401
    assert "Sai tên đăng nhập" in r.text
    actions = [a.action for a in app.state.services.users.audit_log()]
    assert "login.failed" in actions


def test_every_post_route_checks_csrf(make_app):
    app = make_app()
    posts = [r for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]
    assert len(posts) >= 10
    c = client(app)
    c.get("/")  # a session, but no token sent
    for route in posts:
        path = route.path.replace("{job}", "x" * 20).replace("{tid}", "cong-van")
        path = path.replace("{entry:int}", "1").replace("{name}", "hoa")
        path = path.replace("{kind:str}", "docx")
        r = c.post(path, data={"name": "x"})
        assert r.status_code in (403, 401), (path, r.status_code)


def test_password_is_stored_as_argon2_hash(make_app, tmp_path):
    app = make_app(host="0.0.0.0")
    add_user(app, "lan", Role.ADMIN)
    import sqlite3

    db = sqlite3.connect(tmp_path / "web" / "users.sqlite3")
    [(stored,)] = db.execute("SELECT password_hash FROM users WHERE name='lan'").fetchall()
    assert stored.startswith("$argon2id$") and "mat-khau" not in stored


def test_oversized_upload_is_refused_before_it_is_read(make_app):
    app = make_app(max_upload=64 * 1024)
    c = client(app)
    token = csrf_of(c, "/batch")
    big = b"a,b\n" * 250_000  # 1 MB: over the request limit
    r = c.post("/batch", data={"csrf": token}, files={"data": ("lon.csv", big)})
    assert r.status_code == 413
    assert "quá lớn" in r.text
    # just over the file limit but inside the request's slack: refused while saving
    r = c.post("/batch", data={"csrf": token}, files={"data": ("lon.csv", big[:80_000])})
    assert r.status_code == 400
    assert "tệp quá lớn" in r.text
    assert not any((c.app.state.services.config.data_dir / "jobs").rglob("*.csv"))


def test_zip_bomb_is_refused(make_app, tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 1024 * 1024
    c = client(make_app())
    r = upload_export(c, path)
    assert r.status_code == 400
    assert "bom nén" in r.text


def test_wrong_types_and_fake_workbooks_are_refused(make_app, tmp_path):
    c = client(make_app())
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ\x90\x00" + b"\0" * 100)
    r = upload_export(c, exe)
    assert r.status_code == 400 and "không nhận loại tệp này" in r.text
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"<html>not a workbook</html>")
    r = upload_export(c, fake)
    assert r.status_code == 400 and "không phải là tệp Excel thật" in r.text
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    r = upload_export(c, empty)
    assert r.status_code == 400 and "rỗng" in r.text


def test_odd_file_names_never_reach_the_file_system(make_app, tmp_path):
    app = make_app()
    c = client(app)
    r = upload_export(c, EXPORT, name="../../../../etc/Hồ sơ\x00<script>.xlsx")
    assert r.status_code == 303
    review = c.get(r.headers["location"])
    assert "<script>" not in review.text
    jobs = tmp_path / "web" / "jobs" / "local"
    [folder] = list(jobs.iterdir())
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".xlsx") == ["du-lieu.xlsx"]
    assert not (Path("/etc") / "Hồ sơ").exists()


def test_a_user_cannot_reach_another_users_job(make_app):
    app = make_app(host="0.0.0.0")
    add_user(app, "hoa", Role.CLERK)
    add_user(app, "binh", Role.CLERK)
    hoa = signed_in(app, "hoa")
    r = upload_export(hoa)
    assert r.status_code == 303
    job_url = r.headers["location"]
    assert hoa.get(job_url).status_code == 200
    binh = signed_in(app, "binh")
    for suffix in ("", "/download/profile", "/preview/12", "/events", "/trang/12/1.png"):
        assert binh.get(job_url + suffix).status_code == 404, suffix
    token = csrf_of(binh, "/batch")
    assert binh.post(job_url + "/run", data={"csrf": token}).status_code == 404
    assert "du-lieu" not in binh.get("/batch").text


def test_a_clerk_cannot_take_or_cancel_numbers(make_app):
    app = make_app(host="0.0.0.0")
    add_user(app, "hoa", Role.CLERK)
    hoa = signed_in(app, "hoa")
    assert 'name="assign_number"' not in hoa.get("/batch").text
    token = csrf_of(hoa, "/book")
    r = hoa.post("/book/1/cancel", data={"csrf": token, "reason": "thử"})
    assert r.status_code == 403
    assert hoa.get("/admin/users").status_code == 403
    # asking for numbers anyway is ignored: the job records no numbering
    token = csrf_of(hoa, "/batch")
    with EXPORT.open("rb") as f:
        r = hoa.post("/batch", data={"csrf": token, "assign_number": "1"},
                     files={"data": ("a.xlsx", f),
                            "profile_file": ("p.yml", (EXPORT.parent / "profile.yml"
                                                       ).read_bytes())},
                     follow_redirects=False)
    assert r.status_code == 303
    job = app.state.services.jobs.list("hoa", "batch")[0]
    assert job.meta["options"]["assign_number"] is False


def test_admin_adds_accounts_in_the_browser(make_app):
    app = make_app(host="0.0.0.0")
    add_user(app, "admin", Role.ADMIN)
    admin = signed_in(app, "admin")
    token = csrf_of(admin, "/admin/users")
    r = admin.post("/admin/users", data={"csrf": token, "name": "vanthu1", "password":
                                         "mat-khau-rat-dai", "role": "van_thu"},
                   follow_redirects=False)
    assert r.status_code == 303
    assert app.state.services.users.get("vanthu1").role is Role.VAN_THU
    r = admin.post("/admin/users", data={"csrf": token, "name": "x", "password": "ngan",
                                         "role": "clerk"})
    assert r.status_code == 400 and "tên đăng nhập" in r.text


def test_a_profile_cannot_reach_the_servers_files(make_app, tmp_path):
    c = client(make_app())
    secret = tmp_path / "bi-mat.md"
    secret.write_text("---\nid: bi-mat\nlayout: cong-van\n---\nmật khẩu máy chủ\n",
                      encoding="utf-8")
    token = csrf_of(c, "/batch")
    for body, why in ((f"template: {secret}\n", "không dùng đường dẫn"),
                      ("holidays: [/etc/passwd]\n", "lịch nghỉ")):
        with EXPORT.open("rb") as f:
            r = c.post("/batch", data={"csrf": token},
                       files={"data": ("a.xlsx", f), "profile_file": ("p.yml", body.encode())})
        assert r.status_code == 400 and why in r.text, r.text[-600:]
    # a template named by path is not found on the forms page either
    assert c.get("/forms/README.md").status_code == 404


def test_sign_in_never_redirects_to_another_site(make_app):
    app = make_app(host="0.0.0.0")
    add_user(app, "hoa", Role.CLERK)
    c = client(app, "10.0.0.5")
    token = csrf_of(c, "/login")
    for target in ("//evil.example/", "/\\evil.example", "https://evil.example/"):
        r = c.post("/login", data={"csrf": token, "name": "hoa", "password":
                                   "mat-khau-dai-du-10", "next": target},
                   follow_redirects=False)
        assert r.headers["location"] == "/", target
        c.post("/logout", data={"csrf": csrf_of(c, "/")})
        token = csrf_of(c, "/login")
