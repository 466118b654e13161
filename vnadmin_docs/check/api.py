"""The one public entry point of the checker: :func:`check_document`."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vnadmin_docs.check import (
    attached,
    copies,
    rules_body,
    rules_closing,
    rules_date,
    rules_draft,
    rules_national,
    rules_number,
    rules_page,
    rules_position,
    rules_title,
)
from vnadmin_docs.check import render as render_module
from vnadmin_docs.check.elements import find_elements
from vnadmin_docs.check.findings import Finding, Report, Text
from vnadmin_docs.check.kind import ADMINISTRATIVE, decide_kind
from vnadmin_docs.check.ooxml import read_package
from vnadmin_docs.check.registry import RULES, Context, ordered_rules, run_rules
from vnadmin_docs.errors import CheckFailed, VnAdminError
from vnadmin_docs.layout.rules import load_profile

__all__ = ["check_document", "check_documents", "rule_ids"]

_log = logging.getLogger(__name__)
# Importing the rule modules fills the rule table.
_RULE_MODULES = (
    rules_page,
    rules_draft,
    rules_national,
    rules_number,
    rules_date,
    rules_title,
    rules_position,
    rules_body,
    rules_closing,
    render_module,
    attached,
    copies,
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


@dataclass
class _Pending:
    """A file read and checked statically, waiting for its page-level verdicts."""

    path: Path
    parts: list[tuple[Context, list[Finding]]]


def _static(path: Path, data: dict[str, Any], off: tuple[str, ...], draft: bool) -> _Pending:
    types = list(data["types"]["abbreviations"])
    parts = []
    for pkg in read_package(path).letters():
        el = find_elements(pkg, types)
        ctx = Context(pkg, el, data, draft, decide_kind(pkg, el))
        skip = off
        if attached.is_standalone(pkg):  # a Quy chế … printed without its decision
            ctx = attached.standalone(ctx)
            skip = (*off, *(r for r in RULES if r.split("-")[1] in attached.STANDALONE_SKIPS))
        parts.append((ctx, [*run_rules(ctx, skip), *attached.attached_findings(ctx, off)]))
    return _Pending(path, parts)


def _report(item: _Pending, lang: str) -> Report:
    several = len(item.parts) > 1
    findings: list[Finding] = []
    for number, (_, found) in enumerate(item.parts, start=1):
        findings += [_in_letter(f, number) for f in found] if several else found
    kind = item.parts[0][0].kind
    _log.info("checked %s (%s): %d finding(s)", item.path, kind.code, len(findings))
    return Report(str(item.path), tuple(findings), lang, kind.code, kind.label, kind.reason)


def _with_pages(items: list[_Pending], off: tuple[str, ...]) -> None:
    """Add the page-level verdicts to each file's first document, converting every file
    in one warm LibreOffice run (``vnadmin_docs.pdf.convert_files``)."""
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        for item in items:
            ctx, found = item.parts[0]
            item.parts[0] = (ctx, render_module.unrendered(found, off, render_module.NO_PDFPLUMBER))
        return
    with tempfile.TemporaryDirectory(prefix="vnadmin-check-") as tmp:
        # Page-level rules are Decree 30's layout: only administrative documents are shown.
        items = [i for i in items if i.parts[0][0].kind.code == ADMINISTRATIVE]
        if not items:
            return
        pdfs = render_module.to_pdfs([i.path for i in items], Path(tmp))
        for item in items:
            ctx, found = item.parts[0]
            pdf = pdfs[item.path]
            if isinstance(pdf, Path):
                found = render_module.render_findings(
                    pdf, ctx, found, off, several=len(item.parts) > 1
                )
            else:
                found = render_module.unrendered(found, off, Text(pdf.message, pdf.message_en))
            item.parts[0] = (ctx, found)


def check_documents(
    paths: Iterable[str | Path],
    *,
    profile: str | Path | Mapping[str, Any] | None = None,
    disabled: Iterable[str] = (),
    lang: str = "vi",
    render: bool = False,
    draft: bool = False,
    on_unreadable: Callable[[Path, VnAdminError], None] | None = None,
) -> list[Report]:
    """Check many .docx files; with ``render`` all of them are converted to PDF in one
    warm LibreOffice run instead of one LibreOffice start per file.

    Same options as :func:`check_document`. A file that cannot be read raises its
    :class:`VnAdminError` unless ``on_unreadable(path, error)`` is given, which is then
    told and the file left out of the reports (the others are still checked). A file
    LibreOffice cannot convert keeps its static findings; the page-level rules say "not
    evaluated" with LibreOffice's reason.
    """
    off = _disabled(disabled)
    data = _profile(profile)
    items: list[_Pending] = []
    for raw in paths:
        path = Path(raw)
        try:
            items.append(_static(path, data, off, draft))
        except VnAdminError as exc:
            if on_unreadable is None:
                raise
            on_unreadable(path, exc)
    if render and items:
        _with_pages(items, off)
    return [_report(item, lang) for item in items]


def _disabled(disabled: Iterable[str]) -> tuple[str, ...]:
    off = tuple(disabled)
    unknown = [r for r in off if r not in RULES]
    if unknown:
        raise VnAdminError(
            f"Mã quy tắc không có: {', '.join(unknown)}. Các mã hợp lệ: {', '.join(RULES)}.",
            f"Unknown rule ID(s): {', '.join(unknown)}. Valid IDs: {', '.join(RULES)}.",
        )
    return off


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
    (report,) = check_documents(
        [path], profile=profile, disabled=disabled, lang=lang, render=render, draft=draft
    )
    if strict and not report.ok:
        raise CheckFailed(report.to_text("vi"), report.to_text("en"))
    return report
