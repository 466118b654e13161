"""Build hook: compile the gettext catalogs (.po → .mo) into the wheel.

The repository keeps only the ``.po`` files (vnadmin_docs/locale/<lang>/LC_MESSAGES/); the
wheel gets the compiled ``.mo`` next to them, so an installed package never compiles at run
time. Editable installs skip this: vnadmin_docs.i18n compiles the ``.po`` in memory instead.
A catalog Babel cannot read fails the build (better than shipping English messages).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "vnadmin_docs"
LOCALE = Path("vnadmin_docs") / "locale"


def compile_catalogs(root: Path, out_dir: Path) -> dict[str, str]:
    """Compile every .po under the package's locale folder into ``out_dir``.

    Returns ``{compiled file: path inside the wheel}`` for hatchling's ``force_include``.
    """
    included: dict[str, str] = {}
    for po_file in sorted((root / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        relative = po_file.relative_to(root).with_suffix(".mo")
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with po_file.open("rb") as handle:
            catalog = read_po(handle, domain=DOMAIN)
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        included[str(target)] = relative.as_posix()
    if not included:
        raise RuntimeError(f"no message catalogs found under {root / LOCALE}")
    return included


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    """hatchling's ``custom`` hook (``[tool.hatch.build.hooks.custom]`` in pyproject.toml)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._out = Path(tempfile.mkdtemp(prefix="vnadmin-docs-mo-"))
        build_data["force_include"].update(compile_catalogs(Path(self.root), self._out))

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
