"""One action run after a pause in typing: the studio's preview and the editor's share it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Debounced:
    """Runs ``action`` after ``delay`` seconds of quiet on the running event loop (the kernel's), or
    at once where there is no loop (a test, a script); a new request replaces a pending one."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self._pending: asyncio.TimerHandle | None = None

    def schedule(self, delay: float) -> None:
        self.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if delay <= 0 or loop is None:
            self.action()
        else:
            self._pending = loop.call_later(delay, self._run)

    def flush(self) -> None:
        """Run a pending action now (nothing when none is pending)."""
        if self._pending is not None:
            self.cancel()
            self.action()

    def cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def _run(self) -> None:
        self._pending = None
        self.action()
