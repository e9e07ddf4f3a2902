"""All variants of a clause side by side, with the words that differ from the shown one marked.

The variants are rendered with the current answers (each forced in turn), turned back into
plain text and compared word by word with :mod:`difflib`.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ClauseKitError
from ..library import Library
from ..locales import Locale, language_name, ui_locale
from ..model import Answers, Clause, Template

_WORDS = re.compile(r"\s+|[^\s]+")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class VariantText:
    """A variant of a clause as the reader would see it, or why it could not be rendered."""

    id: str
    label: str
    condition: str
    text: str
    error: str = ""


def plain(markdown: str) -> str:
    """Markdown written by the core back to readable text (escapes and hard breaks undone)."""
    return _ESCAPED.sub(r"\1", markdown.replace("\\\n", "\n"))


def variant_texts(
    library: Library, template: Template, answers: Answers | None, clause: Clause, ui: Locale | None = None
) -> list[VariantText]:
    """Every variant of ``clause``: rendered with ``answers`` when it is in the document, else its source."""
    words = ui or ui_locale()
    out: list[VariantText] = []
    for variant in clause.variants:
        condition = variant.when or words.text("variant.fallback")
        text, error = variant.body.strip(), ""
        if answers is not None:
            try:
                document = library.render(template, answers, force={clause.id: variant.id})
                article = document.article(clause.id)
                if article is not None:
                    text = "\n\n".join(
                        f"{sub.number} {plain(sub.markdown)}".strip() for sub in article.subclauses
                    )
                else:
                    error = words.text("studio.compare.left_out")
            except ClauseKitError as exc:
                error = exc.format()
        out.append(VariantText(variant.id, variant.label or variant.id, condition, text, error))
    return out


def word_diff(old: str, new: str) -> str:
    """``new`` as HTML, words not in ``old`` in ``<ins>``, words of ``old`` left out in ``<del>``."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def compare_html(variants: Sequence[VariantText], base: str | None = None, ui: Locale | None = None) -> str:
    """A table with one column per variant; each is diffed against ``base`` (the shown variant)."""
    words = ui or ui_locale()

    def say(key: str) -> str:
        return html.escape(words.text(key))

    if not variants:
        return f'<p class="ck-empty">{say("studio.compare.no_variants")}</p>'
    reference = next((v for v in variants if v.id == base), variants[0])
    columns = []
    for variant in variants:
        is_base = variant.id == reference.id
        body = html.escape(variant.text) if is_base else word_diff(reference.text, variant.text)
        note = f'<div class="ck-compare-error">{html.escape(variant.error)}</div>' if variant.error else ""
        shown = f' <span class="ck-shown">{say("studio.compare.shown")}</span>' if is_base else ""
        css = "ck-compare-col ck-base" if is_base else "ck-compare-col"
        columns.append(
            f'<td class="{css}" data-variant="{html.escape(variant.id)}">'
            f"<h4>{html.escape(variant.label)}{shown}</h4>"
            f'<div class="ck-when">{say("studio.compare.when")}'
            f" <code>{html.escape(variant.condition)}</code></div>"
            f'{note}<div class="ck-compare-text">{body}</div></td>'
        )
    return (
        '<table class="ck-compare"><tr>' + "".join(columns) + "</tr></table>"
        f'<p class="ck-legend">{say("studio.compare.legend")} '
        f"<ins>{say('studio.compare.added')}</ins> <del>{say('studio.compare.removed')}</del></p>"
    )


def languages_html(
    library: Library, template: Template, answers: Answers | None, clause_id: str, ui: Locale | None = None
) -> str:
    """Every variant of a clause in each language of the template side by side, the source left; a
    variant with no text in a language (it shows the source's) is marked there. "" with one language."""
    words = ui or ui_locale()
    source = template.source or template
    if len(source.languages) < 2:
        return ""
    columns = []
    for tag in source.languages:
        edition = source.edition(tag)
        missing = {key for key, _ in edition.untranslated}
        rendered = variant_texts(library, edition, answers, edition.clause(clause_id), words)
        columns.append((tag, missing, {text.id: text for text in rendered}))
    tables = []
    # TODO(approvals of editions): show each language's approval state here (key "clause:variant@tag",
    # state translation-out-of-date) once toolkit/approvals.py offers it for editions.
    for variant in source.clause(clause_id).variants:
        cells = []
        for tag, missing, texts in columns:
            found = texts[variant.id]
            gap = {f"variant:{clause_id}:{variant.id}", f"clause:{clause_id}"} & missing
            mark = (
                f' <span class="ck-untranslated">{html.escape(words.text("studio.languages.missing"))}</span>'
                if gap
                else ""
            )
            note = f'<div class="ck-compare-error">{html.escape(found.error)}</div>' if found.error else ""
            css = "ck-compare-col ck-lang" + (" ck-base" if tag == source.language else "")
            cells.append(
                f'<td class="{css}" data-lang="{html.escape(tag)}"{" data-missing" if gap else ""}>'
                f"<h4>{html.escape(language_name(tag))}{mark}</h4>"
                f'<div class="ck-when">{html.escape(found.label)}</div>'
                f'{note}<div class="ck-compare-text">{html.escape(found.text)}</div></td>'
            )
        tables.append(
            f'<table class="ck-compare ck-languages" data-variant="{html.escape(variant.id)}">'
            f"<tr>{''.join(cells)}</tr></table>"
        )
    heading = html.escape(words.text("studio.languages.title"))
    return f'<h3 class="ck-languages-title">{heading}</h3>' + "".join(tables)
