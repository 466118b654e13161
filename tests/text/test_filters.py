"""The filters as a template author uses them: registered in a real Jinja environment."""

from __future__ import annotations

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest

from vnadmin_docs.text import filters as filters_module
from vnadmin_docs.text.filters import FILTERS, make_filters
from vnadmin_docs.text.working_days import HolidayCalendar

ROOT = Path(__file__).resolve().parents[2]


def render(source: str, **data: object) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(FILTERS)
    return env.from_string(source).render(**data)


def test_apology_letter_sentence() -> None:
    text = render(
        "Vào {{ nhan | ngay }}, Bộ phận Một cửa đã tiếp nhận hồ sơ của {{ ten | ho_ten }}. "
        "Hẹn trả lại vào {{ moi | gio_ngay }} ({{ moi | thu }}), "
        "tức sau {{ 5 | thoi_han }} kể từ ngày hẹn cũ.",
        nhan=dt.date(2026, 2, 3),
        ten="NGUYỄN THỊ THUỶ",
        moi=dt.datetime(2026, 3, 5, 14, 30),
    )
    assert text == (
        "Vào ngày 03 tháng 02 năm 2026, Bộ phận Một cửa đã tiếp nhận hồ sơ của Nguyễn Thị Thuỷ. "
        "Hẹn trả lại vào 14 giờ 30 phút, ngày 05 tháng 3 năm 2026 (thứ Năm), "
        "tức sau 05 ngày làm việc kể từ ngày hẹn cũ."
    )


def test_amount_block() -> None:
    text = render(
        "Số tiền: {{ tien | so_tien }}\nBằng chữ: {{ tien | bang_chu(chan=true) }}",
        tien=Decimal("1500000"),
    )
    assert text == "Số tiền: 1.500.000 đồng\nBằng chữ: Một triệu năm trăm nghìn đồng chẵn"


def test_new_due_date_from_working_days() -> None:
    text = render("{{ han | cong_ngay_lam_viec(3) | ngay }}", han="12/02/2026")
    assert text == "ngày 24 tháng 02 năm 2026"


def test_agency_calendar_reaches_the_filter(tmp_path: Path) -> None:
    extra = tmp_path / "lich.toml"
    extra.write_text(
        "[years.2026]\ntet = [2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20]\n"
        "gio_to = 2026-04-26\nquoc_khanh_extra = 2026-09-01\ndays_off = [2026-03-06]\n",
        encoding="utf-8",
    )
    table = make_filters(HolidayCalendar.load([extra]))
    assert table["cong_ngay_lam_viec"](dt.date(2026, 3, 5), 1) == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("expr", "value", "shown"),
    [
        ("doc_so", 2023, "hai nghìn không trăm hai mươi ba"),
        ("doc_so(le='lẻ')", 1001, "một nghìn không trăm lẻ một"),
        ("so_thu_tu", 4, "thứ tư"),
        ("so", Decimal("1234567.5"), "1.234.567,5"),
        ("phan_tram", Decimal("12.5"), "12,5%"),
        ("gio", dt.datetime(2026, 3, 5, 7, 5), "07 giờ 05 phút"),
        ("ten_to_chuc", "Công ty TNHH MTV An Phát", "Công ty TNHH MTV An Phát"),
        ("thu(hoa=true)", dt.date(2026, 3, 8), "Chủ nhật"),
    ],
)
def test_each_filter(expr: str, value: object, shown: str) -> None:
    assert render("{{ v | " + expr + " }}", v=value) == shown


def test_text_layer_does_not_import_jinja() -> None:
    for path in (ROOT / "vnadmin_docs" / "text").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "jinja2" for n in names), path


def test_user_page_documents_every_filter() -> None:
    page = (ROOT / "docs" / "vi" / "bo-loc.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `(\w+)`", page, flags=re.MULTILINE))
    assert documented == set(FILTERS)
    english = (ROOT / "docs" / "en" / "filters.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\| `(\w+)` \|", english, flags=re.MULTILINE)) == set(FILTERS)
    assert filters_module.__doc__


def _doc_examples() -> list[tuple[str, str, str]]:
    page = (ROOT / "docs" / "vi" / "bo-loc.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\{\{.*?\}\})` \| (.*?) \| (.*?) \|$", page, flags=re.MULTILINE)
    return [(tpl.replace("\\|", "|"), value, shown) for tpl, value, shown in rows]


@pytest.mark.parametrize(("template", "value", "shown"), _doc_examples())
def test_user_page_examples_are_true(template: str, value: str, shown: str) -> None:
    variable = re.match(r"\{\{ (\w+)", template)
    assert variable
    data: object = int(value) if re.fullmatch(r"-?\d+", value) else value
    assert render(template, **{variable.group(1): data}) == shown


def test_user_page_has_examples() -> None:
    assert len(_doc_examples()) >= 30
