"""The library logs for developers but never prints: without the application's own logging
set-up, no English log line reaches a clerk's console; with one, the lines are there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stderr(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True).stderr


def test_a_library_warning_is_silent_without_logging_configured() -> None:
    code = ("import logging, vnadmin_docs\n"
            "logging.getLogger('vnadmin_docs.pdf.process').warning('soffice made no progress')")
    assert _stderr(code) == ""


def test_an_application_that_configures_logging_sees_it() -> None:
    code = ("import logging, vnadmin_docs\nlogging.basicConfig()\n"
            "logging.getLogger('vnadmin_docs.pdf.process').warning('soffice made no progress')")
    assert "soffice made no progress" in _stderr(code)
