"""Render every built-in template's example to PDF and page 1 to docs/gallery/<template>.png.

Needs LibreOffice (soffice) and poppler's pdftoppm. The examples are the first
``examples/<template>/*.yaml`` (or ``.json``) file of each template. Two more images: a text
issued with a decision printed alone (``van-ban-kem-theo.png``, page 1) and a sao y of the
example công văn (``ban-sao.png``, the page with the copy block).

Run:  .venv/bin/python scripts/gallery.py [--dpi 80]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import vnadmin_docs
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.pdf import convert_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GALLERY = ROOT / "docs" / "gallery"


def example_for(template: str) -> Path | None:
    folder = EXAMPLES / template
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.json"))
    return files[0] if files else None


def _extras(work: Path) -> list[tuple[Path, Path]]:
    """The standalone attached text and the copy: not templates, but forms all the same."""
    from vnadmin_docs import api

    alone = api.render_attached(
        vnadmin_docs.load_data(EXAMPLES / "van-ban-kem-theo/quy-che-lam-viec-2024.yaml")
    )
    original = vnadmin_docs.render(
        "cong-van", vnadmin_docs.load_data(EXAMPLES / "cong-van/sldtbxh-dak-nong-2023.yaml")
    ).to_bytes()
    copied = api.copy_document(
        original, vnadmin_docs.load_data(EXAMPLES / "ban-sao/sao-y-cong-van-2023.yaml")
    )
    return [
        (alone.save(work / "van-ban-kem-theo.docx"), work / "van-ban-kem-theo.pdf"),
        (copied.save(work / "ban-sao.docx"), work / "ban-sao.pdf"),
    ]


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = [ln.split()[-1] for ln in info.stdout.splitlines() if ln.startswith("Pages:")]
    return int(pages[0]) if pages else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    parser.add_argument("--out", type=Path, default=GALLERY)
    args = parser.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print(
            "Không tìm thấy pdftoppm (gói poppler-utils): sudo apt-get install poppler-utils",
            file=sys.stderr,
        )
        return 1
    specs = [s for s in vnadmin_docs.list_templates() if s.builtin]
    args.out.mkdir(parents=True, exist_ok=True)
    missing: list[str] = []
    with tempfile.TemporaryDirectory(prefix="vnadmin-gallery-") as tmp:
        work = Path(tmp)
        pairs: list[tuple[Path, Path]] = []
        for spec in specs:
            example = example_for(spec.id)
            if example is None:
                missing.append(spec.id)
                continue
            try:
                doc = vnadmin_docs.render(spec.id, vnadmin_docs.load_data(example))
            except VnAdminError as exc:
                print(f"{spec.id}: {exc.message}", file=sys.stderr)
                return 1
            pairs.append((doc.save(work / f"{spec.id}.docx"), work / f"{spec.id}.pdf"))
        pairs.extend(_extras(work))
        try:
            pdfs = convert_files(pairs)
        except VnAdminError as exc:
            print(exc.message, file=sys.stderr)
            return 1
        for pdf in pdfs:
            stem = work / pdf.stem
            page = _page_count(pdf) if pdf.stem == "ban-sao" else 1
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    str(args.dpi),
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
            target = args.out / f"{pdf.stem}.png"
            shutil.move(str(stem.with_suffix(".png")), target)
            print(f"Đã tạo {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    for template in missing:
        print(f"Mẫu {template} chưa có dữ liệu ví dụ trong examples/{template}/", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
