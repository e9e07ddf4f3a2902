"""A template's editions on the site: the document language a visitor or a caller chose.

The chosen edition travels in the URL (``?lang=nl-NL``, on every link and form action) and is bound
into the signed state of each page (:attr:`Served.key`): nothing about it is kept on the server.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from ..locales import language_name
from .catalogue import Served


def edition(served: Served, tag: str | None) -> Served | None:
    """``served`` in the language ``tag`` (empty: its source language); None when it has no such edition."""
    if not tag:
        return served
    try:
        template = served.template.edition(tag[:35])
    except KeyError:
        return None
    return served if template is served.template else replace(served, template=template)


def query(served: Served, **more: str) -> str:
    """The query string that keeps ``served``'s edition (and ``more``): "" for the source as it is."""
    params = {"lang": served.template.language} if served.template.is_edition else {}
    params.update({key: value for key, value in more.items() if value})
    return "?" + urlencode(params) if params else ""


def file_name(served: Served, name: str) -> str:
    """A download's file name with an edition's language before the extension (``services.nl-NL.docx``)."""
    if not served.template.is_edition:
        return name
    stem, _dot, extension = name.rpartition(".")
    return f"{stem}.{served.template.language}.{extension}"


@dataclass(frozen=True)
class Choice:
    """A link to one edition: its language in its own words."""

    tag: str
    name: str
    url: str
    current: bool


def choices(served: Served) -> list[Choice]:
    """One link per language of the template (none when it has one), the source's first."""
    template = served.template
    if len(template.languages) < 2:
        return []
    source = template.source or template
    out = []
    for tag in template.languages:
        other = served if tag == template.language else replace(served, template=source.edition(tag))
        url = f"/t/{template.id}/{query(other)}"
        out.append(Choice(tag, language_name(tag), url, tag == template.language))
    return out
