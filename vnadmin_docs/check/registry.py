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
from vnadmin_docs.check.kind import ADMINISTRATIVE, LEGAL, DocKind
from vnadmin_docs.check.ooxml import Package, Paragraph

__all__ = [
    "ADMIN_ONLY",
    "PAGE_AND_FONT",
    "RULES",
    "Context",
    "Problem",
    "Rule",
    "Unjudged",
    "ordered_rules",
    "place",
    "render_only_rule",
    "rule",
    "run_rules",
    "to_finding",
]


# Rule scopes (document kinds, see check/kind.py): Decree 30's layout is for
# administrative documents; the page set-up and the font are the same for legal normative
# documents (Nghị định 34/2016, Phụ lục I), so those rules judge them too.
ADMIN_ONLY: tuple[str, ...] = (ADMINISTRATIVE,)
PAGE_AND_FONT: tuple[str, ...] = (ADMINISTRATIVE, LEGAL)
_ADMIN_KIND = DocKind(ADMINISTRATIVE, Text("", ""))


@dataclass(frozen=True)
class Context:
    """Everything a rule may read: the package, its elements and the profile data."""

    pkg: Package
    el: Elements
    profile: dict[str, Any]
    draft: bool = False  # a draft may leave the number and the day/month blank (R-SO-11)
    kind: DocKind = _ADMIN_KIND

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
    func: RuleFunc | None  # None: judged only on the rendered page (``--render``)
    kinds: tuple[str, ...] = ADMIN_ONLY  # the document kinds the rule applies to


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    title_vi: str,
    title_en: str,
    *,
    bad: str,
    fix: str,
    severity: Severity = Severity.ERROR,
    kinds: tuple[str, ...] = ADMIN_ONLY,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` under ``rule_id`` (IDs are unique); ``kinds``: its scope."""

    def register(func: RuleFunc) -> RuleFunc:
        _add(Rule(rule_id, Text(title_vi, title_en), severity, bad, fix, func, kinds))
        return func

    return register


def render_only_rule(
    rule_id: str,
    title_vi: str,
    title_en: str,
    *,
    bad: str,
    fix: str,
    severity: Severity = Severity.ERROR,
) -> None:
    """Register a rule that only the rendered page can judge (see ``check/render.py``)."""
    _add(Rule(rule_id, Text(title_vi, title_en), severity, bad, fix, None))


def _add(new: Rule) -> None:
    if new.rule_id in RULES:
        raise ValueError(f"rule {new.rule_id} registered twice")
    RULES[new.rule_id] = new


def place(at: Span | Paragraph | None) -> tuple[Text, str]:
    """(where, short excerpt) of a span or paragraph, for a finding."""
    if at is None:
        return Text("toàn văn bản", "whole document"), ""
    para = at.para if isinstance(at, Span) else at
    text = at.text.strip().replace("\t", " ").replace("\n", " ")
    if len(text) > 50:
        text = text[:47] + "…"
    return Text(para.where.describe("vi"), para.where.describe("en")), text


# Reading order of a document: page, font, header (top to bottom), body, closing.
_AREAS = (
    "PAGE",
    "FONT",
    "QH",
    "CQ",
    "SO",
    "ABBR",
    "DD",
    "CV",
    "TL",
    "KG",
    "CC",
    "ND",
    "BC",
    "NN",
    "KY",
    "KHST",
    "KHAN",
    "LH",
    "PGNUM",
)


def _order(rule_id: str) -> tuple[int, int]:
    _, area, number = rule_id.split("-", 2)
    rank = _AREAS.index(area) if area in _AREAS else len(_AREAS)
    return rank, int(number) if number.isdigit() else 0


def ordered_rules() -> list[Rule]:
    """The rule table in document reading order (``R-PAGE-1`` … ``R-PGNUM-2``).

    >>> [r.rule_id for r in ordered_rules()][:2]
    ['R-PAGE-1', 'R-PAGE-2']
    """
    return sorted(RULES.values(), key=lambda r: _order(r.rule_id))


def run_rules(ctx: Context, disabled: Iterable[str] = ()) -> Iterator[Finding]:
    """Run every enabled rule in reading order and yield its findings."""
    off = set(disabled)
    for r in ordered_rules():
        if r.rule_id in off or r.func is None or ctx.kind.code not in r.kinds:
            continue
        for outcome in r.func(ctx):
            yield to_finding(r, outcome)


def to_finding(r: Rule, outcome: Outcome) -> Finding:
    """Stamp a rule's ID (and default severity) on what one of its checks found."""
    if isinstance(outcome, Unjudged):
        return Finding(
            r.rule_id, Severity.NOT_EVALUATED, Text("—", "—"), "", outcome.reason, r.title
        )
    where, excerpt = place(outcome.at)
    return Finding(
        r.rule_id,
        outcome.severity or r.severity,
        where,
        excerpt,
        outcome.found,
        outcome.required,
    )
