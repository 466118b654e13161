"""Shared model plumbing: strict frozen base, cleaned text type, bilingual rule errors."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from vnadmin_docs.text.normalize import clean_text, invalid_xml_chars

__all__ = ["Line", "Model", "MultiLine", "rule_error"]

log = logging.getLogger("vnadmin_docs.model")


class Model(BaseModel):
    """Immutable, strict: unknown keys are errors (they are usually typos). A blank text in
    an optional field means "not given"; in a required field it is an error."""

    # cache_strings="keys" (issue 3): with pydantic-core's default ("all") every short
    # string it builds (``str_strip_whitespace`` builds one per text field) is kept in a
    # process-wide cache of ~16,000 slots. A batch's subject and names are new in every
    # letter, so that cache grew by ~0.2 kB per letter until full (~2.3 MB), for no hits.
    # We validate Python objects, never JSON text: same validation time with "keys".
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        str_min_length=1,
        cache_strings="keys",
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {
            k: v
            for k, v in data.items()
            if not (
                isinstance(v, str) and not v.strip() and k in fields and not fields[k].is_required()
            )
        }


def rule_error(vi: str, en: str) -> PydanticCustomError:
    """A validation error that carries its Vietnamese and English explanation."""
    return PydanticCustomError("vn_rule", "{en}", {"vi": vi, "en": en})


def _clean(multiline: bool) -> Any:
    def clean(value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        bad = invalid_xml_chars(value)
        if bad:
            # Policy (docs/dev/text-cleaning.md): drop them, warn naming the field.
            log.warning(
                "Đã bỏ ký tự điều khiển %s trong trường %s / removed control characters %s "
                "from field %s",
                ", ".join(bad),
                info.field_name,
                ", ".join(bad),
                info.field_name,
            )
        return clean_text(value, multiline=multiline)

    return clean


Line = Annotated[str, BeforeValidator(_clean(False))]
"""One line of text: NFC, control characters removed, whitespace collapsed."""

MultiLine = Annotated[str, BeforeValidator(_clean(True))]
"""Text whose line breaks are meaningful (an issuer name set on two lines, an address)."""
