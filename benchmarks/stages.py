"""Where a batch's time goes: wall time and CPU time of the batch process and of its workers,
stage by stage (start-up, reading the sheet, pass 1, pass 2).

    .venv/bin/python benchmarks/stages.py EXPORT [--workers 1 2] [--rounds 2]

Each run is a fresh interpreter running the ``vnadmin-docs`` command's own entry point
(``vnadmin_docs.cli.main.main``) with the arguments a clerk types, ``batch xin-loi EXPORT
--profile examples/xin-loi/profile.yml -o NEW_FOLDER --workers N``; the three stage functions
of :mod:`vnadmin_docs.batch.run` (``open_table``, ``check_rows``, ``write_pass``) are wrapped
to note the time and the CPU used so far at their start and end. This is an internal route
(the command's code, in a process that also holds the marks), labelled so in what it
prints; the ratios of the issue come from ``bench_cli.py``, which times the installed
command from outside. The point here is the split: which stage is serial, and whether the
workers spend more CPU than one process does for the same stage.

The workers' CPU is read from ``/proc/PID/stat`` of this process's children while they live
(Linux only). Runs alternate between worker counts, so that a drifting host affects both.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
STAGES = ("open_table", "check_rows", "write_pass")
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's living children."""
    me = os.getpid()
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def _child(argv: list[str]) -> None:
    """In the fresh interpreter: run the command with stage marks, print them as JSON."""
    started = time.perf_counter()
    marks: list[dict[str, object]] = []

    def mark(label: str) -> None:
        own = resource.getrusage(resource.RUSAGE_SELF)
        marks.append({"at": time.perf_counter() - started, "label": label,
                      "cpu": own.ru_utime + own.ru_stime, "workers": _children_cpu()})

    import vnadmin_docs.batch.run as run
    from vnadmin_docs.cli.main import main

    for name in STAGES:
        inner = getattr(run, name)

        def wrapped(*args: object, _inner: object = inner, _name: str = name,
                    **kwargs: object) -> object:
            mark(_name + ":start")
            try:
                return _inner(*args, **kwargs)  # type: ignore[operator]
            finally:
                mark(_name + ":end")

        setattr(run, name, wrapped)
    mark("imported")  # the batch modules, imported here at once (the command imports lazily)
    sys.argv = ["vnadmin-docs", *argv]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0) if not isinstance(exc.code, str) else 1
    mark("done")
    print(json.dumps({"code": code, "marks": marks}))


def one_run(export: Path, workers: int) -> dict[str, object]:
    out = Path(tempfile.mkdtemp(prefix="vnadmin-stages-"))
    try:
        cmd = [sys.executable, __file__, "--child", "batch", "xin-loi", str(export),
               "--profile", str(PROFILE), "-o", str(out / "out"), "--workers", str(workers)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
        lines = [line for line in done.stdout.splitlines() if line.startswith('{"code"')]
        if not lines:
            raise SystemExit(f"the run printed no marks:\n{done.stderr[-2000:]}")
        result: dict[str, object] = json.loads(lines[-1])
        if result["code"] != 0:  # the marks of a run that stopped early mean nothing
            raise SystemExit(f"the batch ended with code {result['code']}:\n"
                             f"{done.stderr[-2000:]}")
        return result
    finally:
        shutil.rmtree(out, ignore_errors=True)


def split(marks: list[dict[str, float]]) -> dict[str, tuple[float, float, float]]:
    """Stage -> (wall s, batch-process CPU s, workers' CPU s)."""
    at = {str(m["label"]): m for m in marks}
    spans = {"start-up": ("imported", "open_table:start")}
    spans.update({name: (name + ":start", name + ":end") for name in STAGES})
    spans["after"] = ("write_pass:end", "done")
    out = {"import": (at["imported"]["at"], at["imported"]["cpu"], 0.0)}
    for stage, (a, b) in spans.items():
        if a in at and b in at:
            out[stage] = (at[b]["at"] - at[a]["at"], at[b]["cpu"] - at[a]["cpu"],
                          max(at[b]["workers"] - at[a]["workers"], 0.0))
    last = marks[-1]
    out["total"] = (last["at"], last["cpu"], sum(v[2] for k, v in out.items()
                                                 if k not in ("after", "import")))
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"# {args.export.name}: stages of `vnadmin-docs batch` (internal route: the "
          "command's entry point with stage marks)")
    print("| round | workers | stage | wall s | batch CPU s | workers' CPU s |")
    print("|---|---|---|---|---|---|")
    for rnd in range(1, args.rounds + 1):
        for workers in args.workers:
            result = one_run(args.export.resolve(), workers)
            marks = result["marks"]
            assert isinstance(marks, list)
            for stage, (wall, cpu, kids) in split(marks).items():
                print(f"| {rnd} | {workers} | {stage} | {wall:.2f} | {cpu:.2f} | {kids:.2f} |",
                      flush=True)


if __name__ == "__main__":
    main()
