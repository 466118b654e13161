"""Findings and the report a check returns.

A :class:`Finding` names the rule (stable ID from the Decree 30 spec), its severity, the
place in the document, what was found and what the rule requires, each in Vietnamese and
English. A :class:`Report` collects every finding of one document and renders them as
text (for the clerk) or JSON (for programs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["Finding", "Report", "Severity", "Text"]


class Severity(StrEnum):
    """How much a finding matters; ``NOT_EVALUATED`` means the checker could not judge."""

    ERROR = "error"
    WARNING = "warning"
    NOT_EVALUATED = "not_evaluated"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "not_evaluated": 0}[self.value]

    def label(self, lang: str = "vi") -> str:
        """Short label shown in text reports.

        >>> Severity.ERROR.label()
        'LỖI'
        >>> Severity.NOT_EVALUATED.label("en")
        'NOT EVALUATED'
        """
        vi = {"error": "LỖI", "warning": "CẢNH BÁO", "not_evaluated": "CHƯA ĐÁNH GIÁ"}
        en = {"error": "ERROR", "warning": "WARNING", "not_evaluated": "NOT EVALUATED"}
        return (en if lang.startswith("en") else vi)[self.value]


@dataclass(frozen=True)
class Text:
    """One message in Vietnamese and English."""

    vi: str
    en: str

    def get(self, lang: str = "vi") -> str:
        return self.en if lang.startswith("en") else self.vi


@dataclass(frozen=True)
class Finding:
    """One deviation (or one rule that could not be judged) in one place."""

    rule_id: str
    severity: Severity
    where: Text
    excerpt: str
    found: Text
    required: Text

    def to_dict(self, lang: str = "vi") -> dict[str, str]:
        return {
            "rule": self.rule_id,
            "severity": self.severity.value,
            "where": self.where.get(lang),
            "excerpt": self.excerpt,
            "found": self.found.get(lang),
            "required": self.required.get(lang),
        }

    def to_text(self, lang: str = "vi") -> str:
        en = lang.startswith("en")
        if self.severity is Severity.NOT_EVALUATED:
            rule_word = "rule" if en else "quy tắc"
            return (
                f"[{self.severity.label(lang)}] {self.rule_id} — {self.found.get(lang)}\n"
                f"    {rule_word}: {self.required.get(lang)}"
            )
        place = self.where.get(lang)
        if self.excerpt:
            place += f" «{self.excerpt}»"
        found = "found" if en else "hiện có"
        req = "required" if en else "yêu cầu"
        return (
            f"[{self.severity.label(lang)}] {self.rule_id} — {place}\n"
            f"    {found}: {self.found.get(lang)}\n"
            f"    {req}: {self.required.get(lang)}"
        )


@dataclass(frozen=True)
class Report:
    """All findings for one document, in document order within each rule."""

    path: str
    findings: tuple[Finding, ...]
    lang: str = "vi"
    # What kind of document it is (check/kind.py): "administrative", "legal", "form",
    # "other"; Decree 30's layout rules are applied to administrative documents only.
    kind: str = "administrative"
    kind_label: Text = Text(
        "văn bản hành chính (Nghị định 30)", "administrative document (Decree 30)"
    )
    kind_reason: Text = Text("", "")

    @property
    def ok(self) -> bool:
        """True when no finding is an error or a warning (unjudged rules do not count)."""
        return not any(f.severity in (Severity.ERROR, Severity.WARNING) for f in self.findings)

    @property
    def rule_ids(self) -> frozenset[str]:
        """IDs of the rules with errors or warnings."""
        return frozenset(
            f.rule_id for f in self.findings if f.severity is not Severity.NOT_EVALUATED
        )

    def at_or_above(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.rank >= severity.rank)

    def _counts(self) -> dict[Severity, int]:
        return {s: sum(f.severity is s for f in self.findings) for s in Severity}

    def to_json(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        data: dict[str, Any] = {
            "file": self.path,
            "ok": self.ok,
            "kind": self.kind,
            "kind_label": self.kind_label.get(lang),
            "kind_reason": self.kind_reason.get(lang),
            "counts": {s.value: n for s, n in self._counts().items()},
            "findings": [f.to_dict(lang) for f in self.findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_text(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        en = lang.startswith("en")
        counts = self._counts()
        if self.kind != "administrative":
            note = (
                f"{self.path}: {self.kind_label.en} ({self.kind_reason.en}); Decree 30's "
                "layout rules for administrative documents do not apply"
                if en
                else f"{self.path}: {self.kind_label.vi} ({self.kind_reason.vi}); các quy tắc "
                "thể thức văn bản hành chính của Nghị định 30 không áp dụng"
            )
            if not self.findings:
                return note + "."
            return "\n".join([note + ":", *(f.to_text(lang) for f in self.findings)])
        if not self.findings:
            head = (
                f"{self.path}: conforms to Decree 30 (no findings)."
                if en
                else f"{self.path}: đúng thể thức Nghị định 30 (không có phát hiện nào)."
            )
            return head
        if en:
            head = (
                f"{self.path}: {counts[Severity.ERROR]} error(s), "
                f"{counts[Severity.WARNING]} warning(s), "
                f"{counts[Severity.NOT_EVALUATED]} rule(s) not evaluated."
            )
        else:
            head = (
                f"{self.path}: {counts[Severity.ERROR]} lỗi, "
                f"{counts[Severity.WARNING]} cảnh báo, "
                f"{counts[Severity.NOT_EVALUATED]} quy tắc chưa đánh giá được."
            )
        return "\n".join([head, *(f.to_text(lang) for f in self.findings)])
