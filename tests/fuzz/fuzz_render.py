"""Fuzz target: structured answers → validate → render → Markdown and HTML (and pandoc, every Nth).

The fuzzer's bytes choose, per question, an answer of any shape (hostile text, huge numbers,
lists, dates, wrong types) for one of three templates: the fuzz template (tests/fuzz/library,
every answer printed in a paragraph of its own), the mini fixture and the flagship. Oracles:

- only ClauseKitError may escape;
- fuzz template: every paragraph of the Markdown (read by markdown-it), of the HTML and, every
  CLAUSEKIT_FUZZ_PANDOC_EVERY-th input (default 200; 0 never), of pandoc's AST of the publish
  Markdown reads exactly as expected, the answer literally, with no other structure; the DOCX
  is written too (a crash check);
- mini and flagship: the HTML has only the tags the clauses themselves make.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import sys
from typing import Any

import oracle

from toolkit import HtmlWriter, Library, Question, Template, load_answers_file, to_markdown
from toolkit.locales import DUTCH
from toolkit.model import QuestionType

FUZZ = oracle.load(oracle.FUZZ_LIBRARY, "fuzz")
MINI = oracle.load(oracle.MINI_LIBRARY, "mini")
FLAGSHIP = oracle.load(oracle.FLAGSHIP_LIBRARY, "richtlijnen-social-media")
PANDOC_EVERY = int(os.environ.get("CLAUSEKIT_FUZZ_PANDOC_EVERY", "200"))
WRITER = HtmlWriter()
MARKDOWN = oracle.markdown_it.MarkdownIt("commonmark", {"html": False})
# Pieces that mean something in Markdown, HTML, pandoc, Jinja or to a terminal.
FRAGMENTS = [
    *"*_`#[]()!<>{}=:-+.|\\^~$@&;\"' \n\t\r/%,?", "a", "Z", "0", "1. ", "2) ", "- ", "> ", "    ", "é",
    "–", "\u00a0", "\u200b", "\u202e", "\u2028", "\ufeff", "\x1b", "&amp;", "&#x41;", "<script>",
    "</p>", "](", "http://x.example", "```", "{=html}", "---", "***", "#include", "{{", "}}", "{%",
    ":::", "[^1]", "^[", "<!--", "-->", "\\\n", "  \n", "$$", "@key", "|---|", ":   ",
]  # fmt: skip
_count = 0
ANCHOR = re.compile(r"(?<!\\)\[\]\{#ck-[\w-]+\}")  # a sub-clause's anchor, as the writers make it
INTERNAL = re.compile(r'<a href="#ck-[\w-]+">')  # a reference's link: the only link a document has


def one_input(data: bytes) -> None:
    import atheris

    fdp = atheris.FuzzedDataProvider(data)
    which = fdp.ConsumeIntInRange(0, 3)
    library, template = (FUZZ, FUZZ, MINI, FLAGSHIP)[which]
    raw = answers(fdp, template)
    oracle.guarded(lambda: check(library, template, raw, exact=which < 2))


def text(fdp: Any, limit: int = 60) -> str:
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        return str(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, limit)))
    count = fdp.ConsumeIntInRange(0, limit)
    if mode == 1:
        return "".join(fdp.PickValueInList(FRAGMENTS[:40]) for _ in range(count))
    return "".join(fdp.PickValueInList(FRAGMENTS) for _ in range(count))


def typed(fdp: Any, question: Question) -> Any:
    """A value of the question's own type (text is still hostile)."""
    options = list(question.option_values())
    kind = question.type
    if kind is QuestionType.BOOLEAN:
        return fdp.ConsumeBool()
    if kind is QuestionType.CHOICE:
        return fdp.PickValueInList(options)
    if kind is QuestionType.MULTICHOICE:
        return [option for option in options if fdp.ConsumeBool()]
    if kind is QuestionType.DATE:
        y, m, d = fdp.ConsumeIntInRange(1, 9999), fdp.ConsumeIntInRange(1, 12), fdp.ConsumeIntInRange(1, 28)
        return f"{y:04d}-{m:02d}-{d:02d}"
    if kind is QuestionType.NUMBER:
        return fdp.ConsumeIntInRange(-(10**6), 10**6)
    return text(fdp)


def wild(fdp: Any, question: Question) -> Any:
    """A value of any shape."""
    options = list(question.option_values()) or ["x"]
    kind = fdp.ConsumeIntInRange(0, 8)
    if kind == 0:
        return text(fdp)
    if kind == 1:
        return fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 16))
    if kind == 2:
        return fdp.ConsumeBool()
    if kind == 3:
        return fdp.ConsumeFloat()
    if kind == 4:
        return [fdp.PickValueInList(options) if fdp.ConsumeBool() else text(fdp, 8) for _ in range(3)]
    if kind == 5:
        y, m, d = (
            fdp.ConsumeIntInRange(-1, 10000),
            fdp.ConsumeIntInRange(0, 13),
            fdp.ConsumeIntInRange(0, 32),
        )
        return fdp.PickValueInList([f"{y}-{m:02d}-{d:02d}", f"{d}-{m}-{y}", f"{y}{m:02d}{d:02d}"])
    if kind == 6:
        return None
    if kind == 7:
        return dt.date(
            fdp.ConsumeIntInRange(1, 9999), fdp.ConsumeIntInRange(1, 12), fdp.ConsumeIntInRange(1, 28)
        )
    return {text(fdp, 5): text(fdp, 5)}


def answers(fdp: Any, template: Template) -> dict[str, Any]:
    """Per question: left out, its own type, or (as often as the input's wildness says) any shape."""
    raw: dict[str, Any] = {}
    wildness = fdp.ConsumeIntInRange(0, 10)
    for question in template.questions:
        roll = fdp.ConsumeIntInRange(0, 10)
        if roll == 0:
            continue
        raw[question.id] = wild(fdp, question) if roll <= wildness else typed(fdp, question)
    if fdp.ConsumeIntInRange(0, 20) == 0:
        raw[text(fdp, 10)] = text(fdp, 10)
    return raw


def check(library: Library, template: Template, raw: dict[str, Any], exact: bool) -> None:
    global _count
    validated = library.validate(template, raw)
    document = library.render(template, validated)
    markdown = to_markdown(document)
    page = WRITER.page(document)
    if not exact:
        tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
        assert tags <= ALLOWED_TAGS, f"an answer made HTML structure: {tags - ALLOWED_TAGS}"
        assert all(INTERNAL.fullmatch(a) for a in re.findall(r"<a\b[^>]*>", page)), "an answer made a link"
        return
    expected = expected_paragraphs(validated.values)
    assert commonmark_paragraphs(markdown) == expected
    assert html_paragraphs(WRITER.fragment(document)) == expected
    _count += 1
    if PANDOC_EVERY and _count % PANDOC_EVERY == 0:
        from toolkit.publish.docx import to_docx
        from toolkit.publish.markdown import document_markdown

        assert pandoc_paragraphs(document_markdown(document)) == expected
        to_docx(document)


def literal(answer: str) -> str:
    """How an answer reads in every output: runs of spaces folded, lines trimmed (escape_markdown)."""
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in answer.split("\n"))


def expected_paragraphs(values: dict[str, Any]) -> list[str]:
    number = values["getal"]
    return [
        f"1.1 Tekst: {literal(values['tekst'])}.",
        f"1.2 Regels: {literal(values['regels'])}.",
        f"1.3 Keuze: {values['keuze']}; meer: {DUTCH.join(values['meer'])}; dag: {DUTCH.date(values['dag'])};"
        f" getal: {number}; vlag: {'ja' if values['vlag'] else 'nee'}.",
        f"Zie artikel 1 voor {literal(values['tekst'])}.",
    ]


def commonmark_paragraphs(markdown: str) -> list[str]:
    """The text of each paragraph as markdown-it reads it; any block but headings is structure, and
    so is any inline but text and line breaks, except the references' links to ck- anchors. The
    anchors (``[]{#ck-…}``, which pandoc reads and markdown-it does not) go first: an answer's
    brackets are always escaped, so none of them is one."""
    tokens = MARKDOWN.parse(ANCHOR.sub("", markdown))
    paragraphs: list[str] = []
    for index, token in enumerate(tokens):
        assert token.type in ("heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline")
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            parts = []
            for child in token.children or []:
                if child.type == "link_open":
                    assert str(child.attrs.get("href", "")).startswith("#ck-"), child.attrs
                    continue
                assert child.type in ("text", "hardbreak", "softbreak", "link_close"), child.type
                parts.append("\n" if child.type in ("hardbreak", "softbreak") else child.content)
            paragraphs.append("".join(parts))
    assert sum(t.type == "heading_open" for t in tokens) == 3  # the title and two articles
    return paragraphs


def html_paragraphs(fragment: str) -> list[str]:
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", fragment))
    assert tags <= {"article", "h1", "section", "h2", "span", "div", "p", "br", "a"}, tags
    assert all(INTERNAL.fullmatch(a) for a in re.findall(r"<a\b[^>]*>", fragment)), fragment
    paragraphs = []
    for div in re.findall(r'<div class="ck-subclause"[^>]*>(.*?)</div>', fragment, re.S):
        div = re.sub(r"<br />\n?", "\n", div)
        paragraphs.append(html.unescape(re.sub(r"<[^>]+>", "", div)))
    return [re.sub(r"^(\d+\.\d+)", r"\1 ", p) for p in paragraphs]


def pandoc_paragraphs(markdown: str) -> list[str]:
    from toolkit.publish.pandoc import READER, run_pandoc

    ast = json.loads(run_pandoc(["--from", READER, "--to", "json"], markdown.encode("utf-8")))
    assert ast["meta"] == {}
    paragraphs = []
    for block in ast["blocks"]:
        assert block["t"] in ("Header", "Para"), block["t"]
        if block["t"] == "Para":
            paragraphs.append("".join(_inline_text(node) for node in block["c"]))
    return paragraphs


def _inline_text(node: dict[str, Any]) -> str:
    kind = node["t"]
    if kind == "Span":  # a sub-clause's anchor: an empty span with a ck- id
        (ident, _, _), content = node["c"]
        assert ident.startswith("ck-") and not content, node
        return ""
    if kind == "Link":  # a reference: a link to a ck- anchor
        _, content, (url, _) = node["c"]
        assert url.startswith("#ck-"), node
        return "".join(_inline_text(child) for child in content)
    assert kind in ("Str", "Space", "SoftBreak", "LineBreak"), kind
    return node["c"] if kind == "Str" else " " if kind == "Space" else "\n"


def _allowed_tags() -> set[str]:
    """The tags the clauses make with benign answers: the shipped examples and the mini defaults."""
    tags: set[str] = set()
    library, template = FLAGSHIP
    for example in sorted(template.examples_dir.glob("*.yaml")):
        raw, _ = load_answers_file(example)
        tags |= set(
            re.findall(
                r"<([a-zA-Z][a-zA-Z0-9]*)",
                WRITER.page(library.render(template, library.validate(template, raw))),
            )
        )
    library, template = MINI
    for raw in ({"naam": "Acme", "pers": "afdeling", "streng": True}, {"naam": "Acme"}):
        tags |= set(
            re.findall(
                r"<([a-zA-Z][a-zA-Z0-9]*)",
                WRITER.page(library.render(template, library.validate(template, raw))),
            )
        )
    return tags


ALLOWED_TAGS = _allowed_tags()


def main() -> None:
    import atheris

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
