"""Every string a page shows has its English: the literals in ``_("…")`` in the templates."""

from __future__ import annotations

import re
from pathlib import Path

from vnadmin_docs.web.texts import EN, translate

TEMPLATES = Path(__file__).resolve().parents[2] / "vnadmin_docs" / "web" / "templates"
LITERAL = re.compile(r"""_\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""")


def test_every_template_string_has_english():
    used = {a or b for path in TEMPLATES.glob("*.html")
            for a, b in LITERAL.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 100
    missing = sorted(s for s in used if s not in EN)
    assert not missing, missing


def test_english_entries_are_english_and_vietnamese_stays():
    for vi, en in EN.items():
        assert en.strip(), vi
        assert translate("vi", vi) == vi
    assert translate("en", "chưa có trong bảng") == "chưa có trong bảng"  # falls back
