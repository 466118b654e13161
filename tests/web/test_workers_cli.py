"""The worker pool's time limit, and the command line of the web app."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from click.testing import CliRunner

from vnadmin_docs.cli.main import cli
from vnadmin_docs.web.users import Role, UserStore
from vnadmin_docs.web.workers import WorkerPool, WorkerTimeout


def test_a_call_over_its_time_limit_is_stopped_and_the_pool_recovers():
    pool = WorkerPool(1)
    try:
        t0 = time.monotonic()
        with pytest.raises(WorkerTimeout) as caught:
            asyncio.run(pool.run(1.0, time.sleep, 30))
        assert time.monotonic() - t0 < 10
        assert "quá 1 giây" in caught.value.localized("vi")
        # the next call runs in a fresh worker
        assert asyncio.run(pool.run(30, os.getpid)) > 0
    finally:
        pool.close()


def test_create_admin_then_office_mode_starts_only_with_an_admin(tmp_path):
    runner = CliRunner()
    refused = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--no-browser", "--data",
                                  str(tmp_path)])
    assert refused.exit_code == 2
    assert "--create-admin" in refused.output
    made = runner.invoke(cli, ["serve", "--data", str(tmp_path), "--create-admin", "quantri"],
                         env={"VNADMIN_DOCS_PASSWORD": "mot-mat-khau-dai"})
    assert made.exit_code == 0, made.output
    store = UserStore(tmp_path / "users.sqlite3")
    assert store.verify("quantri", "mot-mat-khau-dai").role is Role.ADMIN
    short = runner.invoke(cli, ["users", "add", "hoa", "--data", str(tmp_path)],
                          env={"VNADMIN_DOCS_PASSWORD": "ngan"})
    assert short.exit_code == 2 and "ít nhất 10 ký tự" in short.output
    ok = runner.invoke(cli, ["users", "add", "hoa", "--role", "van_thu", "--data",
                             str(tmp_path)], env={"VNADMIN_DOCS_PASSWORD": "mat-khau-cua-hoa"})
    assert ok.exit_code == 0
    listed = runner.invoke(cli, ["users", "list", "--data", str(tmp_path)])
    assert "hoa" in listed.output and "van_thu" in listed.output
