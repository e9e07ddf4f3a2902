"""Write ``clausekit.pot``, the template every translation starts from, from the English catalogue.

Run after adding or removing a message in ``en/LC_MESSAGES/clausekit.po`` (and the Dutch one)::

    python3 -m toolkit.locales
    pybabel update -i toolkit/locales/clausekit.pot -d toolkit/locales -D clausekit --no-wrap

The message ids are the texts' keys; each carries its English text as a comment for the translator.
"""

from __future__ import annotations

import datetime as dt
import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, SOURCE_LANGUAGE, TEMPLATE_POT, catalogue_path

FIXED_DATE = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)  # the .pot's dates: fixed, so it is reproducible
ENGLISH = "English: "


def template_bytes() -> bytes:
    """The .pot: every message of the source catalogue with an empty text and its English as a comment."""
    with catalogue_path(SOURCE_LANGUAGE).open("rb") as handle:
        source = read_po(handle, domain=DOMAIN)
    template = Catalog(
        domain=DOMAIN, project="clausekit", copyright_holder="clausekit",
        creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
    )  # fmt: skip
    for message in source:
        if message.id:
            comments = list(message.auto_comments)  # a section's title, then the English (wrapped)
            english = [i for i, comment in enumerate(comments) if comment.startswith(ENGLISH)]
            comments = comments[: english[0]] if english else comments
            template.add(message.id, "", auto_comments=[*comments, f"{ENGLISH}{message.string}"])
    buffer = io.BytesIO()
    write_po(buffer, template, width=0, sort_output=False)
    return buffer.getvalue()


def main() -> None:
    TEMPLATE_POT.write_bytes(template_bytes())
    print(TEMPLATE_POT)


if __name__ == "__main__":
    main()
