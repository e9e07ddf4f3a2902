"""What every request of one worker shares: the templates, the signer, the page templates, and the
few render slots with their time budget. Nothing in it belongs to a visitor."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import jinja2

from ..formats import find, render_documents
from ..locales import Locale, ui_locale
from ..model import Answers
from ..publish.jobserver import lower_children
from .catalogue import Catalogue, Served
from .settings import Limits, Settings
from .state import Sealer, State

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
        lower_priority()
        # Autoescape everywhere: titles, help texts and answers are data, never markup.
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # The first page of each template version (and language): its state and its HTML with a slot
        # for the signed state (toolkit/web/pages.py). As many as the templates served: bounded.
        self.first_pages: dict[tuple[str, str], tuple[State, str]] = {}
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
    """Start the long-lived pandoc and Typst children of this worker at :data:`RENDER_NICE`, so that the
    pages a worker serves keep the CPU first (a visitor waiting for the next step is not kept behind
    pandoc). The render threads keep the pages' priority: their Python work is short, and a thread
    holding Python's lock at a low priority would keep the pages waiting. Where that is not possible,
    nothing changes."""
    lower_children(RENDER_NICE)


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
