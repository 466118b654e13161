"""Output names come from data but can never escape the folder or clash."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_docs._files import (
    atomic_write_bytes,
    name_inside,
    remove_stale_temps,
    resolve_inside,
    write_bytes_atomically,
)
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
    assert Path(name_inside(str(tmp_path.resolve()), name + ".docx")) == target


@pytest.mark.parametrize("escape", ["../x.docx", "a/b.docx", "..", ".", "", "/etc/x"])
def test_string_join_refuses_what_leaves_the_folder(escape: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="escapes the output folder"):
        name_inside(str(tmp_path), escape)


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


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    import builtins

    real_open = builtins.open

    class HalfFile:
        def __init__(self, path: str, mode: str) -> None:
            self.fh = real_open(path, mode)

        def __enter__(self) -> HalfFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> None:  # the disk fills up half-way
            self.fh.write(data[:3])
            raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(builtins, "open", lambda p, m="r", *a, **k: HalfFile(p, m))
        with pytest.raises(OSError, match="No space"):
            write_bytes_atomically(str(target), b"new content", durable=False)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
