"""Message catalogs: language choice, the Vietnamese catalog is complete and current, and the
.po is used when no compiled .mo exists (editable installs)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.i18n import (
    DOMAIN,
    LOCALE_DIR,
    compile_po,
    resolve_language,
    translations,
    translator,
)

PACKAGE = LOCALE_DIR.parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
VI_PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"


@pytest.mark.parametrize(
    ("explicit", "environ", "lang"),
    [
        ("en", {"VNADMIN_DOCS_LANG": "vi"}, "en"),
        ("vi", {"LANG": "en_US.UTF-8"}, "vi"),
        (None, {"VNADMIN_DOCS_LANG": "en", "LC_ALL": "vi_VN.UTF-8"}, "en"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "en_GB", "LANG": "vi_VN"}, "en"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "vi"),
        (None, {"LC_ALL": "POSIX", "LANG": "en_AU.UTF-8"}, "en"),
        (None, {"VNADMIN_DOCS_LANG": "fr", "LANG": "de_DE.UTF-8"}, "vi"),
        (None, {}, "vi"),
    ],
)
def test_language_resolution(explicit: str | None, environ: dict[str, str], lang: str) -> None:
    assert resolve_language(explicit, environ) == lang


def test_unsupported_explicit_language_is_an_error_in_both_languages() -> None:
    with pytest.raises(VnAdminError) as info:
        resolve_language("fr")
    assert "không được hỗ trợ" in str(info.value)
    assert "not supported" in info.value.localized("en")


def _code_msgids() -> set[str]:
    found = extract_from_dir(str(PACKAGE), keywords={"_": None, "N_": None})
    ids: set[str] = set()
    for _file, _line, message, _comments, _context in found:
        ids.update([message] if isinstance(message, str) else [m for m in message if m])
    return ids


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def test_template_lists_every_message_in_the_code() -> None:
    pot_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(POT) if m.id}
    assert _code_msgids() == pot_ids, "run the extract command in docs/dev/i18n.md"


def test_vietnamese_catalog_is_complete_and_not_fuzzy() -> None:
    template = _catalog(POT)
    vi = _catalog(VI_PO)
    for message in template:
        if not message.id:
            continue
        translated = vi.get(message.id)
        assert translated is not None, f"missing in vi: {message.id!r}"
        assert not translated.fuzzy, f"fuzzy in vi: {message.id!r}"
        strings = translated.string if isinstance(translated.string, tuple) else [translated.string]
        assert all(strings), f"untranslated in vi: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(re.findall(r"\{(\w+)\}", i) for i in ids))
        for text in strings:
            assert set(re.findall(r"\{(\w+)\}", text)) <= wanted | {"n"}, message.id


def _write_catalog(locale_dir: Path, msgstr: str) -> Path:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="vi", domain=DOMAIN)
    catalog.add("Wrote {path}", msgstr)
    catalog.add(("{n} document", "{n} documents"), ("{n} văn bản",))
    po_file = locale_dir / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po_file.parent.mkdir(parents=True, exist_ok=True)
    with po_file.open("wb") as handle:
        write_po(handle, catalog)
    return po_file


def test_po_is_compiled_in_memory_when_no_mo(tmp_path: Path) -> None:
    _write_catalog(tmp_path, "Đã ghi {path}")
    catalog = translations("vi", tmp_path)
    assert catalog.gettext("Wrote {path}") == "Đã ghi {path}"
    assert catalog.ngettext("{n} document", "{n} documents", 5) == "{n} văn bản"
    assert not list(tmp_path.rglob("*.mo"))  # nothing written into the package


def test_compiled_mo_is_preferred_unless_older_than_po(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    po_file = _write_catalog(fresh, "từ .po")
    mo_file = po_file.with_suffix(".mo")
    _write_catalog(tmp_path / "other", "từ .mo")
    mo_file.write_bytes(compile_po(tmp_path / "other" / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"))
    later = time.time() + 10
    os.utime(mo_file, (later, later))
    assert translations("vi", fresh).gettext("Wrote {path}") == "từ .mo"

    stale = tmp_path / "stale"
    po_file = _write_catalog(stale, "từ .po mới")
    mo_file = po_file.with_suffix(".mo")
    mo_file.write_bytes(compile_po(tmp_path / "other" / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"))
    earlier = time.time() - 3600
    os.utime(mo_file, (earlier, earlier))
    assert translations("vi", stale).gettext("Wrote {path}") == "từ .po mới"


def test_missing_catalog_falls_back_to_english_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert translations("vi", tmp_path).gettext("Wrote {path}") == "Wrote {path}"
    assert "No message catalog" in caplog.text


def test_translator_fills_placeholders_after_translation() -> None:
    assert translator("vi").gettext("Wrote {path}", path="a.docx") == "Đã tạo a.docx"
    assert translator("en").gettext("Wrote {path}", path="a.docx") == "Wrote a.docx"
    assert translator(environ={"LANG": "en_US.UTF-8"}).lang == "en"
