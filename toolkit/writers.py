"""Document → pandoc Markdown, and Document → HTML in process (fast enough for a live preview)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from .escape import escape_markdown
from .locales import Locale, locale_for
from .model import Article, Document, Part, SubClause
from .numbering import anchor

_ITEM_LINE = re.compile(r"^(?P<letter>[a-z])[.)][ \t]+", re.M)
# A paragraph that opens with one of these is another block (table, list, quote): no span before it.
_BLOCK_START = re.compile(r"^(?:[|+>#*:-]|\d+[.)]\s|[a-z][.)]\s)")

HTML_CSS = """
body { font-family: "Source Serif 4", Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }
.ck-title { font-size: 1.6em; }
.ck-meta { color: #555; }
.ck-article h2 { font-size: 1.15em; margin-top: 1.6em; }
.ck-subnumber { font-weight: bold; margin-right: .4em; }
"""
# Added for a document with parts (a flat template's page stays as it was).
PARTS_CSS = """.ck-items { list-style: none; padding-left: 1.5em; }
.ck-item { margin-right: .4em; }
.ck-block h2, .ck-block h3 { font-size: 1.15em; }
"""


def article_anchor(article: Article) -> str:
    return f"art-{article.clause.id}"


def subclause_paragraphs(subs: Iterable[SubClause]) -> list[str]:
    """Each sub-clause as a Markdown paragraph that starts with its literal number, then a blank line."""
    parts: list[str] = []
    for sub in subs:
        parts += [f"{sub.number} {sub.markdown}" if sub.number else sub.markdown, ""]
    return parts


def heading_text(article: Article, words: Locale) -> str:
    """An article's heading in its part's scheme (``Artikel 3 Title``, ``Bijlage 2 — Title``), or a
    block's title; escaped Markdown."""
    title = escape_markdown(article.title)
    if not article.numbered:
        return title
    number = escape_markdown(words.text(f"document.number.{article.scheme}", number=article.number))
    return f"{number} {title}"


def lettered(markdown: str, clause_id: str, sub: int, words: Locale) -> str:
    """Each lettered list item shown in the language's way (``a.``/``(a)``) with its anchor span."""

    def item(match: re.Match[str]) -> str:
        letter = match["letter"]
        marker = words.text("document.list_item", letter=letter)
        return f"{marker} []{{#{anchor(clause_id, sub, letter)}}}"

    return _ITEM_LINE.sub(item, markdown)


def article_markdown(article: Article, words: Locale, level: int) -> list[str]:
    """One article or block of a document with parts: heading with its anchor, sub-clauses with theirs."""
    clause = article.clause
    out: list[str] = []
    if article.numbered or clause.heading:
        out += [f"{'#' * level} {heading_text(article, words)} {{#{anchor(clause.id)}}}", ""]
    for n, sub in enumerate(article.subclauses, start=1):
        body = lettered(sub.markdown, clause.id, n, words) if sub.items else sub.markdown
        text = f"{sub.number} {body}" if sub.number else body
        if article.numbered and (sub.number or not _BLOCK_START.match(body)):
            text = f"[]{{#{anchor(clause.id, n)}}}{text}"
        out += [text, ""]
    return out


def part_anchor(part: Part) -> str:
    return f"ck-part-{part.id}"


def parts_markdown(document: Document, level: int) -> list[str]:
    """The parts of a document declared with ``parts:``; a part's title one level above its articles."""
    words = locale_for(document.template.language)
    out: list[str] = []
    for part in document.parts:
        depth = level
        if part.title:
            out += [f"{'#' * level} {escape_markdown(part.title)} {{#{part_anchor(part)}}}", ""]
            depth = level + 1
        for article in document.part_articles(part):
            out += article_markdown(article, words, depth)
    return out


def to_markdown(document: Document) -> str:
    """The document as pandoc Markdown: a title, one level-2 heading per article, numbered paragraphs."""
    template = document.template
    words = locale_for(template.language)
    parts = [f"# {template.title}", ""]
    if template.structured:
        return "\n".join(parts + parts_markdown(document, 2))
    for article in document.articles:
        heading = words.article_heading(article.number, article.title)
        parts += [f"## {heading} {{#{article_anchor(article)}}}", ""]
        parts += subclause_paragraphs(article.subclauses)
    return "\n".join(parts)


@dataclass
class HtmlWriter:
    """Renders articles with markdown-it (CommonMark, raw HTML off): answers cannot become markup.

    A subclass adds to the HTML by overriding a hook (the studio's live preview does):
    :meth:`document_classes`, :meth:`article_classes`, :meth:`article_header` and :meth:`body_html`.
    The document's words (``words``) are its template's language's, whoever reads the screen.
    """

    markdown: MarkdownIt = field(
        default_factory=lambda: MarkdownIt("commonmark", {"html": False}).disable("image").enable("table")
    )
    _level: int = field(default=2, init=False, repr=False)  # of article headings (3 in a titled part)
    _shaped: bool = field(default=False, init=False, repr=False)  # the document's template is structured

    def fragment(self, document: Document) -> str:
        """The document body as an HTML fragment (for the notebook preview)."""
        template = document.template
        words = locale_for(template.language)
        out = [
            f'<article class="{" ".join(self.document_classes(document))}"'
            f' lang="{html.escape(template.language)}" data-template="{html.escape(template.id)}">',
            f'<h1 class="ck-title">{html.escape(template.title)}</h1>',
        ]
        self._shaped = template.structured
        if not template.structured:
            out += [self.article(article, words) for article in document.articles]
        for part in document.parts if template.structured else ():
            self._level = 2
            out.append(
                f'<section class="ck-part" id="{part_anchor(part)}" data-part="{html.escape(part.id)}">'
            )
            if part.title:
                out.append(f'<h2 class="ck-part-title">{html.escape(part.title)}</h2>')
                self._level = 3
            out += [self.article(article, words) for article in document.part_articles(part)]
            out.append("</section>")
        self._level = 2
        out.append("</article>")
        return "\n".join(out)

    def article(self, article: Article, words: Locale) -> str:
        variant = article.variant
        structured = self._structured(article)
        ident = anchor(article.clause.id) if structured else article_anchor(article)
        out = [
            f'<section class="{" ".join(self.article_classes(article))}" id="{ident}"'
            f' data-clause="{html.escape(article.clause.id)}" data-variant="{html.escape(variant.id)}">',
            self.article_header(article, words),
        ]
        for n, sub in enumerate(article.subclauses, start=1):
            body = self._sub_html(article, n, sub, words) if structured else self.body_html(sub.markdown)
            ident = f' id="{anchor(article.clause.id, n)}"' if structured and article.numbered else ""
            if sub.number:
                number = f'<span class="ck-subnumber">{html.escape(sub.number)}</span>'
                body = body.replace("<p>", f"<p>{number}", 1) if body.startswith("<p>") else number + body
                out.append(f'<div class="ck-subclause"{ident} data-number="{sub.number}">{body}</div>')
            else:
                out.append(f'<div class="ck-subclause"{ident}>{body}</div>')
        out.append("</section>")
        return "\n".join(filter(None, out))

    def _structured(self, article: Article) -> bool:
        """Whether ``article`` is written with anchors ck-… and its scheme's words (set by fragment)."""
        return self._shaped or article.part != "" or article.clause.is_block

    def _sub_html(self, article: Article, n: int, sub: SubClause, words: Locale) -> str:
        """A sub-clause whose lettered lists become lists with the language's markers and anchors
        (CommonMark has no lettered lists)."""
        if not sub.items:
            return self.body_html(sub.markdown)
        out: list[str] = []
        for block in sub.markdown.split("\n\n"):
            items = list(_ITEM_LINE.finditer(block))
            if not items or items[0].start() != 0:
                out.append(self.body_html(block))
                continue
            lis = []
            for index, match in enumerate(items):
                end = items[index + 1].start() if index + 1 < len(items) else len(block)
                text = str(self.markdown.renderInline(block[match.end() : end].strip()))
                marker = html.escape(words.text("document.list_item", letter=match["letter"]))
                ident = anchor(article.clause.id, n, match["letter"])
                lis.append(f'<li id="{ident}"><span class="ck-item">{marker}</span>{text}</li>')
            out.append('<ol class="ck-items">' + "".join(lis) + "</ol>")
        return "\n".join(out)

    # -- hooks -------------------------------------------------------------------------------
    def document_classes(self, document: Document) -> list[str]:
        """The CSS classes of the ``<article>`` that holds the document."""
        return ["ck-document"]

    def article_classes(self, article: Article) -> list[str]:
        """The CSS classes of an article's ``<section>`` (a block's: ``ck-block ck-<kind>``)."""
        return ["ck-block", f"ck-{article.clause.kind}"] if not article.numbered else ["ck-article"]

    def article_header(self, article: Article, words: Locale) -> str:
        """What opens an article: its heading (number and title, escaped), in the document's words;
        a block's title unnumbered, or nothing when its front matter says ``heading: false``."""
        title = html.escape(article.title)
        level = self._level
        if not article.numbered:
            return f"<h{level}>{title}</h{level}>" if article.clause.heading else ""
        if not self._structured(article):
            number = html.escape(words.text("document.article", number=article.number))
        else:
            number = html.escape(words.text(f"document.number.{article.scheme}", number=article.number))
        return f'<h{level}><span class="ck-number">{number}</span> {title}</h{level}>'

    def body_html(self, markdown: str) -> str:
        """One sub-clause's Markdown (answers already escaped by the core) as HTML."""
        return str(self.markdown.render(markdown)).strip()

    def page(self, document: Document) -> str:
        """A standalone HTML page."""
        template = document.template
        version = locale_for(template.language).text("document.version", version=template.version)
        css = HTML_CSS + (PARTS_CSS if template.structured else "")
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{html.escape(template.language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(template.title)}</title>\n"
            f'<meta name="generator" content="clausekit">\n<style>{css}</style>\n</head>\n<body>\n'
            f"{self.fragment(document)}\n"
            f'<p class="ck-meta">{html.escape(version)}</p>\n'
            "</body>\n</html>\n"
        )


def to_html(document: Document, writer: HtmlWriter | None = None) -> str:
    """The document as a standalone HTML page."""
    return (writer or HtmlWriter()).page(document)
