"""The pandoc Markdown of a document and of the review edition, and the metadata of their title block."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..approvals import TEMPLATE_KEY, ApprovalState, VariantStatus
from ..errors import UsageError
from ..escape import escape_markdown
from ..model import Document, Template
from ..render import datum, subclauses
from ..writers import subclause_paragraphs
from .zipfix import ZIP_EPOCH

FALLBACK_DATE = ZIP_EPOCH.date()  # for a template without a date: the earliest a zip can hold
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_STATEMENT = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)
_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_VORM = re.compile(r"""^vorm\(\s*(["'])(.*?)\1\s*,\s*(["'])(.*?)\3\s*\)$""", re.S)
_STATE_NL = {
    ApprovalState.APPROVED: "goedgekeurd",
    ApprovalState.CHANGED: "GEWIJZIGD sinds goedkeuring",
    ApprovalState.NEW: "NOG NIET GOEDGEKEURD",
}


@dataclass(frozen=True)
class Meta:
    """What the title block shows; passed to pandoc and Typst as data, never as source text."""

    title: str
    subtitle: str
    date: str
    lang: str = "nl-NL"


def source_epoch(template: Template) -> int:
    """The fixed timestamp of every artefact: SOURCE_DATE_EPOCH, else the template's release date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise UsageError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not '{value}'",
                hint="unset it, or set it to e.g. $(git log -1 --format=%ct)",
            )
        return int(value)
    day = template.date or FALLBACK_DATE
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def document_meta(template: Template, edition: str = "") -> Meta:
    subtitle = f"Versie {template.version}" + (f" — {edition}" if edition else "")
    return Meta(
        title=template.title,
        subtitle=subtitle,
        date=datum(template.date) if template.date else "",
        lang=template.language,
    )


def document_markdown(document: Document) -> str:
    """One level-1 heading per article, literal article and sub-clause numbers, answers escaped."""
    parts: list[str] = []
    for article in document.articles:
        parts += [f"# Artikel {article.number} {escape_markdown(article.title)}", ""]
        parts += subclause_paragraphs(article.subclauses)
    return "\n".join(parts)


def _both_forms(match: re.Match[str]) -> str:
    """``vorm("je", "u")`` reads as ``je/u``."""
    return f"{match.group(2)}/{match.group(4)}"


def _placeholders(body: str) -> str:
    """A clause body for review: Jinja expressions and tags become visible, literal markers."""
    body = _COMMENT.sub("", body)
    body = _EXPRESSION.sub(lambda m: escape_markdown(f"«{_VORM.sub(_both_forms, m.group(1))}»"), body)
    return _STATEMENT.sub(lambda m: escape_markdown(f"⟨{m.group(1)}⟩"), body)


def _approval_line(status: VariantStatus) -> str:
    text = f"Status: {_STATE_NL[status.state]}"
    if status.approved_by:
        verb = "goedgekeurd" if status.state is ApprovalState.APPROVED else "eerder goedgekeurd"
        text += f" ({verb} door {status.approved_by} op {status.approved_at}"
        text += f"; opmerking: {status.note})" if status.note else ")"
    return escape_markdown(text)


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return datum(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "geen"
    return str(value)


def _questions(template: Template) -> list[str]:
    """The questionnaire as a definition list: what each answer placeholder «id» stands for."""
    parts = ["# Vragen", ""]
    for question in template.questions:
        parts += [escape_markdown(f"«{question.id}» {question.label}"), ""]
        details = [f"soort: {question.type.value}"]
        if question.options:
            options = (o.value if o.label == o.value else f"{o.value} ({o.label})" for o in question.options)
            details.append("keuzes: " + ", ".join(options))
        if question.default is not None:
            details.append(f"standaard: {_plain(question.default)}")
        if question.when:
            details.append(f"alleen gevraagd als: {question.when}")
        parts += [":   " + escape_markdown("; ".join(details)), ""]
    return parts


def review_markdown(template: Template, states: Sequence[VariantStatus]) -> str:
    """Every article with all its variants, their conditions and their approvals (for legal sign-off)."""
    by_key = {(s.clause_id, s.variant_id): s for s in states}
    parts = [
        escape_markdown(
            "Beoordelingsversie: alle artikelen met al hun varianten, de voorwaarden waaronder zij "
            "gelden en hun goedkeuring. «…» is een antwoord uit de vragenlijst; ⟨…⟩ is tekstlogica."
        ),
        "",
    ]
    template_status = by_key.get((TEMPLATE_KEY, ""))
    if template_status is not None:
        parts += [escape_markdown("Sjabloon (template.yaml):") + " " + _approval_line(template_status), ""]
    parts += _questions(template)
    for number, entry in enumerate(template.entries, start=1):
        clause = entry.clause
        parts += [f"# Artikel {number} {escape_markdown(clause.title)}", ""]
        included = f"Opgenomen als: {entry.when}" if entry.when else "Altijd opgenomen."
        parts += [f"*{escape_markdown(included)}*", ""]
        for variant in clause.variants:
            label = variant.label or variant.id
            parts += [f"## Variant {escape_markdown(label)} ({escape_markdown(variant.id)})", ""]
            condition = "Voorwaarde: " + (variant.when or "geen (standaardvariant)")
            parts += [f"*{escape_markdown(condition)}*", ""]
            status = by_key.get((clause.id, variant.id))
            if status is not None:
                parts += [f"*{_approval_line(status)}*", ""]
            parts += subclause_paragraphs(subclauses(_placeholders(variant.body), number))
    return "\n".join(parts)
