"""A long-lived child process that serves requests one at a time: a line with a byte count, then the
bytes; it answers a line ``STATUS N`` and N bytes. Used for pandoc (:mod:`.pandoc_server`) and Typst
(:mod:`.typst_server`), so that many documents do not pay a process start each.

Each request has a time limit: a child that runs over is killed (and the next request starts a new
one). A forked process never talks to its parent's child: it starts its own.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from typing import IO

_GRACE = 2.0  # seconds an idle child gets to end by itself before it is killed
_nice = 0  # the nice value children start with (see lower_children)


def lower_children(nice: int) -> None:
    """Start this process's children from now on at ``nice`` (``clausekit web``: pandoc and Typst below
    the pages), while the threads that use them keep their own priority: a thread holding Python's
    lock at a low priority would keep the pages waiting for it."""
    global _nice
    _nice = nice


class ServerFailed(Exception):
    """The request failed: the child ran over its time, or stopped (``message``: its standard error)."""

    def __init__(self, message: str, timed_out: bool = False, returncode: int | None = None):
        super().__init__(message)
        self.message, self.timed_out, self.returncode = message, timed_out, returncode


class JobServer:
    """One child process serving requests one at a time (thread-safe, fork-aware)."""

    def __init__(
        self, command: Sequence[str], env: Mapping[str, str] | None = None, max_requests: int | None = None
    ):
        self.command, self.env = list(command), None if env is None else dict(env)
        self.max_requests, self._served = max_requests, 0  # renew the child after so many (its memory)
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._owner = 0  # the pid that started the process: a forked child starts its own
        self._lock = threading.Lock()

    def request(self, payload: bytes, timeout: float) -> tuple[bytes, bytes]:
        """The child's (status, answer) for ``payload``; ServerFailed when it runs over or stops."""
        with self._lock:
            if self.max_requests is not None and self._served >= self.max_requests:
                self._stop(graceful=True)
            process = self._started()
            self._served += 1
            try:
                assert process.stdin is not None
                process.stdin.write(b"%d\n" % len(payload) + payload)
                process.stdin.flush()
                return self._answer(process, time.monotonic() + timeout)
            except (OSError, ServerFailed) as exc:
                returncode = process.poll()
                message = self._stop()
                if isinstance(exc, ServerFailed) and exc.timed_out:
                    raise
                raise ServerFailed(message or f"stopped: {exc}", returncode=returncode) from None

    def close(self) -> None:
        """End the process once it has finished (it is idle between requests)."""
        with self._lock:
            if self._owner == os.getpid():
                self._stop(graceful=True)

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._owner == os.getpid() and self._process.poll() is None:
            return self._process
        if self._owner != os.getpid():  # inherited through fork: the parent's, not ours to touch
            self._process, self._stderr = None, None
        self._stop()
        self._served = 0
        # a file, not a pipe: warnings can never block pandoc; closed in _stop
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=self.env,
        )
        if _nice:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self._process.pid, _nice)
        self._owner = os.getpid()
        return self._process

    def _answer(self, process: subprocess.Popen[bytes], deadline: float) -> tuple[bytes, bytes]:
        assert process.stdout is not None
        fd = process.stdout.fileno()
        buffer = bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            header_end, size = -1, -1
            while size < 0 or len(buffer) < header_end + 1 + size:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise ServerFailed("ran over its time", timed_out=True)
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise ServerFailed("")
                buffer += chunk
                if size < 0 and b"\n" in buffer:
                    header_end = buffer.index(b"\n")
                    status, _, count = bytes(buffer[:header_end]).partition(b" ")
                    size = int(count)
        return status, bytes(buffer[header_end + 1 : header_end + 1 + size])

    def _stop(self, graceful: bool = False) -> str:
        """End the process (if any) and return what it wrote on standard error."""
        process, stderr = self._process, self._stderr
        self._process, self._stderr = None, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()  # an idle server ends at the end of its input
            try:
                process.wait(timeout=_GRACE if graceful else 0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        message = ""
        if stderr is not None:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()
            stderr.close()
        return message


class JobPool:
    """Up to ``size`` :class:`JobServer` children of one command: requests from several threads at once
    (a web server's render threads) each get an idle child; one thread alone reuses the same one."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str] | None = None,
        size: int | None = None,
        max_requests: int | None = None,
    ):
        self.command, self.env, self.max_requests = list(command), env, max_requests
        self.size = size or max(1, os.cpu_count() or 1)
        self._idle: list[JobServer] = []
        self._all: list[JobServer] = []
        self._free = threading.Condition()

    def request(self, payload: bytes, timeout: float) -> tuple[bytes, bytes]:
        """As :meth:`JobServer.request`, on an idle child (waiting for one when all are busy)."""
        server = self._take()
        try:
            return server.request(payload, timeout)
        finally:
            with self._free:
                self._idle.append(server)
                self._free.notify()

    def close(self) -> None:
        for server in list(self._all):
            server.close()

    def _take(self) -> JobServer:
        with self._free:
            while not self._idle and len(self._all) >= self.size:
                self._free.wait()
            if self._idle:
                return self._idle.pop()
            server = JobServer(self.command, self.env, self.max_requests)
            self._all.append(server)
            return server
