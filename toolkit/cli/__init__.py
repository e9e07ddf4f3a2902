"""The ``clausekit`` command: thin faces on the core. One module per family of subcommands.

A command's module is imported only when that command runs: ``clausekit --help`` and
``clausekit list`` load neither the checks nor pandoc nor Jupyter.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import ClauseKitError, UsageError
from ..locales import ENV_LANG, Locale, interface, ui_locale, ui_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Command:
    module: str  # toolkit.cli.<module>, whose ``register(subparsers, common)`` adds the command


# The one table of commands, in the order --help lists them; a new command is a line here (and its
# line of help, ``cli.command.<name>``, in the catalogues).
COMMANDS: dict[str, Command] = {
    "list": Command("library_cmds"),
    "questions": Command("library_cmds"),
    "render": Command("render_cmd"),
    "interview": Command("interview_cmds"),
    "serve": Command("interview_cmds"),
    "web": Command("web_cmd"),
    "check": Command("check_cmds"),
    "rules": Command("check_cmds"),
    "approve": Command("publish_cmds"),
    "status": Command("publish_cmds"),
    "publish": Command("publish_cmds"),
    "diff": Command("publish_cmds"),
}


class _Subcommands:
    """What a command module registers on: only the wanted command is added, with its help line."""

    def __init__(self, subparsers: Any, wanted: str):
        self.subparsers, self.wanted = subparsers, wanted

    def add_parser(self, name: str, **options: Any) -> argparse.ArgumentParser:
        if name != self.wanted:  # a sibling in the same module: registered on a throw-away parser
            return argparse.ArgumentParser(add_help=False)
        line = ui_locale().text(f"cli.command.{name}")
        options.setdefault("description", line[:1].upper() + line[1:] + ".")  # the help's first line
        parser: argparse.ArgumentParser = self.subparsers.add_parser(name, help=line, **options)
        return parser


def add_doc_lang(parser: argparse.ArgumentParser) -> None:
    """``--doc-lang TAG``: the edition of a template to use (its languages: 'clausekit list')."""
    parser.add_argument("--doc-lang", metavar="TAG", help=ui_locale().text("cli.option.doc_lang"))


def _lang_in(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of the command line, read before parsing: a command's help speaks it."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is one), if any."""
    return next((word for word in argv if word in COMMANDS), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: the named command in full, every other one as a line of help, in the
    language of the ``--lang`` in ``argv`` (else the interface's)."""
    words_in = sys.argv[1:] if argv is None else argv
    # The help, and argparse's words it builds in (-h's line), in the language asked for.
    with interface(ui_locale(_lang_in(words_in))) as words, argparse_speaking(words):
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument(
            "--library", default="clauses", metavar="PATH", help=words.text("cli.option.library")
        )
        parser = argparse.ArgumentParser(prog="clausekit", description=words.text("cli.description"))
        # The interface's language, before or after the command; a document speaks its template's.
        lang_help = words.text("cli.option.lang", variable=ENV_LANG)
        parser.add_argument("--lang", metavar="TAG", help=lang_help)
        common.add_argument("--lang", metavar="TAG", default=argparse.SUPPRESS, help=lang_help)
        from .. import __version__

        parser.add_argument(
            "--version",
            action="version",
            version=f"clausekit {__version__}",
            help=words.text("cli.option.version"),
        )
        subparsers = parser.add_subparsers(dest="command", metavar=words.text("cli.command.metavar"))
        wanted = _command_in(words_in)
        for name, command in COMMANDS.items():
            if name == wanted:
                module = importlib.import_module(f"{__name__}.{command.module}")
                module.register(_Subcommands(subparsers, name), common)
            else:
                subparsers.add_parser(name, help=words.text(f"cli.command.{name}"), add_help=False)
    return parser


# argparse's own words (``usage:``, ``options``, ``error:``, ``invalid choice`` …) are gettext
# messages of the module (the argparse HOWTO, "How to translate the argparse output"): they are
# looked up, by their English, as ``argparse.<name>`` in our catalogues; one we have no key for
# stays in English.
ARGPARSE_MESSAGES = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "optional arguments": "argparse.options",  # before Python 3.10
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
    "ignored explicit argument %r": "argparse.ignored_explicit",
}


class _ArgparseWords:
    """argparse's ``gettext`` and ``ngettext`` answered from one locale's catalogue."""

    def __init__(self, words: Locale):
        self.words = words

    def gettext(self, message: str) -> str:
        key = ARGPARSE_MESSAGES.get(message)
        return self.words.text(key) if key else message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.gettext(singular if count == 1 else plural)


@contextmanager
def argparse_speaking(words: Locale) -> Iterator[None]:
    """Within the block, argparse writes its own words in ``words``' language. argparse looks its
    messages up through its module's ``_`` and ``ngettext`` (``gettext``'s, imported under those
    names) when it writes them; they are set for the block and restored after it."""
    translator = _ArgparseWords(words)
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translator.gettext, translator.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    asked = ui_locale(_lang_in(sys.argv[1:] if argv is None else argv))
    with interface(asked), argparse_speaking(asked):  # argparse's words, and an option's own refusal
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    lang, before = getattr(args, "lang", None), os.environ.get(ENV_LANG)
    if lang:  # through the environment: ui_locale() reads it, here and in the children (Voilà's kernels)
        os.environ[ENV_LANG] = lang
    try:
        return int(args.func(args) or EXIT_OK)
    except ClauseKitError as exc:
        message = exc.format()
        print(ui_text("cli.error", message=message) if exc.location is None else message, file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(ui_text("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a read-only folder, a full disk, a path that is a file: the user's to fix
        print(ui_text("cli.error", message=file_error(exc).format()), file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        if lang and before is None:
            os.environ.pop(ENV_LANG, None)
        elif lang and before is not None:
            os.environ[ENV_LANG] = before


def file_error(exc: OSError) -> ClauseKitError:
    """An operating-system error as a user error naming the path."""
    path = exc.filename if exc.filename is not None else "?"
    reason = exc.strerror or str(exc)
    return ClauseKitError(
        f"{path}: {reason}",
        None,
        ui_text("cli.file_error.hint"),
    )


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
