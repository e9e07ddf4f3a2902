"""Files: atomic writes (a reader sees the old file or the new one, never half of one), and what counts
as present in a library."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    # The only way to read the umask is to set it (and put it back): done once, at import.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes a private (0600) file: give it the mode a plain open() would have, or keep
        # the mode of the file it replaces, so outputs stay readable as before.
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = _NEW_FILE_MODE
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def present(path: Path) -> bool:
    """Whether a library file is there: a file, or anything else in its place (a link, a pipe), which
    reading then refuses with the reason rather than calling it missing."""
    return path.is_symlink() or (path.exists() and not path.is_dir())
