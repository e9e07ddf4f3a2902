"""Markdown in pieces that pandoc reads alone to the same blocks as it reads the whole, so that the
long-lived pandoc can keep the reading of each piece (``pandoc_server.lua``: most article texts repeat
verbatim across the documents of a batch and across the visitors of the web face).

A piece starts where a heading (``# …``) or a sub-clause anchor (``[]{#ck-…}``) opens a line after
a blank line: the places where our Markdown (``toolkit/writers.py``) starts an article or a
sub-clause. Reading the pieces apart gives the blocks of reading the whole when two things hold:

1. No state crosses the pieces. pandoc's Markdown reader (with :data:`toolkit.publish.pandoc.READER`:
   no footnotes, citations, metadata or raw HTML) carries from one block to the next only link
   references (``[key]: url``, and the implicit references of every heading text) and example lists
   (``(@)``). :func:`split_markdown` gives no pieces when a closing bracket is not followed by an
   inline link destination ``(…)`` or attributes ``{#…}`` (so no reference is ever looked up, nor
   defined), or when an "@" may open an example-list marker.
2. No block crosses a piece's border. Every block before a border is closed by the blank line and
   the non-indented line after it, except the few that may run over blank lines to a closing line
   of their own: fenced code and divs, multiline and headerless tables (lines of dashes). No pieces
   when such a line appears, nor an HTML comment, nor when a border's line is followed by a
   definition (``: …``: the line would be one more term of a definition list ending the piece
   before, where it read alone is a heading). The server then checks what remains on the AST:
   each piece is read with a paragraph of its own (a nonce) after it, which must stay a paragraph of
   its own (nothing ran over), and each piece after the first must start with a heading or a
   paragraph (it did not continue a list or definition list before it); else it reads the whole.

``tests/test_publish_chunks.py`` proves the same bytes on every example of both templates, the
review editions and the fixtures, and shows each guard at work.
"""

from __future__ import annotations

import re

# A border: a blank line, then a line that opens a heading or a sub-clause's anchor span.
_BORDER = re.compile(r"\n\n(?=#{1,6} |\[\]\{#)")
# A border line followed (after at most a blank line) by a definition: it would be one more term of a
# definition list that ends the piece before it.
_TERM = re.compile(r"[^\n]*\n(?:[ \t]*\n)?[ \t]*[:~]")
# Lines that can open a block running over blank lines (looked for only when one of _SPANNING_MARKS is
# there: a regular expression tried at every line costs more than the rest of the split).
_SPANNING_MARKS = ("```", "~~~", ":::", "---")
_SPANNING = re.compile(r"^[ \t>]*(?:```|~~~|:::|-{3,})", re.M)
# An "@" that may start an example-list marker ((@), @., @) or (@label)): one that does not follow a
# word character or a backslash directly (a marker opens a line, after spaces or other markers).
_AT = re.compile(r"(?:^|(?<=[^\w\\]))@")
# What must follow each closing bracket: an inline destination without spaces, quotes or brackets, or
# attributes that pandoc's attribute parser takes whole (identifier, classes, key="value"), as in an
# anchor ``[]{#ck-id}`` or the review edition's comment spans.
_AFTER_CLOSER = re.compile(r"""\([^\s()<>"'\\]*\)|\{ ?(?:(?:#[\w:.-]+|\.[\w-]+|[\w-]+="[^"\\\n{}]*") ?)+\}""")


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes (is escaped)."""
    run = 0
    while at - run > 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def split_markdown(markdown: str) -> list[str] | None:
    """The pieces of ``markdown`` (joined, they are ``markdown``), or None when they may not be read
    apart (see the module's text); a single piece is given as None too (nothing to gain)."""
    if "<!--" in markdown:
        return None
    if any(mark in markdown for mark in _SPANNING_MARKS) and _SPANNING.search(markdown):
        return None
    if "@" in markdown and _AT.search(markdown):
        return None
    at = markdown.find("]")
    while at >= 0:
        if not _escaped(markdown, at) and not _AFTER_CLOSER.match(markdown, at + 1):
            return None
        at = markdown.find("]", at + 1)
    starts = [0, *(border.end() for border in _BORDER.finditer(markdown))]
    if len(starts) < 2 or any(_TERM.match(markdown, start) for start in starts[1:]):
        return None
    return [markdown[a:b] for a, b in zip(starts, [*starts[1:], len(markdown)], strict=True)]
