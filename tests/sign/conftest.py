"""Fixtures for electronic documents: the example with its PNGs, a throwaway CA, a
sign-ready PDF made once per session (LibreOffice is slow on a shared machine)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import vnadmin_docs
from vnadmin_docs import api

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from testca import TestCA  # noqa: E402

ROOT = HERE.parents[1]
EXAMPLE_DIR = ROOT / "examples" / "dien-tu"
EXAMPLE = EXAMPLE_DIR / "cong-van-dien-tu.yaml"
SIGNATURE_PNG = EXAMPLE_DIR / "chu-ky.png"
SEAL_PNG = EXAMPLE_DIR / "con-dau.png"


@pytest.fixture
def electronic_data() -> dict[str, Any]:
    return vnadmin_docs.load_data(EXAMPLE)


def render_example(electronic: bool = True, **changes: Any) -> api.RenderedDocument:
    data = vnadmin_docs.load_data(EXAMPLE)
    data.update(changes)
    return api.render("cong-van", data, electronic=electronic, data_dir=EXAMPLE_DIR)


@pytest.fixture(scope="session")
def ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    return TestCA(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="session")
def signed_set(tmp_path_factory: pytest.TempPathFactory, ca: TestCA) -> dict[str, Path]:
    """The example as PDF/A with images, as a sign-ready PDF + manifest, then signed by
    the signer and by the agency."""
    from conftest_lo import need_soffice

    need_soffice()
    from vnadmin_docs.sign import Pkcs12Key

    folder = tmp_path_factory.mktemp("signed")
    doc = render_example()
    images_pdf = doc.to_pdf(folder / "anh.pdf", pdf_a=True)
    ready, manifest = api.sign_ready(doc, folder / "san-sang.pdf")
    signer = ca.issue("Nguyễn Thị Hường", "nguoi-ky")
    agency = ca.issue("Sở LĐTBXH tỉnh Đắk Nông", "co-quan")
    from testca import PASSWORD

    one, _ = api.sign(
        ready,
        folder / "ky-1.pdf",
        role="signer",
        key=Pkcs12Key(signer.p12, PASSWORD),
        image=SIGNATURE_PNG,
    )
    two, _ = api.sign(
        one, folder / "ky-2.pdf", role="agency", key=Pkcs12Key(agency.p12, PASSWORD), image=SEAL_PNG
    )
    return {
        "images": images_pdf,
        "ready": ready,
        "manifest": manifest,
        "one": one,
        "two": two,
        "root": ca.root_pem,
        "agency_p12": agency.p12,
        "signer_p12": signer.p12,
    }
