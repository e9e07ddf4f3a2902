"""The studio's preview: the core's HTML plus the editor's view of the logic behind it.

Every article says which variant is shown and why. In "show logic" mode the text that a
``{% if %}`` inside a clause put there is marked too: :class:`LogicEngine` compiles the clause
bodies with invisible markers around each branch, and :func:`mark_conditions` turns the markers
into ``<mark>`` elements after the core's writer has escaped everything else.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from jinja2 import Template as JinjaTemplate
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from markdown_it import MarkdownIt

from ..errors import LoadError, Location
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

    def __init__(self) -> None:
        super().__init__()
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
            node.else_ = self._wrap(node.else_, f"niet: {text}", Location(clause.path, node.lineno))

    def _wrap(self, body: list[nodes.Node], text: str, location: Location) -> list[nodes.Node]:
        if len(self.conditions) >= 0x1000:  # a marker index must stay a private-use character
            raise LoadError("too many conditions to mark", location, "switch 'show logic' off")
        self.conditions.append(Condition(text, location))
        index = chr(BASE + len(self.conditions) - 1)
        opening = nodes.Output([nodes.TemplateData(OPEN + index)])
        closing = nodes.Output([nodes.TemplateData(CLOSE)])
        return [opening, *body, closing]


def mark_conditions(fragment: str, conditions: list[Condition]) -> str:
    """Replace the markers in an HTML fragment by ``<mark>`` around each run of conditional text."""
    if OPEN not in fragment and CLOSE not in fragment:
        return fragment
    out: list[str] = []
    stack: list[Condition] = []
    for part in _TAG_OR_TEXT.split(fragment):
        if part.startswith("<"):
            out.append(part)
            continue
        for run, condition in _runs(part, stack, conditions):
            if condition is None:
                out.append(run)
            else:
                title = html.escape(f"{condition.text} ({condition.location})")
                out.append(f'<mark class="ck-cond" title="{title}">{run}</mark>')
    return "".join(out)


def _runs(
    text: str, stack: list[Condition], conditions: list[Condition]
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
class PreviewWriter(HtmlWriter):
    """The core's HTML writer, with a line per article saying which variant is shown and why."""

    markdown: MarkdownIt = field(default_factory=CachedMarkdown)
    entry_when: dict[str, str] = field(default_factory=dict)

    def fragment(self, document: Document, show_logic: bool = False) -> str:
        self.entry_when = {e.clause.id: e.when for e in document.template.entries if e.when}
        body = super().fragment(document, show_logic=show_logic)
        if show_logic:
            body = body.replace('class="ck-document"', 'class="ck-document ck-logic-on"', 1)
        return body

    def article(self, article: Article, show_logic: bool = False) -> str:
        section = super().article(article, show_logic=False)
        chosen, included = why(article), self.entry_when.get(article.clause.id, "")
        if show_logic or len(article.clause.variants) > 1 or article.forced or included:
            section = section.replace("</h2>", "</h2>\n" + _badge(article, chosen, included), 1)
        return section


def why(article: Article) -> str:
    """Why this variant is shown: forced in the studio, its condition, or it is the fallback."""
    variant = article.variant
    if article.forced:
        return "vastgezet in de studio"
    if variant.when:
        return variant.when
    if len(article.clause.variants) > 1:
        return "geen andere variant van toepassing (standaard)"
    return "enige tekst"


def _badge(article: Article, chosen: str, included: str) -> str:
    label = article.variant.label or article.variant.id
    forced = " ck-forced" if article.forced else ""
    parts = [
        f'<div class="ck-why{forced}"><span class="ck-variant">variant: {html.escape(label)}</span>',
        f'<span class="ck-reason">omdat: <code>{html.escape(chosen)}</code></span>',
    ]
    if included:
        parts.append(f'<span class="ck-reason">opgenomen omdat: <code>{html.escape(included)}</code></span>')
    parts.append("</div>")
    return " ".join(parts)
