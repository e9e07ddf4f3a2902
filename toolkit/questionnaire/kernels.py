"""The kernel manager Voilà runs for ``clausekit serve``: at most ``max_kernels`` at a time.

Voilà starts one kernel per page load (``VoilaHandler.get_generator`` calls ``start_kernel`` before it
writes a byte of the page). Above the cap ``start_kernel`` raises :class:`ServerBusy`, an HTTP 503
that Jupyter Server renders with the ``503.html`` of the ``clausekit`` Voilà template (the "busy"
page, in the interface's language: its texts travel on the exception). Culling idle kernels is the
stock ``MappingKernelManager.cull_*`` settings.
"""

from __future__ import annotations

import html
import re
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError, RequestHandler
from traitlets import Integer, Set

from ..locales import Locale, ui_locale, ui_text

_LOADING_TEXT = re.compile(r'(<h2 id="loading_text">).*?(</h2>)', re.S)
_TITLE = re.compile(r"(<title>).*?(</title>)", re.S)


class ServerBusy(HTTPError):
    """Every session is taken; the visitor gets the busy page (HTTP 503), whose texts are this
    exception's (Jupyter Server hands the template the exception): in the words of ``ui``, default
    the interface's locale (``clausekit serve --lang``, CLAUSEKIT_LANG, the server's locale)."""

    def __init__(self, limit: int, ui: Locale | None = None) -> None:
        super().__init__(503, "all %d questionnaire sessions are in use", limit)
        words = ui or ui_locale()
        self.language = words.language
        self.heading = words.text("serve.busy.heading")
        self.retry = words.text("serve.busy.retry")
        self.explanation = words.text("serve.busy.explanation")


class CappedKernelManager(AsyncMappingKernelManager):
    """``AsyncMappingKernelManager`` that refuses a new kernel when ``max_kernels`` are alive or
    starting. Starting kernels are counted from the first moment, so page loads arriving together
    cannot all slip under the cap while the first kernels are still booting."""

    max_kernels = Integer(0, config=True, help="most kernels alive at once; 0 means no limit")

    _starting = Set()  # ids of kernels being started, not yet listed by list_kernel_ids()

    # the async manager's start_kernel is a coroutine, typed in jupyter_client as the sync one
    async def start_kernel(  # type: ignore[override]
        self, *, kernel_id: str | None = None, path: Any = None, **kwargs: Any
    ) -> str:
        live = set(self.list_kernel_ids()) | self._starting
        if kernel_id is not None and kernel_id in live:  # an existing kernel: nothing new starts
            return str(await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs))
        if self.max_kernels and len(live) >= self.max_kernels:
            self.log.warning("Refused a kernel: %d of %d sessions in use", len(live), self.max_kernels)
            raise ServerBusy(self.max_kernels)
        new_id = kernel_id or str(self.new_kernel_id())
        self._starting.add(new_id)
        try:
            return str(await super().start_kernel(kernel_id=new_id, path=path, **kwargs))
        finally:
            self._starting.discard(new_id)


def set_xsrf_cookie(handler: RequestHandler, notebook: Any, cwd: str) -> None:
    """Voilà's prelaunch hook: give the page the ``_xsrf`` cookie. On leaving the page Voilà's script
    posts a shutdown of its kernel with that cookie's value; without it the server refuses the post
    (403) and the kernel lives on until it is culled."""
    _ = handler.xsrf_token  # tornado sets the cookie when the token is first asked for


# Filters of the page templates (registered in page/config/voila.py): the waiting page's words.
def page_text(key: str) -> str:
    """``{{ "serve.waiting" | clausekit_text }}``: a text in the interface's words."""
    return ui_text(key)


def waiting_page(spinner: str) -> str:
    """Voilà's spinner with its line ("Running vragenlijst...") in the interface's words."""
    return _LOADING_TEXT.sub(lambda m: m[1] + html.escape(ui_text("serve.waiting")) + m[2], spinner)


def page_title(head: str) -> str:
    """The page's ``<head>`` with its title (Voilà's: the notebook's file name) in the interface's words."""
    return _TITLE.sub(lambda m: m[1] + html.escape(ui_text("serve.title")) + m[2], head, count=1)
