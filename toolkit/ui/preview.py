"""The live preview: the core's HTML writer, with the editor's view of the logic behind the text.

:class:`PreviewHtmlWriter` fills the core writer's hooks: every article says which variant is shown
and why, the article in focus is marked, and in "show logic" mode the text that a ``{% if %}``
inside a clause put there is marked too: :class:`LogicEngine` compiles the clause bodies with
invisible markers around each branch, and the writer turns the markers of each sub-clause into
``<mark>`` elements once markdown-it has escaped everything else.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from jinja2 import Template as JinjaTemplate
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from markdown_it import MarkdownIt

from ..errors import LoadError, Location
from ..locales import Locale, ui_locale
from ..model import Article, Clause, Document, Variant
from ..render import Engine
from ..writers import HtmlWriter

# Private-use characters: answers may not contain them (toolkit.answers refuses category Co),
# so they can only come from the markers below. OPEN is followed by one character whose code
# point, minus BASE, indexes the condition.
OPEN, CLOSE, BASE = "\ue000", "\ue001", 0xE100
_MARKER = re.compile(f"{OPEN}(.)|{CLOSE}", re.DOTALL)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_IF_TAG = re.compile(r"{%-?\s*((?:el)?if\s.*?|else)\s*-?%}")


@dataclass(frozen=True)
class Condition:
    """One branch of a ``{% if %}`` inside a clause: its test as written, and where."""

    text: str
    location: Location


class LogicEngine(Engine):
    """An :class:`Engine` whose clause bodies mark the text produced by each ``{% if %}`` branch."""

    def __init__(self, ui: Locale | None = None) -> None:
        super().__init__()
        self.ui = ui or ui_locale()  # a negated test is labelled in the interface's words
        self.conditions: list[Condition] = []

    def body(self, clause: Clause, variant: Variant) -> JinjaTemplate:
        padded = "\n" * ((variant.location.line or 1) - 1) + variant.body
        try:
            tree = self.env.parse(padded, name=clause.id, filename=str(clause.path))
        except TemplateSyntaxError:
            return super().body(clause, variant)  # let the core raise its error
        lines = padded.split("\n")
        for node in tree.find_all(nodes.If):
            self._mark(node, clause, lines)
        code = self.env.compile(tree, name=clause.id, filename=str(clause.path))
        assert isinstance(code, CodeType)
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)

    def _mark(self, node: nodes.If, clause: Clause, lines: list[str]) -> None:
        tags = _IF_TAG.findall(lines[node.lineno - 1]) if 0 < node.lineno <= len(lines) else []
        text = tags[0] if tags else "if …"
        node.body = self._wrap(node.body, text, Location(clause.path, node.lineno))
        if node.else_:
            node.else_ = self._wrap(
                node.else_, self.ui.text("preview.not", test=text), Location(clause.path, node.lineno)
            )

    def _wrap(self, body: list[nodes.Node], text: str, location: Location) -> list[nodes.Node]:
        if len(self.conditions) >= 0x1000:  # a marker index must stay a private-use character
            raise LoadError("too many conditions to mark", location, "switch 'show logic' off")
        self.conditions.append(Condition(text, location))
        index = chr(BASE + len(self.conditions) - 1)
        opening = nodes.Output([nodes.TemplateData(OPEN + index)])
        closing = nodes.Output([nodes.TemplateData(CLOSE)])
        return [opening, *body, closing]


def mark_conditions(
    fragment: str, conditions: Sequence[Condition], stack: list[Condition] | None = None
) -> str:
    """Replace the markers in an HTML fragment by ``<mark>`` around each run of conditional text.

    ``stack`` holds the conditions still open from an earlier fragment of the same document (a
    branch may span paragraphs); it is updated in place.
    """
    if OPEN not in fragment and CLOSE not in fragment:
        if stack:  # inside a branch opened in an earlier sub-clause
            return mark_runs(fragment, stack[-1])
        return fragment
    out: list[str] = []
    stack = [] if stack is None else stack
    for part in _TAG_OR_TEXT.split(fragment):
        if part.startswith("<"):
            out.append(part)
            continue
        for run, condition in _runs(part, stack, conditions):
            out.append(run if condition is None else _mark(run, condition))
    return "".join(out)


def mark_runs(fragment: str, condition: Condition) -> str:
    """Every run of text in an HTML fragment marked as produced by ``condition``."""
    return "".join(
        part if part.startswith("<") or not part else _mark(part, condition)
        for part in _TAG_OR_TEXT.split(fragment)
    )


def _mark(run: str, condition: Condition) -> str:
    title = html.escape(f"{condition.text} ({condition.location})")
    return f'<mark class="ck-cond" title="{title}">{run}</mark>'


def _runs(
    text: str, stack: list[Condition], conditions: Sequence[Condition]
) -> Iterator[tuple[str, Condition | None]]:
    """Split ``text`` at markers into runs, each with the innermost condition open around it."""
    position = 0
    for match in _MARKER.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], stack[-1] if stack else None
        if match.group(1) is not None:
            stack.append(conditions[ord(match.group(1)) - BASE])
        elif stack:
            stack.pop()
        position = match.end()
    if position < len(text):
        yield text[position:], stack[-1] if stack else None


class CachedMarkdown(MarkdownIt):
    """The core's markdown-it set-up, remembering recent paragraphs: a keystroke changes few of them."""

    def __init__(self, size: int = 4096):
        super().__init__("commonmark", {"html": False})
        self.disable("image")
        self.size = size
        self.cache: OrderedDict[str, str] = OrderedDict()

    def render(self, src: str, env: Any = None) -> str:
        if env is not None:
            return str(super().render(src, env))
        html_text = self.cache.get(src)
        if html_text is None:
            html_text = self.cache[src] = str(super().render(src))
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(src)
        return html_text


@dataclass
class PreviewHtmlWriter(HtmlWriter):
    """The core's HTML writer, filling its hooks for the live preview.

    ``logic``: the engine that rendered the document, when its conditional text is to be marked;
    ``focus``: the id of the clause to mark (chosen from a finding); ``ui``: the interface's words
    (the badges), while the document's own words stay its template's.
    """

    markdown: MarkdownIt = field(default_factory=CachedMarkdown)
    ui: Locale = field(default_factory=ui_locale)
    logic: LogicEngine | None = None
    focus: str = ""
    _entry_when: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _open: list[Condition] = field(default_factory=list, init=False, repr=False)  # branches open

    def fragment(self, document: Document) -> str:
        self._entry_when = {e.clause.id: e.when for e in document.template.entries if e.when}
        self._open = []
        return super().fragment(document)

    def document_classes(self, document: Document) -> list[str]:
        classes = super().document_classes(document)
        return [*classes, "ck-logic-on"] if self.logic is not None else classes

    def article_classes(self, article: Article) -> list[str]:
        classes = super().article_classes(article)
        return [*classes, "ck-focus"] if self.focus and article.clause.id == self.focus else classes

    def article_header(self, article: Article, words: Locale) -> str:
        header = super().article_header(article, words)
        included = self._entry_when.get(article.clause.id, "")
        if self.logic is not None or len(article.clause.variants) > 1 or article.forced or included:
            header += "\n" + _badge(article, why(article, self.ui), included, self.ui)
        return header

    def body_html(self, markdown: str) -> str:
        body = super().body_html(markdown)
        if self.logic is None:
            return body
        return mark_conditions(body, self.logic.conditions, self._open)


def why(article: Article, ui: Locale) -> str:
    """Why this variant is shown: forced in the studio, its condition, or it is the fallback."""
    variant = article.variant
    if article.forced:
        return ui.text("preview.forced")
    if variant.when:
        return variant.when
    if len(article.clause.variants) > 1:
        return ui.text("preview.fallback")
    return ui.text("preview.only")


def _badge(article: Article, chosen: str, included: str, ui: Locale) -> str:
    label = article.variant.label or article.variant.id
    because, because_included = (html.escape(ui.text(k)) for k in ("preview.because", "preview.included"))
    forced = " ck-forced" if article.forced else ""
    parts = [
        f'<div class="ck-why{forced}">'
        f'<span class="ck-variant">{html.escape(ui.text("preview.variant", label=label))}</span>',
        f'<span class="ck-reason">{because} <code>{html.escape(chosen)}</code></span>',
    ]
    if included:
        parts.append(
            f'<span class="ck-reason">{because_included} <code>{html.escape(included)}</code></span>'
        )
    parts.append("</div>")
    return " ".join(parts)
