"""PDF throughput: N letters → PDF with 1 and 2 soffice processes vs one soffice call per file.

Measured in the same run on the same letters, so the ratios hold on a noisy machine:

- per file: one ``soffice --convert-to pdf`` call per letter, the way most scripts do it
  (~0.8 s a letter, so it runs on a sample, ``--per-file-sample``, reported as a rate);
- files in batch: ``convert_to_pdf`` on the letters' .docx files (calls of ≤ 200 files);
- merged groups: ``documents_to_pdfs`` on the letters' page models (groups of 100 letters
  merged into one .docx, converted, cut at each letter's page 1).

Letters come from the library: the built-in apology letter with its example data when
there is one, else the built-in công văn with a one-page body naming a different citizen
per letter. ``--source generic`` uses a python-docx letter instead (files-in-batch only).
"Including the DOCX step" adds the time to render the letters (and save them as .docx for
the file modes).

Run:  .venv/bin/python benchmarks/bench_pdf.py --letters 1000
Writes the "PDF" section of benchmarks/RESULTS.md (other sections are left alone).
"""

from __future__ import annotations

import argparse
import copy
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
from typing import Any

import docx
from docx.shared import Mm, Pt

import vnadmin_docs
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf import ConversionOptions, convert_to_pdf, documents_to_pdfs, find_soffice

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- bench_pdf:start -->", "<!-- bench_pdf:end -->"

_BODY = (
    "Ngày {day:02d} tháng 3 năm 2024, Bộ phận Tiếp nhận và Trả kết quả của Ủy ban nhân dân "
    "xã Hòa Phú đã tiếp nhận hồ sơ của ông/bà Nguyễn Văn Ánh {i}. Do cần xác minh thêm, hồ sơ "
    "chưa giải quyết được đúng hẹn. Ủy ban nhân dân xã Hòa Phú thành thật xin lỗi ông/bà và "
    "hẹn trả kết quả vào ngày {day:02d} tháng 4 năm 2024."
)


@dataclass
class Measure:
    label: str
    letters: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.letters / self.seconds if self.seconds else float("inf")


def _generic_letter(path: Path, i: int) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs[0].bold = True
    for k in range(4):
        document.add_paragraph(_BODY.format(i=i, day=1 + (i + k) % 28))
    document.save(str(path))


def _library_letters() -> tuple[str, Callable[[int], vnadmin_docs.RenderedDocument]] | None:
    specs = {s.id: s for s in vnadmin_docs.list_templates() if s.builtin}
    apology = sorted(i for i in specs if "xin-loi" in i)
    template = apology[0] if apology else "cong-van" if "cong-van" in specs else None
    if template is None:
        return None
    examples = sorted((HERE.parent / "examples" / template).glob("*.yaml"))
    if not examples:
        return None
    base: dict[str, Any] = vnadmin_docs.load_data(examples[0])
    if apology:
        return (
            f"built-in template `{template}` with its example data",
            lambda i: vnadmin_docs.render(template, base),
        )

    def cong_van(i: int) -> vnadmin_docs.RenderedDocument:
        data = copy.deepcopy(base)
        data["content"] = {"body": _BODY.format(i=i, day=1 + i % 28) + "./."}
        return vnadmin_docs.render("cong-van", data)

    return "built-in `cong-van` template (example header), one-page body per citizen", cong_van


def _timed(label: str, count: int, action: Callable[[], object]) -> Measure:
    start = time.perf_counter()
    action()
    return Measure(label, count, time.perf_counter() - start)


def _per_file(letters: list[Path], out: Path, soffice: Path) -> Measure:
    """The naive way: one soffice call per letter (one profile, one process at a time)."""
    profile = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    def run() -> None:
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

    measure = _timed("one soffice call per file", len(letters), run)
    shutil.rmtree(profile, ignore_errors=True)
    assert len(list(out.iterdir())) == len(letters)
    return measure


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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--per-file-sample", type=int, default=30)
    parser.add_argument("--source", choices=["auto", "generic"], default="auto")
    parser.add_argument("--rounds", type=int, default=2, help="turns per mode (fastest kept)")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args(argv)
    n = args.letters
    soffice = find_soffice()
    load_before = os.getloadavg()[0]

    work = HERE / "_work" / "pdf"
    shutil.rmtree(work, ignore_errors=True)
    (work / "docx").mkdir(parents=True)
    library = None if args.source == "generic" else _library_letters()
    models: list[PageModel] = []
    rows: list[Measure] = []
    if library is None:
        source = "generic one-page letter built with python-docx"

        def build() -> None:
            for i in range(n):
                _generic_letter(work / "docx" / f"thu-{i:05d}.docx", i)

        docx_step = _timed("DOCX step (build and save)", n, build)
        render_step = None
    else:
        source, make = library
        rendered: list[vnadmin_docs.RenderedDocument] = []
        render_step = _timed(
            "render step (page models)", n, lambda: rendered.extend(map(make, range(n)))
        )
        models = [r.page_model for r in rendered]
        save = _timed(
            "save .docx",
            n,
            lambda: [r.save(work / "docx" / f"thu-{i:05d}.docx") for i, r in enumerate(rendered)],
        )
        docx_step = Measure("DOCX step (render and save)", n, render_step.seconds + save.seconds)
        rows.append(render_step)
    rows.append(docx_step)
    letters = sorted((work / "docx").iterdir())

    def files(p: int) -> Measure:
        out = work / f"files-{p}"
        shutil.rmtree(out, ignore_errors=True)
        m = _timed(
            f"files in batch, {p} process(es)",
            n,
            lambda: convert_to_pdf(letters, out, ConversionOptions(soffice=soffice, processes=p)),
        )
        assert len(list(out.iterdir())) == n
        return m

    def groups(p: int) -> Measure:
        shutil.rmtree(work / f"merged-{p}", ignore_errors=True)
        targets = [work / f"merged-{p}" / f"thu-{i:05d}.pdf" for i in range(n)]
        m = _timed(
            f"merged groups, {p} process(es)",
            n,
            lambda: documents_to_pdfs(
                models, targets, ConversionOptions(soffice=soffice, processes=p)
            ),
        )
        assert len(list((work / f"merged-{p}").iterdir())) == n
        return m

    # Modes run in turns, ``--rounds`` times; each row keeps its fastest round (the one
    # least disturbed by other work on the machine).
    modes: list[Callable[[], Measure]] = [lambda: files(1), lambda: files(2)]
    if models:
        modes += [lambda: groups(1), lambda: groups(2)]
    sample = letters[: args.per_file_sample]
    modes.append(lambda: _per_file(sample, work / "per-file", soffice))
    best: list[Measure | None] = [None] * len(modes)
    for _round in range(args.rounds):
        for k, mode in enumerate(modes):
            m = mode()
            current = best[k]
            if current is None or m.seconds < current.seconds:
                best[k] = m
    measured = [m for m in best if m is not None]
    files1, files2 = measured[0], measured[1]
    merged1, merged2 = (measured[2], measured[3]) if models else (None, None)
    naive = measured[-1]
    rows += measured
    total_files = Measure(
        "files in batch, 2 processes, including the DOCX step",
        n,
        docx_step.seconds + files2.seconds,
    )
    rows.append(total_files)
    total_merged = None
    if merged2 is not None and render_step is not None:
        total_merged = Measure(
            "merged groups, 2 processes, including rendering",
            n,
            render_step.seconds + merged2.seconds,
        )
        rows.append(total_merged)
    shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()[0]

    version = subprocess.run(
        [str(soffice), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    command = (
        f".venv/bin/python benchmarks/bench_pdf.py --letters {n} "
        f"--per-file-sample {args.per_file_sample} --rounds {args.rounds} --source {args.source}"
    )
    lines = [
        "## PDF",
        "",
        f"Reproduce: `{command}`",
        "",
        f"- Machine: {os.cpu_count()} CPU(s), {platform.platform()}, Python "
        f"{platform.python_version()}, {version or 'LibreOffice'}; load average "
        f"{load_before:.1f} before, {load_after:.1f} after (other work on the machine slows "
        "every row alike; compare ratios).",
        f"- Letters: {n} × {source}; the per-file baseline converts the first "
        f"{naive.letters} of them (same run, same files). Each conversion row is the fastest "
        f"of {args.rounds} rounds run in turns.",
        "",
        "| Step | Letters | Seconds | Letters/s | ms/letter |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in rows:
        lines.append(
            f"| {m.label} | {m.letters} | {m.seconds:.1f} | {m.rate:.1f} | {1000 / m.rate:.0f} |"
        )
    lines += ["", "Ratios (same run, conversion only):"]
    lines.append(
        f"- files in batch, 1 process vs one call per file: **{files1.rate / naive.rate:.1f}×**"
    )
    lines.append(
        f"- files in batch, 2 processes vs one call per file: **{files2.rate / naive.rate:.1f}×**"
    )
    lines.append(f"- files in batch, 2 processes vs 1: **{files2.rate / files1.rate:.2f}×**")
    if merged1 is not None and merged2 is not None:
        lines.append(
            f"- merged groups, 1 process vs one call per file: **{merged1.rate / naive.rate:.1f}×**"
        )
        ratio = merged2.rate / naive.rate
        lines.append(f"- merged groups, 2 processes vs one call per file: **{ratio:.1f}×**")
        ratio = merged2.rate / files2.rate
        lines.append(f"- merged groups vs files in batch (2 processes): **{ratio:.2f}×**")
    top = max((t for t in (total_merged, total_files) if t is not None), key=lambda m: m.rate)
    lines += [
        "",
        f"Throughput including the DOCX step, 2 processes: **{top.rate:.1f} letters/s** "
        f"({top.label}; target ≥ 20).",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        _write_results(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
