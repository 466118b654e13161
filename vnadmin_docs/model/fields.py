"""Declared template fields: what a template needs from its data.

Templates declare their inputs in front matter; the same declarations drive validation,
spreadsheet header matching (``aliases``), ``vnadmin-docs templates fields`` and the docs.
This module has no Jinja in it, so batch code can use it without the content stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["FIELD_TYPES", "FieldSpec", "FieldType"]

FieldType = Literal[
    "text", "multiline", "markup", "int", "decimal", "date", "datetime", "bool", "list", "object"
]
FIELD_TYPES: tuple[str, ...] = (
    "text",
    "multiline",
    "markup",
    "int",
    "decimal",
    "date",
    "datetime",
    "bool",
    "list",
    "object",
)


@dataclass(frozen=True)
class FieldSpec:
    """One declared input of a template.

    ``name`` is the Jinja variable; ``label`` the Vietnamese label shown to clerks;
    ``aliases`` are other spreadsheet headers that mean this field (matched without regard to
    case or diacritics by the batch reader).
    """

    name: str
    type: FieldType = "text"
    required: bool = False
    label: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""
    default: object = None
