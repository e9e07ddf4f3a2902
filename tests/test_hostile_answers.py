"""Answers are data: every hostile answer appears literally, and adds no structure, in Markdown and HTML.

Checked three ways: markdown-it's token stream (what the live preview uses), the HTML text,
and the pandoc AST of the Markdown we hand to pandoc (real pandoc, as the publishers use it).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pypandoc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from toolkit import HtmlWriter, Library, to_markdown, validate
from toolkit.escape import escape_markdown

HOSTILE = [
    "**vet** _schuin_ `code`",
    "# kop",
    "[klik](https://evil.example)",
    "![x](/etc/hostname)",
    "<script>alert(1)</script>",
    "ACME <!--",
    "```{=openxml}\n<w:p/>\n```",
    "`x`{=html}",
    "$x^2$ en $$y$$",
    "^[voetnoot] en [^1]",
    "\n---\ntitle: X\n---\n",
    "1. lijst\n2. lijst",
    "- a\n- b",
    "> citaat",
    "&amp; &lt;b&gt; &#x41;",
    "a\\\nb \\",
    "| a | b |\n|---|---|",
    "<http://x.example>",
    "@citatie [@key]",
    "H~2~O en 2^10^",
    ":::: {.div}\ntekst\n::::",
    "{{ 7*7 }} {% if %}",
    "#include <stdio.h> @#$%^&*()",
    'Wiki\'s "quotes" -- --- ...',
    "    ingesprongen code",
    "term\n:   definitie",
    "* * *",
    "\\",
]

MARKDOWN_IT = MarkdownIt("commonmark", {"html": False})
PANDOC_FROM = "markdown-raw_html-raw_tex-raw_attribute-yaml_metadata_block"


def _inline_text(markdown: str) -> tuple[str, set[str]]:
    """Text of a Markdown paragraph (hard breaks as newlines) and the kinds of tokens it made."""
    tokens = MARKDOWN_IT.parse(markdown)
    kinds = {t.type for t in tokens}
    text = []
    for token in tokens:
        for child in token.children or []:
            kinds.add(child.type)
            text.append("\n" if child.type in ("hardbreak", "softbreak") else child.content)
    return "".join(text), kinds


def _normalise(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_is_literal_in_commonmark(payload: str) -> None:
    text, kinds = _inline_text(escape_markdown(payload))
    assert text == _normalise(payload)
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text", "hardbreak"}


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_answer_renders_literally_in_html(mini_library: Path, payload: str) -> None:
    library = Library(mini_library)
    template = library.template("mini")
    answers = validate(template, {"naam": payload})
    document = library.render(template, answers)
    page = HtmlWriter().fragment(document)
    section = page.split('data-clause="doel"')[1].split("</section>")[0]
    assert "<script" not in section and "<a " not in section and "<img" not in section
    assert "<code" not in section and "<h1" not in section.split("</h2>", 1)[1]
    body = re.sub(r"<br />\n?", "\n", section.split("</h2>", 1)[1])
    body_text = html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
    assert body_text == f"Deze regeling geldt voor {_normalise(answers['naam'])}."
    markdown = to_markdown(document)
    assert markdown.count("\n## ") == len(document.articles)


def _pandoc_inlines(markdown: str) -> Any:
    return json.loads(pypandoc.convert_text(markdown, "json", format=PANDOC_FROM, extra_args=["--sandbox"]))


def _ast_text(node: Any, out: list[str], kinds: set[str]) -> None:
    if isinstance(node, dict) and "t" in node:
        kinds.add(node["t"])
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] == "Space":
            out.append(" ")
        elif node["t"] in ("SoftBreak", "LineBreak"):
            out.append("\n")
        else:
            _ast_text(node.get("c"), out, kinds)
    elif isinstance(node, list):
        for item in node:
            _ast_text(item, out, kinds)


def _pandoc_text(markdown: str) -> tuple[str, set[str]]:
    ast = _pandoc_inlines(markdown)
    out: list[str] = []
    kinds: set[str] = set()
    _ast_text(ast["blocks"], out, kinds)
    assert ast["meta"] == {}
    return "".join(out), kinds


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_is_literal_in_pandoc(payload: str) -> None:
    text, kinds = _pandoc_text("Voor " + escape_markdown(payload) + " geldt dit.")
    assert text == "Voor " + _normalise(payload) + " geldt dit."
    assert kinds <= {"Para", "Str", "Space", "LineBreak"}


# Markdown/Typst/HTML metacharacters and a few letters; benchmarks/threats.py draws from it too
METACHARACTERS = "*_`#[]()!<>{}=:-+.|\\^~$@&;\"' \nabcXYZ019é–"
ALPHABET = st.sampled_from(list(METACHARACTERS))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=40), min_size=1, max_size=1))
def test_property_random_answers_change_no_structure_in_pandoc(values: list[str]) -> None:
    value = values[0]
    text, kinds = _pandoc_text("Voor " + escape_markdown(value) + " geldt dit.")
    expected = _normalise(value)
    # pandoc folds a hard break at the start or end of a paragraph; what stands between is exact
    wanted = re.sub(" +", " ", "Voor " + expected + " geldt dit.").replace(" \n", "\n").replace("\n ", "\n")
    assert text.strip("\n ").replace(" \n", "\n").replace("\n ", "\n") == wanted
    assert kinds <= {"Para", "Str", "Space", "LineBreak"}


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=60))
def test_property_random_answers_literal_in_commonmark(value: str) -> None:
    text, kinds = _inline_text(escape_markdown(value))
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text", "hardbreak"}
    assert text.strip("\n") == _normalise(value).strip("\n")


def test_pandoc_sandbox_blocks_file_reads() -> None:
    # the defence in depth: even a real image reference cannot pull a local file in
    result = subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            "--sandbox",
            "-f",
            "markdown",
            "-t",
            "html",
            "--embed-resources",
            "--standalone",
            "--metadata",
            "title=x",
        ],
        input="![x](/etc/hostname)",
        capture_output=True,
        text=True,
        timeout=60,
    )
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    assert hostname not in result.stdout.split("<body>")[-1] or result.returncode != 0
