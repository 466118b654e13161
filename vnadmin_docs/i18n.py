"""Messages in the clerk's language: gettext catalogs managed with Babel's tooling.

Message ids in the code are English; ``locale/vi/LC_MESSAGES/vnadmin_docs.po`` holds the
Vietnamese (the default language). A wheel carries the compiled ``.mo`` (made by
``hatch_build.py`` when the package is built); a source checkout or an editable install
has only the ``.po``, which is then compiled in memory on first use. English needs no
catalog: it is the message ids themselves.

The language is chosen by, in order: an explicit argument (``--lang``), the environment
variable ``VNADMIN_DOCS_LANG``, then ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``; Vietnamese
when none names a supported language. See docs/dev/i18n.md.
"""

from __future__ import annotations

import gettext
import io
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vnadmin_docs.errors import VnAdminError

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "ENV_VAR",
    "LOCALE_DIR",
    "SUPPORTED_LANGUAGES",
    "Translator",
    "compile_po",
    "normalize_language",
    "resolve_language",
    "translations",
    "translator",
]

log = logging.getLogger(__name__)

DOMAIN = "vnadmin_docs"
SUPPORTED_LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ENV_VAR = "VNADMIN_DOCS_LANG"
#: Where the catalogs live inside the package.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The POSIX locale variables, strongest first.
_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def normalize_language(value: str | None) -> str | None:
    """The supported language a locale name means, or None.

    >>> normalize_language("en_US.UTF-8"), normalize_language("vi-VN"), normalize_language("VI")
    ('en', 'vi', 'vi')
    >>> normalize_language("C"), normalize_language("fr_FR"), normalize_language("")
    (None, None, None)
    """
    if not value:
        return None
    lang = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return lang if lang in SUPPORTED_LANGUAGES else None


def resolve_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language for messages (see the module docstring for the order).

    An explicit language that is not supported is an error (the user asked for it);
    unsupported values in the environment are passed over.

    >>> resolve_language("en")
    'en'
    >>> resolve_language(environ={"VNADMIN_DOCS_LANG": "en", "LANG": "vi_VN.UTF-8"})
    'en'
    >>> resolve_language(environ={"LC_ALL": "C", "LANG": "en_GB.UTF-8"})
    'en'
    >>> resolve_language(environ={"LANG": "fr_FR.UTF-8"})
    'vi'
    """
    if explicit is not None:
        lang = normalize_language(explicit)
        if lang is None:
            choices = ", ".join(SUPPORTED_LANGUAGES)
            raise VnAdminError(
                f"Ngôn ngữ “{explicit}” không được hỗ trợ; hãy chọn một trong: {choices}.",
                f"Language “{explicit}” is not supported; choose one of: {choices}.",
            )
        return lang
    env = os.environ if environ is None else environ
    for var in (ENV_VAR, *_LOCALE_VARS):
        lang = normalize_language(env.get(var))
        if lang is not None:
            return lang
    return DEFAULT_LANGUAGE


def compile_po(po_file: Path) -> bytes:
    """The .mo bytes of a .po catalog (fuzzy entries are left out, as msgfmt does).

    >>> compile_po(LOCALE_DIR / "vi" / "LC_MESSAGES" / "vnadmin_docs.po")[:4]  # .mo magic
    b'\\xde\\x12\\x04\\x95'
    """
    from babel.messages.mofile import write_mo  # only without a compiled .mo: kept off import
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _catalog_paths(lang: str, locale_dir: Path) -> tuple[Path, Path]:
    folder = locale_dir / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"


@lru_cache(maxsize=8)
def translations(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The catalog for ``lang``: the compiled .mo, else the .po compiled in memory.

    A .mo older than its .po (a checkout where someone compiled once) is ignored in favour
    of the .po. English, and a language without a catalog, get the message ids back.

    >>> translations("vi").gettext("required"), translations("en").gettext("required")
    ('bắt buộc', 'required')
    """
    if lang == "en":
        return gettext.NullTranslations()
    mo_file, po_file = _catalog_paths(lang, locale_dir)
    stale = (
        po_file.exists() and mo_file.exists() and mo_file.stat().st_mtime < po_file.stat().st_mtime
    )
    if mo_file.exists() and not stale:
        with mo_file.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po_file.exists():
        return gettext.GNUTranslations(io.BytesIO(compile_po(po_file)))
    log.warning("No message catalog for %r in %s; messages stay in English.", lang, locale_dir)
    return gettext.NullTranslations()


@dataclass(frozen=True)
class Translator:
    """Messages in one language; ``{name}`` placeholders are filled after translation.

    >>> _ = translator("vi").gettext
    >>> _("Wrote {path}", path="cv.docx")
    'Đã tạo cv.docx'
    >>> translator("en").gettext("Wrote {path}", path="cv.docx")
    'Wrote cv.docx'
    """

    lang: str
    catalog: gettext.NullTranslations

    def gettext(self, message: str, /, **values: object) -> str:
        """``message`` translated, then formatted with ``values``."""
        text = self.catalog.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The singular or plural form for ``n`` (available as ``{n}``), translated.

        >>> translator("en").ngettext("{n} document written", "{n} documents written", 3)
        '3 documents written'
        """
        text = self.catalog.ngettext(singular, plural, n)
        return text.format(n=n, **values)


def translator(lang: str | None = None, environ: Mapping[str, str] | None = None) -> Translator:
    """A :class:`Translator` for ``lang`` or, when None, for the language the environment
    chooses (:func:`resolve_language`).

    >>> translator(environ={"LANG": "en_US.UTF-8"}).gettext("optional")
    'optional'
    >>> translator(environ={}).gettext("optional")
    'tùy chọn'
    """
    resolved = resolve_language(lang, environ)
    return Translator(resolved, translations(resolved))
