"""What every request of one worker shares: the templates, the signer, the page templates, and the
few render slots with their time budget. Nothing in it belongs to a visitor."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import jinja2

from ..formats import find, render_documents
from ..locales import Locale, ui_locale
from ..model import Answers
from .catalogue import Catalogue, Served
from .settings import Limits, Settings
from .state import Sealer

PAGES = Path(__file__).resolve().with_name("templates")
RENDER_NICE = 10  # the documents' priority below the pages' (0)


class Busy(Exception):
    """Every render slot is taken and the queue is full (503)."""


class TooSlow(Exception):
    """A document took longer than the render budget (504)."""


class Site:
    def __init__(self, settings: Settings, catalogue: Catalogue | None = None) -> None:
        self.settings = settings
        self.limits: Limits = settings.limits
        self.catalogue = catalogue or Catalogue.load(settings.library, settings.bundles, settings.templates)
        self.sealer = Sealer(settings.secret, self.limits.form_seconds)
        # Autoescape everywhere: titles, help texts and answers are data, never markup.
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._limiter: anyio.CapacityLimiter | None = None
        self._waiting = 0

    def page(self, name: str, **context: Any) -> str:
        return self.pages.get_template(name).render(**context)

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        if self._limiter is None:  # made inside the event loop, on first use
            self._limiter = anyio.CapacityLimiter(self.limits.render_slots)
        return self._limiter

    async def render(self, served: Served, answers: Answers, format_name: str) -> tuple[str, bytes]:
        """(file name, content) of the document, made in a worker thread within the time budget."""
        limiter = self.limiter
        if limiter.available_tokens == 0 and self._waiting >= self.limits.render_queue:
            raise Busy()
        fmt = find(format_name)

        def make() -> dict[str, bytes]:
            lower_priority()  # pages first: a visitor waiting for the next step is not kept behind pandoc
            document = served.library.render(served.template, answers)
            return render_documents(document, [fmt], served.template.id)

        self._waiting += 1
        try:
            with anyio.fail_after(self.limits.render_seconds):
                files = await anyio.to_thread.run_sync(make, abandon_on_cancel=True, limiter=limiter)
        except TimeoutError:
            raise TooSlow() from None
        finally:
            self._waiting -= 1
        ((name, content),) = files.items()
        return name, content


def lower_priority() -> None:
    """Run the calling thread, and the processes it starts (pandoc, Typst), at :data:`RENDER_NICE`.

    Linux keeps a nice value per thread and a child inherits its parent thread's, so the pages a
    worker serves meanwhile keep the CPU first. Where that is not possible, nothing changes.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), RENDER_NICE)


def accepted_locale(headers: Mapping[str, str]) -> Locale:
    """The interface language the caller's Accept-Language prefers (``nl-BE,nl;q=0.9,en;q=0.8``)."""
    best: tuple[float, str] | None = None
    for part in headers.get("accept-language", "")[:500].split(","):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        tag = tag.strip()
        if tag and tag != "*" and (best is None or weight > best[0]):
            best = (weight, tag)
    return ui_locale(best[1] if best else None)
