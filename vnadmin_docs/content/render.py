"""Render a template body for one document: Jinja text → markup → blocks."""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError

from vnadmin_docs.blocks import Block
from vnadmin_docs.content.environment import IncludeIsLink, make_environment
from vnadmin_docs.content.library import TemplateLibrary
from vnadmin_docs.content.limits import MAX_DOCUMENT_CHARS, OutputTooLarge
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


def _render_bounded(template: Template, context: dict[str, Any]) -> str:
    """``template.render`` that stops as soon as the text passes :data:`MAX_DOCUMENT_CHARS`
    (the pieces are counted as they are made, so the limit bounds memory too)."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_DOCUMENT_CHARS:
            raise OutputTooLarge("văn bản", "the document", MAX_DOCUMENT_CHARS)
        pieces.append(piece)
    return "".join(pieces)


def render_text(spec: TemplateSpec, context: dict[str, Any], library: TemplateLibrary) -> str:
    """The template body rendered to markup text (values escaped). Every failure, the
    limits of :mod:`.limits` included, is a :class:`TemplateError` naming the file and line."""
    try:
        template = _compiled(
            spec.body, spec.id, str(spec.path), library.search_path, not spec.builtin
        )
        return _render_bounded(template, context)
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
    except IncludeIsLink as exc:
        raise TemplateError(
            str(spec.path),
            f"“{exc.name}” trong thư mục mẫu là liên kết (symlink) tới {exc.path}; mẫu không "
            "được đọc tệp qua liên kết (hãy thay liên kết bằng chính tệp đó).",
            f"“{exc.name}” in the template folder is a symbolic link to {exc.path}; templates "
            "never read through a link (put the file itself there).",
            line=_file_line(spec, exc),
        ) from None
    except OutputTooLarge as exc:
        raise TemplateError(
            str(spec.path),
            f"{exc.what} dài quá giới hạn {exc.limit:,} ký tự".replace(",", ".")
            + " (mẫu có vòng lặp hay phép nhân chuỗi quá lớn?).",
            f"{exc.what_en} exceeds the limit of {exc.limit:,} characters (a loop or a "
            "string multiplication too large in the template?).",
            line=_file_line(spec, exc),
        ) from None
    except OverflowError as exc:  # the sandbox's range() past MAX_RANGE
        raise TemplateError(
            str(spec.path),
            f"vòng lặp hay range() quá lớn ({exc}); giới hạn là 100.000 phần tử.",
            f"a loop or range() too large ({exc}); the limit is 100,000 items.",
            line=_file_line(spec, exc),
        ) from None
    except RecursionError:
        raise TemplateError(
            str(spec.path),
            "mẫu gọi lại chính nó quá sâu (macro hay include đệ quy không có điểm dừng).",
            "the template calls itself too deeply (a recursive macro or include that never "
            "stops).",
        ) from None
    except MemoryError:
        raise TemplateError(
            str(spec.path), "điền mẫu cần quá nhiều bộ nhớ.",
            "rendering the template needs too much memory.") from None
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
