"""The pandoc Markdown of a document and of the review edition, and the metadata of their title block."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..approvals import TEMPLATE_KEY, ApprovalState, VariantStatus
from ..errors import UsageError
from ..escape import escape_markdown
from ..locales import DEFAULT_TAG, Locale, locale_for
from ..model import ClauseEntry, Document, Template
from ..notes import Note, notes
from ..numbering import Place, places, reference
from ..render import shaped
from ..writers import parts_markdown, subclause_paragraphs
from .zipfix import ZIP_EPOCH

FALLBACK_DATE = ZIP_EPOCH.date()  # for a template without a date: the earliest a zip can hold
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_STATEMENT = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)
_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_VORM = re.compile(r"""^vorm\(\s*(["'])(.*?)\1\s*,\s*(["'])(.*?)\3\s*\)$""", re.S)
# ref("id"), ref("id", 2), ref("id", 2, "b"), each with word="…": what the review edition can number
_REF = re.compile(
    r"""^ref\(\s*(["'])(?P<id>[a-z0-9_-]+)\1\s*(?:,\s*(?P<sub>\d+)\s*(?:,\s*(["'])(?P<item>[a-z])\4\s*)?)?"""
    r"""(?:,\s*word\s*=\s*(["'])(?P<word>[^"'{}]*)\6\s*)?\)$"""
)


@dataclass(frozen=True)
class Meta:
    """What the title block shows; passed to pandoc and Typst as data, never as source text."""

    title: str
    subtitle: str
    date: str
    lang: str = DEFAULT_TAG


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
    """The title block in the template's language; ``edition`` names a special edition (a text key)."""
    words = locale_for(template.language)
    subtitle = words.text("document.version", version=template.version)
    if edition:
        subtitle += " — " + edition
    return Meta(
        title=template.title,
        subtitle=subtitle,
        date=words.date(template.date) if template.date else "",
        lang=words.tag,
    )


def document_markdown(document: Document) -> str:
    """One level-1 heading per article, literal article and sub-clause numbers, answers escaped."""
    return "\n".join(parts_markdown(document, 1))


def _both_forms(match: re.Match[str]) -> str:
    """``vorm("je", "u")`` reads as ``je/u``."""
    return f"{match.group(2)}/{match.group(4)}"


def _table_lines(body: str) -> str:
    """Inside a table, a comment on its own line goes with its line and a tag on its own line becomes a
    row of its own, so that the review edition shows the table whole (as the documents do)."""
    lines = body.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        near = [lines[j].lstrip()[:1] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if ("|" in near or "+" in near) and _COMMENT.fullmatch(line.strip()):
            continue
        if "|" in near and "+" not in near and _STATEMENT.fullmatch(line.strip()):
            line = f"| {line.strip()} |"
        out.append(line)
    return "\n".join(out)


def _placeholders(body: str, references: Callable[[re.Match[str]], str | None] = lambda _: None) -> str:
    """A clause body for review: Jinja expressions and tags become visible, literal markers; a
    ``ref()`` that ``references`` can number shows its number and title instead of its call."""

    def expression(match: re.Match[str]) -> str:
        code = match.group(1)
        ref = _REF.match(code)
        shown = references(ref) if ref else None
        return escape_markdown(f"«{shown if shown is not None else _VORM.sub(_both_forms, code)}»")

    body = _EXPRESSION.sub(expression, _COMMENT.sub("", _table_lines(body)))
    return _STATEMENT.sub(lambda m: escape_markdown(f"⟨{m.group(1)}⟩"), body)


def review_references(template: Template, words: Locale) -> Callable[[re.Match[str]], str | None]:
    """How the review edition writes a ``ref()``: the number its target has when every clause is
    present, or the range it takes over the answers (``artikel 9–12``), with the target's title —
    ``None`` (the call stays as written) for a target that is no numbered clause of the template."""
    everything = {entry.clause.id for entry in template.entries}
    fixed = {entry.clause.id for entry in template.entries if entry.when is None}
    most = places(template, everything)

    def write(match: re.Match[str]) -> str | None:
        clause_id, sub, item, word = match["id"], match["sub"], match["item"], match["word"]
        high = most.get(clause_id)
        if high is None or not high.numbered:
            return None
        low = places(template, fixed | {clause_id})[clause_id]
        suffix = f".{int(sub)}" if sub else ""
        number = f"{low.number}{suffix}" + (f"–{high.number}{suffix}" if low.number != high.number else "")
        text = str(reference(words, number, None, word, scheme=high.scheme, item=item))
        return f"{text} ({template.clause(clause_id).title})"

    return write


def _approval_line(status: VariantStatus, words: Locale) -> str:
    text = words.text("review.status", state=words.text(f"approval.{status.state.value}"))
    if status.approved_by:
        key = "review.approved_by" if status.state is ApprovalState.APPROVED else "review.earlier_approved_by"
        text += " (" + words.text(key, who=status.approved_by, when=status.approved_at)
        text += "; " + words.text("review.note", note=status.note) + ")" if status.note else ")"
    return escape_markdown(text)


def _plain(value: object, words: Locale) -> str:
    if isinstance(value, bool):
        return words.yes_no(value)
    if isinstance(value, dt.date):
        return words.date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v, words) for v in value) or words.text("list.none")
    return str(value)


def _questions(template: Template, words: Locale) -> list[str]:
    """The questionnaire as a definition list: what each answer placeholder «id» stands for."""
    parts = ["# " + words.text("review.questions"), ""]
    for question in template.questions:
        parts += [escape_markdown(f"«{question.id}» {question.label}"), ""]
        details = [words.text("review.kind", kind=question.type)]
        if question.options:
            options = (o.value if o.label == o.value else f"{o.value} ({o.label})" for o in question.options)
            details.append(words.text("review.options", options=", ".join(options)))
        if question.default is not None:
            details.append(words.text("review.default", value=_plain(question.default, words)))
        if question.when:
            details.append(words.text("review.asked_when", condition=question.when))
        parts += [":   " + escape_markdown("; ".join(details)), ""]
    return parts


def review_markdown(template: Template, states: Sequence[VariantStatus]) -> str:
    """Every article with all its variants, their conditions, drafting notes and approvals (for legal
    sign-off); a template with parts per part, each clause numbered as if every clause were present."""
    words = locale_for(template.language)
    own = template.language if template.is_edition else ""  # a translation's units are its edition's
    by_key = {(s.clause_id, s.variant_id): s for s in states if s.language == own}
    parts = [escape_markdown(words.text("review.intro")), ""]
    template_status = by_key.get((TEMPLATE_KEY, ""))
    if template_status is not None:
        heading = escape_markdown(words.text("review.template"))
        parts += [f"{heading} {_approval_line(template_status, words)}", ""]
    parts += _questions(template, words)
    review = _Review(words, by_key, itertools.count(1), review_references(template, words))
    where = places(template, {entry.clause.id for entry in template.entries})
    for part in template.parts:
        level = 2 if part.id else 1  # a flat list (with a scheme or blocks) is one part without a heading
        if part.id:
            parts += [f"# {escape_markdown(words.text('review.part', title=part.title or part.id))}", ""]
        for entry in part.entries:
            place = where[entry.clause.id]
            heading = escape_markdown(entry.clause.title)
            if place.numbered:
                shown = words.text(f"document.number.{place.scheme}", number=place.number)
                heading = f"{escape_markdown(shown)} {heading}"
            parts += review.entry(entry, heading, level, place)
    return "\n".join(parts)


@dataclass
class _Review:
    """Writes one entry of the review edition; numbers the drafting notes (Word comments) as it goes."""

    words: Locale
    by_key: dict[tuple[str, str], VariantStatus]
    note_ids: Iterator[int]
    references: Callable[[re.Match[str]], str | None]

    def entry(self, entry: ClauseEntry, heading: str, level: int, place: Place) -> list[str]:
        words, clause = self.words, entry.clause
        parts = [f"{'#' * level} {heading}", ""]
        if entry.when:
            included = words.text("review.included_when", condition=entry.when)
        else:
            included = words.text("review.always_included")
        parts += [f"*{escape_markdown(included)}*", ""]
        for variant in clause.variants:
            label = words.text("review.variant", label=variant.label or variant.id)
            parts += [f"{'#' * (level + 1)} {escape_markdown(label)} ({escape_markdown(variant.id)})", ""]
            when = variant.when or words.text("variant.fallback")
            condition = words.text("review.condition", condition=when)
            parts += [f"*{escape_markdown(condition)}*", ""]
            status = self.by_key.get((clause.id, variant.id))
            if status is not None:
                parts += [f"*{_approval_line(status, words)}*", ""]
            for note in notes(variant):
                parts += [self.note(note), ""]
            parts += subclause_paragraphs(shaped(_placeholders(variant.body, self.references), place))
        return parts

    def note(self, note: Note) -> str:
        """A drafting note: a Word comment in review.docx (pandoc's comment spans), inline in the PDF."""
        label = escape_markdown(self.words.text("review.drafting_note", line=note.location.line))
        ident = next(self.note_ids)
        return (
            f'*{label}* [{escape_markdown(note.text)}]{{.comment-start id="{ident}" author="clausekit"}}'
            f'[]{{.comment-end id="{ident}"}}'
        )
