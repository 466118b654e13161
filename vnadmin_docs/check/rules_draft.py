"""The blanks a draft leaves for the văn thư (R-SO-11), under their own rule.

A draft leaves the number (``Số:      /TB-UBND``) and the day (``ngày … tháng 01 năm
2026``) blank: the văn thư fills them in when the document is registered. That is a true
observation, not a layout error, so it has its own rule, a warning, which ``--draft``
(``check_document(draft=True)``) removes. The number and date rules (R-SO-2, R-DD-3) judge
only what is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.registry import Context, Outcome, Problem, rule
from vnadmin_docs.check.rules_date import _DATE_DRAFT, _date_parts
from vnadmin_docs.check.rules_number import _so_parts

__all__: list[str] = []


@rule(
    "R-SO-11",
    "Bản dự thảo: số và ngày để trống cho văn thư điền khi đăng ký (--draft bỏ qua)",
    "A draft: number and day left blank for the registry (--draft accepts them)",
    bad="Số:      /TB-UBND; Lâm Đồng, ngày    tháng 01 năm 2026 (văn bản đã ban hành)",
    fix="Văn thư điền số, ngày khi đăng ký; kiểm tra bản dự thảo thì dùng --draft",
    severity=Severity.WARNING,
)
def draft_blanks(ctx: Context) -> Iterator[Outcome]:
    if ctx.draft:
        return
    so = ctx.el.so
    if so is not None:
        m = _so_parts(so)
        if m is not None and not re.search(r"\d", m.group("num")):
            yield Problem(
                so,
                Text("số văn bản để trống (bản dự thảo)", "the number is blank (a draft)"),
                Text(
                    "số đã đăng ký; bản dự thảo thì kiểm tra với --draft",
                    "a registered number; check a draft with --draft",
                ),
            )
    d = ctx.el.date_line
    if d is not None and _DATE_DRAFT.match(_date_parts(d)[2]):
        yield Problem(
            d,
            Text("ngày tháng để trống (bản dự thảo)", "day and month left blank (a draft)"),
            Text(
                "ngày ký ban hành; bản dự thảo thì kiểm tra với --draft",
                "the signing date; check a draft with --draft",
            ),
        )
