"""``vnadmin-docs serve`` (the web app) and ``vnadmin-docs users`` (its accounts)."""

from __future__ import annotations

import os
import sys
import threading
import webbrowser
from pathlib import Path

import click

from vnadmin_docs.cli.common import EXIT_BAD_INPUT
from vnadmin_docs.cli.options import templates_option

__all__ = ["serve", "users"]

_NO_WEB = ("Cần cài thêm phần web: pip install \"vnadmin-docs[web]\" "
           "/ the web extra is needed: pip install \"vnadmin-docs[web]\"")


def _web_ready() -> None:
    try:
        import argon2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        click.echo(_NO_WEB, err=True)
        sys.exit(EXIT_BAD_INPUT)


def _data_dir(value: Path | None) -> Path:
    from vnadmin_docs.web.config import default_data_dir

    return value or default_data_dir()


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Thư mục dữ liệu của trang web (việc đã làm, tài khoản, nhật ký) "
         "/ the web app's data folder.")


def _password(env: str = "VNADMIN_DOCS_PASSWORD") -> str:
    given = os.environ.get(env)
    if given:
        return given
    return str(click.prompt("Mật khẩu / password", hide_input=True,
                            confirmation_prompt=True))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ nghe. 0.0.0.0: chế độ văn phòng, bắt buộc đăng nhập.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@data_option
@click.option("--db", "register_db", envvar="VNADMIN_DOCS_REGISTER", default=None,
              metavar="ĐƯỜNG-DẪN|URL",
              help="Sổ đăng ký văn bản đi (tệp SQLite hoặc postgresql://… dùng chung).")
@templates_option
@click.option("--accounts", is_flag=True,
              help="Bắt buộc đăng nhập cả khi chỉ nghe 127.0.0.1.")
@click.option("--create-admin", metavar="TÊN", default=None,
              help="Tạo tài khoản quản trị đầu tiên (hỏi mật khẩu) rồi thoát.")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.option("--max-upload-mb", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Dung lượng tối đa một lần tải lên (MB).")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Số tiến trình đọc tệp và dựng trang.")
@click.option("--batch-workers", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Số tiến trình tạo văn bản của một lô.")
@click.option("--secure-cookies", is_flag=True,
              help="Chỉ gửi cookie phiên qua HTTPS (bật khi chạy sau máy chủ TLS).")
def serve(host: str, port: int, data_dir: Path | None, register_db: str | None,
          template_dirs: tuple[Path, ...], accounts: bool, create_admin: str | None,
          no_browser: bool, max_upload_mb: int, workers: int, batch_workers: int,
          secure_cookies: bool) -> None:
    """Mở trang web soạn văn bản: thư xin lỗi hàng loạt, biểu mẫu, kiểm tra thể thức,
    sổ văn bản đi.

    Mặc định chỉ máy này mở được (127.0.0.1) và không cần đăng nhập. Với --host 0.0.0.0
    (chế độ văn phòng) mọi trang đều cần tài khoản; tạo tài khoản quản trị đầu tiên bằng
    --create-admin TÊN.
    """
    _web_ready()
    from vnadmin_docs.web.config import WebConfig
    from vnadmin_docs.web.users import Role, UserError, UserStore

    folder = _data_dir(data_dir)
    config = WebConfig(data_dir=folder, host=host, port=port, accounts=accounts,
                       register_url=register_db, max_upload=max_upload_mb * 1024 * 1024,
                       workers=workers, batch_workers=batch_workers,
                       secure_cookies=secure_cookies, template_dirs=template_dirs)
    store = UserStore(folder / "users.sqlite3")
    if create_admin:
        try:
            store.add(create_admin, _password(), Role.ADMIN)
        except UserError as exc:
            click.echo(exc.localized("vi"), err=True)
            sys.exit(EXIT_BAD_INPUT)
        store.audit(create_admin, "user.add", name=create_admin, role="admin", by="cli")
        click.echo(f"Đã tạo tài khoản quản trị “{create_admin}” trong {folder}.")
        return
    if config.needs_login and not store.has_admin():
        click.echo("Chế độ văn phòng cần tài khoản: hãy tạo tài khoản quản trị đầu tiên bằng\n"
                   f"  vnadmin-docs serve --data {folder} --create-admin TÊN\n"
                   "/ office mode needs accounts: create the first admin with --create-admin.",
                   err=True)
        sys.exit(EXIT_BAD_INPUT)
    import uvicorn

    from vnadmin_docs.web import create_app

    app = create_app(config)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/"
    click.echo(f"Trang web: {url}  (Ctrl+C để dừng)")
    if not config.needs_login:
        click.echo("Chỉ máy này mở được trang; không cần đăng nhập.")
    threading.Thread(target=app.state.services.pool.warm_up, daemon=True).start()
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False,
                    server_header=False)
    finally:
        app.state.services.pool.close()


@click.group("users")
def users() -> None:
    """Tài khoản của trang web (chế độ văn phòng)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["clerk", "van_thu", "admin"]), default="clerk",
              show_default=True, help="clerk: cán bộ một cửa; van_thu: được cấp số; admin.")
@click.option("--full-name", default="", help="Họ tên hiển thị.")
@data_option
def users_add(name: str, role: str, full_name: str, data_dir: Path | None) -> None:
    """Thêm tài khoản TÊN (hỏi mật khẩu; hoặc lấy từ VNADMIN_DOCS_PASSWORD)."""
    _web_ready()
    from vnadmin_docs.web.users import UserError, UserStore

    store = UserStore(_data_dir(data_dir) / "users.sqlite3")
    try:
        store.add(name, _password(), role, full_name)
    except UserError as exc:
        click.echo(exc.localized("vi"), err=True)
        sys.exit(EXIT_BAD_INPUT)
    store.audit(name, "user.add", name=name, role=role, by="cli")
    click.echo(f"Đã tạo tài khoản “{name}” ({role}).")


@users.command("list")
@data_option
def users_list(data_dir: Path | None) -> None:
    """Liệt kê tài khoản."""
    _web_ready()
    from vnadmin_docs.web.users import UserStore

    for user, disabled in UserStore(_data_dir(data_dir) / "users.sqlite3").all():
        click.echo(f"{user.name:<20} {user.role.value:<8} {user.full_name}"
                   f"{'  (đã khóa)' if disabled else ''}")


@users.command("passwd")
@click.argument("name")
@data_option
def users_passwd(name: str, data_dir: Path | None) -> None:
    """Đặt lại mật khẩu của TÊN."""
    _web_ready()
    from vnadmin_docs.web.users import UserError, UserStore

    try:
        UserStore(_data_dir(data_dir) / "users.sqlite3").set_password(name, _password())
    except UserError as exc:
        click.echo(exc.localized("vi"), err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"Đã đổi mật khẩu của “{name}”.")
