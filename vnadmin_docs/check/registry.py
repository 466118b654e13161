"""The rule table: every check is a small function registered here with its stable ID.

A rule function takes a :class:`Context` and yields :class:`Problem` objects (or one
:class:`Unjudged` when the element it needs was not found). The runner turns them into
:class:`~vnadmin_docs.check.findings.Finding` objects carrying the rule ID. The table
also holds what the Vietnamese docs page shows: a title, a violating example and the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from vnadmin_docs.check.elements import Elements, Span
from vnadmin_docs.check.findings import Finding, Severity, Text
from vnadmin_docs.check.ooxml import Package, Paragraph

__all__ = [
    "RULES",
    "Context",
    "Problem",
    "Rule",
    "Unjudged",
    "rule",
    "run_rules",
]


@dataclass(frozen=True)
class Context:
    """Everything a rule may read: the package, its elements and the profile data."""

    pkg: Package
    el: Elements
    profile: dict[str, Any]

    def element(self, key: str) -> dict[str, Any]:
        """The ``[element.<key>]`` table of the profile."""
        table: dict[str, Any] = self.profile["element"][key]
        return table


@dataclass(frozen=True)
class Problem:
    """One deviation, before the runner stamps the rule ID on it."""

    at: Span | Paragraph | None
    found: Text
    required: Text
    severity: Severity | None = None  # None = the rule's default severity


@dataclass(frozen=True)
class Unjudged:
    """The rule could not be judged; ``reason`` says which element was missing."""

    reason: Text


Outcome = Problem | Unjudged
RuleFunc = Callable[[Context], Iterable[Outcome]]


@dataclass(frozen=True)
class Rule:
    """A registered rule and its documentation."""

    rule_id: str
    title: Text
    severity: Severity
    example_bad: str
    example_fix: str
    func: RuleFunc


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    title_vi: str,
    title_en: str,
    *,
    bad: str,
    fix: str,
    severity: Severity = Severity.ERROR,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` under ``rule_id`` (IDs are unique)."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, Text(title_vi, title_en), severity, bad, fix, func)
        return func

    return register


def _place(at: Span | Paragraph | None) -> tuple[Text, str]:
    if at is None:
        return Text("toàn văn bản", "whole document"), ""
    para = at.para if isinstance(at, Span) else at
    text = at.text.strip().replace("\t", " ").replace("\n", " ")
    if len(text) > 50:
        text = text[:47] + "…"
    return Text(para.where.describe("vi"), para.where.describe("en")), text


def run_rules(ctx: Context, disabled: Iterable[str] = ()) -> Iterator[Finding]:
    """Run every enabled rule in table order and yield its findings."""
    off = set(disabled)
    for r in RULES.values():
        if r.rule_id in off:
            continue
        for outcome in r.func(ctx):
            if isinstance(outcome, Unjudged):
                yield Finding(
                    r.rule_id,
                    Severity.NOT_EVALUATED,
                    Text("—", "—"),
                    "",
                    outcome.reason,
                    r.title,
                )
                continue
            where, excerpt = _place(outcome.at)
            yield Finding(
                r.rule_id,
                outcome.severity or r.severity,
                where,
                excerpt,
                outcome.found,
                outcome.required,
            )
