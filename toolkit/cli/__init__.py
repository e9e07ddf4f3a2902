"""The ``clausekit`` command: thin faces on the core. One module per family of subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import ClauseKitError, UsageError
from . import check_cmds, interview_cmds, library_cmds, publish_cmds, render_cmd

# Each module has ``register(subparsers, common)``; later issues add theirs to this tuple.
COMMANDS = (library_cmds, render_cmd, interview_cmds, publish_cmds, check_cmds)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", default="clauses", metavar="PATH", help="the clause library folder (default: ./clauses)"
    )
    parser = argparse.ArgumentParser(
        prog="clausekit", description="Author, check and publish legal document templates."
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"clausekit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
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
