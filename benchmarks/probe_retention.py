"""Memory kept per letter by the batch's check and render phases (issue 3).

    PYTHONPATH=. .venv/bin/python benchmarks/probe_retention.py                 # 2,000 and 10,000
    PYTHONPATH=. .venv/bin/python benchmarks/probe_retention.py --letters 2000 --no-merged
    PYTHONPATH=. .venv/bin/python benchmarks/probe_retention.py --letters 2000 --frames 12

Each configuration (N letters, merged file on/off) runs in a fresh process. The child reads a
generated CSV export (``bench_batch.make_csv``) with ``examples/xin-loi/profile.yml`` exactly
as ``run_batch`` does, then drives the batch's own per-letter functions:

- check phase: ``vnadmin_docs.batch.render.check_chunk`` (``letter_data`` + ``api.prepare``),
- render phase: ``vnadmin_docs.batch.render.render_chunk`` (``letter_data`` + ``api.render`` +
  ``to_bytes`` + atomic write of each letter file) and, when merged, ``MergedWriter.add``,

in chunks of 32 like the batch. The first ``--warmup`` letters of each phase are done before
the baseline (compiled templates, caches of shared values, first-use imports). After each
phase, with ``gc.collect()``, it reports per letter:

- tracemalloc: traced bytes kept, and the biggest differences grouped by traceback;
- ``gc.get_objects()`` counts by type that grew;
- VmRSS from /proc/self/status (coarse: the allocator keeps freed pages; with tracemalloc on
  it also counts tracemalloc's own tables, so read RSS from a ``--frames 0`` run).

The rows, their cleaned records and the plan-level lists the batch keeps anyway are built
before the baseline, so what is reported is what the check/render functions keep.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _type_counts() -> collections.Counter[str]:
    gc.collect()
    return collections.Counter(type(o).__qualname__ for o in gc.get_objects())


class Probe:
    """Baseline and difference of traced memory, gc object counts and RSS."""

    def __init__(self, frames: int) -> None:
        self.frames = frames

    def start(self) -> None:
        gc.collect()
        # Snapshot first: its own objects then count in both object censuses.
        self.snap = tracemalloc.take_snapshot() if self.frames else None
        self.traced = tracemalloc.get_traced_memory()[0] if self.frames else 0
        self.types = _type_counts()
        self.rss = _rss_kb()

    def stop(self, n: int, top: int) -> dict[str, Any]:
        # Order matters: object counts and RSS before the second snapshot, whose own tuples
        # and memory would be counted otherwise.
        types = _type_counts()
        types.subtract(self.types)
        grown = {k: v / n for k, v in types.most_common(top) if v / n >= 0.01}
        del types, self.types  # not to be seen by the snapshot below
        rss = (_rss_kb() - self.rss) * 1024 / n
        out: dict[str, Any] = {"letters": n, "rss_bytes_per_letter": rss,
                               "objects_per_letter": grown}
        if self.snap is not None:
            traced = tracemalloc.get_traced_memory()[0]
            out["traced_bytes_per_letter"] = (traced - self.traced) / n
            skip = [tracemalloc.Filter(False, tracemalloc.__file__)]
            snap = tracemalloc.take_snapshot().filter_traces(skip)
            stats = snap.compare_to(self.snap.filter_traces(skip), "traceback")
            out["by_traceback"] = [
                {"bytes_per_letter": s.size_diff / n, "blocks_per_letter": s.count_diff / n,
                 "traceback": [f"{f.filename.replace(str(ROOT) + '/', '')}:{f.lineno}"
                               for f in reversed(s.traceback)]}
                for s in stats[:top] if abs(s.size_diff) / n >= 1
            ]
            self.snap = None
        return out


def child(n: int, warmup: int, merged: bool, frames: int, top: int) -> dict[str, Any]:
    from bench_batch import make_csv

    from vnadmin_docs.batch.letter import data_fields
    from vnadmin_docs.batch.load import load_batch
    from vnadmin_docs.batch.profile import load_profile
    from vnadmin_docs.batch.render import CHUNK, check_chunk, render_chunk
    from vnadmin_docs.content import TemplateLibrary
    from vnadmin_docs.writer.stream import MergedWriter

    if frames:
        tracemalloc.start(frames)
    tmp = Path(tempfile.mkdtemp(prefix="probe-retention-"))
    try:
        profile = load_profile(ROOT / "examples" / "xin-loi" / "profile.yml")
        issue_day = profile.issue_date
        assert issue_day is not None
        dirs: tuple[str, ...] = ()
        spec = TemplateLibrary(dirs).get(profile.template, on=issue_day)
        column_fields = data_fields(spec)
        data = make_csv(tmp / "data.csv", warmup + n)
        loaded = load_batch(data, column_fields, columns=dict(profile.columns),
                            default_reason=profile.default_reason)
        good = loaded.validation.good
        assert len(good) == warmup + n, (len(good), loaded.validation.problems[:3])
        start = profile.numbering.start
        ctx = (spec, dirs, profile)
        rows = [(i, rec.values, start + i, issue_day) for i, rec in enumerate(good)]
        letters = tmp / "van-ban"
        letters.mkdir()
        aside = str(tmp / "cu")  # where a file found in the way would go (none is)
        targets = [(str(letters / f"{i:05d}.docx"), aside, (), "") for i in range(len(rows))]

        def check(lo: int, hi: int) -> None:
            for first in range(lo, hi, CHUNK):
                failed = check_chunk((ctx, rows[first:min(first + CHUNK, hi)]))
                assert not failed, failed[:1]

        merger = MergedWriter(tmp / "tat-ca-de-in.docx") if merged else None

        def render(lo: int, hi: int) -> None:
            for first in range(lo, hi, CHUNK):
                chunk = [(rows[i], targets[i]) for i in range(first, min(first + CHUNK, hi))]
                done = render_chunk((ctx, chunk, merger is not None, None))
                for _index, sha, error, model, _aside in done:
                    assert error is None and sha is not None, error
                    if merger is not None and model is not None:
                        merger.add(model)

        probe = Probe(frames)
        report: dict[str, Any] = {"merged": merged, "warmup": warmup}
        check(0, warmup)
        probe.start()
        check(warmup, warmup + n)
        report["check"] = probe.stop(n, top)
        render(0, warmup)
        probe.start()
        render(warmup, warmup + n)
        report["render"] = probe.stop(n, top)
        if merger is not None:
            merger.close()
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _print(report: dict[str, Any]) -> None:
    print(f"\n## N = {report['render']['letters']}, merged file "
          f"{'on' if report['merged'] else 'off'} (warm-up {report['warmup']})")
    for phase in ("check", "render"):
        r = report[phase]
        traced = r.get("traced_bytes_per_letter")
        print(f"\n### {phase}: RSS {r['rss_bytes_per_letter']:.0f} B/letter"
              + (f", traced {traced:.0f} B/letter" if traced is not None else ""))
        for s in r.get("by_traceback", []):
            blocks = round(s["blocks_per_letter"] * r["letters"])
            note = " (one block that grew: a table resized, not a per-letter object)" \
                if abs(blocks) < 2 and abs(s["bytes_per_letter"]) > 10 else ""
            print(f"- {s['bytes_per_letter']:+.1f} B/letter, {blocks:+d} blocks in all{note}")
            for frame in s["traceback"][:12]:
                print(f"      {frame}")
        if r["objects_per_letter"]:
            print("  objects/letter: " + ", ".join(
                f"{k} {v:+.2f}" for k, v in r["objects_per_letter"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, action="append",
                        help="N (repeatable; default 2000 and 10000)")
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--merged", dest="merged", action="store_true", default=None)
    parser.add_argument("--no-merged", dest="merged", action="store_false")
    parser.add_argument("--frames", type=int, default=8,
                        help="tracemalloc traceback depth (0: no tracemalloc, RSS only)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        report = child(args.letters[0], args.warmup, bool(args.merged), args.frames, args.top)
        print(json.dumps(report))
        return
    for n in args.letters or [2000, 10000]:
        for merged in ([args.merged] if args.merged is not None else [False, True]):
            cmd = [sys.executable, __file__, "--child", "--letters", str(n), "--warmup",
                   str(args.warmup), "--frames", str(args.frames), "--top", str(args.top),
                   "--merged" if merged else "--no-merged"]
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
            if done.returncode:
                sys.stderr.write(done.stderr)
                raise SystemExit(done.returncode)
            _print(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
