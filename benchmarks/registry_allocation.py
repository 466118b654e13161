"""Throughput of the number book: P processes × N allocations on one book.

    python benchmarks/registry_allocation.py                       # SQLite in a temp folder
    python benchmarks/registry_allocation.py --url postgresql://…  # an (empty) PostgreSQL db
    python benchmarks/registry_allocation.py --processes 16 --count 300

Prints wall time, allocations per second, the slowest single allocation, and checks that the
book holds exactly 1..P×N.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
from datetime import date
from pathlib import Path

DAY = date(2026, 5, 4)


def _work(url: str, count: int, start: float, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from vnadmin_docs.registry import Register

    with Register.open(url, timeout=300) as register:
        while time.time() < start:
            time.sleep(0.001)
        worst = 0.0
        for i in range(count):
            t0 = time.perf_counter()
            register.allocate("UBND", DAY, symbol="UBND-VP", type_name="Công văn", summary=f"{i}")
            worst = max(worst, time.perf_counter() - t0)
    queue.put(worst)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="register URL (default: a temp SQLite file)")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    url = args.url or str(Path(tempfile.mkdtemp()) / "bench.sqlite3")

    from vnadmin_docs.registry import Register

    Register.open(url).close()  # create the schema outside the timing
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    start = time.time() + 2.0
    procs = [
        ctx.Process(target=_work, args=(url, args.count, start, queue))
        for _ in range(args.processes)
    ]
    for proc in procs:
        proc.start()
    worst = [queue.get() for _ in procs]
    for proc in procs:
        proc.join()
    wall = time.time() - start
    total = args.processes * args.count
    with Register.open(url) as register:
        numbers = [e.number for e in register.list(issuer_abbr="UBND", year=DAY.year)]
    result = {
        "backend": "postgresql" if url.startswith("postgres") else "sqlite",
        "processes": args.processes,
        "allocations": total,
        "wall_s": round(wall, 2),
        "allocations_per_s": round(total / wall),
        "slowest_allocation_s": round(max(worst), 3),
        "book_is_1_to_n": numbers == list(range(1, total + 1)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
