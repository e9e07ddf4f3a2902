"""Atomic writes: the new file has the mode an ordinary write would give it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from toolkit.fsutil import atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")  # what open() gives under this process's umask
    target = tmp_path / "out" / "doc.md"
    atomic_write(target, "inhoud")
    assert target.read_text() == "inhoud"
    assert _mode(target) == _mode(plain)


def test_replacing_a_file_keeps_its_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "approvals.yaml"
    target.write_text("oud")
    os.chmod(target, 0o640)
    atomic_write(target, b"nieuw")
    assert target.read_bytes() == b"nieuw"
    assert _mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["approvals.yaml"]
