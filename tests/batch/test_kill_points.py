"""``kill -9`` at fixed points of a run (not at a random time: the process kills itself from a
hook), then the same run again: the folder must hold exactly what an uninterrupted run
gives, byte for byte, with no temporary file left."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch

ROOT = Path(__file__).resolve().parents[2]

# Each hook kills the process (SIGKILL: no cleanup, no finally) at one point of the run.
_HOOKS = {
    "rendering": """
def progress(done, total):
    if done >= 32:
        os.kill(os.getpid(), signal.SIGKILL)
kwargs["progress"] = progress
""",
    "merged-renamed-not-journalled": """
from vnadmin_docs.writer.stream import MergedWriter
close = MergedWriter.close
def killing_close(self):
    close(self)
    os.kill(os.getpid(), signal.SIGKILL)
MergedWriter.close = killing_close
""",
    "manifest-half-written": """
import vnadmin_docs.batch.manifest as manifest
spool_iter = manifest.ManifestSpool.__iter__
calls = []
def killing_iter(self):
    calls.append(1)
    for n, e in enumerate(spool_iter(self)):
        if len(calls) == 2 and n == 10:  # manifest.csv in place, manifest.json half written
            os.kill(os.getpid(), signal.SIGKILL)
        yield e
manifest.ManifestSpool.__iter__ = killing_iter
""",
    "zip-half-written": """
import shutil
copy = shutil.copyfileobj
copied = []
def killing_copy(*a, **k):
    copied.append(1)
    if len(copied) == 20:
        os.kill(os.getpid(), signal.SIGKILL)
    return copy(*a, **k)
shutil.copyfileobj = killing_copy
""",
}

_SCRIPT = """
import os, signal, sys
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
kwargs = {"make_zip": True}
%s
run_batch(sys.argv[1], load_profile(sys.argv[2]), sys.argv[3], **kwargs)
"""


def _csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
                    "Ngày hẹn trả mới", "Lý do"])
        for i in range(rows):
            w.writerow([f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng",
                        f"Nguyễn Văn {i}", "27/10/2025 08:15", "03/11/2025 17:00",
                        "24/11/2025 17:00" if i != 5 else "01/11/2025", "Chờ ý kiến"])
    return path


def _contents(out: Path) -> dict[str, str]:
    """sha256 of every file but the journal; in the manifests a letter kept from the killed
    run says "unchanged" where a single run says "written", which is the truth."""
    found: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name == ".vnadmin-batch-state.jsonl":
            continue
        data = path.read_bytes()
        if path.name == "manifest.csv":
            data = data.replace(b",unchanged,", b",written,")
        if path.name == "manifest.json":
            report = json.loads(data)
            report["summary"]["written"] += report["summary"].pop("unchanged")
            for row in report["rows"]:
                row["status"] = row["status"].replace("unchanged", "written")
            data = json.dumps(report).encode()
        if path.suffix == ".zip":
            import zipfile

            with zipfile.ZipFile(path) as zf:  # the manifests inside: as above
                data = json.dumps([(i.filename, i.date_time, i.CRC) for i in zf.infolist()
                                   if not i.filename.startswith("manifest")]).encode()
        found[str(path.relative_to(out))] = hashlib.sha256(data).hexdigest()
    return found


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("clean")
    data = _csv(base / "ho-so.csv", 70)
    run_batch(data, load_profile(ROOT / "examples/xin-loi/profile.yml"), base / "out",
              make_zip=True)
    return data, _contents(base / "out")


@pytest.mark.parametrize("point", sorted(_HOOKS))
def test_killed_at_a_fixed_point_then_run_again_gives_the_same_files(
        point: str, tmp_path: Path, clean: tuple[Path, dict[str, str]]) -> None:
    data, expected = clean
    profile = ROOT / "examples/xin-loi/profile.yml"
    out = tmp_path / "kết quả"
    proc = subprocess.run([sys.executable, "-c", _SCRIPT % _HOOKS[point], str(data),
                           str(profile), str(out)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    result = run_batch(data, load_profile(profile), out, make_zip=True)
    assert result.written + result.unchanged == 69 and result.failed_rows == 1
    assert _contents(out) == expected
    leftovers = [p.name for p in out.rglob("*") if "tmp" in p.name or p.suffix == ".part"]
    assert leftovers == []
