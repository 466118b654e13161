"""Settings of one running web app (``vnadmin-docs serve``)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_MAX_UPLOAD", "WebConfig", "default_data_dir", "is_loopback"]

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
"""Bytes one request may carry (an export of several thousand rows is ~1–3 MB)."""


def default_data_dir() -> Path:
    """Where jobs, accounts and the audit log live: ``VNADMIN_DOCS_WEB_DATA`` or the user's
    data folder (``%LOCALAPPDATA%`` on Windows, ``$XDG_DATA_HOME`` or ``~/.local/share``)."""
    given = os.environ.get("VNADMIN_DOCS_WEB_DATA")
    if given:
        return Path(given)
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_DATA_HOME")
    root = Path(base) if base else Path.home() / ".local" / "share"
    return root / "vnadmin-docs" / "web"


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1``, ``localhost``: reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebConfig:
    """``accounts``: every page needs a login (always on when ``host`` is not loopback).
    ``register_url``: the number book (path or ``postgresql://…``; ``None`` the default
    book). ``max_upload``: bytes per request. ``parse_timeout``: seconds a worker may spend
    reading one upload; ``job_timeout``: seconds one batch may run. ``workers``: processes
    that read uploads and draw pages; ``batch_workers``: processes one batch renders in.
    ``secure_cookies``: send the session cookie over HTTPS only (set it behind TLS)."""

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8765
    accounts: bool = False
    register_url: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    parse_timeout: float = 60.0
    job_timeout: float = 3600.0
    workers: int = 2
    batch_workers: int = 1
    secure_cookies: bool = False
    template_dirs: tuple[Path, ...] = ()

    @property
    def needs_login(self) -> bool:
        return self.accounts or not is_loopback(self.host)

    def secret_key(self) -> str:
        """The key that signs session cookies, made once and kept in the data folder
        (readable by its owner only), so sessions survive a restart."""
        path = self.data_dir / "secret.key"
        if path.is_file():
            return path.read_text(encoding="ascii").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key)
        return key
