"""The error the text functions raise for a value they cannot write correctly.

It is a :class:`ValueError` (so plain Python callers can catch it as one) and a
:class:`~vnadmin_docs.errors.VnAdminError` (so the CLI shows the Vietnamese message and a
template error names the value).
"""

from __future__ import annotations

from vnadmin_docs.errors import VnAdminError

__all__ = ["TextValueError"]


class TextValueError(VnAdminError, ValueError):
    """Raised when a value cannot be written in words or figures without changing it.

    ``value`` is the offending value as given.

    >>> err = TextValueError(1.5, "Giá trị không hợp lệ", "Invalid value")
    >>> err.value, err.localized("en")
    (1.5, 'Invalid value')
    """

    def __init__(self, value: object, message: str, message_en: str) -> None:
        self.value = value
        super().__init__(message, message_en)
