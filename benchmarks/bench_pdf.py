"""PDF throughput: N letters .docx → PDF with 1 and 2 soffice processes vs one call per file.

Everything is measured in the same run on the same files, so the ratios hold even on a noisy
machine. The per-file baseline (one ``soffice`` call per letter, the way most scripts do it)
costs ~0.8 s a letter, so it runs on a sample (``--per-file-sample``) and is reported as a
rate.

Letters come from the built-in apology-letter template with its example data when the
library can render it (``vnadmin_docs.api``), else from a generic one-page letter built with
python-docx (``--source generic`` forces that).

Run:  .venv/bin/python benchmarks/bench_pdf.py --letters 1000
Writes the "PDF" section of benchmarks/RESULTS.md (other sections are left alone).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Mm, Pt

from vnadmin_docs.pdf import ConversionOptions, convert_to_pdf, find_soffice

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- bench_pdf:start -->", "<!-- bench_pdf:end -->"

_GENERIC_BODY = (
    "Ngày {day:02d} tháng 3 năm 2024, Bộ phận Tiếp nhận và Trả kết quả của Ủy ban nhân dân "
    "xã Hòa Phú đã tiếp nhận hồ sơ của ông/bà Nguyễn Văn Ánh {i}. Do cần xác minh thêm, hồ sơ "
    "chưa giải quyết được đúng hẹn. Ủy ban nhân dân xã Hòa Phú thành thật xin lỗi ông/bà và "
    "hẹn trả kết quả vào ngày {day:02d} tháng 4 năm 2024."
)


def _generic_letter(path: Path, i: int) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    head = document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    head.runs[0].bold = True
    document.add_paragraph("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ").runs[0].bold = True
    for k in range(4):
        document.add_paragraph(_GENERIC_BODY.format(i=i, day=1 + (i + k) % 28))
    document.add_paragraph("CHỦ TỊCH").runs[0].bold = True
    document.add_paragraph("Trần Thị Bình")
    document.save(str(path))


def _api_letter_writer() -> tuple[str, Callable[[Path, int], None]] | None:
    """Render letters through the library: the built-in apology letter when there is one,
    else the built-in công văn with a one-page body naming a different citizen each time."""
    try:
        import vnadmin_docs
    except ImportError:
        return None
    specs = {s.id: s for s in vnadmin_docs.list_templates() if s.builtin}
    apology = sorted(i for i in specs if "xin-loi" in i)
    template = apology[0] if apology else "cong-van" if "cong-van" in specs else None
    if template is None:
        return None
    examples = sorted((HERE.parent / "examples" / template).glob("*.yaml"))
    if not examples:
        return None
    base = vnadmin_docs.load_data(examples[0])
    if apology:

        def write(path: Path, i: int) -> None:
            vnadmin_docs.render(template, base).save(path)

        return f"built-in template `{template}` with its example data", write

    def write_cong_van(path: Path, i: int) -> None:
        data = dict(base)
        data["content"] = {"body": _GENERIC_BODY.format(i=i, day=1 + i % 28) + "./."}
        vnadmin_docs.render(template, data).save(path)

    return "built-in `cong-van` template, example header, one-page body per citizen", (
        write_cong_van
    )


@dataclass
class Measure:
    label: str
    letters: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.letters / self.seconds if self.seconds else float("inf")


def _make_letters(folder: Path, count: int, write: Callable[[Path, int], None]) -> Measure:
    folder.mkdir(parents=True)
    start = time.perf_counter()
    for i in range(count):
        write(folder / f"thu-{i:05d}.docx", i)
    return Measure("DOCX step", count, time.perf_counter() - start)


def _batch(letters: list[Path], out: Path, soffice: Path, processes: int) -> Measure:
    start = time.perf_counter()
    pdfs = convert_to_pdf(letters, out, ConversionOptions(soffice=soffice, processes=processes))
    seconds = time.perf_counter() - start
    assert len(pdfs) == len(letters) == len(list(out.iterdir()))
    return Measure(f"vnadmin-docs, {processes} process(es)", len(letters), seconds)


def _per_file(letters: list[Path], out: Path, soffice: Path) -> Measure:
    """The naive way: one soffice call per letter (one profile, one process at a time)."""
    profile = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    out.mkdir(parents=True)
    start = time.perf_counter()
    for letter in letters:
        subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(letter),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    seconds = time.perf_counter() - start
    shutil.rmtree(profile, ignore_errors=True)
    assert len(list(out.iterdir())) == len(letters)
    return Measure("one soffice call per file", len(letters), seconds)


def _write_results(section: str) -> None:
    block = f"{START}\n{section.rstrip()}\n{END}\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + block + ("\n" + after if after else "")
    else:
        text = text.rstrip() + "\n\n" + block
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--per-file-sample", type=int, default=30)
    parser.add_argument("--source", choices=["auto", "generic", "api"], default="auto")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args(argv)

    soffice = find_soffice()
    writer = None if args.source == "generic" else _api_letter_writer()
    if writer is None and args.source == "api":
        parser.error("the library cannot render the apology letter yet")
    source, write = writer or ("generic one-page letter built with python-docx", _generic_letter)

    work = HERE / "_work" / "pdf"
    shutil.rmtree(work, ignore_errors=True)
    docx_step = _make_letters(work / "docx", args.letters, write)
    letters = sorted((work / "docx").iterdir())
    one = _batch(letters, work / "pdf-1", soffice, 1)
    two = _batch(letters, work / "pdf-2", soffice, 2)
    sample = letters[: args.per_file_sample]
    naive = _per_file(sample, work / "pdf-per-file", soffice)
    shutil.rmtree(work, ignore_errors=True)

    version = subprocess.run(
        [str(soffice), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    with_docx = Measure(
        "2 processes including the DOCX step", args.letters, docx_step.seconds + two.seconds
    )
    rows = [docx_step, one, two, with_docx, naive]
    command = (
        f".venv/bin/python benchmarks/bench_pdf.py --letters {args.letters} "
        f"--per-file-sample {args.per_file_sample} --source {args.source}"
    )
    lines = [
        "## PDF",
        "",
        f"Reproduce: `{command}`",
        "",
        f"- Machine: {os.cpu_count()} CPU(s), {platform.platform()}, Python "
        f"{platform.python_version()}, {version or 'LibreOffice'}",
        f"- Letters: {args.letters} × {source}; the per-file baseline runs on the first "
        f"{len(sample)} of them (same run, same files).",
        "",
        "| Conversion | Letters | Seconds | Letters/s | ms/letter |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in rows:
        lines.append(
            f"| {m.label} | {m.letters} | {m.seconds:.1f} | {m.rate:.1f} | {1000 / m.rate:.0f} |"
        )
    lines += [
        "",
        "Ratios (same run):",
        f"- 1 process vs one call per file: **{one.rate / naive.rate:.1f}×** faster",
        f"- 2 processes vs one call per file: **{two.rate / naive.rate:.1f}×** faster",
        f"- 2 processes vs 1 process: **{two.rate / one.rate:.2f}×**",
        f"- 2 processes including the DOCX step: **{with_docx.rate:.1f} letters/s** (target ≥ 20)",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        _write_results(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
