"""A separate process that takes numbers from a register (used by the concurrency tests).

Usage: python _worker.py URL WORKER_ID COUNT GO_FILE [--batch N]

Opens the register, prints ``ready``, waits until GO_FILE exists, then allocates COUNT numbers
(one per transaction, or in batches of N with allocate_many), printing each number on its own
line as soon as it is committed, and ``done`` at the end.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import date
from pathlib import Path

WORK_DATE = date(2026, 5, 4)


def main() -> None:
    from vnadmin_docs.registry import EntryDraft, Register

    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("worker", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("go_file")
    parser.add_argument("--batch", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(message)s")
    with Register.open(args.url, timeout=120) as register:
        print("ready", flush=True)
        go = Path(args.go_file)
        while not go.exists():
            time.sleep(0.005)
        done = 0
        while done < args.count:
            if args.batch:
                size = min(args.batch, args.count - done)
                drafts = [
                    EntryDraft(
                        symbol="UBND-VP",
                        type_name="Công văn",
                        summary=f"w{args.worker} i{done + k}",
                    )
                    for k in range(size)
                ]
                entries = register.allocate_many("UBND", WORK_DATE, drafts)
                print(" ".join(str(e.number) for e in entries), flush=True)
                done += size
            else:
                entry = register.allocate(
                    "UBND",
                    WORK_DATE,
                    symbol="UBND-VP",
                    type_name="Công văn",
                    summary=f"w{args.worker} i{done}",
                    recipients=["Như trên", "Lưu: VT"],
                )
                print(entry.number, flush=True)
                done += 1
    print("done", flush=True)


if __name__ == "__main__":
    main()
