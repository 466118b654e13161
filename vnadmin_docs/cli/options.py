"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["templates_option"]

templates_option = click.option(
    "-t",
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Thư mục mẫu của cơ quan (ưu tiên trước mẫu có sẵn); dùng nhiều lần được.",
)
"""``-t/--templates DIR`` (repeatable): agency template folders searched before the
built-in templates; the value arrives as ``template_dirs``."""
