"""The pages in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium, no
browser download), against ``vnadmin-docs serve`` started as a real process. Screenshots of
each page go to docs/gallery/web/. Under CI=true a missing Chromium fails."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need, under_ci
from tests.web.conftest import EXPORT, PASSWORD, PROFILE

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "docs" / "gallery" / "web"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "Debian's chromium is not installed (make setup installs it)"
    if under_ci():
        pytest.fail(message)
    pytest.skip(message)


def _serve(data: Path, *extra: str) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "VNADMIN_DOCS_LANG": "vi", "VNADMIN_DOCS_PASSWORD": PASSWORD}
    command = [sys.executable, "-m", "vnadmin_docs", "serve", "--no-browser", "--data",
               str(data), "--db", str(data / "so.sqlite3"), "--workers", "1"]
    proc = subprocess.Popen([*command, "--port", str(port), *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stdout.read().decode() if proc.stdout
                                         else "") from None
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need("soffice", "LibreOffice draws the previews")
    yield from _serve(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with accounts (on loopback, so the test can reach it): the first admin made
    from the command line, as a clerk's office would."""
    data = tmp_path_factory.mktemp("office")
    made = subprocess.run([sys.executable, "-m", "vnadmin_docs", "serve", "--data", str(data),
                           "--create-admin", "quantri"], capture_output=True, text=True,
                          env={**os.environ, "VNADMIN_DOCS_PASSWORD": PASSWORD}, timeout=120)
    assert made.returncode == 0, made.stderr
    yield from _serve(data, "--accounts")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    exe = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright gives every launch a fresh temporary profile (--user-data-dir) itself.
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _shot(page: object, name: str) -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(GALLERY / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_batch_flow_in_the_browser(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.goto(server + "/")
    _shot(page, "01-trang-chu")
    # keyboard: the skip link is the first stop, then the menu
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")  # the brand link
    page.keyboard.press("Tab")  # the first item of the menu
    assert page.evaluate("document.activeElement.textContent") == "Thư xin lỗi hàng loạt"
    page.keyboard.press("Enter")
    page.wait_for_url("**/batch")
    page.get_by_label("Tệp danh sách hồ sơ trễ hạn (xuất từ hệ thống một cửa)").set_input_files(
        str(EXPORT))
    page.get_by_label("Tải tệp cấu hình (.yml) có sẵn").set_input_files(str(PROFILE))
    _shot(page, "02-lo-tai-len")
    page.get_by_role("button", name="Kiểm tra danh sách").click()
    page.wait_for_selector("#bang-loi")
    assert page.locator("#so-hop-le").inner_text() == "8"
    rows = page.locator("#bang-loi tbody tr")
    assert rows.filter(has_text="31/02/2025 17:00").count() == 1
    _shot(page, "03-lo-kiem-tra")
    page.get_by_role("button", name="Tạo văn bản").click()
    page.wait_for_selector("#xong", timeout=240_000)
    assert "Đã tạo 8 văn bản" in page.locator("#xong").inner_text()
    _shot(page, "04-lo-xong")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Tải tất cả (.zip)").click()
    assert dl.value.suggested_filename == "van-ban.zip"
    page.locator("#bang-dong").get_by_role("link", name="Xem trước dòng 12").click()
    page.wait_for_selector(".pages img")
    assert page.evaluate("document.querySelector('.pages img').naturalWidth") > 300
    _shot(page, "05-lo-xem-truoc")
    page.goto(server + "/batch?lang=en")
    assert page.get_by_role("heading", name="Apology letters in batch").count() == 1
    page.goto(server + "/lang/vi?next=/")
    page.close()


def test_form_flow_in_the_browser(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/forms")
    _shot(page, "06-soan-van-ban")
    page.get_by_role("link", name="Quyết định cá biệt").first.click()
    page.get_by_label("Thẩm quyền ban hành").fill("Giám đốc Sở Tư pháp")
    page.get_by_label("Ngày ban hành").fill("2025-11-20")
    grow = page.locator('[data-grow="content.can_cu"]')
    before = grow.locator("li").count()
    grow.get_by_role("button", name="Thêm mục").click()
    assert grow.locator("li").count() == before + 1
    # the new item has the focus: type into it straight away
    page.keyboard.type("Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2025")
    page.get_by_role("button", name="Xem trước").click()
    page.wait_for_selector("#trang-xem img, #trang-xem .notice", timeout=120_000)
    _shot(page, "07-soan-xem-truoc")
    assert page.locator("#trang-xem img").count() >= 1, page.locator("#trang-xem").inner_text()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Tải tệp Word (.docx)").click()
    assert dl.value.suggested_filename == "quyet-dinh.docx"
    page.close()


def test_checker_in_the_browser(server, browser, tmp_path):
    from tests.web.test_flows_http import REAL_DOCX

    doc = REAL_DOCX / "01_congvan_UBND-BinhThuan_3083.docx"
    if not doc.is_file():
        if under_ci():
            pytest.fail(f"{doc} is missing")
        pytest.skip("shared/real-docx is not beside the work tree")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server + "/check")
    page.get_by_label("Tệp văn bản (.docx)").set_input_files(str(doc))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.wait_for_selector(".findings", timeout=120_000)
    assert page.locator(".findings li").count() >= 1
    assert page.locator(".pages img").count() >= 1
    _shot(page, "08-kiem-tra")
    page.goto(server + "/book")
    _shot(page, "09-so-van-ban")
    page.close()


def test_office_sign_in_accounts_and_english(office, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(office + "/batch")
    assert "/login" in page.url  # nothing without an account
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau-nhe")
    page.keyboard.press("Enter")
    page.wait_for_selector(".notice.error")
    _shot(page, "10-dang-nhap")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/batch")
    page.goto(office + "/admin/users")
    page.get_by_label("Tên đăng nhập").fill("hoa")
    page.get_by_label("Họ tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Mật khẩu (ít nhất 10 ký tự)").fill("mat-khau-cua-hoa")
    page.get_by_label("Vai trò").select_option("van_thu")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.wait_for_selector("text=Nguyễn Thị Hoa")
    _shot(page, "11-tai-khoan")
    # the batch review in English
    page.goto(office + "/batch?lang=en")
    page.get_by_label("Late-dossier list (exported from the one-stop system)").set_input_files(
        str(EXPORT))
    page.get_by_label("Upload an existing profile (.yml)").set_input_files(str(PROFILE))
    page.get_by_role("button", name="Check the list").click()
    page.wait_for_selector("#bang-loi")
    assert page.get_by_role("heading", name="Errors and warnings by row").count() == 1
    assert page.locator("#bang-loi tbody tr").count() == 7
    assert "does not follow the national shape" in page.locator("#bang-loi").inner_text()
    _shot(page, "12-lo-kiem-tra-en")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    page.close()
