"""Answers are data: make any answer text appear literally in Markdown (pandoc and CommonMark)."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark and in pandoc's
# Markdown (all_symbols_escapable), and an escaped character is always literal text: it can open
# no emphasis, link, raw block, HTML tag, entity, footnote, math, list or smart quote. Only the
# four that mean nothing in either dialect (, ; ? /) are left as they are, for readable Markdown.
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+\-.:<=>@\[\\\]^_`{|}~])")
_SPACES = re.compile(r"[ \t]+")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text``.

    A newline becomes a hard line break (backslash-newline), so an answer can never start a
    new block; runs of spaces fold to one and the ends are trimmed, as every output format would
    show them anyway.
    """
    escaped = _PUNCTUATION.sub(r"\\\1", text.strip())
    lines = [_SPACES.sub(" ", line).strip() for line in escaped.split("\n")]
    return "\\\n".join(lines)


class Trusted(str):
    """Text produced by the toolkit itself (article references), inserted without escaping."""

    __slots__ = ()
