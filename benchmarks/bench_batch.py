"""Batch throughput and memory, measured against docxtpl in the same run.

    .venv/bin/python benchmarks/bench_batch.py            # full run (about 3-4 minutes)
    .venv/bin/python benchmarks/bench_batch.py --quick    # smaller N, for a smoke test

Prints a Markdown report (paste it into benchmarks/RESULTS.md, section "Batch"):

1. one letter rendered to .docx bytes, one process: vnadmin-docs vs docxtpl rendering an
   equivalent one-page letter from a template .docx built here with python-docx;
2. the whole batch command path in one process (read, check, render, write files, journal,
   manifest), letters per second;
3. ``--workers 2`` against one process on the same data;
4. peak memory (VmHWM of a fresh process) for 1,000 and 10,000 letters, merged file on, from
   the CSV export and from the same export as .xlsx;
5. the merged file alone: time per letter for growing N.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
sys.path.insert(0, str(ROOT))

HEADER = [
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ",
    "Số điện thoại",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày hẹn trả mới",
    "Số ngày quá hạn",
    "Lý do trễ hạn",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hương", "Văn Tám", "Thị Mười"]
PROCS = [
    "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "Đăng ký biến động đất đai",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thành lập hộ kinh doanh",
]


def make_csv(path: Path, rows: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            name = f"{FAMILY[i % 10]} {GIVEN[i % 7]}"
            if i % 5 == 0:
                name = f"Công ty TNHH Thương mại số {i}"
            w.writerow(
                [
                    f"000.00.12.H41-2510{i % 28 + 1:02d}-{i % 10000:04d}",
                    PROCS[i % 4],
                    name,
                    f"09{i % 100000000:08d}",
                    f"{i % 28 + 1:02d}/10/2025 08:15:22",
                    f"{i % 28 + 1:02d}/11/2025 17:00",
                    f"{i % 28 + 1:02d}/12/2025 17:00",
                    f"{i % 9 + 1}  Ngày",
                    "Chờ ý kiến của cơ quan phối hợp",
                ]
            )
    return path


def letter_data(i: int) -> dict[str, Any]:
    return {
        "issuer": {
            "superior": "UBND TỈNH LÂM ĐỒNG",
            "name": "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG",
            "abbreviation": "TTPVHCC",
            "place": "Lâm Đồng",
        },
        "number": {"number": 100 + i, "symbol": ["PXL", "TTPVHCC"]},
        "date": "2025-11-20",
        "addressees": [f"Ông/Bà {FAMILY[i % 10]} {GIVEN[i % 7]}"],
        "signer": {
            "authority": "KT.",
            "on_behalf_of": "GIÁM ĐỐC",
            "title": "PHÓ GIÁM ĐỐC",
            "full_name": "Trần Văn Bình",
        },
        "recipients": ["Như trên", "Sở Nội vụ (để b/c)"],
        "archive": {"unit": "BPMC"},
        "content": {
            "dossier_code": f"000.00.12.H41-251002-{i:04d}",
            "procedure_name": PROCS[i % 4],
            "applicant_name": f"{FAMILY[i % 10]} {GIVEN[i % 7]}",
            "received_at": dt.datetime(2025, 10, 2, 8, 15),
            "due_at": dt.datetime(2025, 10, 23, 17),
            "new_due_at": dt.datetime(2025, 11, 7, 17),
            "days_late": i % 9 + 1,
            "late_reason": "Chờ ý kiến của cơ quan phối hợp",
            "agency": "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
            "addressee": f"ông/bà {FAMILY[i % 10]} {GIVEN[i % 7]}",
            "addressee_pronoun": "ông/bà",
            "contact": "Mọi thắc mắc xin liên hệ Bộ phận Một cửa, điện thoại 0263 3822 123.",
        },
    }


def build_docxtpl_template(path: Path) -> Path:
    """An equivalent one-page letter as a docxtpl template: two-column header table,
    number/date, type name, Kính gửi, five body paragraphs, Nơi nhận + signature table."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
        Mm(20),
        Mm(20),
        Mm(30),
        Mm(15),
    )
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "{{ superior }}\n{{ issuer }}"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: {{ number }}/PXL-TTPVHCC"
    head.cell(1, 1).text = "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}"
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT").bold = True
    doc.add_paragraph("Kính gửi: {{ addressee_salutation }}.").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (
        "Ngày {{ received }}, {{ agency }} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành "
        "chính “{{ procedure }}” của {{ addressee }}, mã hồ sơ: {{ code }}. Theo Giấy tiếp nhận "
        "hồ sơ và hẹn trả kết quả, thời hạn trả kết quả là {{ due }}.",
        "Đến nay, hồ sơ chưa được giải quyết xong theo đúng thời hạn nêu trên{% if days_late %} "
        "(đã quá hạn {{ days_late }} ngày){% endif %}. Lý do: {{ reason }}.",
        "{{ agency }} thành thật xin lỗi {{ pronoun }} vì sự chậm trễ này đã gây phiền hà, làm "
        "mất thời gian, công sức và chi phí của {{ pronoun }}.",
        "{{ agency }} đề nghị {{ pronoun }} đồng ý gia hạn thời gian giải quyết hồ sơ đến "
        "{{ new_due }} và cam kết trả kết quả trong thời hạn này.",
        "Rất mong nhận được sự thông cảm của {{ pronoun }}. {{ contact }}./.",
    ):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(10)
    foot = doc.add_table(rows=1, cols=2)
    foot.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Sở Nội vụ (để b/c);\n- Lưu: VT, BPMC."
    foot.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n{{ signer }}"
    doc.save(str(path))
    return path


def docxtpl_context(i: int) -> dict[str, Any]:
    d = letter_data(i)
    c = d["content"]
    return {
        "superior": "UBND TỈNH LÂM ĐỒNG",
        "issuer": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "number": 100 + i,
        "place": "Lâm Đồng",
        "day": "20",
        "month": "11",
        "year": "2025",
        "addressee_salutation": d["addressees"][0],
        "received": "02/10/2025",
        "agency": c["agency"],
        "procedure": c["procedure_name"],
        "addressee": c["addressee"],
        "code": c["dossier_code"],
        "due": "17 giờ 00 phút, ngày 23 tháng 10 năm 2025",
        "days_late": c["days_late"],
        "reason": c["late_reason"],
        "pronoun": "ông/bà",
        "new_due": "17 giờ 00 phút, ngày 07 tháng 11 năm 2025",
        "contact": c["contact"],
        "signer": "Trần Văn Bình",
    }


def bench_per_letter(n_ours: int, n_tpl: int) -> dict[str, float]:
    from docxtpl import DocxTemplate

    from vnadmin_docs import api
    from vnadmin_docs.content import TemplateLibrary

    spec = TemplateLibrary().get("van-ban-xin-loi")
    api.render(spec, letter_data(0)).to_bytes()  # warm caches (template compile, skeleton)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        for i in range(n_ours):
            api.render(spec, letter_data(i)).to_bytes()
        times.append((time.perf_counter() - start) / n_ours)
    ours = min(times)
    # Where the time goes, for the report: render (model+content+layout) vs write.
    start = time.perf_counter()
    docs = [api.render(spec, letter_data(i)) for i in range(n_ours)]
    t_render = (time.perf_counter() - start) / n_ours
    start = time.perf_counter()
    for d in docs:
        d.to_bytes()
    t_write = (time.perf_counter() - start) / n_ours

    tpl = build_docxtpl_template(WORK / "docxtpl-letter.docx")
    DocxTemplate(str(tpl)).render(docxtpl_context(0))
    ttimes = []
    for _ in range(3):
        start = time.perf_counter()
        for i in range(n_tpl):
            doc = DocxTemplate(str(tpl))
            doc.render(docxtpl_context(i))
            doc.save(io.BytesIO())
        ttimes.append((time.perf_counter() - start) / n_tpl)
    theirs = min(ttimes)
    return {
        "ours_ms": ours * 1000,
        "render_ms": t_render * 1000,
        "write_ms": t_write * 1000,
        "docxtpl_ms": theirs * 1000,
        "ratio": theirs / ours,
    }


def make_xlsx(csv_path: Path) -> Path:
    """The same export as an .xlsx workbook (what most clerks have)."""
    from openpyxl import Workbook

    path = csv_path.with_suffix(".xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(path)
    return path


def _run_child(
    rows: int, workers: int, merged: bool, out: Path, fmt: str = "csv"
) -> dict[str, Any]:
    """Run the batch in a fresh process; returns its wall time and peak RSS."""
    data = make_csv(WORK / f"data-{rows}.csv", rows)
    if fmt == "xlsx":
        data = make_xlsx(data)
    shutil.rmtree(out, ignore_errors=True)
    # Peak memory is read from /proc/self/status (VmHWM, this process's own high-water mark):
    # ru_maxrss on Linux keeps the parent's peak across fork+exec, which would report the
    # benchmark's own size instead of the batch's.
    code = f"""
import json, resource, sys, time
def hwm_kb(key="VmHWM:"):
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.path.insert(0, {str(ROOT)!r})
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
base = hwm_kb("VmRSS:")
t = time.perf_counter()
r = run_batch({str(data)!r}, load_profile({str(PROFILE)!r}), {str(out)!r},
              workers={workers}, merged={merged})
wall = time.perf_counter() - t
print(json.dumps({{"wall": wall, "written": r.written, "peak_kb": hwm_kb(), "base_kb": base}}))
"""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    # CPU seconds of the batch process and its workers (interpreter start-up included).
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def bench_merged(sizes: list[int]) -> list[tuple[int, float]]:
    from vnadmin_docs import api
    from vnadmin_docs.content import TemplateLibrary
    from vnadmin_docs.writer.stream import MergedWriter

    spec = TemplateLibrary().get("van-ban-xin-loi")
    models = [api.render(spec, letter_data(i)).page_model for i in range(500)]
    out = []
    for n in sizes:
        start = time.perf_counter()
        with MergedWriter(WORK / f"merged-{n}.docx") as writer:
            for i in range(n):
                writer.add(models[i % len(models)])
            writer.close()
        out.append((n, (time.perf_counter() - start)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    quick = args.quick
    per = bench_per_letter(100 if quick else 500, 40 if quick else 200)
    n_batch = 500 if quick else 3000
    ones, twos = [], []
    for _ in range(1 if quick else 3):  # alternate, so both see the same machine load
        ones.append(_run_child(n_batch, 1, False, WORK / "out-1"))
        twos.append(_run_child(n_batch, 2, False, WORK / "out-2"))
    one = min(ones, key=lambda r: float(r["wall"]))
    two = min(twos, key=lambda r: float(r["wall"]))
    small = _run_child(1000 if not quick else 200, 1, True, WORK / "out-mem-small")
    large = _run_child(10000 if not quick else 1000, 1, True, WORK / "out-mem-large")
    small_x = _run_child(1000 if not quick else 200, 1, True, WORK / "out-mem-small", "xlsx")
    large_x = _run_child(10000 if not quick else 1000, 1, True, WORK / "out-mem-large", "xlsx")
    merged = bench_merged([500, 1000, 2000] if quick else [1000, 2500, 5000, 10000])

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(
        f"## Batch\n\nMachine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{dt.date.today().isoformat()}. Command: `.venv/bin/python benchmarks/bench_batch.py`"
        f"{' --quick' if quick else ''}. Load average at the end: {load[0]:.1f} "
        f"(other jobs shared the CPUs; compare ratios, not absolute times).\n"
    )
    print("| Measure | Value |\n|---|---|")
    print(
        f"| One letter → .docx bytes, vnadmin-docs (render + write) | {per['ours_ms']:.2f} ms "
        f"(render {per['render_ms']:.2f} ms + write {per['write_ms']:.2f} ms) |"
    )
    print(
        f"| Same letter with docxtpl (load template, render, save), same run | "
        f"{per['docxtpl_ms']:.2f} ms |"
    )
    print(f"| **Ratio docxtpl / vnadmin-docs** | **{per['ratio']:.1f}×** |")
    rate1 = one["written"] / one["wall"]
    rate2 = two["written"] / two["wall"]
    print(
        f"| Whole batch, 1 process, {n_batch} letters (read, check, render, write files, "
        f"manifest; no merged file) | {rate1:.0f} letters/s |"
    )
    print(
        f"| Whole batch, `--workers 2` (best of {len(twos)} runs each, alternated) | "
        f"{rate2:.0f} letters/s (**{rate2 / rate1:.2f}×**) |"
    )
    print(
        f"| CPU time per letter, 1 process / 2 workers (incl. start-up) | "
        f"{one['cpu'] / one['written'] * 1000:.2f} ms / {two['cpu'] / two['written'] * 1000:.2f}"
        " ms |"
    )
    for label, res in (("CSV", small), ("CSV", large), (".xlsx", small_x), (".xlsx", large_x)):
        n = res["written"]
        print(
            f"| Peak RSS, {n} letters from {label} + merged file | "
            f"{res['peak_kb'] / 1024:.0f} MB (after imports {res['base_kb'] / 1024:.0f} MB; "
            f"{res['wall']:.1f} s) |"
        )
    per_letter = [t / n * 1000 for n, t in merged]
    print(
        "| Merged file alone (streamed), N → time | "
        + "; ".join(f"{n}: {t:.2f} s ({t / n * 1000:.2f} ms/letter)" for n, t in merged)
        + " |"
    )
    spread = (max(per_letter) - min(per_letter)) / statistics.mean(per_letter)
    print(f"\nMerged time per letter varies by {spread * 100:.0f} % across N (linear in N).")


if __name__ == "__main__":
    main()
