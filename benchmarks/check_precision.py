"""Precision and recall of ``vnadmin-docs check`` on real documents (issue 15).

The corpus is ``tests/check/corpus_real/expected.json``: ten agency documents made in Word
(``../shared/real-docx``) and the decree's own files (``tests/fixtures/nd30-2020``), each
with the findings a careful văn thư would report (verdict ``real``), the ones that must not
appear (``not``), the blanks a draft leaves (``draft``) and undecided ones (``unclear``).

Counting (errors and warnings alike; "not evaluated" is not a finding):
- a reported finding is matched to an entry of its document with the same rule whose ``at``
  starts its excerpt (or the reverse); an entry with an empty ``at`` (page-level) matches any
  finding of its rule not matched otherwise;
- precision = reported findings matched to ``real`` / reported findings not matched to
  ``draft`` or ``unclear`` (an unmatched finding counts against precision and is listed:
  judge it and add it to the corpus);
- recall = ``real`` entries reported with their severity / ``real`` entries (a real one
  reported at another severity is listed).

Usage: ``.venv/bin/python benchmarks/check_precision.py [--static] [--draft] [--write LABEL]``
(``--write`` puts the tables into ``benchmarks/RESULTS.md`` under that label).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "check" / "corpus_real"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
sys.path.insert(0, str(ROOT))

from vnadmin_docs.check import Severity, check_documents  # noqa: E402

COUNTED = (Severity.ERROR, Severity.WARNING)


@dataclass
class Score:
    name: str
    kind_expected: str
    kind_found: str = ""
    tp: int = 0
    fp: int = 0
    draft: int = 0
    unclear: int = 0
    real: int = 0
    found: int = 0
    errors: int = 0
    notes: list[str] = field(default_factory=list)


def _same_place(excerpt: str, at: str) -> bool:
    return excerpt.startswith(at) or bool(excerpt and at.startswith(excerpt))


def _match(finding: Any, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    excerpt = finding.excerpt.strip()
    for e in entries:
        at = e["at"]
        if e["rule"] == finding.rule_id and at and _same_place(excerpt, at):
            return e
    for e in entries:
        if e["rule"] == finding.rule_id and not e["at"]:
            return e
    return None


def score(name: str, spec: dict[str, Any], report: Any, *, static: bool = False) -> Score:
    """Score one report; ``static``: the entries only the printed page shows are left out."""
    s = Score(name, spec["kind"], getattr(report, "kind", ""))
    entries = [e for e in spec["expect"] if not (static and e.get("render"))]
    s.real = sum(e["verdict"] == "real" for e in entries)
    hit: set[int] = set()
    for f in report.findings:
        if f.severity not in COUNTED:
            continue
        if f.severity is Severity.ERROR:
            s.errors += 1
        e = _match(f, entries)
        verdict = e["verdict"] if e else "unjudged"
        if verdict == "real":
            s.tp += 1
            if e is not None and e["severity"] == f.severity.value:
                hit.add(id(e))
            else:
                s.notes.append(
                    f"severity {f.severity.value} (expected {e and e['severity']}): "
                    f"{f.rule_id} «{f.excerpt[:40]}»"
                )
        elif verdict == "draft":
            s.draft += 1
        elif verdict == "unclear":
            s.unclear += 1
        else:
            s.fp += 1
            s.notes.append(
                f"{'FP' if e else 'UNJUDGED'} {f.severity.value} {f.rule_id} "
                f"«{f.excerpt[:40]}» {f.found.vi[:70]}"
            )
    s.found = len(hit)
    for e in entries:
        if e["verdict"] == "real" and id(e) not in hit:
            s.notes.append(
                f"MISSED {e['severity']} {e['rule']} «{e['at'][:40]}» {e.get('found', '')[:60]}"
            )
    if spec.get("no_errors") and s.errors:
        s.notes.append(f"{s.errors} error(s) on a file that must have none")
    if s.kind_found and s.kind_found != s.kind_expected:
        s.notes.append(f"kind {s.kind_found!r}, expected {s.kind_expected!r}")
    return s


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "—"


def table(scores: list[Score]) -> str:
    rows = [
        "| Document | Kind (expected → found) | Reported TP / FP | Draft, unclear "
        "| Real found / real | Errors |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in scores:
        rows.append(
            f"| {s.name} | {s.kind_expected} → {s.kind_found or '—'} | {s.tp} / {s.fp} | "
            f"{s.draft}, {s.unclear} | {s.found} / {s.real} | {s.errors} |"
        )
    tp, fp = sum(s.tp for s in scores), sum(s.fp for s in scores)
    found, real = sum(s.found for s in scores), sum(s.real for s in scores)
    kinds = sum(s.kind_found == s.kind_expected for s in scores)
    agency = [s for s in scores if not s.name.startswith("nd30/")]
    atp, afp = sum(s.tp for s in agency), sum(s.fp for s in agency)
    decree_errors = sum(s.errors for s in scores if s.name.startswith("nd30/"))
    rows += [
        "",
        f"- **Precision {_pct(tp, tp + fp)}** ({tp} of {tp + fp} counted findings real)",
        f"- **Recall {_pct(found, real)}** ({found} of {real} real violations reported "
        "at their severity)",
        f"- Agency documents only: precision {_pct(atp, atp + afp)} ({atp} of {atp + afp})",
        f"- Errors on the decree's own files: **{decree_errors}**",
        f"- Document kind right: {kinds} of {len(scores)}",
    ]
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--static", action="store_true", help="without --render")
    ap.add_argument("--draft", action="store_true", help="check as drafts (--draft)")
    ap.add_argument("--write", metavar="LABEL", help="write the tables into RESULTS.md")
    args = ap.parse_args()
    spec = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["documents"]
    paths = [(CORPUS / name).resolve() for name in spec]
    t0 = time.perf_counter()
    reports = check_documents(paths, render=not args.static, draft=args.draft)
    elapsed = time.perf_counter() - t0
    scores = []
    for name, report in zip(spec, reports, strict=True):
        label = name.replace("../../fixtures/nd30-2020/", "nd30/")
        scores.append(score(label, spec[name], report, static=args.static))
    out = table(scores)
    notes = [f"- {s.name}: {n}" for s in scores for n in s.notes]
    mode = f"{'static' if args.static else '--render'}{', --draft' if args.draft else ''}"
    text = f"Mode: {mode}; {len(paths)} files in {elapsed:.1f} s.\n\n{out}\n" + (
        "\nLeft (each listed once):\n" + "\n".join(notes) + "\n" if notes else ""
    )
    print(text)
    if args.write:
        _write(args.write, text)
    return 0


def _write(label: str, text: str) -> None:
    start, end = f"<!-- check_precision:{label}:start -->", f"<!-- check_precision:{label}:end -->"
    how = "Reproduce: `.venv/bin/python benchmarks/check_precision.py`"
    block = f"{start}\n### Checker precision and recall — {label}\n\n{how}\n\n{text}{end}"
    current = RESULTS.read_text(encoding="utf-8")
    if start in current:
        current = re.sub(
            re.escape(start) + ".*?" + re.escape(end), lambda _: block, current, flags=re.S
        )
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
