"""The wheel carries the built-in templates: build it, install it in a fresh virtual
environment outside the checkout, and render the example from there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CONG_VAN_EXAMPLE, ROOT

pytestmark = pytest.mark.slow


def test_wheel_installs_and_renders_the_example(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("vnadmin_docs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vnadmin_docs/_builtin_templates/cong-van.md" in names
    assert "vnadmin_docs/layout/decree30.toml" in names
    assert "vnadmin_docs/layout/data/times-metrics.json" in names
    assert "vnadmin_docs/py.typed" in names
    # Compiled by hatch_build.py: an installed package never compiles catalogs at run time.
    assert "vnadmin_docs/locale/vi/LC_MESSAGES/vnadmin_docs.mo" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    out = tmp_path / "elsewhere" / "cv.docx"
    out.parent.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [str(bindir / "vnadmin-docs"), "render", "cong-van", str(CONG_VAN_EXAMPLE), "-o", str(out)],
        cwd=out.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:2] == b"PK"
    listing = subprocess.run(
        [str(bindir / "vnadmin-docs"), "templates"],
        cwd=out.parent,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "cong-van" in listing.stdout
    check = subprocess.run(
        [
            str(bindir / "python"),
            "-c",
            "from vnadmin_docs.i18n import LOCALE_DIR, translator; "
            "print((LOCALE_DIR / 'vi/LC_MESSAGES/vnadmin_docs.mo').is_file(), "
            "translator('vi').gettext('required'))",
        ],
        cwd=out.parent,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert check.stdout.split() == ["True", "bắt", "buộc"]
