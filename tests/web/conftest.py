"""Fixtures of the web app's tests: one shared worker pool, an app per test on its own
data folder, clients that look like this machine (local mode) or like an office desk."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from vnadmin_docs.web import WebConfig, create_app
from vnadmin_docs.web.users import Role, UserStore
from vnadmin_docs.web.workers import WorkerPool

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "examples" / "xin-loi" / "ho-so-tre-han.xlsx"
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
PASSWORD = "mat-khau-dai-du-10"


@pytest.fixture(scope="session")
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(1)
    yield workers
    workers.close()


MakeApp = Callable[..., Any]


@pytest.fixture
def make_app(tmp_path: Path, pool: WorkerPool) -> MakeApp:
    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {"data_dir": tmp_path / "web",
                                  "register_url": str(tmp_path / "so.sqlite3")}
        values.update(overrides)
        return create_app(WebConfig(**values), pool=pool)

    return make


def client(app: Any, host: str = "127.0.0.1") -> TestClient:
    return TestClient(app, base_url=f"http://{host}:8765", client=(host, 50000))


def csrf_of(c: TestClient, path: str = "/") -> str:
    page = c.get(path)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def add_user(app: Any, name: str, role: Role) -> None:
    store: UserStore = app.state.services.users
    store.add(name, PASSWORD, role)


def signed_in(app: Any, name: str) -> TestClient:
    c = client(app, "10.0.0.5")
    token = csrf_of(c, "/login")
    r = c.post("/login", data={"csrf": token, "name": name, "password": PASSWORD,
                               "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return c


def upload_export(c: TestClient, data: Path = EXPORT, name: str | None = None) -> Any:
    token = csrf_of(c, "/batch")
    with data.open("rb") as f, PROFILE.open("rb") as p:
        return c.post("/batch", data={"csrf": token},
                      files={"data": (name or data.name, f), "profile_file": ("profile.yml", p)},
                      follow_redirects=False)
