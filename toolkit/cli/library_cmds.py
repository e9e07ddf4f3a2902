"""``clausekit list`` and ``clausekit questions``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import ClauseKitError
from ..library import Library
from ..locales import ui_locale, ui_text
from . import add_doc_lang


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    listing = subparsers.add_parser("list", parents=[common])
    listing.set_defaults(func=cmd_list)
    questions = subparsers.add_parser("questions", parents=[common])
    questions.add_argument("template", help=words.text("cli.option.template"))
    add_doc_lang(questions)
    questions.set_defaults(func=cmd_questions)


def cmd_list(args: argparse.Namespace) -> int:
    """Read only template.yaml of each template; one that cannot be read is named, the rest listed."""
    library = Library(args.library)
    ids = library.template_ids()
    if not ids:
        print(ui_text("cli.list.empty", folder=library.root))
    status = 0
    for template_id in ids:
        try:
            info = library.info(template_id)
        except ClauseKitError as exc:
            print(exc.format(), file=sys.stderr)
            status = 1
            continue
        print(f"{info.id}  {info.version}  {','.join(info.languages)}  {info.title}")
    return status


def cmd_questions(args: argparse.Namespace) -> int:
    from ..answers import coerce
    from ..kinds import kind_of

    template = Library(args.library).edition(args.template, args.doc_lang)
    words = ui_locale()
    for question in template.questions:
        kind = kind_of(question)
        flags = f" ({words.text('ui.required_mark')})" if question.required else ""
        print(f"{question.id}: {question.label}{flags}")
        print("    " + words.text("review.kind", kind=question.type))
        if kind.has_options:
            for option in question.options:
                print(f"    - {option.value}: {option.label}")
        if question.default is not None:
            shown = kind.display(question, coerce(question, question.default), words)
            print("    " + words.text("cli.questions.default", value=shown))
        if question.help:
            print("    " + words.text("cli.questions.help", text=question.help))
    return 0
