"""CSV and .xlsx files are read in chunks: what a clerk sees must not depend on where a chunk
ends (a line ending, a letter and its tone mark, a merged-cell tag cut in two)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from vnadmin_docs.batch import read_text, read_xlsx
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
from vnadmin_docs.batch.source import read_grid

# 1 and 3 bytes cut every "\r\n", every UTF-8 letter and every UTF-16 unit somewhere.
SMALL_CHUNKS = [1, 3, 7]


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "xin-loi"


def _cells(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    return [(row.number, row.values) for row in read_grid(path).rows]


@pytest.mark.parametrize("chunk", [*SMALL_CHUNKS, 1 << 16])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_multiline_cell_keeps_excel_row_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                ending: str, chunk: int) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", chunk)
    lines = ["Mã hồ sơ,Chủ hồ sơ,Lý do", 'A-1,Lê Văn Á,"dòng 1' + ending + 'dòng 2"',
             "A-2,Trần Thị Bé,Chờ", "A-3,,Chờ ý kiến"]
    path = tmp_path / "ds.csv"
    path.write_bytes(ending.join(lines).encode("utf-8-sig") + ending.encode())
    assert _cells(path) == [
        (1, ("Mã hồ sơ", "Chủ hồ sơ", "Lý do")),
        (2, ("A-1", "Lê Văn Á", "dòng 1" + ending + "dòng 2")),
        (3, ("A-2", "Trần Thị Bé", "Chờ")),
        (4, ("A-3", None, "Chờ ý kiến")),
    ]


@pytest.mark.parametrize("chunk", SMALL_CHUNKS)
def test_cp1258_tone_marks_are_composed_across_chunks(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      chunk: int) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", chunk)
    # Windows-1258 writes "ễ" as "ê" + a separate combining tilde (byte 0xDE), "ị" as
    # "i" + combining dot below, "ờ" as "ơ" + combining grave.
    rows = ["Ma ho so;Chu ho so"] + [f"A-{i};Le Van An" for i in range(300)]
    rows.append("A-300;Nguy\u00ea\u0303n Thi\u0323 H\u01b0\u01a1\u0300ng")
    path = tmp_path / "cp1258.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1258") + b"\r\n")
    assert "ễ".encode() not in path.read_bytes()
    grid = read_grid(path)
    assert grid.encoding == "cp1258"  # the only non-ASCII bytes are far past the first chunk
    assert grid.rows[-1].number == 302
    assert grid.rows[-1].values == ("A-300", "Nguy\u1ec5n Th\u1ecb H\u01b0\u1eddng")  # NFC
    assert grid.rows[-1].values[1] == "Nguyễn Thị Hường"


@pytest.mark.parametrize("chunk", [*SMALL_CHUNKS, 1 << 16])
def test_utf16_csv_is_read_whatever_the_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             chunk: int) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", chunk)
    path = tmp_path / "utf16.csv"
    path.write_bytes("Mã hồ sơ\tChủ hồ sơ\r\nA-1\tĐặng Thị Ước\r\n".encode("utf-16"))
    grid = read_grid(path)
    assert grid.encoding == "utf-16"
    assert [r.values for r in grid.rows] == [("Mã hồ sơ", "Chủ hồ sơ"), ("A-1", "Đặng Thị Ước")]


def test_separator_is_sniffed_from_the_start_of_a_long_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", 1000)
    rows = ["Mã hồ sơ;Chủ hồ sơ;Số ngày"] + [f"A-{i};Hồ Văn Tâm, Phó phòng;{i % 9}"
                                           for i in range(2000)]
    path = tmp_path / "semicolons.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    grid = read_grid(path)
    assert len(grid.rows) == 2001
    assert grid.rows[-1].values == ("A-1999", "Hồ Văn Tâm, Phó phòng", "1")
    # equal cells share one string within a pass over the rows
    every = list(grid.rows)
    assert every[1].values[1] is every[2000].values[1]
    # the rows are read again from the file on each pass, never kept
    assert list(grid.rows) == every and list(grid.rows)[5] is not every[5]


@pytest.mark.parametrize("chunk", [5, 1 << 16])
def test_lost_letters_deep_in_the_file_are_refused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   chunk: int) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", chunk)
    rows = ["Mã hồ sơ,Chủ hồ sơ,Lý do"] + [f"A-{i},Le Van An,Lý do?" for i in range(500)]
    rows.append("A-500,Nguyễn Văn Bình,Chờ")
    path = tmp_path / "ansi.csv"
    path.write_bytes("\n".join(rows).encode("cp1252", errors="replace"))
    with pytest.raises(InputFileError) as info:
        read_grid(path)
    message = str(info.value)
    assert "“Nguy?n”, “V?n”" in message and "ansi.csv" in message and "CSV UTF-8" in message


def test_lost_letter_at_the_start_of_a_line_is_seen(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_text, "CHUNK_BYTES", 2)
    path = tmp_path / "ansi.csv"
    # "Ứng" saved as ANSI: the damaged word begins the line, after the previous line's end.
    path.write_bytes("Tên,Mã\n".encode("cp1252", errors="replace")
                     + "Ứng,1\n".encode("cp1252", errors="replace"))
    with pytest.raises(InputFileError, match="“\\?ng”"):
        read_grid(path)


def test_example_csv_reads_the_same_in_tiny_chunks(examples: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = examples / "ho-so-tre-han-cp1258.csv"
    whole = read_grid(path)
    monkeypatch.setattr(read_text, "CHUNK_BYTES", 1)
    assert read_grid(path) == whole


def _merged_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã hồ sơ", "Chủ hồ sơ", "Lý do"])
    for i in range(50):
        ws.append([f"A-{i}", f"Người {i}", "Chờ ý kiến" if i in (10, 40) else None])
    ws.merge_cells("C12:C15")  # "Chờ ý kiến" of A-10 covers three more rows
    ws.merge_cells("C42:C44")
    wb.save(path)
    return path


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


def _chunks_cutting_merge_tags(path: Path) -> list[int]:
    """Chunk sizes whose first boundary falls inside each <mergeCell> tag."""
    starts = [m.start() for m in re.finditer(rb"<mergeCell ", _sheet_xml(path))]
    assert len(starts) == 2
    return [start + cut for start in starts for cut in (1, 6, 14)] + [1, 2]


def test_merged_ranges_cut_by_chunk_boundary_are_still_filled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _merged_workbook(tmp_path / "merged.xlsx")
    for chunk in _chunks_cutting_merge_tags(path):
        monkeypatch.setattr(read_xlsx, "CHUNK_BYTES", chunk)
        rows = read_grid(path).rows
        filled = [(r.number, r.values[2]) for r in rows if r.is_merged(2)]
        assert filled == [(13, "Chờ ý kiến"), (14, "Chờ ý kiến"), (15, "Chờ ý kiến"),
                          (43, "Chờ ý kiến"), (44, "Chờ ý kiến")], chunk
        assert rows[11].values[2] == "Chờ ý kiến" and not rows[11].is_merged(2)


def test_damaged_utf16_csv_is_refused_with_the_byte_position(tmp_path: Path) -> None:
    text = "Mã hồ sơ,Chủ hồ sơ\r\nH41-1,Nguyễn Văn An\r\n".encode("utf-16")
    path = tmp_path / "hong.csv"
    path.write_bytes(text[:20] + b"\x00\xd8" + text[22:])  # an unpaired surrogate
    with pytest.raises(InputFileError) as info:
        read_grid(path)
    message = info.value.localized("vi")
    assert "hong.csv" in message and "byte thứ 20" in message and "UTF-16" in message


def test_xlsx_rows_are_parked_and_read_back_on_every_pass(tmp_path: Path) -> None:
    """A large sheet is parsed once and read back from disk on each pass; merged ranges
    (a header band and a unit name merged down over data rows) are filled as before."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã hồ sơ", "Ngày", None, "Đơn vị"])
    ws.append([None, "tiếp nhận", "hẹn trả", None])
    for i in range(300):
        ws.append([f"H41-{i:04d}", "01/10/2025", "01/11/2025", "Sở Tư pháp" if i == 0 else None])
    ws.merge_cells("B1:C1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("D3:D302")
    path = tmp_path / "lon.xlsx"
    wb.save(path)
    grid = read_grid(path)
    first, second = list(grid.rows), list(grid.rows)
    assert first == second and len(grid.rows) == 302
    assert first[0].values[:3] == ("Mã hồ sơ", "Ngày", "Ngày") and first[1].values[0] == "Mã hồ sơ"
    assert all(row.values[3] == "Sở Tư pháp" for row in first[2:])
    assert first[250].is_merged(3) and not first[2].is_merged(3)
    assert grid.rows[-1].values[0] == "H41-0299" and grid.head(2) == tuple(first[:2])


def _big_csv(path: Path, rows: int, encoding: str = "utf-8-sig") -> Path:
    if encoding == "cp1258":  # letters Windows-1258 has precomposed
        lines = ["Ma ho so;Chu ho so;Ly do"]
        lines += [f"000.00.12.H41-251002-{i:05d};Lê Văn Đăng {i};Cơ quan" for i in range(rows)]
    else:
        lines = ["Mã hồ sơ;Chủ hồ sơ;Lý do"]
        lines += [f"000.00.12.H41-251002-{i:05d};Nguyễn Văn Bình {i};Chờ ý kiến"
                  for i in range(rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1258", "utf-16"])
def test_a_large_csv_is_streamed_from_disk_and_reads_as_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """Issue 18, item 5: a CSV larger than the sniffed head is never held as bytes; it is
    read from the file at each pass and gives exactly the rows of the in-memory reader."""
    path = _big_csv(tmp_path / "lon.csv", 3000, encoding)
    assert path.stat().st_size > 1 << 16
    expected = [(r.number, r.values) for r in read_text.read_csv(path.read_bytes(), "x").rows]

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    grid = read_grid(path)
    with path.open("rb") as handle:
        assert grid.encoding == read_text.read_csv(handle.read(), "x").encoding
    assert [(r.number, r.values) for r in grid.rows] == expected
    assert [(r.number, r.values) for r in grid.rows] == expected  # a second pass, re-read


def test_a_csv_saved_again_while_the_batch_reads_it_is_refused(tmp_path: Path) -> None:
    path = _big_csv(tmp_path / "lon.csv", 3000)
    grid = read_grid(path)
    assert len(list(grid.rows)) == 3001
    _big_csv(path, 3001)  # Excel saved it again between two passes
    with pytest.raises(InputFileError) as caught:
        list(grid.rows)
    assert "thay đổi trong khi đang đọc" in caught.value.message


def test_the_problems_of_a_run_are_on_disk_and_read_like_a_list(tmp_path: Path) -> None:
    """Issue 18: a long batch's warnings are parked on disk (ProblemLog), not held as
    objects; they still read like the list they replace, in row order, and the report
    gives each row its own."""
    from vnadmin_docs.batch.problem_log import ProblemLog

    header = ("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Số điện thoại,Ngày nhận,Ngày hẹn trả,"
              "Ngày hẹn trả mới,Lý do\n")
    rows = "".join(f"000.00.06.H56-251027-{i:04d},Cấp phép,Lê Văn A,912000{i:03d},27/10/2025,"
                   f"03/11/2025,10/11/2025,{'' if i % 2 else 'Chờ'}\n" for i in range(1, 601))
    data = tmp_path / "ho-so.csv"
    data.write_text(header + rows, encoding="utf-8")
    result = run_batch(data, load_profile(EXAMPLES / "profile.yml"), tmp_path / "o")
    assert isinstance(result.problems, ProblemLog)
    assert len(result.problems) == 900 and result.warning_count == 900
    listed = list(result.problems)
    assert result.problems == listed and result.problems[-1] == listed[-1]
    assert [p.row for p in listed] == sorted(p.row for p in listed)
    by_row = {e.row: e.warnings for e in result.entries}
    assert "Số điện thoại" in by_row[2] and "Lý do" in by_row[2]
    assert "Lý do" not in by_row[3]
