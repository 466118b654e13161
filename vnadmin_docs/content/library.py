"""Finding templates: user folders first, then the built-in templates.

Built-in templates live in the repository's top-level ``templates/`` folder; the wheel
carries them as ``vnadmin_docs/_builtin_templates`` (see pyproject.toml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from vnadmin_docs.content.template import TemplateSpec, parse_template
from vnadmin_docs.errors import TemplateError

__all__ = ["TemplateLibrary", "builtin_template_dir"]


@lru_cache(maxsize=1)
def builtin_template_dir() -> Path:
    """Where the built-in templates are: inside the installed package, else the checkout
    (looked up once per process: the package does not move)."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "_builtin_templates"
    if inside.is_dir():
        return inside
    return package.parent / "templates"


@lru_cache(maxsize=64)
def _parse_cached(path: Path, mtime_ns: int, builtin: bool) -> TemplateSpec:
    return parse_template(path, builtin=builtin)


class TemplateLibrary:
    """The templates visible from a list of user folders plus the built-in folder."""

    def __init__(self, user_dirs: Sequence[str | Path] = ()) -> None:
        self.user_dirs = tuple(Path(d) for d in user_dirs)
        self.builtin_dir = builtin_template_dir()

    @property
    def search_path(self) -> tuple[Path, ...]:
        return (*self.user_dirs, self.builtin_dir)

    def _files(self) -> list[tuple[Path, bool]]:
        """Each visible template file, already resolved, with whether it is built in."""
        seen: dict[str, tuple[Path, bool]] = {}
        for folder in self.search_path:
            builtin = folder == self.builtin_dir
            if not folder.is_dir():
                continue
            # Resolve the folder once: a file in it then only needs resolving when it is a
            # symlink itself (resolving every file on every render was most of the cost of
            # finding a template).
            real = folder.resolve()
            for path in sorted(real.glob("*.md")):
                if path.name.startswith(("_", ".")) or path.stem.upper() == "README":
                    continue
                target = path.resolve() if path.is_symlink() else path
                seen.setdefault(path.stem, (target, builtin))
        return list(seen.values())

    def load(self, path: Path, builtin: bool) -> TemplateSpec:
        return self._load_resolved(path.resolve(), builtin)

    @staticmethod
    def _load_resolved(path: Path, builtin: bool) -> TemplateSpec:
        return _parse_cached(path, path.stat().st_mtime_ns, builtin)

    def all(self) -> list[TemplateSpec]:
        """Every visible template, user templates shadowing built-in ones of the same id."""
        specs: dict[str, TemplateSpec] = {}
        for path, builtin in self._files():
            spec = self._load_resolved(path, builtin)
            specs.setdefault(spec.id, spec)
        return sorted(specs.values(), key=lambda s: s.id)

    def get(self, name: str, *, on: dt.date | None = None) -> TemplateSpec:
        """The template with id ``name``, or the one with alias ``name`` in force ``on``
        (today when not given). A path to a ``.md`` file is accepted too (sandboxed)."""
        if name.endswith(".md") and Path(name).is_file():
            return self.load(Path(name), builtin=False)
        specs = self.all()
        for spec in specs:
            if spec.id == name:
                return spec
        candidates = [s for s in specs if s.alias == name]
        if candidates:
            day = on or dt.date.today()
            in_force = [s for s in candidates if s.in_force_on(day)]
            if in_force:
                return max(in_force, key=lambda s: s.in_force_from or dt.date.min)
            raise TemplateError(
                name,
                f"không có mẫu nào của “{name}” có hiệu lực vào ngày {day:%d/%m/%Y}.",
                f"no form of '{name}' is in force on {day:%Y-%m-%d}.",
            )
        known = ", ".join(sorted({s.id for s in specs} | {s.alias for s in specs if s.alias}))
        raise TemplateError(
            name,
            f"không tìm thấy mẫu “{name}”. Các mẫu có: {known}.",
            f"no template named '{name}'. Available: {known}.",
        )
