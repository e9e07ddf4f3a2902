"""The HTTP API under ``/api`` for the systems around a site: the templates, their questions as JSON
Schema, validation with messages per question in the caller's language, and documents.

Every error is JSON ``{"error": …}`` (with ``errors`` per question where there are any): 400 for a
body that is not JSON, 404 for an unknown template, version or format, 413 for a body above the
limit, 422 for answers that are not an object, too many or too long, or invalid; 503 when every
render slot is busy and 504 when a document takes longer than the budget.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..errors import AnswerError, ClauseKitError
from ..formats import FORMATS, find
from ..locales import Locale, locale_for
from ..ui.flow import Flow
from .catalogue import Served
from .editions import edition, file_name, query
from .schema import answers_schema, json_value, openapi
from .site import Busy, Site, TooSlow, accepted_locale


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def error(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if errors is not None:
        body["errors"] = errors
    headers = {"Retry-After": "30"} if status == 503 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _served(request: Request, words: Locale, language: str | None = None) -> Served | JSONResponse:
    """The template (version ``?version=``) in the edition ``?lang=`` or ``language`` names."""
    template_id = request.path_params["template"]
    served = _site(request).catalogue.get(template_id, request.query_params.get("version"))
    if served is None:
        return error(404, words.text("web.api.unknown_template", template=template_id[:100]))
    tag = request.query_params.get("lang") or language
    found = edition(served, tag)
    if found is None:
        languages = ", ".join(served.template.languages)
        said = {"template": template_id[:100], "language": str(tag)[:35], "languages": languages}
        message = words.text("web.api.unknown_language", **said)
        return error(404, message)
    return found


def _words(request: Request, served: Served) -> Locale:
    """The messages' language: the caller's Accept-Language, else the chosen edition's."""
    if "accept-language" not in request.headers and served.template.is_edition:
        return locale_for(served.template.language)
    return accepted_locale(request.headers)


def describe(served: Served, versions: list[str]) -> dict[str, Any]:
    template = served.template
    return {
        "id": template.id,
        "title": template.title,
        "language": template.language,
        "languages": list(template.languages),
        "description": template.description,
        "version": template.version,
        "versions": versions,
        "schema": f"/api/templates/{template.id}/schema{query(served, version=template.version)}",
    }


async def templates(request: Request) -> Response:
    catalogue = _site(request).catalogue
    found = [describe(s, catalogue.versions(s.template.id)) for s in catalogue.newest()]
    return JSONResponse({"templates": found})


async def template(request: Request) -> Response:
    served = _served(request, accepted_locale(request.headers))  # in the edition ?lang= names
    if isinstance(served, Response):
        return served
    return JSONResponse(describe(served, _site(request).catalogue.versions(served.template.id)))


async def schema(request: Request) -> Response:
    served = _served(request, accepted_locale(request.headers))
    if isinstance(served, Response):
        return served
    return JSONResponse(answers_schema(served), media_type="application/schema+json")


async def _answers(
    request: Request, served: Served, words: Locale
) -> tuple[dict[str, Any], str | None] | JSONResponse:
    """The request's answers, bounded: an object of at most ``max_answers`` answers, none too long;
    and the document language the body names (``"language"``), if any."""
    limits = _site(request).limits
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return error(400, words.text("web.api.not_json"))
    answers = body.get("answers") if isinstance(body, dict) else None
    if not isinstance(answers, dict):
        return error(422, words.text("web.api.not_object"), [])
    if len(answers) > limits.max_answers:
        message = words.text("web.api.too_many", count=len(answers), limit=limits.max_answers)
        return error(422, message, [])
    too_long = [key for key, value in answers.items() if _size(value) > limits.max_answer]
    if too_long:
        message = words.text("web.api.too_long", limit=limits.max_answer)
        return error(422, message, [{"question": k[:100], "message": message} for k in too_long])
    language = body.get("language")
    return answers, language if isinstance(language, str) and language else None


async def _request(request: Request) -> tuple[Served, dict[str, Any], Locale] | JSONResponse:
    """The template in the chosen edition (``?lang=``, else the body's ``language``), the answers,
    and the messages' words; or the error response."""
    words = accepted_locale(request.headers)
    served = _served(request, words)
    if isinstance(served, Response):
        return served
    body = await _answers(request, served, words)
    if isinstance(body, Response):
        return body
    raw, language = body
    if language and not request.query_params.get("lang"):
        served = _served(request, words, language)
        if isinstance(served, Response):
            return served
    return served, raw, _words(request, served)


def _size(value: Any) -> int:
    """Characters in an answer, counting the items of a list and anything nested as its JSON."""
    if isinstance(value, str):
        return len(value)
    return len(json.dumps(value, ensure_ascii=False))


def check(served: Served, raw: dict[str, Any], words: Locale) -> tuple[list[dict[str, Any]], Any]:
    """(what is wrong per question, the validated answers or None), like the questionnaire says it."""
    template = served.template
    known = {q.id for q in template.questions}
    problems = [
        {"question": key[:100], "message": words.text("web.api.unknown_question", question=key[:100])}
        for key in raw
        if key not in known
    ]
    flow = Flow(served.library, template, {k: v for k, v in raw.items() if k in known}, ui=words)
    asked = flow.values()
    for question in template.questions:
        if question.id in asked:
            message = flow.problem(question)
            if message:
                problems.append({"question": question.id, "label": question.label, "message": message})
    if problems:
        return problems, None
    try:
        return [], flow.answers()
    except AnswerError as exc:  # a rule beyond one question (the flow found none of these)
        return [{"question": None, "message": e.message} for e in exc.problems], None


async def validate(request: Request) -> Response:
    found = await _request(request)
    if isinstance(found, Response):
        return found
    served, raw, words = found
    problems, answers = check(served, raw, words)
    body: dict[str, Any] = {"valid": not problems, "errors": problems}
    if answers is not None:
        body["answers"] = {k: json_value(v) for k, v in answers.values.items()}
    return JSONResponse(body)


async def render(request: Request) -> Response:
    name = request.path_params["format"]
    if name not in FORMATS:
        served = _served(request, accepted_locale(request.headers))
        if isinstance(served, Response):
            return served
        words = _words(request, served)
        return error(404, words.text("web.api.unknown_format", format=name[:20], formats=", ".join(FORMATS)))
    found = await _request(request)
    if isinstance(found, Response):
        return found
    served, raw, words = found
    problems, answers = check(served, raw, words)
    if answers is None:
        return error(422, words.text("web.error.422"), problems)
    site = _site(request)
    try:
        document_name, content = await site.render(served, answers, name)
    except Busy:
        return error(503, words.text("web.error.503"))
    except TooSlow:
        return error(504, words.text("web.error.504"))
    except ClauseKitError as exc:
        return error(422, words.text("web.error.500", message=exc.message))
    return Response(
        content,
        media_type=find(name).mime,
        headers={"Content-Disposition": f'attachment; filename="{file_name(served, document_name)}"'},
    )


async def openapi_document(request: Request) -> Response:
    return JSONResponse(openapi(__version__))


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "templates": len(_site(request).catalogue.ids())})


ROUTES = [
    Route("/healthz", health, methods=["GET"]),
    Route("/api/openapi.json", openapi_document, methods=["GET"]),
    Route("/api/templates", templates, methods=["GET"]),
    Route("/api/templates/{template}", template, methods=["GET"]),
    Route("/api/templates/{template}/schema", schema, methods=["GET"]),
    Route("/api/templates/{template}/validate", validate, methods=["POST"]),
    Route("/api/templates/{template}/render/{format}", render, methods=["POST"]),
]
