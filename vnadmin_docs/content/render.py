"""Render a template body for one document: Jinja text → markup → blocks."""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError

from vnadmin_docs.blocks import Block
from vnadmin_docs.content.environment import make_environment
from vnadmin_docs.content.library import TemplateLibrary
from vnadmin_docs.content.markup import parse_markup
from vnadmin_docs.content.template import TemplateSpec
from vnadmin_docs.errors import TemplateError

__all__ = ["render_blocks", "render_text"]


def _file_line(spec: TemplateSpec, exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename == str(spec.path):
                lineno = frame.lineno
                break
    return spec.body_line + lineno - 1 if lineno else None


@lru_cache(maxsize=128)
def _compiled(
    body: str, name: str, filename: str, search_path: tuple[Path, ...], sandboxed: bool
) -> Template:
    """Compile a template body once per (text, folders, sandbox): a batch renders the same
    template thousands of times."""
    env = make_environment(search_path, sandboxed=sandboxed)
    code = env.compile(body, name=name, filename=filename)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_text(spec: TemplateSpec, context: dict[str, Any], library: TemplateLibrary) -> str:
    """The template body rendered to markup text (values escaped)."""
    try:
        template = _compiled(
            spec.body, spec.id, str(spec.path), library.search_path, not spec.builtin
        )
        return template.render(context)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            str(spec.path),
            f"cú pháp Jinja sai: {exc.message}.",
            f"Jinja syntax error: {exc.message}.",
            line=_file_line(spec, exc),
        ) from None
    except UndefinedError as exc:
        raise TemplateError(
            str(spec.path),
            f"mẫu dùng biến chưa có dữ liệu ({exc.message}); hãy khai báo trường trong phần "
            "“fields” hoặc sửa tên biến.",
            f"the template uses a variable with no data ({exc.message}); declare it under "
            "'fields' or fix the name.",
            line=_file_line(spec, exc),
        ) from None
    except JinjaTemplateError as exc:
        raise TemplateError(
            str(spec.path),
            f"lỗi khi điền mẫu: {exc}.",
            f"render error: {exc}.",
            line=_file_line(spec, exc),
        ) from None


def render_blocks(
    spec: TemplateSpec, context: dict[str, Any], library: TemplateLibrary
) -> tuple[Block, ...]:
    """The template body as blocks for the layout stage. A markup mistake (an unknown
    ``@`` directive, a bad ``@cot`` line) is a :class:`TemplateError` naming the file."""
    text = render_text(spec, context, library)
    try:
        return parse_markup(text)
    except ValueError as exc:
        vi, _, en = str(exc).partition("|")
        raise TemplateError(str(spec.path), f"{vi}.", f"{en or vi}.") from None
