"""The ZIP layer that lets the merged print file reuse each letter's deflated body: the
CRC of spliced pieces, deflate streams made of pieces, and archives with a streamed member
(ZIP64 records included), read back by Python's ``zipfile`` and by Info-ZIP's ``unzip``."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import need
from vnadmin_docs.writer import _zip
from vnadmin_docs.writer._zip import DeflateStream, ZipWriter, crc_combine, deflate, deflate_piece


@pytest.mark.parametrize("sizes", [(0, 0), (5, 0), (0, 7), (1, 65_535), (70_000, 65_536),
                                   (3, 200_001)])
def test_crc_of_two_pieces_is_the_crc_of_both(sizes: tuple[int, int]) -> None:
    a, b = (os.urandom(n) for n in sizes)
    assert crc_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_a_stream_of_own_text_and_foreign_pieces_inflates_to_the_whole() -> None:
    texts = ["<w:p>Kính gửi: Ông Nguyễn Văn A</w:p>" * 40, "<w:sectPr/>", "đuôi" * 3000, ""]
    pieces = [deflate_piece(t, level) for t, level in zip(texts, (3, 9, 1, 3), strict=True)]
    stream = DeflateStream(1)
    data = stream.text("đầu") + b"".join(stream.piece(p) for p in pieces)
    data += stream.text("giữa") + stream.piece(pieces[0]) + stream.text("hết", last=True)
    whole = "đầu" + "".join(texts) + "giữa" + texts[0] + "hết"
    inflater = zlib.decompressobj(-15)
    assert inflater.decompress(data) == whole.encode()
    assert inflater.eof and not inflater.unused_data
    assert (stream.crc, stream.size) == (zlib.crc32(whole.encode()), len(whole.encode()))


def _archive(path: Path) -> dict[str, bytes]:
    expected = {"a/streamed.xml": b"", "[Content_Types].xml": b"<Types/>" * 50,
                "b/small.xml": "chữ".encode() * 999}
    with open(path, "wb") as fh:
        zw = ZipWriter(fh)
        zw.add(deflate("[Content_Types].xml", expected["[Content_Types].xml"]))
        zw.begin("a/streamed.xml")
        stream = DeflateStream(1)
        parts = [b"<doc>", *(f"<p>{i}</p>".encode() * 300 for i in range(30)), b"</doc>"]
        for i, part in enumerate(parts):
            if i % 2:
                zw.write(stream.piece(deflate_piece(part, 3)))
            else:
                zw.write(stream.text(part.decode(), last=i == len(parts) - 1))
        if len(parts) % 2 == 0:
            zw.write(stream.text("", last=True))
        expected["a/streamed.xml"] = b"".join(parts)
        zw.end(stream.crc, stream.size)
        zw.add(deflate("b/small.xml", expected["b/small.xml"], 1))
        zw.close()
    return expected


def _read_back(path: Path, expected: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == ["[Content_Types].xml", "a/streamed.xml", "b/small.xml"]
        assert {n: zf.read(n) for n in zf.namelist()} == expected
    unzip = need("unzip", "Info-ZIP reads the archives back")
    test = subprocess.run([unzip, "-tq", str(path)], capture_output=True, text=True)
    assert test.returncode == 0, test.stdout + test.stderr
    shown = subprocess.run([unzip, "-p", str(path), "a/streamed.xml"], capture_output=True)
    assert shown.stdout == expected["a/streamed.xml"]


def test_an_archive_with_a_streamed_member_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    _read_back(path, _archive(path))


def test_zip64_records_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above 4 GiB the sizes and offsets go into ZIP64 records: with the limit lowered, a
    small archive takes that route (the records are those of a 5 GB one)."""
    monkeypatch.setattr(_zip, "_LIMIT", 100)
    path = tmp_path / "x64.zip"
    expected = _archive(path)
    raw = path.read_bytes()
    assert raw.count(b"PK\x06\x06") == 1 and raw.count(b"PK\x06\x07") == 1
    _read_back(path, expected)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("b/small.xml").header_offset > 100


def test_zip_bytes_unchanged_by_the_shared_header_fields() -> None:
    members = [deflate("x.xml", b"<x/>" * 20), deflate("y/z.xml", "ư".encode() * 10, 1)]
    with zipfile.ZipFile(io.BytesIO(_zip.zip_bytes(members))) as zf:
        assert zf.read("x.xml") == b"<x/>" * 20 and zf.read("y/z.xml") == "ư".encode() * 10
