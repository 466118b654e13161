"""House rules for signing: pyHanko only in vnadmin_docs/sign/, and sign/ never imports the
layout or the writer (it gets measured rectangles from the API)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "vnadmin_docs"


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_pyhanko_only_in_sign() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "sign" not in p.relative_to(PACKAGE).parts[:1]
        and any(m.split(".")[0] in ("pyhanko", "pyhanko_certvalidator") for m in _imports(p))
    ]
    assert offenders == []


def test_sign_does_not_import_layout_or_writer() -> None:
    files = sorted((PACKAGE / "sign").glob("*.py"))
    assert len(files) >= 8
    for path in files:
        bad = {
            m
            for m in _imports(path)
            if m.startswith(("vnadmin_docs.layout", "vnadmin_docs.writer"))
        }
        assert not bad, (path.name, bad)
