"""Output names come from data but can never escape the folder or clash."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_docs._files import atomic_write_bytes, remove_stale_temps, resolve_inside
from vnadmin_docs.batch.filenames import render_file_name, unique_names


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "..\\..\\boot.ini", "/abs/path",
                                     "CON", "a:b*c?d", "nul.txt", "\x00x", "." * 5, "x" * 400])
def test_hostile_values_give_a_plain_name(hostile: str, tmp_path: Path) -> None:
    name = render_file_name("{dossier_code}", {"dossier_code": hostile})
    assert "/" not in name and "\\" not in name and ".." not in name
    assert name.split(".")[0].upper() not in {"CON", "NUL"}
    assert 0 < len(name) <= 120
    target = resolve_inside(tmp_path, name + ".docx")
    assert target.parent == tmp_path.resolve()


def test_unique_without_regard_to_case() -> None:
    names = unique_names(["Lê Văn A", "LÊ VĂN A", "Lê Văn A"])
    assert len({n.casefold() for n in names}) == 3


def test_atomic_write_leaves_no_temp_and_stale_temps_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    atomic_write_bytes(target, b"PK")
    assert target.read_bytes() == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
    stale = tmp_path / ".vnadmin-tmp-123-b.docx"
    stale.write_bytes(b"half")
    assert remove_stale_temps(tmp_path) == [stale]
    assert not stale.exists()
