"""The checker on documents people typed (issue 15): the corpus of real agency documents
and the decree's own files in ``tests/check/corpus_real/expected.json``, scored as
``benchmarks/check_precision.py`` does (static checks here; ``--render`` in the benchmark).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from vnadmin_docs.check import check_document, check_documents

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "check" / "corpus_real"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_precision", ROOT / "benchmarks" / "check_precision.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> list:
    bench = _bench()
    spec = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["documents"]
    reports = check_documents([CORPUS / name for name in spec])
    return [
        bench.score(name, spec[name], r, static=True) for name, r in zip(spec, reports, strict=True)
    ]


def test_precision_and_recall_on_real_documents(scores: list) -> None:
    tp, fp = sum(s.tp for s in scores), sum(s.fp for s in scores)
    found, real = sum(s.found for s in scores), sum(s.real for s in scores)
    notes = [f"{s.name}: {n}" for s in scores for n in s.notes]
    assert tp / (tp + fp) >= 0.95, notes
    assert found / real >= 0.95, notes


def test_no_error_on_the_decrees_own_files_and_their_kind_is_told(scores: list) -> None:
    for s in scores:
        assert s.kind_found == s.kind_expected, s.name
        if "nd30-2020" in s.name:
            assert s.errors == 0, s.notes


def test_explicit_black_beats_the_styles_accent_colour() -> None:
    report = check_document(CORPUS / "02_quyetdinh_UBND-BinhThuan_1424.docx")
    assert "R-FONT-2" not in report.rule_ids


def test_even_page_header_ignored_without_even_and_odd_headers() -> None:
    report = check_document(CORPUS / "06_thongbao_UBND-LamDong_ketluan-SonHai.docx")
    assert not any(".VnTime" in f.found.vi for f in report.findings)


def test_page_number_at_12_pt_is_an_error() -> None:
    report = check_document(CORPUS / "07_baocao_UBND-LamDong_quanlyhoi-2025.docx")
    (f,) = [f for f in report.findings if f.rule_id == "R-PGNUM-1"]
    assert f.severity.value == "error" and "12 pt" in f.found.vi


def test_one_page_by_words_count_needs_no_page_number() -> None:
    # docProps/app.xml: 1 page (Word); LibreOffice's pagination is not taken as final.
    report = check_document(CORPUS / "01_congvan_UBND-BinhThuan_3083.docx")
    assert not any(f.rule_id.startswith("R-PGNUM") for f in report.findings)
