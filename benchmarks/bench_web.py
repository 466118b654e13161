"""The web app's speed: what a clerk waits for.

    .venv/bin/python benchmarks/bench_web.py            # about a minute

1. a 1,000-row export (.xlsx, and the same as CSV) uploaded, checked (the batch's dry run in
   a warm worker) and the review page returned: target < 2 s;
2. one page preview (render → PDF with the LibreOffice the worker keeps warm → PNG):
   target < 1 s; the first (cold) one is shown apart;
3. the pages stay responsive while a 1,000-letter batch runs in its own process: the time
   of ``GET /`` during the run.

Prints a Markdown report (benchmarks/RESULTS.md, section "Web").
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import make_csv, make_xlsx  # noqa: E402

PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"


def _client(data_dir: Path):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from vnadmin_docs.web import WebConfig, create_app

    app = create_app(WebConfig(data_dir=data_dir, register_url=str(data_dir / "so.sqlite3"),
                               workers=2))
    app.state.services.pool.warm_up()
    return app, TestClient(app, base_url="http://127.0.0.1:8765", client=("127.0.0.1", 1))


def _csrf(c, path: str) -> str:  # type: ignore[no-untyped-def]
    return re.search(r'name="csrf-token" content="([^"]+)"', c.get(path).text).group(1)


def _upload(c, data: Path) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    token = _csrf(c, "/batch")
    t0 = time.perf_counter()
    with data.open("rb") as f, PROFILE.open("rb") as p:
        r = c.post("/batch", data={"csrf": token}, files={"data": (data.name, f),
                                                          "profile_file": ("p.yml", p)},
                   follow_redirects=False)
    page = c.get(r.headers["location"])
    elapsed = time.perf_counter() - t0
    assert page.status_code == 200 and "bang-dong" in page.text
    return elapsed, r.headers["location"]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="vnadmin-bench-web-"))
    csv_path = make_csv(work / "ho-so-1000.csv", 1000)
    xlsx_path = make_xlsx(csv_path)
    app, c = _client(work / "web")
    try:
        lines = ["## Web (benchmarks/bench_web.py)", ""]
        for label, path in ((".xlsx", xlsx_path), ("CSV", csv_path)):
            times = [_upload(c, path)[0] for _ in range(3)]
            lines.append(f"- 1,000-row {label} export uploaded, checked and shown: median "
                         f"{statistics.median(times):.2f} s (runs: "
                         f"{', '.join(f'{t:.2f}' for t in times)}; target < 2 s)")
        token = _csrf(c, "/forms/cong-van")
        page = c.get("/forms/cong-van").text
        fields = dict(re.findall(r'name="([a-z_.]+)" value="([^"]*)"', page))
        fields.update(re.findall(r'name="([a-z_.]+)"[^>]*>([^<]*)</textarea>', page))
        fields["csrf"] = token
        previews = []
        for _ in range(6):
            t0 = time.perf_counter()
            r = c.post("/forms/cong-van/preview", data=fields, headers={"X-CSRF-Token": token})
            src = re.search(r'src="([^"]+\.png)"', r.text)
            assert src, r.text[:300]
            c.get(src.group(1))
            previews.append(time.perf_counter() - t0)
        lines.append(f"- page preview (render, PDF from the warm LibreOffice, PNG, image "
                     f"fetched): first {previews[0]:.2f} s, then median "
                     f"{statistics.median(previews[1:]):.2f} s (target < 1 s)")
        _, job = _upload(c, xlsx_path)
        token = _csrf(c, job)
        c.post(job + "/run", data={"csrf": token}, follow_redirects=False)
        waits, t_run = [], time.perf_counter()
        while time.perf_counter() - t_run < 600:
            t0 = time.perf_counter()
            c.get("/")
            waits.append(time.perf_counter() - t0)
            if 'id="xong"' in c.get(job).text:
                break
            time.sleep(0.2)
        run_s = time.perf_counter() - t_run
        lines.append(f"- while a 1,000-letter batch ran ({run_s:.0f} s, its own process): "
                     f"`GET /` median {statistics.median(waits) * 1000:.0f} ms, max "
                     f"{max(waits) * 1000:.0f} ms over {len(waits)} requests")
        import os

        lines.append(f"- machine: {os.cpu_count()} cores, shared with other work while "
                     "measured: numbers are noisy")
        print("\n".join(lines))
    finally:
        app.state.services.pool.close()


if __name__ == "__main__":
    main()
