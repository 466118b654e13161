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
from vnadmin_docs.blocks import Block
from vnadmin_docs.content import (
    TemplateLibrary,
    TemplateSpec,
    coerce_content,
    parse_markup,
    render_blocks,
)
from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.layout.compose import compose, compose_attached, document_symbol, kind_name
from vnadmin_docs.layout.copy_block import copy_block
from vnadmin_docs.layout.electronic import (
    SignaturePictures,
    blank_attached_lines,
    place_images,
)
from vnadmin_docs.layout.figures import Figures, figures
from vnadmin_docs.layout.page_model import FloatingImage, Grid, PageModel, Para
from vnadmin_docs.layout.pictures import Picture, load_picture, picture_problems
from vnadmin_docs.model import AttachedText, Document, IssueDate, parse_document
from vnadmin_docs.model.copy_order import CopyOrder
from vnadmin_docs.model.document import problems_from
from vnadmin_docs.model.loading import StructureError, load_structured
from vnadmin_docs.render_warnings import render_warnings, render_warnings_for_body
from vnadmin_docs.units import Mm
from vnadmin_docs.writer import ExtractNotFound, NotADocx, append_to_docx, write_docx
from vnadmin_docs.writer.append import last_text_width

if TYPE_CHECKING:  # imported where used: a script that only renders loads neither
    from vnadmin_docs.pdf import ConversionOptions
    from vnadmin_docs.registry import Entry, Register
    from vnadmin_docs.sign.keys import SigningKey
    from vnadmin_docs.sign.placement import Placement
    from vnadmin_docs.sign.verify import SignatureReport

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
    pictures, warnings = _pictures(doc, figs, data_dir, profile, electronic)

    def finish(r: RenderedDocument) -> RenderedDocument:
        r = replace(
            r,
            electronic=electronic,
            pictures=pictures,
            warnings=r.warnings + warnings,
            figures=figs,
        )
        return _electronic_page(r, figs)

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


def _pictures(
    doc: Document,
    figs: Figures,
    data_dir: str | Path | None,
    profile: str | Path | None,
    electronic: bool,
) -> tuple[SignaturePictures | None, tuple[FieldProblem, ...]]:
    """The signature and seal pictures from the data (``images``) or the profile
    (``[electronic] seal_png``/``signature_png``, relative to the profile's folder), with
    the warnings about them."""
    table: Mapping[str, Any] = figs.data.get("electronic", {})
    images = doc.images
    base = Path(data_dir) if data_dir is not None else Path.cwd()
    prof_dir = Path(profile).parent if profile is not None else Path.cwd()

    def pick(role: str) -> Picture | None:
        given = getattr(images, role) if images is not None else None
        if given:
            path = Path(given)
            return load_picture(path if path.is_absolute() else base / path, f"images.{role}")
        from_profile = table.get(f"{role}_png")
        if from_profile:
            path = Path(str(from_profile))
            return load_picture(path if path.is_absolute() else prof_dir / path, f"{role}_png")
        return None

    signature, seal = pick("signature"), pick("seal")
    size_mm = (images.seal_size_mm if images is not None else None) or float(
        figs.value("electronic", "seal_size_mm")
    )
    if signature is None and seal is None:
        return None, ()
    warnings: list[FieldProblem] = []
    for role, picture in (("signature", signature), ("seal", seal)):
        if picture is not None:
            warnings.extend(picture_problems(picture, role, table))
    if not electronic:
        warnings.append(
            FieldProblem(
                "images",
                "ảnh chữ ký/con dấu trên văn bản giấy chỉ dùng cho bản nháp nội bộ; bản gốc "
                "giấy phải ký tay bằng mực xanh và đóng dấu đỏ (R-KY-6, R-DAU-1)",
                "signature/seal images on a paper document are for internal drafts only; a "
                "paper original needs a wet signature in blue ink and a red seal",
            )
        )
    return SignaturePictures(signature, seal, Mm(size_mm)), tuple(warnings)


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
class CopiedDocument:
    """A bản sao: the original with the copy block after its last line (R-BS-2)."""

    order: CopyOrder
    data: bytes

    def to_bytes(self) -> bytes:
        return self.data

    def save(self, path: str | Path) -> Path:
        """Write the .docx atomically (temporary file, then rename) and return its path."""
        return atomic_write_bytes(path, self.data)

    def to_pdf(self, path: str | Path, options: ConversionOptions | None = None) -> Path:
        """The copy as PDF through LibreOffice (atomically)."""
        target = Path(path)
        with tempfile.TemporaryDirectory(prefix="vnadmin-docx-") as tmp:
            docx = self.save(Path(tmp) / f"{target.stem or 'ban-sao'}.docx")
            from vnadmin_docs.pdf import convert_files

            [pdf] = convert_files([(docx, target)], options, name_by_target=True)
        return pdf


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


def _electronic_page(rendered: RenderedDocument, figs: Figures) -> RenderedDocument:
    page = rendered.page_model
    if rendered.pictures is not None:
        page = place_images(page, figs, rendered.pictures)
    if rendered.electronic:
        kind = kind_name(rendered.template.layout, rendered.template.type_name)
        page = blank_attached_lines(page, rendered.document, figs, kind)
    return replace(rendered, page_model=page)


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


# ---- Electronic documents: sign-ready PDF, signing, verifying (issue 16) -----------------

_BOX_ROLES = {"signature": "signer", "seal": "agency"}


def _anchored(page: PageModel) -> list[FloatingImage]:
    out: list[FloatingImage] = []
    for section in page.sections:
        for item in section.body:
            cells = (
                [c for row in item.rows for c in row.cells] if isinstance(item, Grid) else []
            )
            paras = [p for c in cells for p in c.paras] if cells else [item]
            for para in paras:
                if isinstance(para, Para):
                    out.extend(para.anchors)
    return out


def sign_ready(
    doc: RenderedDocument,
    path: str | Path,
    *,
    pdf_a: bool = True,
    options: ConversionOptions | None = None,
) -> tuple[Path, Path]:
    """A PDF ready for digital signing, and its placement manifest (``.json`` beside it).

    The PDF has no images drawn in: it carries an empty signature field named
    ``ChuKySo_NguoiKy`` at ô 7c and ``ChuKySo_CoQuan`` at ô 8, so any PAdES tool can sign
    into them with its own appearance. The rectangles are measured where the writer's
    anchors land in a LibreOffice conversion of the same document (with the real images, or
    plain squares of the boxes' sizes), so they are the layout's, not a second guess.
    """
    from vnadmin_docs.pdf import ConversionOptions, convert_files
    from vnadmin_docs.sign import require_pyhanko, write_manifest
    from vnadmin_docs.sign.issue_fields import locate_issue_blanks
    from vnadmin_docs.sign.measure import ExpectedBox, measure_placements
    from vnadmin_docs.sign.signing import add_signature_fields

    require_pyhanko()
    figs = doc.figures or figures()
    target = Path(path)
    pictures = doc.pictures or SignaturePictures(
        None, None, Mm(float(figs.value("electronic", "seal_size_mm")))
    )
    measured_page = place_images(doc.page_model, figs, pictures, measure=True)
    plain_page = place_images(doc.page_model, figs, SignaturePictures(None, None, Mm(1)))
    expected = [
        ExpectedBox(_BOX_ROLES[a.role], a.width.pt, a.height.pt)  # type: ignore[arg-type]
        for a in _anchored(measured_page)
    ]
    opts = replace(options or ConversionOptions(), pdf_a=pdf_a)
    with tempfile.TemporaryDirectory(prefix="vnadmin-sign-") as tmp:
        folder = Path(tmp)
        (folder / "do.docx").write_bytes(write_docx(measured_page))
        (folder / "plain.docx").write_bytes(write_docx(plain_page))
        convert_files(
            [
                (folder / "do.docx", folder / "do.pdf"),
                (folder / "plain.docx", folder / "plain.pdf"),
            ],
            opts,
        )
        placements = measure_placements(folder / "do.pdf", expected)
        number_blank = doc.document.number.number is None
        day_blank = doc.document.date.day is None
        blanks = (
            locate_issue_blanks(folder / "plain.pdf", number_blank, day_blank)
            if number_blank or day_blank
            else []
        )
        if len(placements) != len(expected):
            from vnadmin_docs.errors import LayoutError

            raise LayoutError(
                "Không tìm thấy vị trí ô chữ ký trên tệp PDF (ô 7c, ô 8).",
                "The signature boxes (7c, 8) were not found on the PDF page.",
            )
        pdf = add_signature_fields(folder / "plain.pdf", target, placements, blanks)
    manifest = write_manifest(
        target.with_suffix(".json"), pdf, placements, [b.as_json() for b in blanks]
    )
    return pdf, manifest


def attachment_placement(pdf: str | Path, profile: str | Path | None = None) -> Placement:
    """Where the agency's text signature goes on a separate attachment file: the top right
    of page 1, inside the top margin, right-aligned with the text (R-DAU-4, Mẫu 2.2)."""
    from pypdf import PdfReader

    from vnadmin_docs.sign.placement import Placement

    figs = figures(profile)
    box = PdfReader(str(pdf)).pages[0].mediabox
    width, height = float(box.width), float(box.height)
    setup = figs.page_setup()
    w = Mm(float(figs.value("electronic", "stamp_width_mm"))).pt
    h = Mm(float(figs.value("electronic", "stamp_height_mm"))).pt
    x1 = width - setup.right.pt
    y1 = height - setup.header_distance.pt
    return Placement("attachment", 1, (x1 - w, y1 - h, x1, y1))


def sign(
    source: str | Path,
    target: str | Path,
    *,
    role: str,
    key: SigningKey,
    image: str | Path | None = None,
    manifest: str | Path | None = None,
    number: str | None = None,
    tsa_url: str | None = None,
    time_format: str | None = None,
    profile: str | Path | None = None,
    issue_number: int | None = None,
    issue_date: dt.date | None = None,
) -> tuple[Path, str]:
    """Sign ``source`` as ``role`` ("signer" = ô 7c, then "agency" = ô 8, or
    "attachment" = the agency's text signature on a separate attachment file) and write
    ``target``. Returns the file and the signing time as shown.

    The rectangle is the PDF's named field (a :func:`sign_ready` PDF), else the
    ``manifest``'s, else — for an attachment — :func:`attachment_placement`. ``number``
    is the number and symbol shown on an attachment ("12/SLĐTBXH-VP"). The time format
    defaults to the decree's (``[electronic] time_format``).

    ``issue_number`` / ``issue_date``: the văn thư issues the document — the number and
    date fields of a sign-ready PDF that the leader signed blank are filled (form filling,
    which keeps the leader's signature valid), then the agency signs.
    """
    from vnadmin_docs.sign import FIELD_NAMES, read_manifest, require_pyhanko
    from vnadmin_docs.sign.placement import Placement
    from vnadmin_docs.sign.signing import SignRequest, sign_pdf

    require_pyhanko()
    figs = figures(profile)
    src = Path(source)
    if role not in FIELD_NAMES:
        raise DataError([FieldProblem("--role", f"vai trò ký không hợp lệ: {role}",
                                      f"unknown signing role: {role}")])
    placement: Placement | None = None
    if manifest is not None:
        placement = next((p for p in read_manifest(manifest) if p.role == role), None)
    if placement is None and role == "attachment":
        placement = attachment_placement(src, profile)
    if placement is None:
        # A sign-ready PDF has the field; the rectangle is not used then.
        placement = Placement(role, 1, (0.0, 0.0, 0.0, 0.0))  # type: ignore[arg-type]
    lines: tuple[str, ...] = ()
    if role == "attachment":
        lines = ((number or "Số: …"), "{time}")
    request = SignRequest(
        role=role,
        key=key,
        placement=placement,
        image=Path(image) if image is not None else None,
        stamp_lines=lines,
        time_format=time_format or str(figs.value("electronic", "time_format")),
        tsa_url=tsa_url,
    )
    size = round(float(figs.value("electronic", "stamp_size_pt")))
    if issue_number is None and issue_date is None:
        return sign_pdf(src, Path(target), request, stamp_size_pt=size)
    from vnadmin_docs.sign.issue_fields import DATE_FIELD, NUMBER_FIELD, fill_fields
    from vnadmin_docs.text.date_line import day_text, month_text
    from vnadmin_docs.text.so_line import number_text

    values: dict[str, str] = {}
    if issue_number is not None:
        values[NUMBER_FIELD] = number_text(issue_number)
    if issue_date is not None:
        values[DATE_FIELD] = (
            f"ngày {day_text(issue_date.day)} tháng {month_text(issue_date.month)} "
            f"năm {issue_date.year}"
        )
    with tempfile.TemporaryDirectory(prefix="vnadmin-issue-") as tmp:
        filled = fill_fields(src, Path(tmp) / "filled.pdf", values)
        return sign_pdf(filled, Path(target), request, stamp_size_pt=size)


def verify(
    path: str | Path, trust: Sequence[str | Path] = (), *, time_format: str | None = None
) -> list[SignatureReport]:
    """Each signature of the PDF: who, when, intact, certificate chain, changes after it."""
    from vnadmin_docs.sign import require_pyhanko
    from vnadmin_docs.sign.verify import verify_pdf

    require_pyhanko()
    fmt = time_format or str(figures().value("electronic", "time_format"))
    return verify_pdf(Path(path), [Path(t) for t in trust], time_format=fmt)
