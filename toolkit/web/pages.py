"""The questionnaire as server-rendered HTML forms: the index, one page per step, the summary, the
downloads, and the error pages. Works without JavaScript; every page speaks its template's language.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ClauseKitError
from ..formats import find
from ..locales import Locale, locale_for
from ..ui.flow import Flow
from .catalogue import Served
from .editions import choices, edition, file_name, query
from .site import Busy, Site, TooSlow, accepted_locale
from .state import BadForm
from .walk import Outcome, StepPage, TooLarge, page_at, posted_answers, walk


def words_of(words: Locale) -> dict[str, str]:
    """The page's own words, in the locale's texts (the template's texts are the template's)."""
    return {
        "back": words.text("ui.back"),
        "next": words.text("ui.next"),
        "help": words.text("ui.help"),
        "required": words.text("ui.required_mark"),
        "summary": words.text("ui.summary"),
        "summary_intro": words.text("questionnaire.summary_intro"),
        "not_complete": words.text("questionnaire.not_complete"),
        "yes": words.yes_no(True),
        "no": words.yes_no(False),
        "errors_title": words.text("web.errors_title"),
        "error": words.text("web.error_word"),
        "new_questions": words.text("web.new_questions"),
        "downloads": words.text("web.downloads"),
        "restart": words.text("web.restart"),
        "home": words.text("web.home"),
        "error_title": words.text("web.error.title"),
        "index_title": words.text("web.index.title"),
        "index_intro": words.text("web.index.intro"),
        "languages": words.text("web.languages"),
    }


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def error_page(
    request: Request, status: int, words: Locale | None = None, restart: str = "", message: str = ""
) -> HTMLResponse:
    """A page saying what went wrong (``web.error.<status>``), in the visitor's or template's words."""
    words = words or accepted_locale(request.headers)
    text = message or words.text(f"web.error.{status}")
    body = site_of(request).page(
        "error.html",
        lang=words.tag,
        page_title=words.text("web.error.title"),
        w=words_of(words),
        message=text,
        restart=restart,
        home="/",
    )
    headers = {"Retry-After": "60"} if status == 503 else None
    return HTMLResponse(body, status_code=status, headers=headers)


async def index(request: Request) -> Response:
    site = site_of(request)
    words = accepted_locale(request.headers)
    items = [
        {
            "template": s.template,
            "url": f"/t/{s.template.id}/",
            "version": locale_for(s.template.language).text(
                "document.version_short", version=s.template.version
            ),
            "start": locale_for(s.template.language).text("web.index.start", title=s.template.title),
            "languages": choices(s),
        }
        for s in site.catalogue.newest()
    ]
    body = site.page(
        "index.html",
        lang=words.tag,
        page_title=words.text("web.index.title"),
        w=words_of(words),
        templates=items,
    )
    return HTMLResponse(body)


def chosen(request: Request, served: Served | None) -> Served | None:
    """``served`` in the edition the URL names (``?lang=``); None when there is no such."""
    return None if served is None else edition(served, request.query_params.get("lang"))


async def start(request: Request) -> Response:
    site = site_of(request)
    served = chosen(request, site.catalogue.get(request.path_params["template"]))
    if served is None:
        return error_page(request, 404)
    words = locale_for(served.template.language)
    return show(request, served, words, page_at(Flow(served.library, served.template, ui=words), 0, {}))


async def answer(request: Request) -> Response:
    site = site_of(request)
    template_id = request.path_params["template"]
    form = await request.form(max_files=0, max_fields=1000, max_part_size=site.limits.max_body)
    version = str(form.get("version") or "")
    served = chosen(request, site.catalogue.get(template_id, version))
    if served is None:
        if chosen(request, site.catalogue.get(template_id)) is None:
            return error_page(request, 404)
        return error_page(request, 400, restart=f"/t/{template_id}/")
    words = locale_for(served.template.language)
    restart = f"/t/{template_id}/{query(served)}"
    try:
        state = site.sealer.open(served.key, str(form.get("state") or ""))
        values = {key: [str(v) for v in form.getlist(key)] for key in form}
        raw = posted_answers(served, state, values, site.limits.max_answer)
    except BadForm:
        return error_page(request, 400, words, restart)
    except TooLarge:
        return error_page(request, 413, words, restart)
    outcome = walk(served, words, state, str(form.get("action") or ""), raw)
    if outcome.download is None or outcome.answers is None:
        return show(request, served, words, outcome)
    try:
        name, content = await site.render(served, outcome.answers, outcome.download)
    except Busy:
        return error_page(request, 503, words)
    except TooSlow:
        return error_page(request, 504, words)
    except ClauseKitError as exc:
        return error_page(request, 500, words, message=words.text("web.error.500", message=exc.message))
    return Response(
        content,
        media_type=find(outcome.download).mime,
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(served, name)}"',
            "Cache-Control": "no-store",
        },
    )


def show(request: Request, served: Served, words: Locale, outcome: Outcome) -> HTMLResponse:
    """The step or summary page of ``outcome``, carrying its state in a signed hidden field."""
    site = site_of(request)
    template = served.template
    common: dict[str, Any] = {
        "lang": template.language,
        "w": words_of(words),
        "template": template,
        "token": site.sealer.seal(served.key, outcome.state),
        "action": f"/t/{template.id}/{query(served)}",
        "languages": [],
    }
    page = outcome.page
    if isinstance(page, StepPage):
        if page.number == 1:  # the template's first page offers its other languages
            common["languages"] = choices(served)
        where = words.text("ui.step", number=page.number, count=page.count, title=page.step.title)
        key = "web.page_title_error" if outcome.problems else "web.page_title"
        body = site.page(
            "step.html",
            page=page,
            where=where,
            problems=outcome.problems,
            page_title=words.text(key, page=where, title=template.title),
            **common,
        )
        return HTMLResponse(body, headers={"Cache-Control": "no-store"})
    assert page is not None
    edit = [words.text("questionnaire.edit", title=s.step.title) for s in page.steps]
    downloads = [(n, words.text("ui.download", kind=find(n).label)) for n in page.formats]
    body = site.page(
        "summary.html",
        page=page,
        edit=edit,
        downloads=downloads,
        page_title=words.text("web.page_title", page=words.text("ui.summary"), title=template.title),
        **common,
    )
    return HTMLResponse(body, headers={"Cache-Control": "no-store"})


async def without_slash(request: Request) -> Response:
    served = site_of(request).catalogue.get(request.path_params["template"])
    if served is None:
        return error_page(request, 404)
    return RedirectResponse(f"/t/{served.template.id}/", status_code=308)


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/t/{template}/", start, methods=["GET"]),
    Route("/t/{template}/", answer, methods=["POST"]),
    Route("/t/{template}", without_slash, methods=["GET", "POST"]),
]
