"""Work that must not run in a request: reading an upload, checking a document, drawing
pages. A small pool of warm processes (spawned, so they share nothing with the server's
threads) does it, each call with a time limit; a call over its limit has its processes
killed and the pool is made anew, so one hostile file cannot hold the server."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from vnadmin_docs.errors import VnAdminError

__all__ = ["WorkerPool", "WorkerTimeout"]

R = TypeVar("R")


class WorkerTimeout(VnAdminError):
    """A worker went over its time limit (or died) and was stopped."""


def _warm() -> None:
    """Import the library in each new worker so the first real call is fast, and watch the
    server: a worker whose server is gone (killed, crashed) ends itself and its office."""
    import vnadmin_docs.batch
    import vnadmin_docs.check  # noqa: F401

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        from vnadmin_docs.web.office import stop

        stop()
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="vnadmin-web-orphan-watch").start()


def _warm_office() -> bool:
    from vnadmin_docs.web.office import warm_up

    try:
        return warm_up()
    except Exception:  # no LibreOffice: previews say so when asked
        return False


class WorkerPool:
    def __init__(self, processes: int) -> None:
        self._processes = max(1, processes)
        self._lock = threading.Lock()
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self._processes,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_warm)
        return pool

    def warm_up(self) -> None:
        """Start the worker processes and their LibreOffice now rather than on the first
        upload (best effort: a worker without a warm office converts cold)."""
        for f in [self._pool.submit(_warm_office) for _ in range(self._processes)]:
            f.result()

    def _reset(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is not broken:
                return
            procs = list(getattr(broken, "_processes", {}).values())
            for proc in procs:
                proc.kill()
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new()

    async def run(self, timeout: float, fn: Callable[..., R], *args: Any) -> R:
        """``fn(*args)`` in a worker, at most ``timeout`` seconds."""
        pool = self._pool
        try:
            future: Future[R] = pool.submit(fn, *args)
        except BrokenProcessPool:
            self._reset(pool)
            pool = self._pool
            future = pool.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            self._reset(pool)
            raise WorkerTimeout(
                f"xử lý quá {timeout:.0f} giây nên đã dừng (tệp quá lớn hoặc bất thường)",
                f"the work took over {timeout:.0f} s and was stopped (file too large or odd)",
            ) from None
        except BrokenProcessPool:
            self._reset(pool)
            raise WorkerTimeout("tiến trình xử lý bị dừng đột ngột (tệp bất thường?)",
                                "the worker process died (an odd file?)") from None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
