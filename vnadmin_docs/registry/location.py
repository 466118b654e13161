"""Where the number book lives: a default per-user file, or a URL the user gives.

A plain path or ``sqlite:///…`` selects the embedded SQLite book; ``postgresql://…`` selects
a shared PostgreSQL database (an office with several desks).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vnadmin_docs.registry.model import RegisterError

__all__ = ["REGISTER_ENV", "Location", "default_register_path", "parse_location"]

REGISTER_ENV = "VNADMIN_DOCS_REGISTER"
"""Environment variable naming the register (a path or a URL); overrides the default."""

_FILE_NAME = "so-van-ban.sqlite3"
_APP_DIR = "vnadmin-docs"
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


@dataclass(frozen=True)
class Location:
    """A resolved register location: ``kind`` is ``"sqlite"`` (``path`` set) or
    ``"postgresql"`` (``url`` set, normalised to the psycopg 3 driver)."""

    kind: str
    path: Path | None = None
    url: str | None = None

    def display(self) -> str:
        """The location as shown to a clerk, with any password hidden."""
        if self.path is not None:
            return str(self.path)
        return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", self.url or "")


def default_register_path(
    env: Mapping[str, str] | None = None, platform: str | None = None
) -> Path:
    """The per-user default book file.

    Windows: ``%APPDATA%\\vnadmin-docs\\so-van-ban.sqlite3``; elsewhere
    ``$XDG_DATA_HOME/vnadmin-docs/…`` or ``~/.local/share/vnadmin-docs/…``.

    >>> default_register_path({"XDG_DATA_HOME": "/srv/data"}, "linux").as_posix()
    '/srv/data/vnadmin-docs/so-van-ban.sqlite3'
    >>> default_register_path({"APPDATA": "C:/Users/an/AppData/Roaming"}, "win32").as_posix()
    'C:/Users/an/AppData/Roaming/vnadmin-docs/so-van-ban.sqlite3'
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith("win") and env.get("APPDATA"):
        base = Path(env["APPDATA"])
    elif env.get("XDG_DATA_HOME"):
        base = Path(env["XDG_DATA_HOME"])
    else:
        base = Path.home() / ".local" / "share"
    return base / _APP_DIR / _FILE_NAME


def parse_location(
    target: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None
) -> Location:
    """Resolve a path, URL, or ``None`` (then ``$VNADMIN_DOCS_REGISTER`` or the default).

    >>> parse_location("so.sqlite3").kind
    'sqlite'
    >>> parse_location("sqlite:////var/lib/so.sqlite3").path.as_posix()
    '/var/lib/so.sqlite3'
    >>> parse_location("sqlite:///so.sqlite3").path.as_posix()
    'so.sqlite3'
    >>> parse_location("postgresql://vt:secret@db/so").url
    'postgresql+psycopg://vt:secret@db/so'
    >>> parse_location("postgresql://vt:secret@db/so").display()
    'postgresql+psycopg://vt:***@db/so'
    """
    env = os.environ if env is None else env
    if target is None:
        target = env.get(REGISTER_ENV) or default_register_path(env)
    if isinstance(target, os.PathLike):
        return Location("sqlite", path=Path(target))
    text = target.strip()
    if not text:
        raise RegisterError(
            "Chưa chỉ ra sổ đăng ký văn bản đi (đường dẫn hoặc URL trống).",
            "No register given (the path or URL is empty).",
        )
    match = _SCHEME_RE.match(text)
    if match is None:
        return Location("sqlite", path=Path(text))
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise RegisterError(
                f"URL SQLite “{text}” không đúng; hãy viết sqlite:///duong/dan/so.sqlite3.",
                f"The SQLite URL “{text}” is not valid; write sqlite:///path/to/book.sqlite3.",
            )
        return Location("sqlite", path=Path(rest[1:]))
    if scheme in {"postgresql", "postgres", "postgresql+psycopg"}:
        return Location("postgresql", url="postgresql+psycopg://" + rest)
    raise RegisterError(
        f"Không dùng được “{text}” làm sổ đăng ký: chỉ hỗ trợ đường dẫn tệp, sqlite:/// "
        "hoặc postgresql://.",
        f"Cannot use “{text}” as a register: only a file path, sqlite:/// or postgresql:// "
        "is supported.",
    )
