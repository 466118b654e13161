"""Find the header row(s) below title rows and match headers to a template's declared fields.

Headers are compared folded (no case, no diacritics, no punctuation). A two- or three-row
header (a merged group label over its children) is joined top to bottom. When two columns
could mean the same field (``Chủ hồ sơ`` and ``Người nộp``), the more specific alias — the
one declared earlier — wins and the other column goes to its next field (the representative).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from vnadmin_docs.batch.fold import fold_header
from vnadmin_docs.batch.grid import Grid, GridRow
from vnadmin_docs.batch.textclean import fix_utf8_read_as_cp1252
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.text.legacy import encoding_from_font, to_unicode

__all__ = ["IGNORED_HEADERS", "ColumnMatch", "HeaderMatch", "find_header", "match_columns"]

IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "thao tac", "chon"})
_SCAN_ROWS = 20
_MAX_DEPTH = 3


@dataclass(frozen=True)
class ColumnMatch:
    """One spreadsheet column bound to one field; ``header`` is the text as the sheet shows it."""

    index: int
    header: str
    field: str


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header is and what every column means.

    ``header_rows`` are the sheet's row numbers of the header; ``data_from`` is the index in
    ``grid.rows`` of the first row after it; ``unmatched`` lists headers no field claimed.
    """

    header_rows: tuple[int, ...]
    data_from: int
    columns: tuple[ColumnMatch, ...]
    unmatched: tuple[str, ...]

    def by_field(self) -> dict[str, ColumnMatch]:
        return {c.field: c for c in self.columns}


def _field_keys(fields: Sequence[FieldSpec]) -> dict[str, list[tuple[int, int, str]]]:
    """folded text → [(rank, field order, field name)]."""
    table: dict[str, list[tuple[int, int, str]]] = {}
    for order, spec in enumerate(fields):
        names = [spec.label, *spec.aliases, spec.name, spec.name.replace("_", " ")]
        for rank, text in enumerate(names):
            key = fold_header(text) if text else ""
            if key and all(f != spec.name for _, _, f in table.get(key, [])):
                table.setdefault(key, []).append((rank, order, spec.name))
    return table


# Child labels that only name whoever the group label above them is: "Cán bộ thụ lý / Họ
# tên" is the officer's name, "Người được ủy quyền / Họ và tên" the representative's.
_NAME_LABELS = frozenset({"ho va ten", "ho ten", "ten", "ho va ten day du"})

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*[:*]*\s*$")


def _variants(pieces: list[str]) -> list[str]:
    """Header texts to try for one column of a multi-row header, most specific first; each
    also without a trailing note in brackets ("Ngày hẹn trả (dự kiến)" → "Ngày hẹn trả").

    >>> _variants(["Ngày", "Hẹn trả (dự kiến)"])
    ['Ngày Hẹn trả (dự kiến)', 'Hẹn trả (dự kiến)', 'Ngày Hẹn trả', 'Hẹn trả', 'Ngày']
    """
    out: list[str] = []
    for start in range(len(pieces)):
        joined = " ".join(p for p in pieces[start:] if p)
        if joined and joined not in out:
            out.append(joined)
    for text in list(out):
        bare = _TRAILING_NOTE.sub("", text)
        if bare and bare not in out:
            out.append(bare)
    for piece in reversed(pieces):
        if piece and piece not in out:
            out.append(piece)
    return out


def _header_text(row: GridRow, c: int, known: Container[str] = ()) -> str:
    """A header cell's text as Unicode: "M· hå s¬" in a ``.VnTime`` cell is "Mã hồ sơ"
    (old templates keep their TCVN3/VNI headers; only the cell's font can tell). A text
    that already is a ``known`` header stays as it is: "Ghi chú" typed in Unicode in a
    ``.VnTime`` cell would read "Ghi chỳ"."""
    text = fix_utf8_read_as_cp1252(row.text(c))
    encoding = encoding_from_font(row.font(c)) if text and not text.isascii() else None
    if encoding is None or fold_header(text) in known:
        return text
    return to_unicode(text, encoding)


def _column_labels(head: Sequence[GridRow], top: int, depth: int,
                   known: Container[str] = ()) -> list[list[str]]:
    """Each column's header pieces, top to bottom, in the band of ``depth`` rows from ``top``.

    A group label written once above its children ("Ngày" over "Tiếp nhận", "Hẹn trả",
    "Hẹn trả mới") covers them all: a merged range already does (its cells are filled), a
    CSV or an unmerged sheet leaves the cells right of the label empty, so the label is
    carried right over each empty cell that has a child below it.

    >>> rows = [GridRow(1, ("Mã hồ sơ", "Ngày", None, None, "Lý do")),
    ...         GridRow(2, (None, "Tiếp nhận", "Hẹn trả", "Hẹn trả mới", None))]
    >>> _column_labels(rows, 0, 2)
    [['Mã hồ sơ'], ['Ngày', 'Tiếp nhận'], ['Ngày', 'Hẹn trả'], ['Ngày', 'Hẹn trả mới'], ['Lý do']]
    """
    rows = head[top:top + depth]
    width = max((len(r.values) for r in rows), default=0)
    texts = [[" ".join(_header_text(r, c, known).split()) for c in range(width)]
             for r in rows]
    if rows:
        # A bottom-row cell that only repeats a label merged across from its left is no
        # header of its own: "Người nộp" merged over "Họ và tên" and "Số điện thoại" is a
        # group label, and the real headers are in the row below.
        bottom = rows[-1]
        copies = [c for c in range(1, width)
                  if bottom.is_merged(c) and texts[-1][c] and texts[-1][c] == texts[-1][c - 1]]
        for c in copies:
            for line in texts:
                line[c] = ""
    for k in range(len(texts) - 1):
        line = texts[k]
        for c in range(1, width):
            below = any(texts[j][c] for j in range(k + 1, len(texts)))
            parent_has_child = any(texts[j][c - 1] for j in range(k + 1, len(texts)))
            if not line[c] and line[c - 1] and below and parent_has_child:
                line[c] = line[c - 1]
    labels: list[list[str]] = []
    for c in range(width):
        pieces: list[str] = []
        for line in texts:
            text = line[c]
            if text and (not pieces or pieces[-1] != text):
                pieces.append(text)
        labels.append(pieces)
    return labels


def _named_by_group(
    parents: Sequence[str],
    hits: list[tuple[int, int, str]],
    keys: Mapping[str, list[tuple[int, int, str]]],
    depth_rank: int,
) -> tuple[list[tuple[int, int, str]], int]:
    """The fields a "Họ và tên" column can be, given the group labels above it: those its
    group names too (ranked as if the whole label matched), else the fields the group
    names ("Cán bộ thụ lý / Họ tên" is the officer, not the applicant); ``hits`` and
    ``depth_rank`` unchanged when the group names no field."""
    group: list[tuple[int, int, str]] = []
    for piece in parents:
        for text in _variants([piece]):
            found = keys.get(fold_header(text), [])
            if found:
                group.extend(found)
                break
    if not group:
        return hits, depth_rank
    named = {name for _, _, name in group}
    agreed = [h for h in hits if h[2] in named]
    return (agreed, 0) if agreed else (group, depth_rank)


def match_columns(
    labels: Sequence[Sequence[str]],
    fields: Sequence[FieldSpec],
    overrides: Mapping[str, str | None] | None = None,
) -> tuple[list[ColumnMatch], list[str]]:
    """Bind columns (each given as its header pieces, top to bottom) to fields.

    ``overrides`` maps a header (any case/diacritics) to a field name, or to ``None`` to ignore
    the column; it wins over the aliases.

    >>> specs = [FieldSpec("applicant_name", label="Chủ hồ sơ", aliases=("Người nộp",)),
    ...          FieldSpec("representative_name", label="Người được ủy quyền",
    ...                    aliases=("Người nộp",))]
    >>> cols, rest = match_columns([["STT"], ["NGƯỜI NỘP"], ["Chu ho so"]], specs)
    >>> [(c.header, c.field) for c in cols]
    [('NGƯỜI NỘP', 'representative_name'), ('Chu ho so', 'applicant_name')]
    """
    keys = _field_keys(fields)
    known = {f.name for f in fields}
    forced: dict[str, str | None] = {}
    for header, target in (overrides or {}).items():
        forced[fold_header(header)] = target
    candidates: list[tuple[int, int, int, str]] = []
    display: dict[int, str] = {}
    taken_fields: set[str] = set()
    taken_cols: set[int] = set()
    chosen: list[ColumnMatch] = []
    for col, pieces in enumerate(labels):
        variants = _variants(list(pieces))
        if not variants:
            continue
        display[col] = " / ".join(p for p in pieces if p)
        forced_hit = next((v for v in variants if fold_header(v) in forced), None)
        if forced_hit is not None:
            target = forced[fold_header(forced_hit)]
            taken_cols.add(col)
            if target and target in known and target not in taken_fields:
                chosen.append(ColumnMatch(col, variants[0], target))
                taken_fields.add(target)
            continue
        for depth_rank, text in enumerate(variants):
            key = fold_header(text)
            if key in IGNORED_HEADERS:
                taken_cols.add(col)
                break
            hits = keys.get(key, [])
            if hits and len(pieces) > 1 and key in _NAME_LABELS:
                hits, depth_rank = _named_by_group(pieces[:-1], hits, keys, depth_rank)
            for rank, order, name in hits:
                candidates.append((depth_rank * 100 + rank, order, col, name))
            if hits:
                break
    # Fields in declaration order each take their best free column: the applicant takes
    # "Chủ hồ sơ" over "Người nộp", which is then left for the representative.
    for _, _, col, name in sorted(candidates, key=lambda c: (c[1], c[0], c[2])):
        if col in taken_cols or name in taken_fields:
            continue
        chosen.append(ColumnMatch(col, display[col], name))
        taken_cols.add(col)
        taken_fields.add(name)
    chosen.sort(key=lambda c: c.index)
    unmatched = [display[c] for c in sorted(display) if c not in taken_cols]
    return chosen, unmatched


def _continues_above(row: GridRow, above: GridRow) -> bool:
    """True when a cell of ``row`` is the lower part of a range merged down from ``above``
    ("Mã hồ sơ" merged over two header rows): a header band never starts there."""
    return any(row.is_merged(c) and row.text(c) and row.text(c) == above.text(c)
               for c in range(len(row.values)))


def find_header(
    grid: Grid,
    fields: Sequence[FieldSpec],
    overrides: Mapping[str, str | None] | None = None,
) -> HeaderMatch:
    """The header that binds the most fields among the first rows (title rows are skipped);
    on a tie the shallower header wins, so the first data row is never taken for a header."""
    head = grid.head(_SCAN_ROWS + _MAX_DEPTH)
    known = _field_keys(fields).keys() | IGNORED_HEADERS
    if grid.records:
        labels = [[t] for t in (head[0].text(i) for i in range(len(head[0].values)))]
        cols, rest = match_columns(labels, fields, overrides)
        return HeaderMatch((head[0].number,), 1, tuple(cols), tuple(rest))
    best: tuple[int, int, int] | None = None
    best_match: HeaderMatch | None = None
    for top in range(min(_SCAN_ROWS, len(head))):
        if head[top].is_empty() or (top and _continues_above(head[top], head[top - 1])):
            continue
        for depth in range(1, _MAX_DEPTH + 1):
            if top + depth > len(head):
                break
            labels = _column_labels(head, top, depth, known)
            cols, rest = match_columns(labels, fields, overrides)
            score = (len(cols), -depth, -top)
            if best is None or score > best:
                best = score
                best_match = HeaderMatch(
                    tuple(r.number for r in head[top:top + depth]),
                    top + depth, tuple(cols), tuple(rest),
                )
    if best_match is None:
        return HeaderMatch((), 0, (), ())
    return best_match
