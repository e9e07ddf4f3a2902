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
from .tables import Table, is_caption, is_table, parse_table, prefix_first_paragraph

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
# Lettered lists and blocks.
PARTS_CSS = """.ck-items { list-style: none; padding-left: 1.5em; }
.ck-item { margin-right: .4em; }
.ck-block h2, .ck-block h3 { font-size: 1.15em; }
"""
_BLANK = re.compile(r"\n[ \t]*\n")
# Tables carry their style inline, so that every page and the studio show them alike.
_TABLE_STYLE = "border-collapse: collapse; margin: .6em 0;"
_CELL_STYLE = {
    "th": "border: 1px solid #999; padding: .25em .6em; vertical-align: bottom; background: #eee;",
    "td": "border: 1px solid #999; padding: .25em .6em; vertical-align: top;",
}
# An anchor of SHAPES.md, ``[]{#ck-3-2}``: an empty span that is a link target. markdown-it knows no
# spans, so the writer swaps each for a private-use marker (answers cannot hold one) and back.
_ANCHOR = re.compile(r"(?<!\\)\[\]\{#([A-Za-z][\w:.-]*)\}")
_ANCHOR_MARK = re.compile("\uf8fd(\\d+)\uf8fd")
_LEADING_TABLES = re.compile(r"(?:<table\b.*?</table>\s*)*", re.S)


def subclause_paragraphs(subs: Iterable[SubClause]) -> list[str]:
    """Each sub-clause as a Markdown paragraph that starts with its literal number, then a blank line."""
    parts: list[str] = []
    for sub in subs:
        parts += [prefix_first_paragraph(sub.markdown, f"{sub.number} ") if sub.number else sub.markdown, ""]
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
        text = prefix_first_paragraph(body, f"{sub.number} ") if sub.number else body
        if article.numbered and (sub.number or not _BLOCK_START.match(body)):
            text = prefix_first_paragraph(text, f"[]{{#{anchor(clause.id, n)}}}")
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


def _number_first_paragraph(body: str, number: str) -> str:
    """The sub-clause number at the start of its first paragraph after any tables that open it (else
    in front of what follows them)."""
    tables = _LEADING_TABLES.match(body)
    start = tables.end() if tables else 0
    if body.startswith("<p>", start):
        start += len("<p>")
    return body[:start] + number + body[start:]


def to_markdown(document: Document) -> str:
    """The document as pandoc Markdown: a title, one level-2 heading per article, numbered paragraphs."""
    return "\n".join([f"# {document.template.title}", "", *parts_markdown(document, 2)])


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

    def fragment(self, document: Document) -> str:
        """The document body as an HTML fragment (for the notebook preview)."""
        template = document.template
        words = locale_for(template.language)
        out = [
            f'<article class="{" ".join(self.document_classes(document))}"'
            f' lang="{html.escape(template.language)}" data-template="{html.escape(template.id)}">',
            f'<h1 class="ck-title">{html.escape(template.title)}</h1>',
        ]
        for part in document.parts:
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
        out = [
            f'<section class="{" ".join(self.article_classes(article))}" id="{anchor(article.clause.id)}"'
            f' data-clause="{html.escape(article.clause.id)}" data-variant="{html.escape(variant.id)}">',
            self.article_header(article, words),
        ]
        for n, sub in enumerate(article.subclauses, start=1):
            body = self._sub_html(article, n, sub, words)
            ident = f' id="{anchor(article.clause.id, n)}"' if article.numbered else ""
            if sub.number:
                number = f'<span class="ck-subnumber">{html.escape(sub.number)}</span>'
                body = _number_first_paragraph(body, number)
                out.append(f'<div class="ck-subclause"{ident} data-number="{sub.number}">{body}</div>')
            else:
                out.append(f'<div class="ck-subclause"{ident}>{body}</div>')
        out.append("</section>")
        return "\n".join(filter(None, out))

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
        number = html.escape(words.text(f"document.number.{article.scheme}", number=article.number))
        return f'<h{level}><span class="ck-number">{number}</span> {title}</h{level}>'

    def body_html(self, markdown: str) -> str:
        """One sub-clause's Markdown (answers already escaped by the core) as HTML; tables as tables.

        Tables are drawn here rather than by a markdown-it plug-in, so that they read as pandoc reads
        them (pipe and grid tables, with or without a header row) whatever ``markdown`` is set up with.
        """
        anchors: list[str] = []

        def hold(match: re.Match[str]) -> str:
            anchors.append(match.group(1))
            return f"\uf8fd{len(anchors) - 1}\uf8fd"

        out: list[str] = []
        text: list[str] = []
        previous = None
        for block in _BLANK.split(_ANCHOR.sub(hold, markdown)):
            if is_table(block):
                if text:
                    out.append(str(self.markdown.render("\n\n".join(text))).strip())
                    text = []
                out.append(self.table_html(parse_table(block)))
            elif is_caption(block, previous):
                caption = str(self.markdown.renderInline(block.split(":", 1)[1].strip()))
                out[-1] = out[-1].replace(">", f"><caption>{caption}</caption>", 1)
            else:
                text.append(block)
            previous = block
        if text:
            out.append(str(self.markdown.render("\n\n".join(text))).strip())
        return _ANCHOR_MARK.sub(
            lambda m: f'<span id="{html.escape(anchors[int(m.group(1))])}"></span>', "\n".join(out)
        )

    def table_html(self, table: Table) -> str:
        """A table; cells rendered as Markdown (a grid table's cells may hold paragraphs and lists)."""

        def cell(tag: str, markdown: str, align: str) -> str:
            style = _CELL_STYLE[tag] + (f" text-align: {align};" if align else "")
            if table.grid:
                inner = str(self.markdown.render(markdown)).strip()
                if inner.count("<p>") == 1 and inner.startswith("<p>") and inner.endswith("</p>"):
                    inner = inner[3:-4]
            else:
                inner = str(self.markdown.renderInline(markdown))
            return f'<{tag} style="{style}">{inner}</{tag}>'

        def row(tag: str, cells: tuple[str, ...]) -> str:
            return (
                "<tr>" + "".join(cell(tag, c, a) for c, a in zip(cells, table.aligns, strict=False)) + "</tr>"
            )

        out = [f'<table class="ck-table" style="{_TABLE_STYLE}">']
        if table.header:
            out.append(f"<thead>{row('th', table.header)}</thead>")
        out.append("<tbody>" + "".join(row("td", r) for r in table.rows) + "</tbody>")
        out.append("</table>")
        return "".join(out)

    def page(self, document: Document) -> str:
        """A standalone HTML page."""
        template = document.template
        version = locale_for(template.language).text("document.version", version=template.version)
        css = HTML_CSS + PARTS_CSS
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
