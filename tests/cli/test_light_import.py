"""A light import (issue 18, item 6): ``import vnadmin_docs`` and ``vnadmin-docs --help``
load only what they need; the PDF, checker, batch and register code and the pydantic models
wait until a call needs them. Checked in a fresh interpreter (sys.modules), never by time."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import click
import pytest

import vnadmin_docs
from vnadmin_docs.cli.main import LAZY_COMMANDS, cli

HEAVY = ("vnadmin_docs.pdf", "vnadmin_docs.check", "vnadmin_docs.batch", "vnadmin_docs.registry")


def _modules_after(code: str) -> list[str]:
    """The modules loaded by running ``code`` in a new interpreter."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return list(json.loads(out.splitlines()[-1]))


def _under(modules: list[str], package: str) -> list[str]:
    return [m for m in modules if m == package or m.startswith(package + ".")]


def test_import_loads_only_the_package_and_its_errors() -> None:
    modules = _modules_after("import vnadmin_docs")
    assert _under(modules, "vnadmin_docs") == ["vnadmin_docs", "vnadmin_docs.errors"]
    for third_party in ("pydantic", "jinja2", "docx", "lxml", "yaml", "click", "babel"):
        assert _under(modules, third_party) == [], third_party


def test_render_alone_loads_neither_pdf_check_batch_nor_registry() -> None:
    modules = _modules_after("import vnadmin_docs\nvnadmin_docs.render\nvnadmin_docs.load_data")
    assert "vnadmin_docs.api" in modules
    for package in HEAVY:
        assert _under(modules, package) == [], package


def test_help_loads_no_command_module() -> None:
    code = (
        "import sys\nsys.argv = ['vnadmin-docs', '--help']\n"
        "from vnadmin_docs.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    modules = _modules_after(code)
    for package in (*HEAVY, "vnadmin_docs.api", "vnadmin_docs.model", "pydantic", "rich"):
        assert _under(modules, package) == [], package
    assert _under(modules, "vnadmin_docs.cli") == ["vnadmin_docs.cli", "vnadmin_docs.cli.main"]


def test_public_names_resolve_and_match_their_modules() -> None:
    from vnadmin_docs import api, check, model

    for name in vnadmin_docs.__all__:
        assert getattr(vnadmin_docs, name) is not None, name
    assert vnadmin_docs.render is api.render
    assert vnadmin_docs.check_document is check.check_document
    assert vnadmin_docs.Document is model.Document
    assert set(vnadmin_docs.__all__) <= set(dir(vnadmin_docs))
    with pytest.raises(AttributeError):
        vnadmin_docs.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_lazy_listing_repeats_the_commands_own_help(name: str) -> None:
    """The top-level listing is written from LAZY_COMMANDS; it must say what the command's
    own docstring says, at every width."""
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help is not None
    first_paragraph = " ".join(inspect.cleandoc(command.help).split("\n\n")[0].split())
    assert LAZY_COMMANDS[name][1] == first_paragraph
    stand_in = click.Command(name, help=LAZY_COMMANDS[name][1])
    for width in (30, 45, 70, 120):
        assert stand_in.get_short_help_str(width) == command.get_short_help_str(width)
