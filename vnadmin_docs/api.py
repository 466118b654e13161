"""The public API and the only place that chains the stages.

>>> import vnadmin_docs
>>> doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(
...     vnadmin_docs.example_path("cong-van/sldtbxh-dak-nong-2023.yaml")))
>>> doc.to_bytes()[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from vnadmin_docs._files import atomic_write_bytes
from vnadmin_docs.blocks import Block
from vnadmin_docs.content import (
    TemplateLibrary,
    TemplateSpec,
    coerce_content,
    parse_markup,
    render_blocks,
)
from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.layout.compose import compose, document_symbol
from vnadmin_docs.layout.figures import Figures, figures
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.model import Document, IssueDate, parse_document
from vnadmin_docs.model.loading import StructureError, load_structured
from vnadmin_docs.writer import write_docx

if TYPE_CHECKING:  # imported where used: a script that only renders loads neither
    from vnadmin_docs.pdf import ConversionOptions
    from vnadmin_docs.registry import Entry, Register

__all__ = [
    "RenderedDocument",
    "appendix_blocks",
    "example_path",
    "list_templates",
    "load_data",
    "prepare",
    "render",
]

MAX_DATA_CHARS = 10_000_000
"""A single document's data file: a long decision with its appendices is ~300,000."""


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered document. ``page_model`` is what the writer receives; ``to_bytes()``
    and ``save()`` produce the .docx, ``to_pdf()`` the PDF."""

    template: TemplateSpec
    document: Document
    page_model: PageModel
    entry: Entry | None = None
    """The number-book entry when the document was numbered from a register."""

    def to_bytes(self) -> bytes:
        """The .docx file as bytes."""
        return write_docx(self.page_model)

    def save(self, path: str | Path) -> Path:
        """Write the .docx atomically (temporary file, then rename) and return its path."""
        return atomic_write_bytes(path, self.to_bytes())

    def to_pdf(self, path: str | Path, options: ConversionOptions | None = None) -> Path:
        """Write the document as PDF through LibreOffice (atomically) and return its path.

        Raises :class:`ConversionError` naming ``path`` when the conversion fails, or saying
        how to install LibreOffice when it is missing.
        """
        from vnadmin_docs.pdf import convert_files

        target = Path(path)
        with tempfile.TemporaryDirectory(prefix="vnadmin-docx-") as tmp:
            docx = self.save(Path(tmp) / f"{target.stem or 'van-ban'}.docx")
            [pdf] = convert_files([(docx, target)], options, name_by_target=True)
        return pdf


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _issue_day(raw: Mapping[str, Any]) -> dt.date | None:
    try:
        return IssueDate.model_validate(raw.get("date")).date
    except Exception:  # the full validation reports it properly later
        return None


def _layout_problems(raw: Mapping[str, Any], spec: TemplateSpec) -> list[FieldProblem]:
    """What the layout needs beyond the model, judged on the raw data so these problems are
    reported together with the model's own."""
    problems: list[FieldProblem] = []
    if spec.layout == "cong-van":
        subject = raw.get("subject")
        if not (isinstance(subject, str) and subject.strip()):
            problems.append(
                FieldProblem(
                    "subject",
                    "công văn cần trích yếu, in sau “V/v” (R-CV-1)",
                    "a công văn needs a summary printed after 'V/v' (R-CV-1)",
                    label="Trích yếu",
                )
            )
        if not raw.get("addressees"):
            problems.append(
                FieldProblem(
                    "addressees",
                    "công văn cần ít nhất một nơi “Kính gửi” (R-KG-1)",
                    "a công văn needs at least one addressee (R-KG-1)",
                    label="Kính gửi",
                )
            )
    return problems


def prepare(
    template: str | TemplateSpec,
    data: Mapping[str, Any] | Document,
    *,
    library: TemplateLibrary | None = None,
    source: str | None = None,
) -> tuple[TemplateSpec, Document, dict[str, Any]]:
    """Pick the template, validate the data against the model and the template's declared
    fields, and return both plus the converted content. All problems are reported at once
    in one :class:`DataError`."""
    library = library or TemplateLibrary()
    # Only the fields the caller set: a Document's unset ``subject`` (None) must not hide
    # the template's default, just as a dict without the key does not.
    raw: Mapping[str, Any] = (data.model_dump(exclude_unset=True)
                              if isinstance(data, Document) else data)
    if isinstance(template, TemplateSpec):
        spec = template
    else:
        spec = library.get(template, on=_issue_day(raw) if isinstance(raw, Mapping) else None)
    if not isinstance(raw, Mapping):
        raise DataError(
            [
                FieldProblem(
                    "(gốc)",
                    "dữ liệu phải là một ánh xạ (YAML/JSON object)",
                    "the data must be a mapping",
                )
            ],
            source,
        )
    merged = _deep_merge(spec.defaults, raw)
    problems: list[FieldProblem] = []
    doc: Document | None = None
    try:
        doc = parse_document(merged, source=source)
    except DataError as exc:
        problems.extend(exc.problems)
    content_raw = merged.get("content") or {}
    content: dict[str, Any] = {}
    if isinstance(content_raw, Mapping):
        content, content_problems = coerce_content(spec.fields, dict(content_raw))
        problems.extend(p for p in content_problems if p.path not in {q.path for q in problems})
    known = {p.path for p in problems}
    problems.extend(p for p in _layout_problems(merged, spec) if p.path not in known)
    if problems or doc is None:
        raise DataError(problems, source)
    return spec, doc, content


def render(
    template: str | TemplateSpec,
    data: Mapping[str, Any] | Document,
    *,
    template_dirs: Sequence[str | Path] = (),
    profile: str | Path | None = None,
    source: str | None = None,
    register: Register | None = None,
    series: str = "thuong",
) -> RenderedDocument:
    """Render one document from a template id (or alias, or ``.md`` path) and its data.

    With ``register`` the document is numbered as it is issued: once the data and the
    template have rendered cleanly, the next number of the issuer's ``series`` for the
    document's date (today when the date is blank) is taken from the book, the Số line and
    date are filled, and the book entry is on ``RenderedDocument.entry`` (record the saved
    file with ``register.attach_output(doc.entry, path)``).

    Raises :class:`DataError` listing every problem with its field path,
    :class:`TemplateError` naming the template line, :class:`LayoutError` when Decree 30
    cannot be honoured.
    """
    library = TemplateLibrary(template_dirs)
    spec, doc, content = prepare(template, data, library=library, source=source)
    figs = figures(profile)
    rendered = _render_prepared(spec, doc, content, library, figs, source)
    if register is None:
        return rendered
    # The dry run above checked everything but the number: a bad document takes no number.
    from vnadmin_docs.registry.issue import number_document

    numbered, entry = number_document(
        register,
        doc,
        symbol=document_symbol(doc, spec.layout, figs, spec.type_name),
        type_name=spec.type_name,
        layout=spec.layout,
        title=spec.title,
        series=series,
    )
    try:
        rendered = _render_prepared(spec, numbered, content, library, figs, source)
    except Exception as exc:
        register.cancel(entry, f"Không tạo được văn bản sau khi cấp số: {exc}")
        raise
    return replace(rendered, entry=entry)


def _render_prepared(
    spec: TemplateSpec,
    doc: Document,
    content: dict[str, Any],
    library: TemplateLibrary,
    figs: Figures,
    source: str | None,
) -> RenderedDocument:
    context = {
        **content,
        "doc": doc,
        "issuer": doc.issuer,
        "signer": doc.signer,
        "number": doc.number,
        "date": doc.date,
        "subject": doc.subject,
    }
    blocks = render_blocks(spec, context, library)
    page = compose(
        doc,
        blocks,
        figs,
        layout=spec.layout,
        type_name=spec.type_name,
        title=spec.title,
        appendix_blocks=appendix_blocks(doc, source),
    )
    return RenderedDocument(spec, doc, page)


def appendix_blocks(doc: Document, source: str | None = None) -> tuple[tuple[Block, ...], ...]:
    """Each appendix body (markup written in the data) parsed into blocks; every markup
    mistake is reported at once with its field path ``appendices.<n>.body``."""
    out: list[tuple[Block, ...]] = []
    problems: list[FieldProblem] = []
    for i, appendix in enumerate(doc.appendices):
        try:
            out.append(parse_markup(appendix.body))
        except ValueError as exc:
            vi, _, en = str(exc).partition("|")
            problems.append(FieldProblem(f"appendices.{i}.body", vi, en or vi))
    if problems:
        raise DataError(problems, source)
    return tuple(out)


def load_data(path: str | Path) -> dict[str, Any]:
    """Read one document's data from a YAML or JSON file (UTF-8, with or without BOM), under
    the limits of :mod:`vnadmin_docs.model.loading` (depth, size, aliases, repeated keys)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(
            [FieldProblem(str(p), "không tìm thấy tệp dữ liệu", "data file not found")]
        ) from None
    except UnicodeDecodeError:
        raise DataError(
            [FieldProblem(str(p), "tệp dữ liệu phải ở mã UTF-8", "the data file must be UTF-8")]
        ) from None
    try:
        data = load_structured(text, "json" if p.suffix.lower() == ".json" else "yaml",
                               max_chars=MAX_DATA_CHARS)
    except StructureError as exc:
        where = f"{p}:{exc.line}" if exc.line else str(p)
        raise DataError([FieldProblem(where, exc.message, exc.message_en)]) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            [
                FieldProblem(
                    f"{p}:{exc.lineno}", f"JSON sai cú pháp: {exc.msg}", f"bad JSON: {exc.msg}"
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark is not None else str(p)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(
            [FieldProblem(where, f"YAML sai cú pháp: {problem}", f"bad YAML: {problem}")]
        ) from None
    if not isinstance(data, dict):
        raise DataError(
            [
                FieldProblem(
                    str(p),
                    "tệp phải chứa một ánh xạ (các cặp khóa: giá trị)",
                    "the file must hold a mapping",
                )
            ]
        )
    return data


def list_templates(template_dirs: Sequence[str | Path] = ()) -> list[TemplateSpec]:
    """Every template visible from ``template_dirs`` plus the built-in ones."""
    return TemplateLibrary(template_dirs).all()


def example_path(name: str) -> Path:
    """Path of a bundled example data file (in a source checkout)."""
    return Path(__file__).resolve().parents[1] / "examples" / name
