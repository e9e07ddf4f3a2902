"""What the editor's insert controls write: the clause language exactly as an expert writes it.

ipywidgets' text area does not tell the kernel where the cursor is, so a snippet goes where the
author typed the marker :data:`MARKER` (the first one), else at the end of the text.
"""

from __future__ import annotations

from ..model import Template

MARKER = "@@"


def literal(value: str) -> str:
    """A string literal of the clause language, in double quotes as the library writes them."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def answer(question_id: str) -> str:
    """The answer to a question: ``{{ organisatie }}``."""
    return "{{ " + question_id + " }}"


def reference(clause_id: str) -> str:
    """The number of another article: ``{{ ref("vertrouwelijkheid") }}`` (→ "artikel 3")."""
    return "{{ ref(" + literal(clause_id) + ") }}"


def address_pair(je: str, u: str) -> str:
    """A je/u pair: ``{{ vorm("Heb je", "Heeft u") }}``."""
    return "{{ vorm(" + literal(je) + ", " + literal(u) + ") }}"


def conditional(test: str, phrase: str) -> str:
    """A phrase shown only when ``test`` holds: ``{% if strengheid == "streng" %}…{% endif %}``."""
    return "{% if " + test + " %}" + phrase + "{% endif %}"


def insert(text: str, snippet: str, marker: str = MARKER) -> str:
    """``text`` with ``snippet`` in place of the first ``marker``, else appended at its end.

    At the end, the snippet goes before a final line end (the body's last line goes on), after a
    space when the text does not end in one.
    """
    if marker and marker in text:
        return text.replace(marker, snippet, 1)
    stripped = text.rstrip("\n")
    tail = text[len(stripped) :]
    gap = "" if not stripped or stripped.endswith((" ", "\n")) else " "
    return stripped + gap + snippet + tail


def terms(template: Template) -> list[str]:
    """The defined terms of every clause of the template, in order of first definition."""
    seen: dict[str, None] = {}
    for entry in template.entries:
        for term in entry.clause.terms:
            seen.setdefault(term, None)
    return list(seen)
