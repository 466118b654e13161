"""Documents on paper: every built-in template with its example, a long document, a Mẫu 1.4
document and a merged batch, each rendered once per test worker and converted by LibreOffice."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import vnadmin_docs
from tests.pdf.builders import real_soffice
from vnadmin_docs.api import RenderedDocument
from vnadmin_docs.pdf import ConversionOptions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

THONG_BAO_TEMPLATE = """\
---
id: thong-bao-thu
layout: ten-loai
type_name: THÔNG BÁO
title: Thông báo (Mẫu 1.4) cho kiểm thử trang in
fields:
  body: {type: markup, required: true, label: Nội dung}
---
{{ body }}
"""


def builtin_examples() -> list[tuple[str, Path | None]]:
    """(template id, its example data file) for every built-in template."""
    found = []
    for spec in vnadmin_docs.list_templates():
        if not spec.builtin:
            continue
        files = sorted((EXAMPLES / spec.id).glob("*.yaml")) + sorted(
            (EXAMPLES / spec.id).glob("*.json")
        )
        found.append((spec.id, files[0] if files else None))
    return found


def long_data(paragraphs: int = 45) -> dict[str, Any]:
    """The example công văn with a long body: many numbered and plain paragraphs."""
    data = copy.deepcopy(
        vnadmin_docs.load_data(EXAMPLES / "cong-van" / "sldtbxh-dak-nong-2023.yaml")
    )
    body = []
    for i in range(1, paragraphs + 1):
        body.append(
            f"{i}. Đơn vị thứ {i} rà soát hồ sơ thủ tục hành chính tồn đọng, cập nhật tiến độ "
            "giải quyết trên Cổng dịch vụ công của tỉnh, báo cáo Văn phòng Sở trước ngày 25 "
            "hằng tháng; trường hợp trễ hạn phải có văn bản xin lỗi người dân, tổ chức."
        )
    body.append("Yêu cầu các phòng, đơn vị nghiêm túc thực hiện./.")
    data["content"]["body"] = "\n\n".join(body)
    return data


@dataclass(frozen=True)
class PaperCase:
    """A document, the data it came from and its PDF."""

    name: str
    rendered: RenderedDocument
    data: dict[str, Any]
    pdf_path: Path

    @property
    def layout(self) -> str:
        return self.rendered.template.layout


_CACHE: dict[str, PaperCase] = {}


def _convert(
    name: str, rendered: RenderedDocument, data: dict[str, Any], folder: Path
) -> PaperCase:
    pdf = rendered.to_pdf(folder / f"{name}.pdf", ConversionOptions(soffice=real_soffice()))
    return PaperCase(name, rendered, data, pdf)


def paper_case(name: str, folder: Path) -> PaperCase:
    """Render and convert the named case once per worker."""
    if name in _CACHE:
        return _CACHE[name]
    if name.startswith("builtin:"):
        template = name.split(":", 1)[1]
        example = dict(builtin_examples())[template]
        if example is None:
            pytest.fail(
                f"built-in template {template!r} has no example data under examples/{template}/"
            )
        data = vnadmin_docs.load_data(example)
        rendered = vnadmin_docs.render(template, data)
    elif name == "long-cong-van":
        data = long_data()
        rendered = vnadmin_docs.render("cong-van", data)
    elif name == "thong-bao-mau-1-4":
        templates = folder / "templates"
        templates.mkdir(exist_ok=True)
        (templates / "thong-bao-thu.md").write_text(THONG_BAO_TEMPLATE, encoding="utf-8")
        data = long_data(paragraphs=6)
        data.pop("addressees")
        data["subject"] = "Về việc điều chỉnh thời gian tiếp nhận hồ sơ thủ tục hành chính"
        data["number"] = {"number": 12, "symbol": ["TB", "SLĐTBXH"]}
        rendered = vnadmin_docs.render("thong-bao-thu", data, template_dirs=[templates])
    else:
        raise KeyError(name)
    case = _convert(name.replace(":", "-"), rendered, data, folder)
    _CACHE[name] = case
    return case


CASES = [f"builtin:{t}" for t, _ in builtin_examples()] + ["long-cong-van", "thong-bao-mau-1-4"]


@pytest.fixture(scope="session", params=CASES)
def paper(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> PaperCase:
    return paper_case(request.param, tmp_path_factory.mktemp("paper"))


@pytest.fixture
def pdf(paper: PaperCase) -> Iterator[Any]:
    with pdfplumber.open(paper.pdf_path) as document:
        yield document
