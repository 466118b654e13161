"""Legacy TCVN3 (ABC) / VNI-Windows text in spreadsheets, converted per column.

The conversion itself is :mod:`vnadmin_docs.text.legacy` (``detect_encoding(values, font)``,
``to_unicode(text, encoding)``). It is imported lazily so that the batch still reads files
(leaving such text as it is, and saying so once in the log) in a build without it.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "LEGACY_MODULE",
    "convert_legacy_column",
    "convert_legacy_text",
    "detect_legacy_column",
    "legacy_available",
]

LEGACY_MODULE = "vnadmin_docs.text.legacy"
_log = logging.getLogger(__name__)
_cache: dict[str, Any] = {}


def _module() -> Any:
    if "mod" not in _cache:
        try:
            _cache["mod"] = importlib.import_module(LEGACY_MODULE)
        except ImportError:
            _log.info("%s is not available yet: legacy TCVN3/VNI text is left as is", LEGACY_MODULE)
            _cache["mod"] = None
    return _cache["mod"]


def legacy_available() -> bool:
    """True once :mod:`vnadmin_docs.text.legacy` can be imported."""
    return _module() is not None


def detect_legacy_column(values: Sequence[str], font: str | None) -> str | None:
    """The legacy encoding of one column's strings (``"tcvn3"``, ``"vni"``), or ``None`` when
    the column is already Unicode or the converter is not available."""
    mod = _module()
    if mod is None:
        return None
    detect: Callable[..., Any] = mod.detect_encoding
    encoding = detect(list(values), font)
    if not encoding or str(encoding).lower() in ("unicode", "utf-8", "none"):
        return None
    return str(encoding)


def convert_legacy_text(text: str, encoding: str) -> str:
    """One cell's text converted from ``encoding`` (found by :func:`detect_legacy_column`)."""
    mod = _module()
    convert: Callable[[str, str], str] = mod.to_unicode
    return convert(text, encoding)


def convert_legacy_column(
    values: Sequence[str], font: str | None
) -> tuple[list[str], str | None]:
    """Convert one column's strings from TCVN3/VNI to Unicode when the column is legacy text.

    Returns the (possibly converted) values and the encoding found (``None`` when the column
    is already Unicode or the converter is not available).
    """
    encoding = detect_legacy_column(values, font)
    if encoding is None:
        return list(values), None
    return [convert_legacy_text(v, encoding) for v in values], encoding
