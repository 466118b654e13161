"""``vnadmin-docs templates``: the templates and their fields."""

from __future__ import annotations

import json
from pathlib import Path

import click

from vnadmin_docs import api
from vnadmin_docs.cli.common import current_lang, report_errors
from vnadmin_docs.cli.options import templates_option
from vnadmin_docs.i18n import translator

__all__ = ["templates"]


def _(message: str, **values: object) -> str:
    """``message`` (English id) in the clerk's language, placeholders filled."""
    return translator(current_lang()).gettext(message, **values)


@click.group(invoke_without_command=True)
@templates_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
@report_errors
def templates(ctx: click.Context, template_dirs: tuple[Path, ...], as_json: bool) -> None:
    """Liệt kê các mẫu văn bản và các trường của chúng."""
    ctx.obj["template_dirs"] = template_dirs
    if ctx.invoked_subcommand is not None:
        return
    specs = api.list_templates(template_dirs)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "layout": s.layout,
                        "alias": s.alias,
                        "fields": [f.name for f in s.fields],
                        "builtin": s.builtin,
                    }
                    for s in specs
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for s in specs:
        alias = "  " + _("(short name: {alias})", alias=s.alias) if s.alias else ""
        click.echo(f"{s.id:<24} {s.title}{alias}")
        for f in s.fields:
            req = _("required") if f.required else _("optional")
            click.echo(f"    - {f.name} [{f.type}, {req}]: {f.label}")


@templates.command("fields")
@click.argument("template")
@click.pass_context
@report_errors
def template_fields(ctx: click.Context, template: str) -> None:
    """Các trường của một MẪU, với nhãn tiếng Việt và tên cột tương đương."""
    from vnadmin_docs.content import TemplateLibrary

    spec = TemplateLibrary(ctx.obj.get("template_dirs", ())).get(template)
    click.echo(f"{spec.id}: {spec.title}")
    for f in spec.fields:
        req = _("required") if f.required else _("optional")
        aliases = " — " + _("columns: {names}", names=", ".join(f.aliases)) if f.aliases else ""
        click.echo(f"  {f.name} [{f.type}, {req}] {f.label}{aliases}")
        if f.description:
            click.echo(f"      {f.description}")
