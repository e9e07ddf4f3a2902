"""Starting a translation from the source's text: a new translation file, or a variant's missing block.

A translation carries text only (docs/authoring.md, "Translations"): its front matter has the title,
the terms and the variants' labels, never a condition. What is written here is the source's own
text as a starting point for the translator; the checks (CK951) no longer call it missing, so the
editor says plainly that it still needs translating.
"""

from __future__ import annotations

from ..errors import Location
from ..loader.clause import DEFAULT_VARIANT
from ..model import Clause
from .source import ClauseSource, EditError, yaml_scalar


def _block(variant_id: str, body: str, nl: str) -> str:
    body = body if not body or body.endswith("\n") else body + nl
    return f"::: variant {variant_id}{nl}{body}:::{nl}"


def new_translation(source: Clause, nl: str = "\n") -> str:
    """The text of a translation file of ``source`` that holds the source's title, terms, labels and
    bodies (a clause with one variant gets a plain body, as in the source)."""
    lines = ["---", f"title: {yaml_scalar(source.title)}"]
    if source.terms:
        lines.append("terms:")
        lines.extend(f"  - {yaml_scalar(term)}" for term in source.terms)
    labelled = [v for v in source.variants if v.label] if len(source.variants) > 1 else []
    if labelled:
        lines.append("variants:")
        for variant in labelled:
            lines.extend((f"  {variant.id}:", f"    label: {yaml_scalar(variant.label)}"))
    lines.append("---")
    head = nl.join(lines) + nl
    if len(source.variants) == 1:
        body = source.variants[0].body
        return head + body + ("" if body.endswith("\n") else nl)
    return head + nl.join(_block(v.id, v.body, nl) for v in source.variants)


def add_block(file: ClauseSource, variant_id: str, body: str) -> str:
    """The translation file's text with a block for ``variant_id`` holding ``body`` after its last
    block; the rest of the file stays byte for byte."""
    if variant_id in file.bodies:
        raise EditError(
            f"variant '{variant_id}' is in {file.path.name} already", Location(file.path), "edit it there"
        )
    if not file.fenced:
        raise EditError(
            f"{file.path.name} has one body, without '::: variant' blocks",
            Location(file.path),
            f"put '::: variant {DEFAULT_VARIANT}' … ':::' around it by hand, one block per variant",
        )
    nl = file.newline
    end = max(span.end for span in file.blocks.values())
    return file.text[:end] + nl + _block(variant_id, body, nl) + file.text[end:]
