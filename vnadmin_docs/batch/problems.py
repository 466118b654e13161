"""Errors about a whole input file (as opposed to one row, see :class:`BatchRowError`)."""

from __future__ import annotations

from vnadmin_docs.errors import VnAdminError

__all__ = ["InputFileError"]


class InputFileError(VnAdminError):
    """Raised when a data file cannot be used at all: unknown or damaged format, text whose
    Vietnamese letters were lost, no header row, no dossier rows. ``path`` names the file.
    The CLI exits with code 2 on it."""

    def __init__(self, path: str, message: str, message_en: str) -> None:
        self.path = path
        super().__init__(f"Tệp {path}: {message}", f"File {path}: {message_en}")
