"""One long-lived Typst child per process: a PDF without a Python start and ``import typst`` each.

The child runs :data:`toolkit.publish.pdf._CHILD` (the one-shot child's own program, unchanged) once
per job, with the job as its standard input and its standard output captured, so the PDF bytes and
the errors are the one-shot child's. The time budget holds per PDF: a child that runs over is killed
and the next PDF starts a new one. Typst keeps caches between compilations; the child is renewed
after :data:`MAX_JOBS` PDFs so that its memory stays bounded.
"""

from __future__ import annotations

import atexit
import functools
import sys
from typing import Final

from .jobserver import JobPool, ServerFailed

MAX_JOBS: Final = 100
_SERVER: Final = """
import io, sys
child = compile(sys.argv[1], "<typst child>", "exec")
requests, answers, stderr = sys.stdin.buffer, sys.stdout.buffer, sys.stderr
while True:
    header = requests.readline()
    if not header:
        break
    out, err = io.BytesIO(), io.StringIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(requests.read(int(header))), encoding="utf-8")
    sys.stdout, sys.stderr = io.TextIOWrapper(out, encoding="utf-8"), err
    code = 0
    try:
        exec(child, {"__name__": "__main__"})
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:
        code = 1
        err.write(repr(exc))
    sys.stdout.flush()
    payload = out.getvalue() if code == 0 else err.getvalue().encode("utf-8", "replace")
    sys.stdin, sys.stdout, sys.stderr = sys.__stdin__, sys.__stdout__, stderr
    answers.write((b"ok" if code == 0 else b"exit_%d" % code) + b" %d\\n" % len(payload) + payload)
    answers.flush()
"""


class TypstServer:
    """The Typst children of this process (one per thread compiling at the same time).

    :meth:`compile` returns the child program's exit code and its PDF (or its standard error).
    """

    def __init__(self, child: str):
        self.server = JobPool([sys.executable, "-c", _SERVER, child], max_requests=MAX_JOBS)

    def compile(self, job: bytes, seconds: float) -> tuple[int, bytes]:
        """The child program's exit code and output for ``job``; ServerFailed when it ran over or died."""
        status, payload = self.server.request(job, seconds)
        return (0 if status == b"ok" else int(status.rpartition(b"_")[2])), payload

    def close(self) -> None:
        self.server.close()


@functools.cache
def typst_server(child: str) -> TypstServer:
    """This process's Typst child for the program ``child`` (started on first use)."""
    server = TypstServer(child)
    atexit.register(server.close)
    return server


__all__ = ["ServerFailed", "TypstServer", "typst_server"]
