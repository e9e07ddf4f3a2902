"""One long-lived pandoc per process: many conversions without a process start (and pandoc's own
start-up) each.

:func:`toolkit.publish.pandoc.run_pandoc` sends a conversion here when it understands all of its
arguments (:func:`job_of`), else it runs a one-shot pandoc. The server (``pandoc_server.lua``) does
what those arguments do, so the bytes are the same (``tests/test_pandoc_invocation.py``). Limits hold
as for a one-shot pandoc: the heap limit is the process's, the time limit is per conversion (the
process is killed when it runs over and a new one is started for the next conversion).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

SCRIPT = Path(__file__).with_name("pandoc_server.lua")
# What the server writes; ``True`` for text (which pandoc's command line ends with a newline).
WRITERS = {"docx": False, "typst": True, "json": True, "native": True, "markdown": True, "html": True}
_GRACE = 2.0  # seconds an idle server gets to end by itself before it is killed
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""}


def job_of(args: Sequence[str]) -> dict[str, Any] | None:
    """The server's job for these pandoc arguments, or None when the server cannot do exactly that."""
    job: dict[str, Any] = {"from": None, "to": None, "meta": [], "filters": []}
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if not equals and name in ("--from", "--to", "--output", "--metadata"):
            value = next(words, "")
        if name in ("--from", "--to") and value:
            job[name[2:]] = value
        elif name == "--output" and value == "-":
            continue
        elif name == "--lua-filter" and value:
            job["filters"].append(value)
        elif name == "--reference-doc" and value:
            job["reference_doc"] = value
        elif name == "--wrap" and value in ("auto", "none", "preserve"):
            job["wrap"] = "wrap-" + value
        elif name == "--metadata" and "=" in value:
            key, _, text = value.partition("=")
            if text.strip().lower() in _YAML_WORDS:  # pandoc reads these as YAML booleans or null
                return None
            job["meta"].append([key, text])
        else:
            return None
    if not job["from"] or job["to"] not in WRITERS:
        return None
    job["text"] = WRITERS[job["to"]]
    return job


class ServerFailed(Exception):
    """The conversion failed; ``message`` is pandoc's (or the runtime's) own words."""

    def __init__(self, message: str, timed_out: bool = False):
        super().__init__(message)
        self.message, self.timed_out = message, timed_out


class PandocServer:
    """A ``pandoc lua`` process serving conversions one at a time (thread-safe, fork-aware)."""

    def __init__(self, command: Sequence[str], env: Mapping[str, str], timeout: float):
        self.command, self.env, self.timeout = list(command), dict(env), timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._owner = 0  # the pid that started the process: a forked child starts its own
        self._lock = threading.Lock()

    def convert(self, job: Mapping[str, Any], source: bytes) -> bytes | None:
        """pandoc's output for ``job`` on ``source``; None when only a one-shot pandoc may do it."""
        try:
            request = json.dumps({**job, "markdown": source.decode("utf-8")}).encode("utf-8")
        except UnicodeDecodeError:  # pandoc's own message for that comes from the one-shot pandoc
            return None
        with self._lock:
            process = self._started()
            try:
                assert process.stdin is not None
                process.stdin.write(b"%d\n" % len(request) + request)
                process.stdin.flush()
                status, payload = self._answer(process, time.monotonic() + self.timeout)
            except (OSError, ServerFailed) as exc:
                message = self._stop()
                if isinstance(exc, ServerFailed) and exc.timed_out:
                    raise
                raise ServerFailed(message or f"pandoc stopped: {exc}") from None
        if status == b"ok":
            return payload
        if status == b"fallback":
            return None
        raise ServerFailed(payload.decode("utf-8", "replace").strip() or "pandoc failed")

    def close(self) -> None:
        """End the process once it has finished (it is idle between conversions)."""
        with self._lock:
            if self._owner == os.getpid():
                self._stop(graceful=True)

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._owner == os.getpid() and self._process.poll() is None:
            return self._process
        if self._owner != os.getpid():  # inherited through fork: the parent's, not ours to touch
            self._process, self._stderr = None, None
        self._stop()
        # a file, not a pipe: warnings can never block pandoc; closed in _stop
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=self.env
        )
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
                    raise ServerFailed(f"pandoc took longer than {self.timeout:.0f} s", timed_out=True)
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
