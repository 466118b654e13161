"""Read and check a whole data file in one call: the first half of a batch run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.source import read_grid
from vnadmin_docs.batch.table import Table, build_table
from vnadmin_docs.batch.validate import Validation, validate_table
from vnadmin_docs.model.fields import FieldSpec

__all__ = ["LoadedBatch", "load_batch", "open_table"]


@dataclass(frozen=True)
class LoadedBatch:
    table: Table
    validation: Validation

    @property
    def path(self) -> str:
        return self.table.grid.path


def open_table(
    path: str | Path,
    fields: Sequence[FieldSpec],
    *,
    columns: Mapping[str, str | None] | None = None,
) -> Table:
    """Sniff and read a data file, find its header and bind the columns to ``fields``.

    Raises :class:`~vnadmin_docs.batch.problems.InputFileError` when the file as a whole is
    unusable. A workbook that opens on a cover or summary sheet is read from its first sheet
    that is a list.
    """
    grid = read_grid(path)
    try:
        return build_table(grid, fields, columns)
    except InputFileError as first:
        for index in range(1, grid.sheets):
            try:
                return build_table(read_grid(path, index), fields, columns)
            except InputFileError:
                continue
        raise first from None


def load_batch(
    path: str | Path,
    fields: Sequence[FieldSpec],
    *,
    columns: Mapping[str, str | None] | None = None,
    default_reason: str | None = None,
    issued_on: dt.date | None = None,
) -> LoadedBatch:
    """Sniff, read, find the header, bind columns, clean and validate every row, and keep
    them all (a batch run streams them instead: :func:`open_table` and
    :func:`~vnadmin_docs.batch.validate.iter_validated`).

    Raises :class:`~vnadmin_docs.batch.problems.InputFileError` only when the file as a whole
    is unusable; row problems are collected in ``validation``.
    """
    table = open_table(path, fields, columns=columns)
    return LoadedBatch(table, validate_table(table, fields, default_reason=default_reason,
                                             issued_on=issued_on))
