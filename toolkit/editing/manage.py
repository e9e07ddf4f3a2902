"""Variants added, removed and reordered in a clause file, touching only their own lines.

A new variant is a copy of another (its text, condition and label), written below the last one
in the front matter and below the last ``::: variant`` block; a clause with one body becomes one
with blocks (its body the variant ``default``). Deleting removes the variant's lines in both
places; moving swaps them with the neighbour's (the first variant whose condition holds wins).
"""

from __future__ import annotations

import re

from ..errors import Location
from ..loader.clause import DEFAULT_VARIANT
from .source import ClauseSource, EditError, FrontMatter, Span, parse_text, yaml_scalar

VARIANT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def check_id(source: ClauseSource, variant_id: str) -> None:
    """A new variant's id: lower case letters, digits, ``-`` and ``_``, not taken yet."""
    if not VARIANT_ID.match(variant_id):
        raise EditError(
            f"'{variant_id}' cannot be a variant id",
            Location(source.path),
            "use lower case letters, digits, '-' and '_', e.g. 'zorg' or 'met-or'",
        )
    if variant_id in source.bodies:
        raise EditError(f"variant '{variant_id}' exists already", Location(source.path), "choose another id")


def _entry_text(indent: int, variant_id: str, when: str | None, label: str, nl: str) -> str:
    pad = " " * (indent + 2)
    lines = [f"{' ' * indent}{variant_id}:{nl}"]
    if when:
        lines.append(f"{pad}when: {yaml_scalar(when)}{nl}")
    if label:
        lines.append(f"{pad}label: {yaml_scalar(label)}{nl}")
    return "".join(lines)


def _block(variant_id: str, body: str, nl: str) -> str:
    body = body if not body or body.endswith(("\n", "\r\n")) else body + nl
    return f"::: variant {variant_id}{nl}{body}:::{nl}"


def add_variant(
    source: ClauseSource, variant_id: str, body: str, when: str | None = None, label: str = ""
) -> str:
    """The file's text with a new variant (after the others) holding ``body``, ``when`` and ``label``."""
    check_id(source, variant_id)
    nl = source.newline
    if not source.fenced:  # one body: it becomes the variant 'default', the new one follows it
        old = source.body(DEFAULT_VARIANT)
        front_end = source.front.end
        head = f"variants:{nl}  {DEFAULT_VARIANT}:{nl}" + _entry_text(2, variant_id, when, label, nl)
        closing = source.text[front_end : source.bodies[DEFAULT_VARIANT].start]
        blocks = _block(DEFAULT_VARIANT, old, nl) + nl + _block(variant_id, body, nl)
        return source.text[:front_end] + head + closing + blocks
    front = FrontMatter(source)
    entries = front.variant_entries()
    last_entry = entries[-1]
    last_block = max(source.blocks.values(), key=lambda span: span.start)
    text = source.text
    text = text[: last_block.end] + nl + _block(variant_id, body, nl) + text[last_block.end :]
    at = front.span(last_entry.line, last_entry.end).end
    return text[:at] + _entry_text(last_entry.indent, variant_id, when, label, nl) + text[at:]


def _with_blank(text: str, span: Span) -> Span:
    """``span`` and one blank line after it (else before it): what separated it from its neighbour."""
    for newline in ("\r\n", "\n"):
        if text.startswith(newline, span.end):
            return Span(span.start, span.end + len(newline))
    for newline in ("\r\n", "\n"):
        if text[: span.start].endswith(newline * 2):
            return Span(span.start - len(newline), span.end)
    return span


def delete_variant(source: ClauseSource, variant_id: str) -> str:
    """The file's text without the variant (its front matter entry and its block)."""
    if variant_id not in source.blocks:
        raise EditError(f"the file has no variant block '{variant_id}'", Location(source.path), None)
    if len(source.blocks) < 2:
        raise EditError(
            "the last variant of a clause cannot be deleted",
            Location(source.path),
            "remove the article from the template instead",
        )
    block = _with_blank(source.text, source.blocks[variant_id])
    text = source.text[: block.start] + source.text[block.end :]
    front = FrontMatter(source)
    entry = front.variant(variant_id)
    span = front.span(entry.line, entry.end)
    return text[: span.start] + text[span.end :]


def _swap(text: str, a: Span, b: Span) -> str:
    if b.start < a.start:
        a, b = b, a
    return (
        text[: a.start]
        + text[b.start : b.end]
        + text[a.end : b.start]
        + text[a.start : a.end]
        + text[b.end :]
    )


def move_variant(source: ClauseSource, variant_id: str, offset: int) -> str:
    """The file's text with the variant moved ``offset`` places (-1: up, 1: down), in both places."""
    front = FrontMatter(source)
    entries = front.variant_entries()
    index = next((i for i, e in enumerate(entries) if e.key == variant_id), None)
    if index is None or not 0 <= index + offset < len(entries):
        return source.text
    other = entries[index + offset]
    text = _swap(source.text, source.blocks[variant_id], source.blocks[other.key])
    moved = parse_text(source.path, text, source.digest)
    front = FrontMatter(moved)
    mine, theirs = front.variant(variant_id), front.variant(other.key)
    return _swap(text, front.span(mine.line, mine.end), front.span(theirs.line, theirs.end))
