"""The one public entry point of the checker: :func:`check_document`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from vnadmin_docs.check import render as render_module
from vnadmin_docs.check import (
    rules_body,
    rules_closing,
    rules_date,
    rules_national,
    rules_number,
    rules_page,
    rules_position,
    rules_title,
)
from vnadmin_docs.check.elements import find_elements
from vnadmin_docs.check.findings import Finding, Report, Text
from vnadmin_docs.check.ooxml import read_package
from vnadmin_docs.check.registry import RULES, Context, ordered_rules, run_rules
from vnadmin_docs.errors import CheckFailed, VnAdminError
from vnadmin_docs.layout.rules import load_profile

__all__ = ["check_document", "rule_ids"]

_log = logging.getLogger(__name__)
# Importing the rule modules fills the rule table.
_RULE_MODULES = (
    rules_page,
    rules_national,
    rules_number,
    rules_date,
    rules_title,
    rules_position,
    rules_body,
    rules_closing,
    render_module,
)


def rule_ids() -> tuple[str, ...]:
    """Every registered rule ID, in document reading order."""
    return tuple(r.rule_id for r in ordered_rules())


def _in_letter(finding: Finding, number: int) -> Finding:
    """Prefix the place with the document's number inside a merged file."""
    where = Text(
        f"văn bản thứ {number}, {finding.where.vi}", f"document {number}, {finding.where.en}"
    )
    return replace(finding, where=where)


def _profile(profile: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    if profile is None or isinstance(profile, str | Path):
        return load_profile(profile)
    return dict(profile)


def check_document(
    path: str | Path,
    *,
    profile: str | Path | Mapping[str, Any] | None = None,
    disabled: Iterable[str] = (),
    lang: str = "vi",
    render: bool = False,
    draft: bool = False,
    strict: bool = False,
) -> Report:
    """Check one .docx against Decree 30 and return every finding.

    ``profile``: an agency profile file (TOML, same keys as ``decree30.toml``) or an
    already loaded profile dict. ``disabled``: rule IDs to skip (unknown IDs raise
    :class:`VnAdminError`). ``render``: also convert to PDF with LibreOffice and check what
    only the printed page shows (needs ``soffice`` and the ``render`` extra). ``draft``:
    accept a blank number and a blank day/month, which only drafts may leave (R-SO-11).
    ``strict``: raise :class:`CheckFailed`, whose message is the full text report, when
    any finding is an error or a warning.
    A merged file (several documents, one section each, as batch printing makes) is
    checked document by document; places then start with "văn bản thứ N".
    Raises :class:`~vnadmin_docs.check.ooxml.UnreadableDocument` naming the file when it
    cannot be read.
    """
    off = tuple(disabled)
    unknown = [r for r in off if r not in RULES]
    if unknown:
        raise VnAdminError(
            f"Mã quy tắc không có: {', '.join(unknown)}. Các mã hợp lệ: {', '.join(RULES)}.",
            f"Unknown rule ID(s): {', '.join(unknown)}. Valid IDs: {', '.join(RULES)}.",
        )
    data = _profile(profile)
    types = list(data["types"]["abbreviations"])
    letters = read_package(path).letters()
    findings: list[Finding] = []
    for number, pkg in enumerate(letters, start=1):
        ctx = Context(pkg, find_elements(pkg, types), data, draft)
        found: list[Finding] = list(run_rules(ctx, off))
        if render and number == 1:
            found = render_module.render_findings(
                Path(path), ctx, found, off, several=len(letters) > 1
            )
        findings += found if len(letters) == 1 else [_in_letter(f, number) for f in found]
    _log.info("checked %s: %d finding(s)", path, len(findings))
    report = Report(str(path), tuple(findings), lang)
    if strict and not report.ok:
        raise CheckFailed(report.to_text("vi"), report.to_text("en"))
    return report
