"""The user guide's “Dùng từ Python” section, run as a developer would copy it."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

import vnadmin_docs.batch
from vnadmin_docs.batch import data_fields, iter_validated, load_profile, open_table, run_batch
from vnadmin_docs.content import TemplateLibrary

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "vi" / "xin-loi.md"
EXAMPLES = ROOT / "examples" / "xin-loi"


def _python_blocks() -> list[str]:
    section = GUIDE.read_text(encoding="utf-8").split("## Dùng từ Python", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_every_name_the_guide_imports_from_batch_is_exported() -> None:
    imported = {name.strip() for block in _python_blocks()
                for line in re.findall(r"from vnadmin_docs\.batch import (.+)", block)
                for name in line.split(",")}
    assert {"run_batch", "load_profile", "open_table", "iter_validated", "data_fields",
            "InputFileError", "OutputFolderError"} <= imported
    assert imported <= set(vnadmin_docs.batch.__all__)


def test_the_guide_snippets_without_pdf_run_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLES / "ho-so-tre-han.xlsx", tmp_path)
    shutil.copy(EXAMPLES / "profile.yml", tmp_path)
    monkeypatch.chdir(tmp_path)
    blocks = [b for b in _python_blocks() if "pdf=True" not in b]
    assert len(blocks) == 3
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, str(GUIDE), "exec"), namespace)
    printed = out.getvalue()
    assert printed.startswith("8 3 out/xin-loi/tat-ca-de-in.docx\n")
    assert "Dòng 15, cột “Ngày / Hẹn trả mới”" in printed
    # the row-by-row check prints each dossier row with its problems, errors included
    assert "15 ['Dòng 15, cột “Ngày / Hẹn trả mới”: giá trị “31/02/2025 17:00”" in printed


def test_data_fields_are_what_open_table_needs_from_the_sheet() -> None:
    spec = TemplateLibrary().get("xin-loi")
    with pytest.raises(vnadmin_docs.batch.InputFileError, match="Tên cơ quan giải quyết"):
        open_table(EXAMPLES / "ho-so-tre-han.xlsx", spec.fields)  # agency comes from the profile
    fields = data_fields(spec)
    rows = [rec.row for rec, _ in iter_validated(open_table(EXAMPLES / "ho-so-tre-han.xlsx",
                                                            fields), fields)]
    result = run_batch(EXAMPLES / "ho-so-tre-han.xlsx", load_profile(EXAMPLES / "profile.yml"),
                       "unused", dry_run=True)
    assert rows == [entry.row for entry in result.entries]
