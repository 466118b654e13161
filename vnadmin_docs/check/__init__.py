"""Conformance checker: tells where any .docx breaks Decree 30 (Nghị định 30/2020/NĐ-CP).

``check_document(path)`` reads the package itself (zipfile + lxml, see docs/dev/checker.md),
recognises the elements by content and position and runs the rule table.
"""

from vnadmin_docs.check.api import check_document, check_documents, rule_ids
from vnadmin_docs.check.findings import Finding, Report, Severity, Text
from vnadmin_docs.check.ooxml import UnreadableDocument
from vnadmin_docs.check.registry import RULES, Rule

__all__ = [
    "RULES",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "Text",
    "UnreadableDocument",
    "check_document",
    "check_documents",
    "rule_ids",
]
