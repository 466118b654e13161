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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from vnadmin_docs._files import atomic_write_bytes
from vnadmin_docs.api_electronic import (
    attachment_placement,
    electronic_page,
    separate_appendices,
    sign,
    sign_ready,
    signature_pictures,
    verify,
)
from vnadmin_docs.blocks import Block
from vnadmin_docs.content import (
    TemplateLibrary,
    TemplateSpec,
    coerce_content,
    parse_markup,
    render_blocks,
)
from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.layout.compose import compose, compose_attached, document_symbol
from vnadmin_docs.layout.copy_block import copy_block
from vnadmin_docs.layout.electronic import (
    SignaturePictures,
)
from vnadmin_docs.layout.figures import Figures, figures
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.model import AttachedText, Document, IssueDate, parse_document
from vnadmin_docs.model.copy_order import CopyOrder
from vnadmin_docs.model.document import problems_from
from vnadmin_docs.model.loading import StructureError, load_structured
from vnadmin_docs.render_warnings import render_warnings, render_warnings_for_body
from vnadmin_docs.writer import ExtractNotFound, NotADocx, append_to_docx, write_docx
from vnadmin_docs.writer.append import last_text_width

if TYPE_CHECKING:  # imported where used: a script that only renders loads neither
    from vnadmin_docs.pdf import ConversionOptions
    from vnadmin_docs.registry import Entry, Register

__all__ = [
    "CopiedDocument",
    "RenderedAttachedText",
    "RenderedDocument",
    "appendix_blocks",
    "attachment_placement",
    "copy_document",
    "example_path",
    "list_templates",
    "load_data",
    "prepare",
    "render",
    "render_attached",
    "separate_appendices",
    "sign",
    "sign_ready",
    "verify",
]

MAX_DATA_CHARS = 10_000_000
"""A single document's data file: a long decision with its appendices is ~300,000."""


class _Output:
    """Writing a rendered page model: .docx bytes, a saved file, a PDF."""

    page_model: PageModel

    def to_bytes(self) -> bytes:
        """The .docx file as bytes."""
        return write_docx(self.page_model)

    def save(self, path: str | Path) -> Path:
        """Write the .docx atomically (temporary file, then rename) and return its path."""
        return atomic_write_bytes(path, self.to_bytes())

    def to_pdf(
        self, path: str | Path, options: ConversionOptions | None = None, *, pdf_a: bool = False
    ) -> Path:
        """Write the document as PDF through LibreOffice (atomically) and return its path;
        ``pdf_a`` makes it PDF/A-2b (fonts embedded).

        Raises :class:`ConversionError` naming ``path`` when the conversion fails, or saying
        how to install LibreOffice when it is missing.
        """
        from vnadmin_docs.pdf import ConversionOptions, convert_files

        target = Path(path)
        if pdf_a:
            options = replace(options or ConversionOptions(), pdf_a=True)
        with tempfile.TemporaryDirectory(prefix="vnadmin-docx-") as tmp:
            docx = self.save(Path(tmp) / f"{target.stem or 'van-ban'}.docx")
            [pdf] = convert_files([(docx, target)], options, name_by_target=True)
        return pdf


@dataclass(frozen=True)
class RenderedDocument(_Output):
    """One rendered document. ``page_model`` is what the writer receives; ``to_bytes()``
    and ``save()`` produce the .docx, ``to_pdf()`` the PDF."""

    template: TemplateSpec
    document: Document
    page_model: PageModel
    entry: Entry | None = None
    """The number-book entry when the document was numbered from a register."""
    warnings: tuple[FieldProblem, ...] = ()
    """What was produced but is probably not meant (an ALL-CAPS summary, an "Điều N." line
    that is neither a title nor a sentence; an image not blue/red, not transparent, images
    on a paper original…), each naming its field and the fix."""
    electronic: bool = False
    """Rendered as an electronic document (issue 16): images, blank "(Kèm theo …)"."""
    pictures: SignaturePictures | None = None
    """The signature and seal images anchored in ô 7c / ô 8, when any were given."""
    figures: Figures | None = field(default=None, compare=False, repr=False)
    """The Decree 30 figures (with the profile) the document was laid out with."""


@dataclass(frozen=True)
class RenderedAttachedText(_Output):
    """A text issued with a decision rendered on its own (Mẫu 1.3)."""

    text: AttachedText
    page_model: PageModel
    warnings: tuple[FieldProblem, ...] = ()


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
    raw: Mapping[str, Any] = (
        data.model_dump(exclude_unset=True) if isinstance(data, Document) else data
    )
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
    electronic: bool = False,
    data_dir: str | Path | None = None,
) -> RenderedDocument:
    """Render one document from a template id (or alias, or ``.md`` path) and its data.

    With ``register`` the document is numbered as it is issued: once the data and the
    template have rendered cleanly, the next number of the issuer's ``series`` for the
    document's date (today when the date is blank) is taken from the book, the Số line and
    date are filled, and the book entry is on ``RenderedDocument.entry`` (record the saved
    file with ``register.attach_output(doc.entry, path)``).

    With ``electronic`` the document is the electronic variant of its form (issue 16):
    the signature and seal PNGs of ``data["images"]`` (paths relative to ``data_dir``, by
    default the current folder) or of the profile's ``[electronic]`` table are anchored
    at ô 7c / ô 8, and the "(Kèm theo …)" number and date of appendices are left blank.
    Colour and transparency problems of the images are on ``RenderedDocument.warnings``.

    Raises :class:`DataError` listing every problem with its field path,
    :class:`TemplateError` naming the template line, :class:`LayoutError` when Decree 30
    cannot be honoured.
    """
    library = TemplateLibrary(template_dirs)
    spec, doc, content = prepare(template, data, library=library, source=source)
    figs = figures(profile)
    pictures, warnings = signature_pictures(doc, figs, data_dir, profile, electronic)

    def finish(r: RenderedDocument) -> RenderedDocument:
        r = replace(
            r,
            electronic=electronic,
            pictures=pictures,
            warnings=r.warnings + warnings,
            figures=figs,
        )
        return electronic_page(r, figs)

    rendered = finish(_render_prepared(spec, doc, content, library, figs, source))
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
        rendered = finish(_render_prepared(spec, numbered, content, library, figs, source))
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
    extra = appendix_blocks(doc, source)
    page = compose(
        doc,
        blocks,
        figs,
        layout=spec.layout,
        type_name=spec.type_name,
        title=spec.title,
        appendix_blocks=extra,
    )
    markup_fields = [f.name for f in spec.fields if f.type == "markup"]
    body_field = f"content.{markup_fields[0]}" if len(markup_fields) == 1 else "content"
    warnings = render_warnings(doc, blocks, extra, figs, body_field=body_field)
    return RenderedDocument(spec, doc, page, warnings=warnings)


@dataclass(frozen=True)
class CopiedDocument(_Output):
    """A bản sao: the original with the copy block after its last line (R-BS-2). Its
    bytes are the copied package itself; ``save`` and ``to_pdf`` are :class:`_Output`'s."""

    order: CopyOrder
    data: bytes

    def to_bytes(self) -> bytes:
        return self.data


def copy_document(
    original: str | Path | bytes,
    order: Mapping[str, Any] | CopyOrder,
    *,
    profile: str | Path | None = None,
    source: str | None = None,
) -> CopiedDocument:
    """Make a bản sao (SAO Y, SAO LỤC or TRÍCH SAO) of ``original`` — a .docx this library
    produced or any other — by adding the copy block after its last line under a full-width
    rule (Phụ lục I Phần II; R-BS-1..3, R-POS-6). ``order`` holds ``kind``, the copying
    ``issuer``, the copy's own ``number``, ``date``, ``signer``, ``recipients`` and, for a
    trích sao, ``extract`` (the runs of paragraphs kept).

    Raises :class:`DataError` naming the field or the file.
    """
    where = source or (str(original) if not isinstance(original, bytes) else None)
    if isinstance(order, CopyOrder):
        copy = order
    else:
        if not isinstance(order, Mapping):
            raise DataError(
                [FieldProblem("(gốc)", "dữ liệu phải là một ánh xạ", "the data must be a mapping")],
                where,
            )
        try:
            copy = CopyOrder.model_validate(dict(order))
        except ValidationError as exc:
            raise DataError(problems_from(exc), where) from None
    if isinstance(original, bytes):
        raw, name = original, "(bản gốc)"
    else:
        name = str(original)
        try:
            raw = Path(original).read_bytes()
        except OSError as exc:
            raise DataError(
                [
                    FieldProblem(
                        name,
                        f"không đọc được bản gốc: {exc.strerror or exc}",
                        f"cannot read the original: {exc.strerror or exc}",
                    )
                ]
            ) from None
    figs = figures(profile)
    try:
        text_w = last_text_width(raw) or figs.page_setup().text_width
        items = copy_block(copy, figs, text_w)
        ranges = [(r.start, r.end) for r in copy.extract]
        data = append_to_docx(raw, items, font=figs.font, color=figs.color, extract=ranges)
    except NotADocx:
        raise DataError(
            [
                FieldProblem(
                    name,
                    "bản gốc không phải tệp .docx đọc được (Word 2007 trở lên)",
                    "the original is not a readable .docx file",
                )
            ]
        ) from None
    except ExtractNotFound as exc:
        index = next((i for i, r in enumerate(copy.extract) if exc.args[0] in (r.start, r.end)), 0)
        raise DataError(
            [
                FieldProblem(
                    f"extract.{index}",
                    f"không có đoạn nào của bản gốc bắt đầu bằng “{exc.args[0]}”",
                    f"no paragraph of the original starts with '{exc.args[0]}'",
                )
            ],
            where,
        ) from None
    return CopiedDocument(copy, data)


ATTACHED_TEMPLATE = "van-ban-kem-theo"
"""The id ``render`` / ``vnadmin-docs render`` accept for :func:`render_attached`."""


def render_attached(
    data: Mapping[str, Any] | AttachedText,
    *,
    profile: str | Path | None = None,
    source: str | None = None,
) -> RenderedAttachedText:
    """Render a text issued with a decision (Quy chế, Quy định …, Mẫu 1.3) on its own,
    from the parent decision given as data::

        issuer: {...}
        parent: {number: 45, date: 2024-04-05, issued_by: Chủ tịch Ủy ban nhân dân tỉnh}
        type_name: Quy chế
        title: Làm việc của …
        body: |
          @chuong I Quy định chung
          @dieu 1 Phạm vi điều chỉnh

    Raises :class:`DataError` naming every bad field (``parent.issued_by``, ``body`` …).
    """
    if isinstance(data, AttachedText):
        text = data
    else:
        if not isinstance(data, Mapping):
            raise DataError(
                [FieldProblem("(gốc)", "dữ liệu phải là một ánh xạ", "the data must be a mapping")],
                source,
            )
        try:
            text = AttachedText.model_validate(dict(data))
        except ValidationError as exc:
            raise DataError(problems_from(exc), source) from None
    try:
        blocks = parse_markup(text.body)
    except ValueError as exc:
        vi, _, en = str(exc).partition("|")
        raise DataError([FieldProblem("body", vi, en or vi)], source) from None
    figs = figures(profile)
    page = compose_attached(text, blocks, figs)
    warnings = render_warnings_for_body(blocks, figs, "body")
    return RenderedAttachedText(text, page, warnings)


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
