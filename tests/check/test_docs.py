"""The Vietnamese rule page lists every rule, as the rule table says today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from vnadmin_docs.check import rule_ids

ROOT = Path(__file__).resolve().parents[2]


def test_rule_page_is_generated_from_the_current_table() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen_check_docs", ROOT / "scripts" / "gen_check_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (ROOT / "docs" / "vi" / "kiem-tra.md").read_text(encoding="utf-8")
    assert page == module.render("vi"), "run: python scripts/gen_check_docs.py"
    english = (ROOT / "docs" / "en" / "check.md").read_text(encoding="utf-8")
    assert english == module.render("en"), "run: python scripts/gen_check_docs.py"
    for rid in rule_ids():
        assert f"### {rid} — " in page
