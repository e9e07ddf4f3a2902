"""Drafting notes: a Jinja comment in a variant's text whose text starts with ``note:`` (SHAPES.md).

``{# note: why this wording; source: BW 7:660 #}``. Jinja drops comments when it renders, so a
note can never reach a client's document; the studio and the review edition read them here, from
the source, each with the line it stands on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Location
from .model import Variant

_NOTE = re.compile(r"\{#-?\s*note:(?P<text>.*?)-?#\}", re.S)


@dataclass(frozen=True)
class Note:
    text: str  # whitespace folded to single spaces
    location: Location  # the line of the clause file where the note opens


def notes(variant: Variant) -> tuple[Note, ...]:
    """The drafting notes of a variant, in the order they stand."""
    first = variant.location.line or 1
    return tuple(
        Note(
            " ".join(match["text"].split()),
            Location(variant.location.path, first + variant.body.count("\n", 0, match.start())),
        )
        for match in _NOTE.finditer(variant.body)
        if match["text"].strip()
    )
