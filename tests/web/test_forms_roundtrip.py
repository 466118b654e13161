"""A data file loaded into the form and submitted again gives the same document, byte for
byte, for every bundled example: the form loses nothing (what no control shows travels in
the "Các mục khác (YAML)" box)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.datastructures import FormData

from vnadmin_docs import api
from vnadmin_docs.content import TemplateLibrary
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web.forms import EXTRA, data_from_form, extra_of, form_fields, values_of

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/*.yaml"))


def _submitted(data: dict, fields) -> FormData:
    items: list[tuple[str, str]] = []
    for name, value in values_of(data, fields).items():
        if isinstance(value, list):
            items += [(name, v) for v in value] or [(name, "")]
        elif isinstance(value, bool):
            if value:
                items.append((name, "1"))
        else:
            items.append((name, value))
    items.append((EXTRA, extra_of(data, fields)))
    return FormData(items)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_form_round_trip_gives_the_same_document(path):
    library = TemplateLibrary()
    try:
        spec = library.get(path.parent.name)
    except VnAdminError:
        pytest.skip(f"{path.parent.name} is not a template id (a helper example)")
    data = api.load_data(path)
    try:
        direct = api.render(spec.id, data, source=str(path)).to_bytes()
    except VnAdminError:
        pytest.skip("the example is rendered through another path (batch profile)")
    fields = form_fields(spec)
    back = data_from_form(_submitted(data, fields), fields)
    assert api.render(spec.id, back).to_bytes() == direct
