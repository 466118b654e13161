"""Texts issued with a decision (Mẫu 1.3): a Quy chế, Quy định … in its own section after
the decision, repeating the header's top row (issuer | Quốc hiệu, Tiêu ngữ) with no Số or
date row, then the type name, the title, the italic "(Kèm theo Quyết định số … ngày … của
…)" line and a short rule, then Chương / Điều.

Such a section is part of the decision before it (``ooxml.is_attached_text`` keeps it in the
decision's package), not a second document. Its own header is judged here by the header
rules (R-QH-*, R-CQ-*, R-TL-1…4) on the section alone, and its "(Kèm theo …)" line by
R-PL-4. Its page numbering restarts like an appendix's (R-PGNUM-3, in rules_page.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from vnadmin_docs.check.elements import Elements, Span, find_elements
from vnadmin_docs.check.findings import Finding, Text
from vnadmin_docs.check.formatting import format_problems
from vnadmin_docs.check.ooxml import Package, is_attached_text
from vnadmin_docs.check.registry import RULES, Context, Outcome, Problem, rule, to_finding
from vnadmin_docs.check.textfold import loose_key

__all__ = ["STANDALONE_SKIPS", "attached_findings", "attached_parts", "is_standalone", "standalone"]

# The rules of the header's top row and the title, judged again on an attached text.
_HEADER_AREAS = ("QH", "CQ")
_TITLE_RULES = ("R-TL-1", "R-TL-2", "R-TL-3", "R-TL-4")


def attached_parts(pkg: Package) -> list[Package]:
    """The attached texts of ``pkg``, one package each (its section and the sections after
    it up to the next attached text)."""
    groups = pkg.by_section()
    indexes = sorted(groups)
    runs: list[list[int]] = []
    for index in indexes[1:]:
        if is_attached_text(groups[index]):
            runs.append([index])
        elif runs:
            runs[-1].append(index)
    return [pkg.part(run, groups) for run in runs]


# What a text printed alone (``render van-ban-kem-theo``) has not: the decision's number,
# date, recipients and signature are the decision's (Mẫu 1.3 has none of them).
STANDALONE_SKIPS = ("SO", "ABBR", "DD", "CV", "KG", "CC", "NN", "KY", "KHST")


def is_standalone(pkg: Package) -> bool:
    """A file that is one attached text alone (its first section is one)."""
    first = min((p.section for p in pkg.paragraphs), default=0)
    return is_attached_text([p for p in pkg.paragraphs if p.section == first])


def standalone(ctx: Context) -> Context:
    """The context of an attached text printed alone: its "(Kèm theo …)" line is no part
    of its title."""
    types = list(ctx.profile["types"]["abbreviations"])
    return replace(ctx, el=_elements(ctx.pkg, types))


def _texts(pkg: Package) -> list[Package]:
    return [pkg, *attached_parts(pkg)] if is_standalone(pkg) else attached_parts(pkg)


def _kem_theo(el: Elements) -> Span | None:
    return next((s for s in el.trich_yeu if loose_key(s.text).startswith("(kem theo")), None)


def _elements(part: Package, types: Iterable[str]) -> Elements:
    el = find_elements(part, list(types))
    kem = _kem_theo(el)
    if kem is not None:  # the "(Kèm theo …)" line is no part of the title (R-PL-4)
        el.trich_yeu = [s for s in el.trich_yeu if s.para.order < kem.para.order]
        el.title_end = kem  # the short rule is under it (Mẫu 1.3)
    return el


def attached_findings(ctx: Context, disabled: Iterable[str] = ()) -> list[Finding]:
    """The header and title findings of each attached text of ``ctx.pkg``."""
    off = set(disabled)
    types = list(ctx.profile["types"]["abbreviations"])
    wanted = [
        r
        for r in RULES.values()
        if r.func is not None
        and r.rule_id not in off
        and ctx.kind.code in r.kinds
        and (r.rule_id.split("-")[1] in _HEADER_AREAS or r.rule_id in _TITLE_RULES)
    ]
    found: list[Finding] = []
    for number, part in enumerate(attached_parts(ctx.pkg), start=1):
        sub = replace(ctx, pkg=part, el=_elements(part, types))
        for r in wanted:
            assert r.func is not None
            found += [_in_attached(to_finding(r, o), number) for o in r.func(sub)]
    return found


def _in_attached(finding: Finding, number: int) -> Finding:
    where = Text(
        f"văn bản kèm theo thứ {number}, {finding.where.vi}",
        f"attached text {number}, {finding.where.en}",
    )
    return replace(finding, where=where)


@rule(
    "R-PL-4",
    "Văn bản kèm theo, phụ lục: dòng “(Kèm theo … số … ngày … của …)” dưới tên, "
    "chữ thường, cỡ 13–14, nghiêng, căn giữa",
    "Attached text, appendix: a “(Kèm theo … số … ngày … của …)” line under the title, "
    "lower, 13–14 pt, italic, centred",
    bad="Quy chế ban hành kèm theo quyết định không có dòng “(Kèm theo …)”",
    fix="(Kèm theo Quyết định số 312/QĐ-UBND ngày 05 tháng 4 năm 2024 của Ủy ban nhân dân "
    "tỉnh), chữ nghiêng, căn giữa",
)
def kem_theo_line(ctx: Context) -> Iterator[Outcome]:
    types = list(ctx.profile["types"]["abbreviations"])
    for part in _texts(ctx.pkg):
        el = find_elements(part, types)
        kem = _kem_theo(el)
        if kem is None:
            at = el.trich_yeu[-1] if el.trich_yeu else el.type_name or el.tieu_ngu
            yield Problem(
                at,
                Text(
                    "văn bản kèm theo quyết định không có dòng “(Kèm theo …)”",
                    "the text issued with the decision has no “(Kèm theo …)” line",
                ),
                Text(
                    "dưới tên văn bản: “(Kèm theo <Văn bản> số … ngày … tháng … năm … của …)”",
                    "under the title: “(Kèm theo <Văn bản> số … ngày … tháng … năm … của …)”",
                ),
            )
            continue
        yield from format_problems([kem], ctx.element("appendix_attached"), centred=True)
