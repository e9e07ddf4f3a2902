"""The ASGI app of ``clausekit web``: the questionnaire pages, the HTTP API and ``/healthz``.

``create_app(settings)`` builds it; ``from_environment()`` builds it from the ``CLAUSEKIT_WEB_*``
variables, which is what every uvicorn or gunicorn worker runs
(``uvicorn --factory toolkit.web.app:from_environment --workers N``). Nothing is kept per visitor,
so any worker of any replica can serve any request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from . import api, pages
from .catalogue import Catalogue
from .settings import Settings
from .settings import from_environment as settings_from_environment
from .site import Site, accepted_locale

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class BodyLimit:
    """Refuses a request body above ``limit`` bytes with 413 before the app reads it: by its declared
    Content-Length (the server delivers no more than that), or, for a chunked body, by reading it
    (at most ``limit`` bytes) before the app starts."""

    def __init__(self, app: Any, limit: int, site: Site) -> None:
        self.app, self.limit, self.site = app, limit, site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.limit:
                await self.refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await self.refuse(scope, receive, send)
                return
            if not message.get("more_body"):
                break
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        words = accepted_locale(request.headers)
        response: Response
        if scope["path"].startswith("/api/"):
            response = api.error(413, words.text("web.api.body_too_large", limit=self.limit))
        else:
            request.scope["app"] = self.app
            response = pages.error_page(request, 413, words)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


# No script, no frame, no foreign form target, whatever a page holds: the pages need none of them.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
     b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]  # fmt: skip


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(settings: Settings, catalogue: Catalogue | None = None) -> Any:
    """The app for ``settings`` (templates loaded now: a broken one stops the start)."""
    site = Site(settings, catalogue)
    pages.warm(site)
    app = Starlette(routes=[*pages.ROUTES, *api.ROUTES], exception_handlers={404: _not_found})
    app.state.site = site
    return SecurityHeaders(BodyLimit(app, settings.limits.max_body, site))


async def _not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return api.error(404, accepted_locale(request.headers).text("web.error.404"))
    return pages.error_page(request, 404)


def from_environment() -> Any:
    """The app the ``CLAUSEKIT_WEB_*`` variables describe (the factory every worker runs)."""
    return create_app(settings_from_environment())
