"""Load the Decree 30 figures (``decree30.toml``) and agency profiles over them.

The writer takes each ``default``; the checker takes ``min``/``max``/``allowed``. A profile
file has the same shape and may only pick values inside the legal ranges.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from vnadmin_docs.errors import LayoutError

__all__ = ["DECREE30_FILE", "load_decree30", "load_profile"]

DECREE30_FILE = "decree30.toml"


@lru_cache(maxsize=1)
def load_decree30() -> dict[str, Any]:
    """The raw Decree 30 data table (parsed once, do not mutate)."""
    data = resources.files("vnadmin_docs.layout").joinpath(DECREE30_FILE).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _merge(base: dict[str, Any], over: dict[str, Any], path: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        here = f"{path}.{key}" if path else key
        if key not in base:
            raise LayoutError(
                f"Hồ sơ cấu hình có khóa không biết: “{here}”.",
                f"The profile has an unknown key: “{here}”.",
            )
        old = base[key]
        if isinstance(old, dict) and "default" in old and not isinstance(value, dict):
            merged[key] = {**old, "default": _checked(old, value, here)}
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value, here)
        else:
            merged[key] = value
    return merged


def _checked(spec: dict[str, Any], value: Any, here: str) -> Any:
    low, high, allowed = spec.get("min"), spec.get("max"), spec.get("allowed")
    ok = True
    if allowed is not None:
        ok = value in allowed
    elif low is not None and high is not None:
        ok = isinstance(value, int | float) and low <= value <= high
    if not ok:
        rng = allowed if allowed is not None else f"{low}–{high}"
        raise LayoutError(
            f"Giá trị {value!r} của “{here}” nằm ngoài phạm vi Nghị định 30 cho phép ({rng}).",
            f"Value {value!r} of “{here}” is outside the range Decree 30 allows ({rng}).",
        )
    return value


def load_profile(path: str | Path | None = None) -> dict[str, Any]:
    """Decree 30 data with an optional agency profile applied on top.

    A profile only overrides defaults, e.g. ``[margins] left_mm = 35``; values outside the
    legal range raise :class:`LayoutError` naming the key.
    """
    base = load_decree30()
    if path is None:
        return base
    try:
        over = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(
            f"Không đọc được hồ sơ cấu hình {path}: {exc}.",
            f"Cannot read the profile {path}: {exc}.",
        ) from exc
    return _merge(base, over, "")
