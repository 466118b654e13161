"""``map_ordered`` with a pool: results in task order, and the calling process works too
(issue 18: ``--workers N`` renders in N processes, this one and ``N - 1`` started)."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from vnadmin_docs.batch.render import map_ordered


def _slow_square(task: tuple[int, float]) -> tuple[int, int]:
    """The task's square and the process that computed it."""
    value, pause = task
    time.sleep(pause)
    return value * value, os.getpid()


def _fails_on_seven(task: int) -> int:
    if task == 7:
        raise ValueError("seven")
    return task


def test_results_come_in_task_order_and_both_processes_work() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        worker = pool.submit(os.getpid).result()
        tasks = (((n, 0.02), f"tag{n}") for n in range(40))
        got = list(map_ordered(pool, _slow_square, tasks, window=2))
    assert [tag for tag, _ in got] == [f"tag{n}" for n in range(40)]
    assert [square for _, (square, _pid) in got] == [n * n for n in range(40)]
    by = {pid for _, (_square, pid) in got}
    assert by == {os.getpid(), worker}  # this process took its share; so did the worker
    mine = sum(pid == os.getpid() for _, (_square, pid) in got)
    assert 5 <= mine <= 35, mine  # neither side did (almost) everything


def test_without_a_pool_everything_runs_here_in_order() -> None:
    got = list(map_ordered(None, _slow_square, (((n, 0.0), n) for n in range(5)), window=2))
    assert got == [(n, (n * n, os.getpid())) for n in range(5)]


def test_the_tasks_are_taken_lazily_and_never_far_ahead() -> None:
    taken: list[int] = []

    def tasks():  # type: ignore[no-untyped-def]
        for n in range(100):
            taken.append(n)
            yield (n, 0.005), n

    with ProcessPoolExecutor(max_workers=1) as pool:
        results = map_ordered(pool, _slow_square, tasks(), window=2)
        for tag, _result in results:
            # never more than 4 × window results waiting, plus the one being handed out
            assert len(taken) - tag <= 4 * 2 + 1, (len(taken), tag)


@pytest.mark.parametrize("pool_size", [0, 1])
def test_an_error_in_a_task_reaches_the_caller_at_its_turn(pool_size: int) -> None:
    seen: list[int] = []
    if pool_size:
        with ProcessPoolExecutor(max_workers=pool_size) as pool, \
                pytest.raises(ValueError, match="seven"):
            for tag, value in map_ordered(pool, _fails_on_seven, ((n, n) for n in range(20)), 2):
                seen.append(value)
                assert tag == value
    else:
        with pytest.raises(ValueError, match="seven"):
            for _tag, value in map_ordered(None, _fails_on_seven, ((n, n) for n in range(20)), 2):
                seen.append(value)
    assert seen == list(range(7))  # everything before it, in order, nothing after
