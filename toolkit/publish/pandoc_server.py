"""One long-lived pandoc per process: many conversions without a process start (and pandoc's own
start-up) each.

:func:`toolkit.publish.pandoc.run_pandoc` sends a conversion here when it understands all of its
arguments (:func:`job_of`), else it runs a one-shot pandoc. The server (``pandoc_server.lua``) does
what those arguments do, so the bytes are the same (``tests/test_pandoc_invocation.py``). Limits hold
as for a one-shot pandoc: the heap limit is the process's, the time limit is per conversion (the
process is killed when it runs over and a new one is started for the next conversion).

Markdown read with our reader goes in pieces (:mod:`.chunks`) whose readings the server keeps, at
most 2 MB of their text per process (``CLAUSEKIT_PANDOC_CACHE_BYTES``: half of it); the bytes stay those
of reading the whole (``tests/test_publish_chunks.py``). ``CLAUSEKIT_PANDOC_PIECES=0`` turns it off.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .chunks import split_markdown
from .jobserver import JobPool, ServerFailed

SCRIPT = Path(__file__).with_name("pandoc_server.lua")
# What the server writes; ``True`` for text (which pandoc's command line ends with a newline).
WRITERS = {"docx": False, "typst": True, "json": True, "native": True, "markdown": True, "html": True}
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


class PandocServer:
    """``pandoc lua`` processes serving conversions (one per thread converting at the same time)."""

    def __init__(self, command: Sequence[str], env: Mapping[str, str], timeout: float):
        self.server, self.timeout = JobPool(command, env), timeout

    def convert(self, job: Mapping[str, Any], source: bytes, pieces: bool = False) -> bytes | None:
        """pandoc's output for ``job`` on ``source``; None when only a one-shot pandoc may do it.

        ``pieces``: the reader is ours (:data:`toolkit.publish.pandoc.READER`), so the Markdown may go
        in pieces whose readings the server keeps (:mod:`.chunks`).
        """
        try:
            markdown = source.decode("utf-8")
        except UnicodeDecodeError:  # pandoc's own message for that comes from the one-shot pandoc
            return None
        chunks = split_markdown(markdown) if pieces else None
        text = {"markdown": markdown} if chunks is None else {"chunks": chunks}
        request = json.dumps({**job, **text}).encode("utf-8")
        try:
            status, payload = self.server.request(request, self.timeout)
        except ServerFailed as exc:
            if exc.timed_out:
                raise ServerFailed(f"pandoc took longer than {self.timeout:.0f} s", timed_out=True) from None
            raise
        if status == b"ok":
            return payload
        if status == b"fallback":
            return None
        raise ServerFailed(payload.decode("utf-8", "replace").strip() or "pandoc failed")

    def close(self) -> None:
        self.server.close()
