"""Numbering and references of a document of any shape (SHAPES.md): where each present clause
stands in its part, what ``ref()`` writes, the anchors the writers put on headings, sub-clauses and
list items, and the generated definitions. Pure functions of the template and the words of a locale.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .errors import RenderError
from .escape import Trusted, escape_markdown
from .locales import Locale
from .model import Clause, Template

_NUMBER = "\uf8fe"  # a private-use character (not one of the preview's markers) holds the number's place
_LETTER = "\uf8fd"  # and one holds the list item's letter


@dataclass(frozen=True)
class Place:
    """Where a present clause stands: its part's scheme and its number there (a block: 0, "none")."""

    number: int
    scheme: str
    subclauses: str = "decimal"
    lettered: bool = False

    @property
    def numbered(self) -> bool:
        return self.scheme != "none"


def places(template: Template, present: Collection[str]) -> dict[str, Place]:
    """The place of every present clause: numbered per part, blocks not counted; a ``fixed`` part
    counts the clauses the answers leave out too, so its numbers are positions in its list."""
    found: dict[str, Place] = {}
    for part in template.parts:
        count = 0
        for entry in part.entries:
            clause_id = entry.clause.id
            numbered = part.numbers(entry)
            if numbered and (part.fixed or clause_id in present):
                count += 1
            if clause_id in present:
                scheme = part.numbering if numbered else "none"
                found[clause_id] = Place(
                    count if numbered else 0, scheme, part.subclauses, entry.clause.lettered
                )
    return found


def definitions_markdown(words: Locale, clauses: Collection[Clause], style: str) -> str:
    """The defined terms of ``clauses`` with their definitions (``terms: {Term: "…"}``), in
    alphabetical order, as a table (``table``) or one paragraph per term (``list``); escaped."""
    # document order for a term defined twice (a finding, CK604), alphabetical otherwise
    pairs = dict.fromkeys(pair for clause in clauses for pair in clause.definitions)
    found = sorted(pairs, key=lambda pair: pair[0].casefold())
    if style == "list":
        return "\n\n".join(f"**{escape_markdown(term)}**: {escape_markdown(text)}" for term, text in found)
    head = (
        escape_markdown(words.text(key))
        for key in ("document.definitions.term", "document.definitions.meaning")
    )
    rows = [f"| {' | '.join(head)} |", "|---|---|"]
    rows += [f"| **{escape_markdown(term)}** | {escape_markdown(text)} |" for term, text in found]
    return "\n".join(rows)


def letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: the letters of recitals and list items."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def anchor(clause_id: str, sub: int | None = None, item: str | None = None) -> str:
    """The identifier of a heading (``ck-id``), a sub-clause (``ck-id-2``) or a list item (``ck-id-2-b``)."""
    parts = ["ck", clause_id]
    if sub is not None or item is not None:
        parts.append(str(sub if sub is not None else 1))
    if item is not None:
        parts.append(item)
    return "-".join(parts)


def check_item(item: object, clause: Clause) -> str | None:
    """The letter of a list item in ``ref()``: one lowercase letter, or None."""
    if item is None:
        return None
    if not isinstance(item, str) or not re.fullmatch(r"[a-z]{1,2}", item):
        raise RenderError(
            f"ref() names list item {item!r}, which is not a letter",
            clause.location,
            'write the letter of the item in quotes: ref("id", 2, "b")',
        )
    return item


def reference(
    words: Locale,
    number: int | str,
    sub: int | None = None,
    word: str | None = None,
    *,
    scheme: str = "article",
    item: str | None = None,
    target: str | None = None,
) -> Trusted:
    """What ``ref()`` writes: ``artikel 3``, ``artikel 3.2`` or ``artikel 3.2 onder b`` in the words
    of the document's language and the part's scheme, or with the author's ``word`` (escaped); the
    number is ours. With a ``target`` clause id it is a link to that clause's anchor."""
    sub = int(sub) if sub is not None else None  # read once: the words and the link's target agree
    shown = str(number) + (f".{sub}" if sub is not None else "")
    if word is None:  # the locale's words escaped around the number, as an author's word is
        text = escape_markdown(words.text(f"document.reference.{scheme}", number=_NUMBER)).replace(
            _NUMBER, shown
        )
    else:
        text = f"{escape_markdown(str(word))} {shown}".strip()
    if item is not None:
        pattern = escape_markdown(words.text("document.reference.item", reference=_NUMBER, item=_LETTER))
        text = pattern.replace(_NUMBER, text).replace(_LETTER, item)
    if target is not None:
        text = f"[{text}](#{anchor(target, sub, item)})"
    return Trusted(text)
