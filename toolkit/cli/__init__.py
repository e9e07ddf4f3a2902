"""The ``clausekit`` command: thin faces on the core. One module per family of subcommands.

A command's module is imported only when that command runs: ``clausekit --help`` and
``clausekit list`` load neither the checks nor pandoc nor Jupyter.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ClauseKitError, UsageError
from ..locales import ENV_LANG, interface, ui_locale

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Command:
    module: str  # toolkit.cli.<module>, whose ``register(subparsers, common)`` adds the command
    help: str  # the line ``clausekit --help`` shows


# The one table of commands, in the order --help lists them; a new command is a line here.
COMMANDS: dict[str, Command] = {
    "list": Command("library_cmds", "the templates in the library"),
    "questions": Command("library_cmds", "the questions of a template, with types and help"),
    "render": Command("render_cmd", "render a template with an answers file"),
    "interview": Command("interview_cmds", "answer a template's questions in the terminal"),
    "serve": Command("interview_cmds", "serve a template's questionnaire as a web page (Voilà)"),
    "web": Command("web_cmd", "serve templates to the public: HTML forms and an HTTP API, stateless"),
    "check": Command("check_cmds", "check templates: rule codes, over the whole answer space"),
    "rules": Command("check_cmds", "every check rule with its documentation"),
    "approve": Command("publish_cmds", "sign that a lawyer approved clause variants (SSH key, content hash)"),
    "status": Command("publish_cmds", "each clause variant: approved, changed or new; who signed; verified?"),
    "publish": Command("publish_cmds", "publish approved templates: review edition, examples, bundle"),
    "diff": Command("publish_cmds", "redline (DOCX with tracked changes + HTML) between two versions"),
}  # fmt: skip


class _Subcommands:
    """What a command module registers on: only the wanted command is added, with its help line."""

    def __init__(self, subparsers: Any, wanted: str):
        self.subparsers, self.wanted = subparsers, wanted

    def add_parser(self, name: str, **options: Any) -> argparse.ArgumentParser:
        if name != self.wanted:  # a sibling in the same module: registered on a throw-away parser
            return argparse.ArgumentParser(add_help=False)
        parser: argparse.ArgumentParser = self.subparsers.add_parser(
            name, help=COMMANDS[name].help, **options
        )
        return parser


def add_doc_lang(parser: argparse.ArgumentParser) -> None:
    """``--doc-lang TAG``: the edition of a template to use (its languages: 'clausekit list')."""
    parser.add_argument(
        "--doc-lang",
        metavar="TAG",
        help="the language of the document: the template's own (default) or one of its translations",
    )


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
    """The parser for ``argv``: the named command in full, every other one as a line of help."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", default="clauses", metavar="PATH", help="the clause library folder (default: ./clauses)"
    )
    parser = argparse.ArgumentParser(
        prog="clausekit", description="Author, check and publish legal document templates."
    )
    # The interface's language, before or after the command; a document speaks its template's.
    lang_help = f"the language of screens and messages: nl, en … (default: ${ENV_LANG}, else the locale)"
    parser.add_argument("--lang", metavar="TAG", help=lang_help)
    common.add_argument("--lang", metavar="TAG", default=argparse.SUPPRESS, help=lang_help)
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"clausekit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    words = sys.argv[1:] if argv is None else argv
    wanted = _command_in(words)
    for name, command in COMMANDS.items():
        if name == wanted:
            module = importlib.import_module(f"{__name__}.{command.module}")
            with interface(ui_locale(_lang_in(words))):  # its help in the language asked for
                module.register(_Subcommands(subparsers, name), common)
        else:
            subparsers.add_parser(name, help=command.help, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
        print(f"error: {exc.format()}" if exc.location is None else exc.format(), file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a read-only folder, a full disk, a path that is a file: the user's to fix
        print(f"error: {file_error(exc).format()}", file=sys.stderr)
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
        "check that the folder exists and is writable, that the disk is not full, "
        "and that the path names a folder where one is expected",
    )


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
