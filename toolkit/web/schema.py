"""JSON documents about the templates: a template's questions as JSON Schema (draft 2020-12), and the
OpenAPI 3.1 description of the HTTP API.

The schema says what the API takes in JSON, per question from its kind (:meth:`Kind.schema`): the
type, the options as an enum (their labels in ``x-clausekit-labels``), ``maxLength``,
``format: date``. A question asked only under a condition (``when:``) is never in ``required`` (the
schema cannot evaluate the condition; the validate endpoint does) and carries the condition as
``x-clausekit-when``. The API accepts a little more than the schema (an option's label,
``01-03-2027``), never less.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from ..answers import coerce
from ..errors import ClauseKitError
from ..formats import REGISTRY
from ..kinds import kind_of
from ..model import Question
from .catalogue import Served
from .editions import query

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_value(value: Any) -> Any:
    """A typed answer as JSON: dates as YYYY-MM-DD, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def question_schema(question: Question) -> dict[str, Any]:
    found = dict(kind_of(question).schema(question))
    found["title"] = question.label
    if question.help:
        found["description"] = question.help
    if question.default is not None:
        with contextlib.suppress(ClauseKitError):  # a bad default is the checks' to report
            found["default"] = json_value(coerce(question, question.default))
    if question.when:
        found["x-clausekit-when"] = question.when
    if question.options:  # what each value is called, in the edition's language
        found["x-clausekit-labels"] = {option.value: option.label for option in question.options}
    return found


def answers_schema(served: Served) -> dict[str, Any]:
    template = served.template
    return {
        "$schema": DRAFT,
        "$id": f"/api/templates/{template.id}/schema{query(served, version=template.version)}",
        "title": template.title,
        "x-clausekit-language": template.language,
        "description": template.description,
        "type": "object",
        "properties": {q.id: question_schema(q) for q in template.questions},
        "required": [q.id for q in template.questions if q.required and q.default is None and not q.when],
        "additionalProperties": False,
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _parameter(name: str, where: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": False,
        "description": description,
        "schema": {"type": "string"},
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def openapi(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``/api`` (served at ``/api/openapi.json``)."""
    template = {"name": "template", "in": "path", "required": True, "schema": {"type": "string"}}
    chosen = _parameter("version", "query", "the template version (default: the newest served)")
    language = _parameter(
        "Accept-Language", "header", "the language of the messages (default: the document's, else Dutch)"
    )
    edition = _parameter(
        "lang", "query", "the document language: one of the template's languages (default: its own)"
    )
    body = {
        "required": True,
        "content": {"application/json": {"schema": _ref("AnswersRequest")}},
    }
    errors = {
        "404": _json(_ref("Error"), "unknown template, version, language or format"),
        "400": _json(_ref("Error"), "the body is not JSON"),
        "413": _json(_ref("Error"), "the body is larger than the limit"),
        "422": _json(_ref("Invalid"), "the answers are not an object, too many, too long, or invalid"),
    }
    documents = {
        REGISTRY[n].mime: {"schema": {"type": "string", "contentEncoding": "binary"}} for n in REGISTRY
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "clausekit",
            "version": version,
            "description": "The templates a clausekit site serves: questions, validation, documents.",
        },
        "paths": {
            "/api/templates": {
                "get": {
                    "operationId": "listTemplates",
                    "summary": "every template served, with its versions",
                    "responses": {"200": _json(_ref("TemplateList"), "the templates")},
                }
            },
            "/api/templates/{template}": {
                "get": {
                    "operationId": "getTemplate",
                    "summary": "one template",
                    "parameters": [template, chosen, edition],
                    "responses": {"200": _json(_ref("Template"), "the template"), "404": errors["404"]},
                }
            },
            "/api/templates/{template}/schema": {
                "get": {
                    "operationId": "getSchema",
                    "summary": "the template's questions as JSON Schema (draft 2020-12), in its language",
                    "parameters": [template, chosen, edition],
                    "responses": {
                        "200": {
                            "description": "the schema of the answers",
                            "content": {"application/schema+json": {"schema": {"type": "object"}}},
                        },
                        "404": errors["404"],
                    },
                }
            },
            "/api/templates/{template}/validate": {
                "post": {
                    "operationId": "validateAnswers",
                    "summary": "check answers: what is wrong, per question, in the caller's language",
                    "parameters": [template, chosen, edition, language],
                    "requestBody": body,
                    "responses": {"200": _json(_ref("Validation"), "the verdict"), **errors},
                }
            },
            "/api/templates/{template}/render/{format}": {
                "post": {
                    "operationId": "renderDocument",
                    "summary": "the document for the answers, in one format",
                    "parameters": [
                        template,
                        {
                            "name": "format",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": sorted(REGISTRY)},
                        },
                        chosen,
                        edition,
                        language,
                    ],
                    "requestBody": body,
                    "responses": {
                        "200": {"description": "the document", "content": documents},
                        **errors,
                        "503": _json(_ref("Error"), "every render slot is busy; retry after Retry-After"),
                        "504": _json(_ref("Error"), "the document took longer than the time budget"),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "for load balancers: the worker is up and has its templates",
                    "responses": {"200": _json(_ref("Health"), "up")},
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict[str, Any]:
    text = {"type": "string"}
    problem = {
        "type": "object",
        "properties": {"question": {"type": ["string", "null"]}, "label": text, "message": text},
        "required": ["question", "message"],
    }
    template = {
        "type": "object",
        "properties": {
            "id": text,
            "title": text,
            "language": text,
            "languages": {"type": "array", "items": text, "description": "the source's first"},
            "description": text,
            "version": text,
            "versions": {"type": "array", "items": text},
            "schema": text,
        },
        "required": ["id", "title", "language", "version", "versions"],
    }
    return {
        "Error": {"type": "object", "properties": {"error": text}, "required": ["error"]},
        "Problem": problem,
        "Invalid": {
            "type": "object",
            "properties": {"error": text, "errors": {"type": "array", "items": _ref("Problem")}},
            "required": ["error", "errors"],
        },
        "Validation": {
            "type": "object",
            "properties": {
                "valid": {"type": "boolean"},
                "errors": {"type": "array", "items": _ref("Problem")},
                "answers": {"type": "object", "description": "the answers as the documents use them"},
            },
            "required": ["valid", "errors"],
        },
        "AnswersRequest": {
            "type": "object",
            "properties": {
                "answers": {"type": "object", "description": "question id → answer (see /schema)"},
                "language": {
                    "type": "string",
                    "description": "the document language (as ?lang=, which wins when both are given)",
                },
            },
            "required": ["answers"],
        },
        "Template": template,
        "TemplateList": {
            "type": "object",
            "properties": {"templates": {"type": "array", "items": _ref("Template")}},
            "required": ["templates"],
        },
        "Health": {
            "type": "object",
            "properties": {"status": text, "templates": {"type": "integer"}},
            "required": ["status"],
        },
    }
