"""Accounts, roles and the audit log of the office server (one SQLite file in the data
folder). Passwords are hashed with Argon2id (argon2-cffi); nothing else about a password is
kept."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vnadmin_docs.errors import VnAdminError

__all__ = ["LOCAL_USER", "AuditEntry", "Role", "User", "UserError", "UserStore"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 10


class Role(StrEnum):
    """``clerk`` makes documents; ``van_thu`` also takes and cancels numbers in the book;
    ``admin`` also manages accounts."""

    CLERK = "clerk"
    VAN_THU = "van_thu"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return {"clerk": 0, "van_thu": 1, "admin": 2}[self.value]

    def label(self, lang: str = "vi") -> str:
        vi = {"clerk": "Cán bộ một cửa", "van_thu": "Văn thư", "admin": "Quản trị"}
        en = {"clerk": "Clerk", "van_thu": "Records clerk (văn thư)", "admin": "Administrator"}
        return (en if lang == "en" else vi)[self.value]


class UserError(VnAdminError):
    """An account cannot be made or changed (bad name, short password, name taken)."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    full_name: str = ""

    def may(self, role: Role) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return self.role.rank >= role.rank


LOCAL_USER = User("local", Role.ADMIN, "")
"""The one user of a server bound to 127.0.0.1 without accounts: the clerk at this machine."""


@dataclass(frozen=True)
class AuditEntry:
    at: str
    user: str
    action: str
    detail: dict[str, object]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, full_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class UserStore:
    """``users.sqlite3`` in the data folder: accounts and the audit log."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._hasher = PasswordHasher()
        self._lock = threading.Lock()
        with self._db() as db:
            db.executescript(_SCHEMA)
        # A hash to verify against for unknown names, so a login takes as long either way.
        self._dummy = self._hasher.hash("vnadmin-docs: no such user")

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=10)
            try:
                with db:
                    yield db
            finally:
                db.close()

    def add(self, name: str, password: str, role: Role | str, full_name: str = "") -> User:
        """Create an account; raises :class:`UserError` with the reason in both languages."""
        role = Role(role)
        if not _NAME.match(name):
            raise UserError(
                "tên đăng nhập gồm 2–40 ký tự thường a–z, 0–9, dấu chấm, gạch ngang hoặc gạch dưới",
                "a user name is 2-40 characters: a-z, 0-9, '.', '-' or '_'",
            )
        if len(password) < MIN_PASSWORD:
            raise UserError(
                f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự",
                f"a password needs at least {MIN_PASSWORD} characters",
            )
        try:
            with self._db() as db:
                db.execute(
                    "INSERT INTO users (name, role, full_name, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, role.value, full_name, self._hasher.hash(password), _now()),
                )
        except sqlite3.IntegrityError:
            raise UserError(f"đã có tài khoản “{name}”", f"the account “{name}” exists") from None
        return User(name, role, full_name)

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise UserError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự",
                            f"a password needs at least {MIN_PASSWORD} characters")
        with self._db() as db:
            cur = db.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                             (self._hasher.hash(password), name))
        if cur.rowcount == 0:
            raise UserError(f"không có tài khoản “{name}”", f"no account “{name}”")

    def set_disabled(self, name: str, disabled: bool) -> None:
        with self._db() as db:
            db.execute("UPDATE users SET disabled = ? WHERE name = ?", (int(disabled), name))

    def get(self, name: str) -> User | None:
        with self._db() as db:
            row = db.execute("SELECT name, role, full_name FROM users WHERE name = ? AND "
                             "disabled = 0", (name,)).fetchone()
        return User(row[0], Role(row[1]), row[2]) if row else None

    def all(self) -> list[tuple[User, bool]]:
        with self._db() as db:
            rows = db.execute("SELECT name, role, full_name, disabled FROM users "
                              "ORDER BY name").fetchall()
        return [(User(r[0], Role(r[1]), r[2]), bool(r[3])) for r in rows]

    def has_admin(self) -> bool:
        with self._db() as db:
            row = db.execute("SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0"
                             ).fetchone()
        return row is not None

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs, else ``None`` (same work either way)."""
        with self._db() as db:
            row = db.execute("SELECT password_hash FROM users WHERE name = ? AND disabled = 0",
                             (name,)).fetchone()
        stored = row[0] if row else self._dummy
        try:
            self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if self._hasher.check_needs_rehash(stored):
            with self._db() as db:
                db.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                           (self._hasher.hash(password), name))
        return self.get(name)

    # -- audit ----------------------------------------------------------------------------

    def audit(self, user: str, action: str, **detail: object) -> None:
        """Record that ``user`` did ``action`` (``number.take``, ``number.cancel``,
        ``document.render``, ``batch.run``, ``login`` …)."""
        with self._db() as db:
            db.execute("INSERT INTO audit (at, user, action, detail) VALUES (?, ?, ?, ?)",
                       (_now(), user, action, json.dumps(detail, ensure_ascii=False,
                                                         default=str)))

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        with self._db() as db:
            rows = db.execute("SELECT at, user, action, detail FROM audit ORDER BY id DESC "
                              "LIMIT ?", (limit,)).fetchall()
        return [AuditEntry(r[0], r[1], r[2], json.loads(r[3])) for r in rows]
