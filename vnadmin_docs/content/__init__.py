"""content stage: templates' words. Jinja renders text (never XML) which the markup parser
turns into blocks. The only package that imports jinja2."""

from vnadmin_docs.content.escape import Markup, escape_markup
from vnadmin_docs.content.fields import coerce_content
from vnadmin_docs.content.library import TemplateLibrary, builtin_template_dir
from vnadmin_docs.content.markup import parse_markup
from vnadmin_docs.content.render import render_blocks, render_text
from vnadmin_docs.content.template import LAYOUTS, TemplateSpec, parse_template

__all__ = [
    "LAYOUTS",
    "Markup",
    "TemplateLibrary",
    "TemplateSpec",
    "builtin_template_dir",
    "coerce_content",
    "escape_markup",
    "parse_markup",
    "parse_template",
    "render_blocks",
    "render_text",
]
