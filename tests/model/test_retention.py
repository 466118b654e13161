"""Validating many documents keeps nothing of them: a long batch stays flat in memory."""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

from vnadmin_docs.model import parse_document


def letter(i: int) -> dict[str, Any]:
    # Like one batch row: subject and addressee differ in every letter.
    return {
        "issuer": {"name": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "abbreviation": "TTPVHCC",
                   "place": "Lâm Đồng"},
        "signer": {"title": "Phó Giám đốc", "full_name": "Trần Văn Bình"},
        "archive": {"unit": "BPMC"},
        "subject": f"Về việc giải quyết hồ sơ 000.00.12.H41-251002-{i:05d}",
        "addressees": [f"Công ty TNHH Thương mại số {i}"],
    }


def test_validated_documents_leave_no_strings_behind() -> None:
    # pydantic-core's default string cache kept every distinct stripped text (issue 3):
    # ~0.3 kB per document here, 900 kB for these 3,000.
    count = 3000
    data = [letter(i) for i in range(count + 300)]
    tracemalloc.start()
    try:
        for d in data[:300]:
            parse_document(d)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for d in data[300:]:
            parse_document(d)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20 * count, f"{grown / count:.0f} bytes kept per document"
