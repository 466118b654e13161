"""docs/gallery/cong-van-dien-tu.png: page 1 of examples/dien-tu signed by the signer and by
the agency, with a throwaway test CA (tests/sign/testca.py) — for the documentation only.

Needs LibreOffice, poppler's pdftoppm and the ``[sign]`` extra.

Run:  .venv/bin/python scripts/gallery_signed.py [--dpi 80]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sign"))

from testca import PASSWORD, TestCA  # noqa: E402

from vnadmin_docs import api  # noqa: E402
from vnadmin_docs.sign import Pkcs12Key  # noqa: E402

EXAMPLE = ROOT / "examples" / "dien-tu"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    args = parser.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("Không tìm thấy pdftoppm (poppler-utils)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="vnadmin-gallery-") as tmp:
        work = Path(tmp)
        ca = TestCA(work)
        signer = ca.issue("Nguyễn Thị Hường", "nguoi-ky")
        agency = ca.issue("Sở LĐTBXH tỉnh Đắk Nông", "co-quan")
        data = api.load_data(EXAMPLE / "cong-van-dien-tu.yaml")
        doc = api.render("cong-van", data, electronic=True, data_dir=EXAMPLE)
        ready, _ = api.sign_ready(doc, work / "cv.pdf")
        one, _ = api.sign(
            ready,
            work / "1.pdf",
            role="signer",
            key=Pkcs12Key(signer.p12, PASSWORD),
            image=EXAMPLE / "chu-ky.png",
        )
        two, _ = api.sign(
            one,
            work / "2.pdf",
            role="agency",
            key=Pkcs12Key(agency.p12, PASSWORD),
            image=EXAMPLE / "con-dau.png",
        )
        args.out.mkdir(parents=True, exist_ok=True)
        stem = args.out / "cong-van-dien-tu"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                str(args.dpi),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(two),
                str(stem),
            ],
            check=True,
        )
    print(f"{stem}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
