"""Document → pandoc Markdown, and Document → HTML in process (fast enough for a live preview)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from .locales import Locale, locale_for
from .model import Article, Document, SubClause

HTML_CSS = """
body { font-family: "Source Serif 4", Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }
.ck-title { font-size: 1.6em; }
.ck-meta { color: #555; }
.ck-article h2 { font-size: 1.15em; margin-top: 1.6em; }
.ck-subnumber { font-weight: bold; margin-right: .4em; }
"""


def article_anchor(article: Article) -> str:
    return f"art-{article.clause.id}"


def subclause_paragraphs(subs: Iterable[SubClause]) -> list[str]:
    """Each sub-clause as a Markdown paragraph that starts with its literal number, then a blank line."""
    parts: list[str] = []
    for sub in subs:
        parts += [f"{sub.number} {sub.markdown}" if sub.number else sub.markdown, ""]
    return parts


def to_markdown(document: Document) -> str:
    """The document as pandoc Markdown: a title, one level-2 heading per article, numbered paragraphs."""
    template = document.template
    words = locale_for(template.language)
    parts = [f"# {template.title}", ""]
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
        default_factory=lambda: MarkdownIt("commonmark", {"html": False}).disable("image")
    )

    def fragment(self, document: Document) -> str:
        """The document body as an HTML fragment (for the notebook preview)."""
        template = document.template
        words = locale_for(template.language)
        out = [
            f'<article class="{" ".join(self.document_classes(document))}"'
            f' lang="{html.escape(template.language)}" data-template="{html.escape(template.id)}">',
            f'<h1 class="ck-title">{html.escape(template.title)}</h1>',
        ]
        for article in document.articles:
            out.append(self.article(article, words))
        out.append("</article>")
        return "\n".join(out)

    def article(self, article: Article, words: Locale) -> str:
        variant = article.variant
        out = [
            f'<section class="{" ".join(self.article_classes(article))}" id="{article_anchor(article)}"'
            f' data-clause="{html.escape(article.clause.id)}" data-variant="{html.escape(variant.id)}">',
            self.article_header(article, words),
        ]
        for sub in article.subclauses:
            body = self.body_html(sub.markdown)
            if sub.number:
                number = f'<span class="ck-subnumber">{sub.number}</span>'
                body = body.replace("<p>", f"<p>{number}", 1) if body.startswith("<p>") else number + body
                out.append(f'<div class="ck-subclause" data-number="{sub.number}">{body}</div>')
            else:
                out.append(f'<div class="ck-subclause">{body}</div>')
        out.append("</section>")
        return "\n".join(out)

    # -- hooks -------------------------------------------------------------------------------
    def document_classes(self, document: Document) -> list[str]:
        """The CSS classes of the ``<article>`` that holds the document."""
        return ["ck-document"]

    def article_classes(self, article: Article) -> list[str]:
        """The CSS classes of an article's ``<section>``."""
        return ["ck-article"]

    def article_header(self, article: Article, words: Locale) -> str:
        """What opens an article: its heading (number and title, escaped), in the document's words."""
        number = html.escape(words.text("document.article", number=article.number))
        return f'<h2><span class="ck-number">{number}</span> {html.escape(article.title)}</h2>'

    def body_html(self, markdown: str) -> str:
        """One sub-clause's Markdown (answers already escaped by the core) as HTML."""
        return str(self.markdown.render(markdown)).strip()

    def page(self, document: Document) -> str:
        """A standalone HTML page."""
        template = document.template
        version = locale_for(template.language).text("document.version", version=template.version)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{html.escape(template.language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(template.title)}</title>\n"
            f'<meta name="generator" content="clausekit">\n<style>{HTML_CSS}</style>\n</head>\n<body>\n'
            f"{self.fragment(document)}\n"
            f'<p class="ck-meta">{html.escape(version)}</p>\n'
            "</body>\n</html>\n"
        )


def to_html(document: Document, writer: HtmlWriter | None = None) -> str:
    """The document as a standalone HTML page."""
    return (writer or HtmlWriter()).page(document)
