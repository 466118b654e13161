"""Load declared fields (:class:`FieldSpec`) from YAML: the built-in apology record, or a
template's ``fields:`` mapping."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from vnadmin_docs.model.fields import FIELD_TYPES, FieldSpec, FieldType

__all__ = ["apology_fields", "specs_from_mapping"]


def specs_from_mapping(data: Mapping[str, Any]) -> tuple[FieldSpec, ...]:
    """``{name: {type, required, label, aliases, description, default}}`` → field specs."""
    out: list[FieldSpec] = []
    for name, spec in data.items():
        spec = spec or {}
        kind = str(spec.get("type", "text"))
        if kind not in FIELD_TYPES:
            raise ValueError(f"field {name}: unknown type {kind!r}")
        out.append(FieldSpec(
            name=str(name),
            type=cast(FieldType, kind),
            required=bool(spec.get("required", False)),
            label=str(spec.get("label", "")),
            aliases=tuple(str(a) for a in spec.get("aliases", ()) or ()),
            description=str(spec.get("description", "")),
            default=spec.get("default"),
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def apology_fields() -> tuple[FieldSpec, ...]:
    """The canonical late-dossier record (``apology_fields.yaml``)."""
    text = resources.files("vnadmin_docs.batch").joinpath("apology_fields.yaml").read_text("utf-8")
    return specs_from_mapping(yaml.safe_load(text))
