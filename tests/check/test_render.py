"""``--render``: what only the printed page shows, measured on LibreOffice's PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.check.conftest import need_soffice
from tests.check.corpus import build
from vnadmin_docs.check import Severity, check_document

pytestmark = pytest.mark.libreoffice

LONG_BODY = (
    *(["Nội dung công văn được trình bày đủ dài để sang trang thứ hai. " * 12] * 5),
    "Đề nghị các đơn vị thực hiện./.",
)

CASES: dict[str, tuple[dict[str, Any], set[str]]] = {
    "two-pages-conformant": ({"body": LONG_BODY}, set()),
    "issuer-rule-too-long": ({"issuer_line_chars": 40}, {"R-CQ-5"}),
    "motto-rule-too-short": ({"motto_rule_para_indent_cm": 3.0}, {"R-QH-6"}),
    "motto-rule-as-own-paragraph": ({"motto_rule_para_indent_cm": 1.6}, set()),
    "quoc-hieu-wraps": ({"header_cols_cm": (9.5, 7.0), "motto_indent_cm": 0.2}, {"R-QH-8"}),
    "one-page-without-number-is-fine": ({"page_field": False}, set()),
    "two-pages-without-number": ({"page_field": False, "body": LONG_BODY}, {"R-PGNUM-1"}),
    "number-in-footer": ({"page_in_footer": True, "body": LONG_BODY}, {"R-PGNUM-1"}),
    "number-printed-on-page-1": ({"title_page": False, "body": LONG_BODY}, {"R-PGNUM-2"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_page(name: str, tmp_path: Path) -> None:
    need_soffice()
    changes, expected = CASES[name]
    report = check_document(build(tmp_path / f"{name}.docx", **changes), render=True)
    assert {f.rule_id for f in report.findings} == expected, report.to_text()
    assert all(f.severity is not Severity.NOT_EVALUATED for f in report.findings)


def test_rendered_findings_give_measurements(tmp_path: Path) -> None:
    need_soffice()
    report = check_document(build(tmp_path / "a.docx", issuer_line_chars=40), render=True)
    (finding,) = report.findings
    assert finding.rule_id == "R-CQ-5"
    assert "lần dòng chữ" in finding.found.vi and " mm" in finding.found.vi
    assert finding.required.vi == "0,33–0,5 lần độ dài dòng chữ"
