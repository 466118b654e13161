"""A batch's letters streamed into merged groups and converted in one warm run (issue 18):
LibreOffice starts once per process, not once per group; N letters give N PDFs, each with
its own words; a group that breaks LibreOffice falls back to its letters' own files."""

from __future__ import annotations

import copy
import logging
import stat
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import vnadmin_docs
from tests.pdf.builders import fake_soffice, real_soffice
from tests.pdf.measure import norm
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf import ConversionOptions, LetterGroups
from vnadmin_docs.writer import write_docx

CONG_VAN = Path(__file__).resolve().parents[2] / "examples/cong-van/sldtbxh-dak-nong-2023.yaml"


def _letter(name: str, extra: str = "") -> PageModel:
    data = copy.deepcopy(vnadmin_docs.load_data(CONG_VAN))
    data["signer"]["full_name"] = name
    data["content"]["body"] = f"Đề nghị ông/bà {name} phối hợp thực hiện. {extra}./."
    return vnadmin_docs.render("cong-van", data).page_model


def _counting(real: Path, folder: Path) -> Path:
    """A soffice that logs one line per call, then runs the real one."""
    if sys.platform == "win32":
        pytest.skip("a #! wrapper script (POSIX only)")
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\necho "$$" >> "{folder / "calls.log"}"\nexec "{real}" "$@"\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _add_all(groups: LetterGroups, names: list[str], tmp_path: Path,
             extra: dict[str, str] | None = None) -> list[Path]:
    targets = []
    for i, name in enumerate(names):
        model = _letter(name, (extra or {}).get(name, ""))
        source = tmp_path / "van-ban" / f"{i:02d}.docx"
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(write_docx(model))
        targets.append(tmp_path / "pdf" / f"{i:02d}-{name}.pdf")
        groups.add(model, targets[-1], source)
    return targets


@pytest.mark.libreoffice
def test_five_groups_on_two_processes_are_two_calls_and_each_letter_its_own_pdf(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    soffice = _counting(real_soffice(), tmp_path / "wrap")
    names = ["An", "Bình", "Chi", "Dũng", "Én", "Giang", "Hà", "Khoa", "Lan", "Minh"]
    with caplog.at_level(logging.WARNING), LetterGroups(
        ConversionOptions(soffice=soffice, processes=2), group_size=2
    ) as groups:
        targets = _add_all(groups, names, tmp_path)
        assert groups.ready() == 5 and len(groups) == 10
        tried, error = groups.convert()
        assert error is None and tried == [t.absolute() for t in targets]
        print_file = tmp_path / "in" / "tat-ca.pdf"
        assert groups.write_print_file(targets, print_file)
    assert "one by one" not in caplog.text, "the groups were not cut (slow fallback)"
    calls = (tmp_path / "wrap" / "calls.log").read_text().split()
    assert len(calls) == 2, "LibreOffice must start once per process, not once per group"
    # N PDFs for N letters, each holding its own letter (checked, not trusted)
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(t.name for t in targets)
    for name, target in zip(names, targets, strict=True):
        reader = PdfReader(target)
        assert len(reader.pages) == 1
        assert f"Đề nghị ông/bà {name} phối hợp" in norm(reader.pages[0].extract_text())
    printed = PdfReader(print_file)
    assert len(printed.pages) == 10
    assert [o.title for o in printed.outline] == [t.stem for t in targets]
    assert not list(tmp_path.glob("**/group-*")), "scratch left behind"


def test_a_group_that_crashes_libreoffice_falls_back_to_its_letters_own_files(
    tmp_path: Path,
) -> None:
    fake = fake_soffice(tmp_path / "fake", "crash-on-marker")
    names = ["An", "Bình", "Chi", "Dũng"]
    with LetterGroups(ConversionOptions(soffice=fake, processes=1), group_size=2) as groups:
        targets = _add_all(groups, names, tmp_path, {"Chi": "HONG"})
        tried, error = groups.convert()
        assert len(tried) == 4
        assert isinstance(error, ConversionError)
        assert error.path == str(targets[2].absolute())  # names the PDF the clerk expects
        # not every letter was made here from a group: no print file from the groups
        assert not groups.write_print_file(targets, tmp_path / "tat-ca.pdf")
    assert [t.exists() for t in targets] == [True, True, False, True]


def test_only_full_groups_are_converted_before_the_end(tmp_path: Path) -> None:
    fake = fake_soffice(tmp_path / "fake", "ok")
    with LetterGroups(ConversionOptions(soffice=fake, processes=1), group_size=2) as groups:
        targets = _add_all(groups, ["An", "Bình", "Chi"], tmp_path)
        tried, _ = groups.convert(final=False)
        assert tried == [t.absolute() for t in targets[:2]]
        tried, _ = groups.convert()
        assert tried == [targets[2].absolute()]
        assert groups.convert() == ([], None)
    assert all(t.exists() for t in targets)
