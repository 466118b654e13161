"""Map one cleaned row to one letter: the data it is rendered from, and the digests and
keys that say whether a letter already written is still current (a resumed run)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vnadmin_docs.batch.addressee import address_for
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.values import sex_from_id, strip_reason_label
from vnadmin_docs.content import TemplateSpec
from vnadmin_docs.model.fields import FieldSpec

DERIVED = ("agency", "addressee", "addressee_pronoun", "contact")
"""Template fields the profile fills in for every letter; a data file does not supply them."""


def data_fields(spec: TemplateSpec) -> tuple[FieldSpec, ...]:
    """The template's fields that a data file supplies: those the profile fills in for every
    letter (agency, addressee, pronoun, contact) are left out. Pass these to
    :func:`~vnadmin_docs.batch.load.open_table` and
    :func:`~vnadmin_docs.batch.validate.iter_validated`.

    >>> from vnadmin_docs.content import TemplateLibrary
    >>> names = [f.name for f in data_fields(TemplateLibrary().get("van-ban-xin-loi"))]
    >>> "dossier_code" in names, "agency" in names
    (True, False)
    """
    return tuple(f for f in spec.fields if f.name not in DERIVED)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def letter_data(
    v: Mapping[str, object], spec: TemplateSpec, profile: BatchProfile, number: int,
    issue_day: dt.date,
) -> dict[str, Any]:
    """The data one letter is rendered from: profile document settings + the row's cleaned
    values ``v``."""
    # A shallow copy: the pipeline only reads the profile's nested settings (api._deep_merge
    # builds new mappings), and a deep copy cost ~22 µs per letter, twice per letter.
    data: dict[str, Any] = dict(profile.document)
    num = dict(data.get("number") or {})
    num["number"] = number
    data["number"] = num
    data["date"] = issue_day.isoformat()
    applicant = str(v.get("applicant_name") or "")
    honorific = str(v["honorific"]) if v.get("honorific") else None
    if honorific is None and profile.honorific_from_id:
        honorific = sex_from_id(v.get("id_number"))
    who = address_for(
        applicant,
        str(v["representative_name"]) if v.get("representative_name") else None,
        policy=profile.representative,
        kind_hint=str(v["applicant_kind"]) if v.get("applicant_kind") else None,
        honorific_hint=honorific,
    )
    data["addressees"] = [who.salutation]
    if not data.get("subject") and v.get("dossier_code"):
        data["subject"] = f"Về việc giải quyết hồ sơ {v['dossier_code']}"
    declared = {f.name for f in spec.fields}
    content: dict[str, Any] = {k: val for k, val in v.items() if k in declared and val is not None}
    reason = content.get("late_reason") or profile.default_reason
    if isinstance(reason, str):
        content["late_reason"] = strip_reason_label(reason).rstrip(" .;,:…")
    derived = {
        "agency": profile.agency,
        "addressee": who.in_text,
        "addressee_pronoun": who.pronoun,
        "contact": profile.contact,
    }
    for name, value in derived.items():
        if name in declared and value:
            content[name] = value
    data["content"] = content
    return data


def settings_digest(spec: TemplateSpec, profile: BatchProfile, issue_day: dt.date) -> str:
    """What every letter of the run shares: template text and fields, settings, issue date,
    package version."""
    payload = {
        "issue_date": issue_day.isoformat(),
        "template": spec.id,
        "template_text": spec.body,
        "fields": [(f.name, f.type, f.required) for f in spec.fields],
        "profile": profile.model_dump(mode="json"),
        # the holiday files' contents, not only their names: a corrected file recounts
        "holidays": [hashlib.sha256(Path(h).read_bytes()).hexdigest() for h in profile.holidays],
        "version": _version(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def row_digest(values: Mapping[str, object]) -> bytes:
    """A row's cleaned values, hashed: what a letter's key and identity depend on."""
    row = json.dumps(_jsonable(values), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(row.encode()).digest()


def letter_identity(digest: bytes, settings: str) -> str:
    """A letter's identity before it has a number or a file name (register numbering)."""
    return hashlib.sha256(f"{settings}\n{digest.hex()}".encode()).hexdigest()


def letter_key(digest: bytes, number: int, settings: str, name: str) -> str:
    """The resume key of one letter. Its render data is a function of the cleaned row, its
    number and the run's settings (template, profile, issue date), so hashing those is
    hashing the letter's input."""
    return hashlib.sha256(f"{settings}\n{number}\n{name}\n{digest.hex()}".encode()).hexdigest()


def _version() -> str:
    from vnadmin_docs import __version__

    return __version__


def code_and_applicant(values: Mapping[str, object]) -> tuple[str, str]:
    """(dossier code, applicant) of a row, as the manifest shows them."""
    return str(values.get("dossier_code") or ""), str(values.get("applicant_name") or "")
