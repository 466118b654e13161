"""CLI tests see the Vietnamese default whatever the developer's locale is (LANG=en_US on a
laptop must not turn the expected Vietnamese messages into English)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VNADMIN_DOCS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
