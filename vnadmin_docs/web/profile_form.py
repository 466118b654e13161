"""The batch profile (``cau-hinh.yml``) as a web form and back. Keys the form does not show
(``days_late``, ``representative`` …) are kept from the profile the form was filled from."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

__all__ = ["FORM_KEYS", "TEMPLATE_NAME", "form_to_profile", "profile_problem", "profile_to_form",
           "profile_yaml"]

TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
"""A template id or alias as the web accepts it: never a path (the library would read a
``.md`` file of the server's by path)."""

# form field → path in the profile
FORM_KEYS: dict[str, tuple[str, ...]] = {
    "template": ("template",),
    "issue_date": ("issue_date",),
    "numbering_start": ("numbering", "start"),
    "issuer_superior": ("document", "issuer", "superior"),
    "issuer_name": ("document", "issuer", "name"),
    "issuer_abbreviation": ("document", "issuer", "abbreviation"),
    "issuer_place": ("document", "issuer", "place"),
    "number_symbol": ("document", "number", "symbol"),
    "signer_authority": ("document", "signer", "authority"),
    "signer_on_behalf_of": ("document", "signer", "on_behalf_of"),
    "signer_title": ("document", "signer", "title"),
    "signer_full_name": ("document", "signer", "full_name"),
    "recipients": ("document", "recipients"),
    "archive_unit": ("document", "archive", "unit"),
    "agency": ("agency",),
    "default_reason": ("default_reason",),
    "contact": ("contact",),
    "file_name": ("file_name",),
}
LIST_KEYS = ("recipients",)


def _get(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    cur: Any = data
    for key in path:
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(key)
    return cur


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    cur = data
    for key in path[:-1]:
        nxt = cur.get(key)
        if not isinstance(nxt, dict):
            nxt = {}
            cur[key] = nxt
        cur = nxt
    if value is None:
        cur.pop(path[-1], None)
    else:
        cur[path[-1]] = value


def profile_to_form(profile: Mapping[str, Any]) -> dict[str, Any]:
    """Form values (strings; lists for the growing lists) of a profile mapping."""
    out: dict[str, Any] = {}
    for name, path in FORM_KEYS.items():
        value = _get(profile, path)
        if name in LIST_KEYS:
            out[name] = [str(v) for v in value] if isinstance(value, list) else []
        elif name == "number_symbol" and isinstance(value, list):
            out[name] = "-".join(str(v) for v in value)
        elif isinstance(value, dt.date):
            out[name] = value.isoformat()
        else:
            out[name] = "" if value is None else str(value)
    return out


def form_to_profile(form: Any, base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A profile mapping from the submitted form, over ``base``. Empty fields are left out
    (the profile's defaults apply); the profile's own validation judges the rest."""
    data: dict[str, Any] = copy.deepcopy(dict(base or {}))
    for name, path in FORM_KEYS.items():
        if name in LIST_KEYS:
            items = [str(v).strip() for v in form.getlist(name) if str(v).strip()]
            _set(data, path, items or None)
            continue
        raw = form.get(name)
        text = raw.strip().replace("\r\n", "\n") if isinstance(raw, str) else ""
        value: Any = text or None
        if value is not None and name == "numbering_start":
            value = int(text) if text.isdigit() else text
        elif value is not None and name == "number_symbol" and "-" in text:
            value = [p.strip() for p in text.split("-") if p.strip()]
        _set(data, path, value)
    return data


def profile_yaml(data: Mapping[str, Any]) -> str:
    head = ("# Tệp cấu hình lô do trang web tạo; dùng được với dòng lệnh:\n"
            "#   vnadmin-docs batch xin-loi <tệp dữ liệu> --profile cau-hinh.yml -o ket-qua\n")
    return head + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False)


def profile_problem(text: str) -> tuple[str, str] | None:
    """Why a profile cannot be used on the web server (vi, en), or ``None``. The profile's
    own validation runs later; this refuses only what would reach the server's files: a
    template named by path and holiday files (paths beside the profile)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None  # load_profile reports it with the line
    if not isinstance(data, dict):
        return None
    template = data.get("template", "xin-loi")
    if not (isinstance(template, str) and TEMPLATE_NAME.match(template)):
        return ("template: trên trang web chỉ dùng được mã mẫu (ví dụ xin-loi), không dùng "
                "đường dẫn tệp", "template: on the web only a template id (e.g. xin-loi) "
                "can be used, not a file path")
    if data.get("holidays"):
        return ("holidays: trang web không đọc tệp lịch nghỉ bổ sung; bỏ dòng này hoặc chạy "
                "bằng dòng lệnh", "holidays: the web app does not read extra holiday files; "
                "remove the key or use the command line")
    return None
