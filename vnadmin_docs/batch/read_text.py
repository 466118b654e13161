"""Read CSV text in the encodings Excel writes on Vietnamese desks, and JSON/YAML lists.

CSV decoding order: a UTF-8 BOM; strict UTF-8; Windows-1258 (Excel "CSV" on a
Vietnamese-locale Windows, whose tone marks are separate combining characters, composed to
NFC later). A file saved as cp1252 "ANSI" has already lost its Vietnamese letters to ``?``;
nothing can bring them back, so it is rejected with the way to re-save it.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from vnadmin_docs.batch.damage import lost_letter_words
from vnadmin_docs.batch.grid import CellValue, Grid, GridRow, LazyRows
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.model.loading import StructureError, load_structured

__all__ = ["lost_letters", "mostly_utf8", "read_csv", "read_csv_file", "read_records"]

# Evidence that a file kept its Vietnamese letters: letters with a dot below, a hook above or
# a circumflex/breve and a tone (U+1EA0–U+1EF9: UTF-8 text), and Windows-1258's separate tone
# marks. Not ă/đ/ơ/ư: decoded as Windows-1258, a Windows-1252 file's ã/ð/õ/ý turn into them.
_VIET_ONLY = re.compile("[\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")
_ENOUGH = 1000  # Vietnamese-only letters counted before the count stops mattering
# Bytes that only Vietnamese text in Windows-1258 uses: the five tone marks, ă, đ, ơ, ư.
_CP1258_VIET = re.compile(rb"[\xcc\xec\xd2\xde\xf2\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd]")
# One line with its ending, split where io.StringIO(newline="") splits (not at U+2028 etc.).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)")
# Bytes decoded at a time: the file's text is never held whole, only one chunk and a line.
CHUNK_BYTES = 1 << 16
SNIFF_CHARS = 8192  # the separator is sniffed from this much text

ByteChunks = Callable[[], Iterator[bytes]]
"""The file's bytes from the start, :data:`CHUNK_BYTES` at a time, anew at each call: from
bytes in memory, or read from the file each time (a CSV file on disk is never held whole)."""


def _in_memory(data: bytes) -> ByteChunks:
    def chunks() -> Iterator[bytes]:
        view = memoryview(data)
        for pos in range(0, len(view), CHUNK_BYTES):
            yield bytes(view[pos:pos + CHUNK_BYTES])

    return chunks


def _on_disk(path: Path, shown: str) -> ByteChunks:
    """Chunks read from ``path`` at each pass; a file changed between passes (saved again
    in Excel while the batch runs) is refused rather than read half old, half new."""
    first = os.stat(path)
    stamp = (first.st_size, first.st_mtime_ns)

    def chunks() -> Iterator[bytes]:
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise InputFileError(shown, f"không mở được tệp ({exc.strerror}).",
                                 f"cannot open the file ({exc.strerror}).") from None
        with handle:
            now = os.fstat(handle.fileno())
            if (now.st_size, now.st_mtime_ns) != stamp:
                raise InputFileError(
                    shown, "tệp đã bị thay đổi trong khi đang đọc. Hãy đóng tệp trong Excel "
                    "rồi chạy lại.",
                    "the file changed while it was being read; close it in Excel and run "
                    "again.")
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk

    return chunks


class _LostLetterWatch:
    """Whole-file evidence about lost letters, fed line by line (each line with its
    ending): the damaged words (:func:`~.damage.lost_letter_words`), how many lines hold
    text and how many of them are damaged, and how many letters only Vietnamese encodings
    hold (:data:`_VIET_ONLY`) the file has kept."""

    def __init__(self) -> None:
        self._found: dict[str, None] = {}  # words in order of first appearance
        self.lines = 0
        self.damaged = 0
        self.vietnamese = 0

    def feed(self, line: str) -> None:
        if not line.strip():
            return
        self.lines += 1
        if self.vietnamese < _ENOUGH and not line.isascii():
            self.vietnamese += len(_VIET_ONLY.findall(line))
        if "?" in line:
            words = lost_letter_words(line, limit=8)
            if words:
                self.damaged += 1
                for word in words:
                    self._found.setdefault(word)

    def words(self, limit: int = 4) -> list[str]:
        return sorted(self._found, key=len, reverse=True)[:limit]

    def whole_file_lost(self) -> bool:
        """Whether the file as a whole lost its letters (saved as Windows-1252 "ANSI"):
        damaged words, and either hardly any letter that only a Vietnamese encoding holds
        survives (fewer than three per damaged line: a stray byte decodes as one now and
        then), or most lines are damaged. A few damaged rows in a file whose other rows are
        whole are row errors instead (:func:`~.record.clean_record`)."""
        if not self._found:
            return False
        return self.vietnamese < 3 * self.damaged or 2 * self.damaged > max(self.lines - 1, 1)


def lost_letters(text: str, limit: int = 4) -> list[str]:
    """Words in which a letter was replaced by ``?`` (the mark of a cp1252 "ANSI" save),
    longest first.

    >>> lost_letters("Nguy?n V?n Bình, Lý do?")
    ['Nguy?n', 'V?n']
    """
    watch = _LostLetterWatch()
    for line in text.splitlines():
        watch.feed(line)
    return watch.words(limit)


def _is_utf8(chunks: ByteChunks) -> bool:
    """True when the bytes are valid UTF-8, checked chunk by chunk (the text is not kept)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in chunks():
            if chunk.isascii() and not decoder.getstate()[0]:
                continue
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_FORMULA_TEXT = re.compile(r'="((?:[^"]|"")*)"')


def _formula_text(cell: str) -> str:
    """The text of a cell written as an Excel formula, ``="0912345678"``: exporters write
    codes, phone numbers and dates so to keep Excel from dropping a leading zero or turning
    them into numbers; Excel shows the text inside.

    >>> _formula_text('="0912345678"'), _formula_text('="Hộ ""A"" B"'), _formula_text("=1+1")
    ('0912345678', 'Hộ "A" B', '=1+1')
    """
    if cell.startswith('="'):
        match = _FORMULA_TEXT.fullmatch(cell)
        if match:
            return match.group(1).replace('""', '"')
    return cell


_BAD_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def mostly_utf8(data: bytes | ByteChunks) -> bool:
    """True when ``data`` is UTF-8 with a few damaged bytes: at least 20 well-formed
    non-ASCII characters for each byte that is not UTF-8 (Windows-1258 text has almost no
    well-formed UTF-8 sequences: its letters are single bytes followed by ASCII or tones).

    >>> text = "Nguyễn Văn Bình, Chờ xác minh của cơ quan công an huyện ".encode() * 5
    >>> mostly_utf8(text + "huyệ".encode()[:-1]), mostly_utf8("Lê Văn Tư".encode("cp1258"))
    (True, False)
    """
    chunks = _in_memory(data) if isinstance(data, bytes) else data
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    bad = good = 0
    for chunk in itertools.chain(chunks(), [b""]):
        piece = decoder.decode(chunk, chunk == b"")
        bad += len(_BAD_BYTE.findall(piece))
        good += len(_NON_ASCII.findall(piece))
    return bad > 0 and good >= 20 * bad


class _FormulaWatch:
    """Notes whether any line holds ``="``, so that cells are looked at for
    :func:`_formula_text` only in files that have one."""

    def __init__(self) -> None:
        self.seen = False

    def watch(self, lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            if not self.seen and '="' in line:
                self.seen = True
            yield line


def _codec(chunks: ByteChunks) -> tuple[str, str, int, str]:
    """How to decode a CSV file: codec, error handler, first byte of text, and the encoding
    to report."""
    head = b""
    for chunk in chunks():  # the first bytes, however small the chunks
        head += chunk
        if len(head) >= 4:
            break
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8", "replace", 3, "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "strict", 0, "utf-16"
    if _is_utf8(chunks):
        return "utf-8", "strict", 0, "utf-8"
    if mostly_utf8(chunks):
        # A few damaged bytes (a character cut by a length limit) in a UTF-8 file: decoded
        # as Windows-1258, every letter of the file would be garbled. The damaged bytes
        # become "\ufffd", and cleaning fails the cells that hold one.
        return "utf-8", "replace", 0, "utf-8"
    # one byte each: a search chunk by chunk finds what a search of the whole file finds
    viet = any(_CP1258_VIET.search(chunk) for chunk in chunks())
    return "cp1258", "replace", 0, "cp1258" if viet else "cp1252"


def _pieces(chunks: ByteChunks, codec: str, errors: str, start: int) -> Iterator[str]:
    """The text from byte ``start`` on, decoded :data:`CHUNK_BYTES` at a time.

    A decoding error (strict UTF-16) names its byte position in the whole file, as
    ``data.decode()`` would.
    """
    decoder = codecs.getincrementaldecoder(codec)(errors)
    pos = 0  # bytes of the file before the chunk being decoded
    skip = start
    for chunk in itertools.chain(chunks(), [b""]):
        final = chunk == b""
        size = len(chunk)
        if skip:
            chunk, skip = chunk[skip:], max(0, skip - size)
            pos += size - len(chunk)
        waiting = len(decoder.getstate()[0])  # bytes of a character cut by the last chunk
        try:
            piece = decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            shift = pos - waiting
            raise UnicodeDecodeError(exc.encoding, exc.object, exc.start + shift,
                                     exc.end + shift, exc.reason) from None
        pos += len(chunk)
        if piece:
            yield piece


def _lines(pieces: Iterable[str]) -> Iterator[str]:
    r"""Lines with their endings (``\r\n``, ``\r`` or ``\n``), as ``io.StringIO(text,
    newline="")`` gives them, from text that arrives in pieces.

    >>> list(_lines(["a,b\r", "\nc", ",d\re\n", "f"]))
    ['a,b\r\n', 'c,d\r', 'e\n', 'f']
    """
    head: list[str] = []  # the start of a line that has not ended yet
    held = ""  # a "\r" at the end of a piece: the next piece may begin with its "\n"
    for piece in pieces:
        if held:
            piece, held = held + piece, ""
        if piece.endswith("\r"):
            piece, held = piece[:-1], "\r"
        end = 0
        for match in _LINE.finditer(piece):
            line = match.group()
            if head:
                head.append(line)
                line = "".join(head)
                head = []
            yield line
            end = match.end()
        if end < len(piece):
            head.append(piece[end:])
    head.append(held)
    if head != [""]:
        yield "".join(head)


def _text_lines(
    data: ByteChunks, watch: _LostLetterWatch | None,
    how: tuple[str, str, int, str] | None = None,
) -> tuple[str, Iterator[str]]:
    """The encoding of a CSV file and its lines in NFC; each line is shown to ``watch``
    as decoded (before NFC). ``how``: the file's :func:`_codec`, when already known."""
    codec, errors, start, encoding = how or _codec(data)

    def lines() -> Iterator[str]:
        for line in _lines(_pieces(data, codec, errors, start)):
            if watch is not None:
                watch.feed(line)
            # NFC line by line equals NFC of the whole text: a line ending never composes.
            # normalize() returns the line itself when it already is NFC.
            yield unicodedata.normalize("NFC", line)

    return encoding, lines()


def _refuse_lost_letters(watch: _LostLetterWatch, path: str) -> None:
    words = watch.words()
    if watch.whole_file_lost():
        shown = ", ".join(f"“{w}”" for w in words)
        raise InputFileError(
            path,
            f"các chữ cái tiếng Việt đã bị thay bằng dấu “?” ({shown}). Tệp CSV này được lưu "
            "theo bảng mã ANSI (Windows-1252) nên dấu tiếng Việt đã mất và không khôi phục được. "
            "Hãy mở lại bảng tính gốc trong Excel và chọn Lưu thành → "
            "“CSV UTF-8 (Comma delimited)” hoặc lưu dạng .xlsx.",
            f"Vietnamese letters were replaced by “?” ({shown}). This CSV was saved as ANSI "
            "(Windows-1252), which cannot hold Vietnamese, and the letters cannot be recovered. "
            "Open the original workbook in Excel and save it as “CSV UTF-8 (Comma delimited)” or "
            ".xlsx.",
        )


_SEPARATORS = (",", ";", "\t")


def _separator(lines: list[str]) -> str:
    r"""The separator that splits the first lines into the most non-empty cells.

    ``csv.Sniffer`` looks for a separator that every line uses the same number of times, so
    title rows above the header ("DANH SÁCH HỒ SƠ TRỄ HẠN;;;;", or no separator at all)
    and commas inside cells ("08:30, 03/10/2025") lead it astray; counting the cells each
    separator gives is not misled: the header and the rows hold many, a title one.

    >>> _separator(["DANH SÁCH HỒ SƠ TRỄ HẠN;;;\r\n", "\r\n", "Mã hồ sơ;Chủ hồ sơ;Ngày nhận\r\n",
    ...             "A-1;Lê Văn A;08:30, 03/10/2025\r\n"])
    ';'
    >>> _separator(["Tiêu đề\n", "Mã\tChủ hồ sơ, đại diện\tNgày\n"])
    '\t'
    >>> _separator(["Mã hồ sơ,Chủ hồ sơ\n", "A-1,Lê Văn A\n"])
    ','
    """
    best, best_cells = ",", 0
    for sep in _SEPARATORS:
        cells = 0
        try:
            for record in csv.reader(lines, delimiter=sep):
                cells += sum(1 for v in record if v.strip())
        except csv.Error:
            pass  # a quoted cell cut at the end of the sample: count what came before
        if cells > best_cells:
            best, best_cells = sep, cells
    return best


_SEP_LINE = re.compile(r"^sep=(.)\r?\n?$", re.IGNORECASE)


def _dialect(lines: list[str], separator: str | None = None) -> type[csv.Dialect]:
    """Excel's CSV dialect with ``separator``, else the separator of ``lines`` (the start of
    the file)."""

    class Dialect(csv.excel):
        delimiter = separator or _separator(lines)

    return Dialect


def read_csv(data: bytes, path: str) -> Grid:
    """Rows of a CSV file; the separator (``,`` ``;`` or tab) is sniffed from the text.

    The text is decoded and parsed line by line, so reading holds the file's bytes, the
    rows read so far and one line, never a whole copy of the text. A file that cannot be
    decoded (damaged UTF-16) or parsed is refused with :class:`InputFileError`.
    """
    return _read_csv_chunks(_in_memory(data), path)


def read_csv_file(file: Path, path: str) -> Grid:
    """:func:`read_csv` of a file on disk, streamed: it is read again, chunk by chunk, at
    each pass over its rows, so memory does not grow with the file (issue 18)."""
    return _read_csv_chunks(_on_disk(file, path), path)


def _read_csv_chunks(data: ByteChunks, path: str) -> Grid:
    try:
        return _read_csv(data, path)
    except UnicodeDecodeError as exc:
        raise InputFileError(
            path,
            f"tệp CSV bị hỏng: byte thứ {exc.start} không đọc được theo bảng mã "
            f"{exc.encoding.upper()}. Hãy xuất lại tệp từ hệ thống hoặc lưu lại bằng Excel "
            "dạng “CSV UTF-8 (Comma delimited)”.",
            f"the CSV file is damaged: byte {exc.start} cannot be read as "
            f"{exc.encoding.upper()}. Export the file again or save it from Excel as "
            "“CSV UTF-8 (Comma delimited)”.",
        ) from None
    except csv.Error as exc:
        raise InputFileError(path, f"không đọc được tệp CSV ({exc}).",
                             f"cannot parse the CSV file ({exc}).") from None


_SHARED_TEXTS = 2048
"""Distinct cell texts a pass over a CSV file shares between rows at a time."""


def _read_csv(data: ByteChunks, path: str) -> Grid:
    watch = _LostLetterWatch()
    how = _codec(data)
    encoding, lines = _text_lines(data, watch, how)
    head: list[str] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line)
        if size >= SNIFF_CHARS:
            break
    # "sep=;" on the first line tells Excel the separator; Excel does not show it as a row.
    directive = _SEP_LINE.match(head[0]) if head else None
    skip = 1 if directive else 0
    dialect = _dialect(head[skip:], directive.group(1) if directive else None)
    # One pass now, keeping nothing: a file that cannot be parsed, or that lost its letters,
    # is refused here, and the records are counted. The rows themselves are parsed again
    # each time a batch goes over them (LazyRows), so a large sheet is never held whole.
    count = 0
    formulas = _FormulaWatch()
    try:
        for _record in csv.reader(formulas.watch(itertools.chain(head[skip:], lines)), dialect):
            count += 1
    except csv.Error:
        # Lost letters are the first thing to tell: look at the rest of the text, then give
        # the parse error.
        for _ in lines:
            pass
        _refuse_lost_letters(watch, path)
        raise
    del head
    _refuse_lost_letters(watch, path)

    def rows() -> Iterator[GridRow]:
        # Equal cells share one string (columns repeat values: the procedure, the unit);
        # the table is emptied now and then, or it would hold every distinct cell of the
        # file (codes, names, phone numbers) until the pass ends (issue 18: memory).
        texts: dict[str, str] = {}
        # Row numbers as Excel shows the file: one per record, even when a quoted cell
        # spans several lines of text.
        _encoding, again = _text_lines(data, None, how)
        for _ in range(skip):
            next(again, None)
        for number, record in enumerate(csv.reader(again, dialect), start=1):
            if len(texts) > _SHARED_TEXTS:
                texts.clear()
            cells = map(_formula_text, record) if formulas.seen else record
            yield GridRow(number, tuple(texts.setdefault(v, v) if v != "" else None
                                        for v in cells))

    return Grid(path, "csv", LazyRows(rows, count), encoding=encoding)


def _scalar(value: Any) -> CellValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return json.dumps(value, ensure_ascii=False)


def read_records(data: bytes, path: str, fmt: str) -> Grid:
    """A JSON or YAML list of objects (or ``{"rows": [...]}``) as a grid whose first row holds
    the keys; each record's row number is its 1-based position in the list."""
    try:
        text = data.decode("utf-8-sig")
        loaded = load_structured(text, "json" if fmt == "json" else "yaml")
    except StructureError as exc:
        where = f" (dòng {exc.line})" if exc.line else ""
        where_en = f" (line {exc.line})" if exc.line else ""
        raise InputFileError(path, f"{exc.message}{where}.", f"{exc.message_en}{where_en}.",
                             ) from None
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise InputFileError(path, f"không đọc được tệp {fmt.upper()} ({exc}).",
                             f"cannot parse the {fmt.upper()} file ({exc}).") from None
    if isinstance(loaded, dict):
        for key in ("rows", "records", "data", "ho_so", "items"):
            if isinstance(loaded.get(key), list):
                loaded = loaded[key]
                break
    if not isinstance(loaded, list) or not all(isinstance(x, dict) for x in loaded):
        raise InputFileError(
            path, f"tệp {fmt.upper()} phải là một danh sách các bản ghi (mỗi hồ sơ một đối tượng).",
            f"the {fmt.upper()} file must be a list of records (one object per dossier).",
        )
    keys: list[str] = []
    for item in loaded:
        for key in item:
            if str(key) not in keys:
                keys.append(str(key))
    rows = [GridRow(0, tuple(keys))]
    for n, item in enumerate(loaded, start=1):
        str_item = {str(k): v for k, v in item.items()}
        rows.append(GridRow(n, tuple(_scalar(str_item.get(k)) for k in keys)))
    return Grid(path, "json" if fmt == "json" else "yaml", tuple(rows), records=True)
