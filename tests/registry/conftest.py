"""Fixtures for the number-book tests: a real SQLite file and a real, throwaway PostgreSQL.

The PostgreSQL fixture starts its own cluster (``initdb`` + ``pg_ctl``) in a temporary
directory, listening only on a unix socket there, as the ``postgres`` OS user when the tests
run as root. Without PostgreSQL the tests are skipped with the reason, except under
``CI=true`` where they fail. ``VNADMIN_DOCS_TEST_POSTGRES_URL`` points the tests at an existing
server instead (each test still gets its own new database).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}")
    pytest.skip(reason)


def _bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    """A running server: ``admin_url`` reaches its maintenance database."""

    admin_url: str

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg

        name = f"so_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        base, _, query = self.admin_url.partition("?")
        base = base.rsplit("/", 1)[0]
        return f"{base}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session (one per xdist worker)."""
    existing = os.environ.get("VNADMIN_DOCS_TEST_POSTGRES_URL")
    if existing:
        yield PostgresServer(existing.replace("postgresql://", "postgresql+psycopg://", 1))
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg (PostgreSQL driver) is not installed")
    bindir = _bindir()
    if bindir is None:
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        return
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        runuser = shutil.which("runuser")
        if runuser is None:
            _unavailable("running as root and runuser is missing to start PostgreSQL")
        try:
            import pwd

            owner = pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to run the server")
            return
        prefix = [str(runuser), "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="vnadmin-pg-"))
    data = base / "data"
    log = base / "server.log"
    if as_root:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    port = _free_port()

    def run(*args: str) -> None:
        result = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            logtext = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"{args[0]} failed:\n{result.stdout}\n{result.stderr}\n{logtext}")

    try:
        run(
            str(bindir / "initdb"),
            "-D", str(data), "-U", "vnadmin", "--auth=trust", "--no-locale", "-E", "UTF8",
        )  # fmt: skip
        options = (
            f"-c listen_addresses='' -k {base} -p {port} "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        run(str(bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(data),
            "-l", str(log), "-o", options)  # fmt: skip
        yield PostgresServer(f"postgresql+psycopg://vnadmin@/postgres?host={base}&port={port}")
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return postgres_server.new_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A register file path for one test (the file does not exist yet)."""
    return str(tmp_path / "so-van-ban.sqlite3")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def register_url(request: pytest.FixtureRequest) -> str:
    """The same test on both backends."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))
