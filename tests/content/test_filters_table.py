"""The three filter tables never define the same name twice (one would silently win)."""

from __future__ import annotations

from vnadmin_docs.content.environment import make_environment
from vnadmin_docs.content.filters import FOUNDATION_FILTERS
from vnadmin_docs.content.piece_filters import PIECE_FILTERS
from vnadmin_docs.text.filters import FILTERS


def test_no_filter_name_is_defined_twice() -> None:
    tables = [set(FOUNDATION_FILTERS), set(PIECE_FILTERS), set(FILTERS)]
    for i, a in enumerate(tables):
        for b in tables[i + 1 :]:
            assert not a & b


def test_every_table_is_registered() -> None:
    env = make_environment((), sandboxed=True)
    for name in (*FOUNDATION_FILTERS, *PIECE_FILTERS, *FILTERS):
        assert name in env.filters
    assert env.filters["bang_chu"](1500000) == "Một triệu năm trăm nghìn đồng"
