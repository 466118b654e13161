"""One XML per letter (issue 18, item 4): a letter's body XML is built once, for its own
file, and reused as it is by the merged print file (and the PDF groups)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.writer.test_stream import LETTER
from vnadmin_docs import api
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import MERGED_FILE, run_batch
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.writer import letter_xml, write_docx, write_letter, write_merged
from vnadmin_docs.writer import package as package_module
from vnadmin_docs.writer._wordml import body_xml
from vnadmin_docs.writer._zip import Deflated
from vnadmin_docs.writer.package import SECT_MARK
from vnadmin_docs.writer.stream import MergedWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "xin-loi"


def _models(count: int) -> list[PageModel]:
    return [
        api.render("van-ban-xin-loi", {**LETTER, "number": {**LETTER["number"], "number": n}})
        .page_model
        for n in range(1, count + 1)
    ]


def test_a_letter_from_its_prebuilt_xml_is_byte_identical() -> None:
    for model in _models(2):
        built = letter_xml(model)
        assert all(not s.body for s in built.model.sections), "bodies are not sent twice"
        for section, head, tail in zip(model.sections, built.heads, built.tails, strict=True):
            body = body_xml(section.body, model.font, model.color, SECT_MARK)
            assert isinstance(head, Deflated), "a body without pictures travels deflated"
            text = zlib.decompressobj(-15).decompress(head.data)
            assert text.decode() + SECT_MARK + tail == body
            assert (head.crc, head.size) == (zlib.crc32(text), len(text))
            assert len(head.data) < len(text) / 4
        assert write_letter(built) == write_docx(model)


def test_merged_file_from_prebuilt_xml_is_part_for_part_write_merged(tmp_path: Path) -> None:
    models = _models(3)
    with MergedWriter(tmp_path / "gop.docx") as writer:
        for model in models:
            writer.add(letter_xml(model))
        target = writer.close()
    expected = zipfile.ZipFile(io.BytesIO(write_merged(models)))
    got = zipfile.ZipFile(target)
    for name in expected.namelist():
        assert got.read(name) == expected.read(name), name


def test_the_batch_builds_each_letters_body_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = package_module.body_xml

    def counting(*args: object, **kwargs: object) -> str:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(package_module, "body_xml", counting)
    result = run_batch(EXAMPLES / "ho-so-tre-han.xlsx", load_profile(EXAMPLES / "profile.yml"),
                       tmp_path / "out")
    assert result.written > 5 and (tmp_path / "out" / MERGED_FILE).exists()
    assert calls == result.written  # one section each: once for the letter, reused merged
