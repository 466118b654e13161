"""``vnadmin-docs check FILE.pdf``: an electronic document as Decree 30 defines it.

Reported: the PDF version and PDF/A claim, embedded fonts, the signature fields and their
roles (with pyHanko: who signed, intact or not), the images of ô 7c / ô 8 (where, what
colour, whether the seal covers about the left third of the signature), and the text of
the agency's signature on a separate attachment (number/symbol, ISO 8601 time, 10 pt).
Fields are recognised by the names vnadmin-docs gives them (``ChuKySo_*``).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from vnadmin_docs.check.pdf_meta import fonts_of, pdfa_claim
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.layout.figures import figures
from vnadmin_docs.layout.pictures import ink_of

__all__ = ["PdfFinding", "PdfReport", "check_pdf"]

Level = Literal["error", "warning", "info"]
_FIELDS = {
    "ChuKySo_NguoiKy": "signer",
    "ChuKySo_CoQuan": "agency",
    "ChuKySo_CoQuan_TepDinhKem": "attachment",
    "SoVanBan": "issue",
    "NgayBanHanh": "issue",
}
_ISO_VN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")


@dataclass(frozen=True)
class PdfFinding:
    rule: str
    level: Level
    message: str
    message_en: str


@dataclass
class PdfReport:
    path: str
    version: str = ""
    pdfa: str | None = None
    fonts: list[dict[str, Any]] = field(default_factory=list)
    fields: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    findings: list[PdfFinding] = field(default_factory=list)

    def add(self, rule: str, level: Level, vi: str, en: str) -> None:
        self.findings.append(PdfFinding(rule, level, vi, en))

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def to_text(self, lang: str = "vi") -> str:
        en = lang.startswith("en")
        lines = [
            f"{self.path}: PDF {self.version}, "
            + (f"PDF/A-{self.pdfa}" if self.pdfa else ("no PDF/A" if en else "không PDF/A"))
        ]
        for f in self.fields:
            where = f"p. {f['page']} {[round(v, 1) for v in f['rect']]}"
            if f["role"] == "issue":
                state = f.get("value") or ("not filled" if en else "chưa điền")
            else:
                state = f.get("signer") or ("empty" if en else "chưa ký")
            lines.append(f"  {f['name']} ({f['role']}) {where}: {state}")
            if "ink" in f:
                lines.append(f"    ink={f['ink']} transparent={f['transparent']:.0%}")
            if f.get("text"):
                lines.append("    " + " | ".join(f["text"]))
        for im in self.images:
            where = f"p. {im['page']} {[round(v, 1) for v in im['rect']]}"
            lines.append(f"  image {where}: ink={im['ink']} transparent={im['transparent']:.0%}")
        for finding in self.findings:
            text = finding.message_en if en else finding.message
            lines.append(f"  [{finding.level}] {finding.rule}: {text}")
        return "\n".join(lines)


def _widgets(reader: Any) -> list[tuple[int, Any]]:
    out = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Widget" and (a.get("/FT") == "/Sig" or "/T" in a):
                out.append((number, a))
    return out


def _images_in_form(form: Any, depth: int = 0) -> list[Any]:
    found: list[Any] = []
    if depth > 6:
        return found
    for xobj in ((form.get("/Resources") or {}).get("/XObject") or {}).values():
        x = xobj.get_object()
        if x.get("/Subtype") == "/Image":
            found.append(x)
        elif x.get("/Subtype") == "/Form":
            found.extend(_images_in_form(x, depth + 1))
    return found


def _appearance_ink(widget: Any, table: Any) -> tuple[str, float] | None:
    ap = (widget.get("/AP") or {}).get("/N")
    if ap is None:
        return None
    images = _images_in_form(ap.get_object())
    if not images:
        return None
    try:
        pil = images[0].decode_as_image()
        smask = images[0].get("/SMask")
        if smask is not None and pil.mode != "RGBA":
            alpha = smask.get_object().decode_as_image().convert("L").resize(pil.size)
            pil = pil.convert("RGBA")
            pil.putalpha(alpha)
    except Exception:
        return None
    return ink_of(pil, table["blue_hue"], table["red_hue"])


def _stamp_text(widget: Any) -> tuple[list[str], list[float]]:
    ap = (widget.get("/AP") or {}).get("/N")
    if ap is None:
        return [], []
    data = ap.get_object().get_data().decode("latin-1")
    sizes = [float(s) for s in re.findall(r"/F\w*\s+([\d.]+)\s+Tf", data)]
    lines: list[str] = []
    for raw in re.findall(r"/ActualText\s*\(((?:\\.|[^\\)])*)\)", data):
        text = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), raw)
        text = re.sub(r"\\(.)", r"\1", text)
        b = text.encode("latin-1")
        lines.append(b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else text)
    return lines, sizes


def _page_images(path: Path, reader: Any, report: PdfReport, table: Any) -> None:
    """Images drawn in the page content (an ``--electronic`` PDF before signing): where
    they are and their ink; a blue one and a red one on a page are taken for ô 7c / ô 8."""
    import pdfplumber

    with pdfplumber.open(str(path)) as doc:
        for number, (page, plumb) in enumerate(zip(reader.pages, doc.pages, strict=True), 1):
            if not plumb.images:
                continue
            try:
                decoded = {Path(i.name).stem: i.image for i in page.images}
            except Exception:
                decoded = {}
            height = float(plumb.height)
            found: dict[str, list[float]] = {}
            for im in plumb.images:
                pil = decoded.get(str(im.get("name", "")))
                if pil is None:
                    continue
                ink, transparent = ink_of(pil, table["blue_hue"], table["red_hue"])
                rect = [
                    float(im["x0"]),
                    height - float(im["bottom"]),
                    float(im["x1"]),
                    height - float(im["top"]),
                ]
                report.images.append(
                    {"page": number, "rect": rect, "ink": ink, "transparent": round(transparent, 2)}
                )
                found.setdefault(ink, rect)
            if "blue" in found and "red" in found:
                sig, seal = found["blue"], found["red"]
                covered = (seal[2] - sig[0]) / max(1e-6, sig[2] - sig[0])
                if not 0.2 <= covered <= 0.45:
                    report.add(
                        "R-DAU-3",
                        "warning",
                        f"trang {number}: ảnh con dấu trùm {covered:.0%} chiều rộng chữ "
                        "ký, cần khoảng 1/3 bên trái",
                        f"page {number}: the seal covers {covered:.0%} of the signature",
                    )


def _signatures(path: Path, report: PdfReport) -> None:
    try:
        from vnadmin_docs.sign import require_pyhanko
        from vnadmin_docs.sign.verify import verify_pdf

        require_pyhanko()
    except VnAdminError:
        report.add(
            "R-DT-1",
            "info",
            "chưa cài vnadmin-docs[sign]: không kiểm tra chữ ký số",
            "vnadmin-docs[sign] not installed: signatures not verified",
        )
        return
    by_name = {f["name"]: f for f in report.fields}
    for sig in verify_pdf(path):
        f = by_name.get(sig.field_name)
        if f is not None:
            f["signer"] = sig.signer
            f["signing_time"] = sig.signing_time
            f["intact"] = sig.intact
        if not sig.intact:
            report.add(
                "R-DT-1",
                "error",
                f"chữ ký {sig.field_name}: dữ liệu đã bị thay đổi",
                f"signature {sig.field_name}: the signed data was changed",
            )


def check_pdf(path: str | Path) -> PdfReport:
    """Check one PDF; an unreadable file is a :class:`VnAdminError`."""
    from pypdf import PdfReader

    p = Path(path)
    try:
        reader = PdfReader(io.BytesIO(p.read_bytes()))
        version = reader.pdf_header.lstrip("%PDF-")
    except Exception as exc:
        raise VnAdminError(
            f"Không đọc được tệp PDF {p}: {exc}.", f"Cannot read the PDF {p}: {exc}."
        ) from None
    report = PdfReport(str(p), version)
    claim = pdfa_claim(reader)
    report.pdfa = f"{claim[0]}{claim[1].lower()}" if claim else None
    if claim is None:
        report.add(
            "R-DT-1",
            "warning",
            "không khai báo PDF/A (lưu trữ nên dùng PDF/A-2b)",
            "no PDF/A claim (archives should use PDF/A-2b)",
        )
    elif claim[0] == "1":
        report.add(
            "R-DT-2",
            "warning",
            "PDF/A-1 không cho phép ảnh trong suốt (dùng PDF/A-2b)",
            "PDF/A-1 forbids transparent images (use PDF/A-2b)",
        )
    fonts = fonts_of(reader)
    report.fonts = [asdict(f) for f in fonts]
    for f in fonts:
        if not f.embedded:
            report.add(
                "R-FONT-1",
                "error",
                f"phông {f.name} không được nhúng",
                f"font {f.name} is not embedded",
            )
    table = figures().data["electronic"]
    rects: dict[str, list[float]] = {}
    for page, w in _widgets(reader):
        name = str(w.get("/T", ""))
        role = _FIELDS.get(name, "?")
        rect = [float(v) for v in w["/Rect"]]
        rects[role] = rect
        entry: dict[str, Any] = {"name": name, "role": role, "page": page, "rect": rect}
        report.fields.append(entry)
        if role == "issue" and w.get("/V"):
            entry["value"] = str(w["/V"])
        if role in ("signer", "agency"):
            ink = _appearance_ink(w, table)
            want, rule = ("blue", "R-KY-7") if role == "signer" else ("red", "R-DAU-3")
            if ink is not None:
                entry["ink"], entry["transparent"] = ink[0], round(ink[1], 2)
                if ink[0] != want:
                    report.add(
                        rule,
                        "error",
                        f"ảnh {name} màu {ink[0]}, cần {want}",
                        f"image of {name} is {ink[0]}, needs {want}",
                    )
        if role == "attachment":
            lines, sizes = _stamp_text(w)
            entry["text"] = lines
            if not any(_ISO_VN.search(line) for line in lines):
                report.add(
                    "R-DAU-4",
                    "error",
                    "thiếu thời gian ký dạng ISO 8601 giờ Việt Nam",
                    "no ISO 8601 Vietnam-time signing time",
                )
            if sizes and any(abs(s - 10) > 0.01 for s in sizes):
                report.add(
                    "R-DAU-4",
                    "error",
                    f"cỡ chữ {sizes[0]:g} pt, cần 10 pt",
                    f"text size {sizes[0]:g} pt, needs 10 pt",
                )
            if page != 1 or rect[0] < float(reader.pages[0].mediabox.width) / 2:
                report.add(
                    "R-DAU-4",
                    "error",
                    "chữ ký của cơ quan phải ở góc phải trên trang 1",
                    "the agency's signature must be at the top right of page 1",
                )
    if "signer" in rects and "agency" in rects:
        s, a = rects["signer"], rects["agency"]
        covered = (a[2] - s[0]) / max(1e-6, s[2] - s[0])
        if not 0.2 <= covered <= 0.45:
            report.add(
                "R-DAU-3",
                "warning",
                f"ảnh con dấu trùm {covered:.0%} chiều rộng chữ ký, cần khoảng 1/3 bên trái",
                f"the seal covers {covered:.0%} of the signature, about 1/3 expected",
            )
    _page_images(p, reader, report, table)
    _signatures(p, report)
    return report
