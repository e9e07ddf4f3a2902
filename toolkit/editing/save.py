"""Saving an edit: refuse when the file changed on disk since it was opened, else write atomically."""

from __future__ import annotations

from pathlib import Path

from ..fsutil import atomic_write
from .source import ChangedOnDisk, digest


def read_text(path: Path) -> str:
    """A file's text as it is on disk now ("" when it is gone)."""
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def save_text(path: Path, text: str, opened: str) -> str:
    """Write ``text`` to ``path`` if the file still has the digest ``opened``; return the new digest.

    Raises :class:`ChangedOnDisk` (with the text on disk) when another tab, a colleague or a
    ``git pull`` changed the file since it was read: no edit is lost silently, theirs or ours.
    """
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        raise ChangedOnDisk(path, "") from None
    if digest(now) != opened:
        raise ChangedOnDisk(path, now.decode("utf-8", errors="replace"))
    data = text.encode("utf-8")
    atomic_write(path, data)
    return digest(data)
