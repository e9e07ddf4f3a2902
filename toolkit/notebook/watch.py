"""Notice edited library files: poll their modification times from the kernel's event loop.

Polling a template folder (a dozen small files) twice a second costs microseconds and needs no
thread: the callback runs on the kernel's own loop, where touching widgets is safe.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

WATCHED_SUFFIXES = {".md", ".yaml", ".yml"}
Snapshot = dict[Path, tuple[int, int]]


def snapshot(folders: Iterable[Path]) -> Snapshot:
    """Modification time and size of every clause and YAML file under ``folders``."""
    state: Snapshot = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.suffix in WATCHED_SUFFIXES and not path.name.startswith("."):
                with contextlib.suppress(OSError):
                    stat = path.stat()
                    state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


class Watcher:
    """Calls ``on_change`` when files under ``folders`` change; ``poll()`` checks once, now."""

    def __init__(
        self, folders: Callable[[], list[Path]], on_change: Callable[[], None], interval: float = 0.5
    ):
        self.folders = folders
        self.on_change = on_change
        self.interval = interval
        self.last = snapshot(folders())
        self.task: asyncio.Task[None] | None = None

    def rebase(self) -> None:
        """Take the files as they are now as the state to compare with (the folders changed)."""
        self.last = snapshot(self.folders())

    def poll(self) -> bool:
        """Compare with the last snapshot; call ``on_change`` and return True when files changed."""
        current = snapshot(self.folders())
        if current == self.last:
            return False
        self.last = current
        self.on_change()
        return True

    def start(self) -> bool:
        """Poll in the background when an event loop runs (in a kernel); False otherwise."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if self.task is None or self.task.done():
            self.task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                self.poll()
            except Exception as exc:
                print(f"clausekit: the file watcher hit an error: {exc}")
