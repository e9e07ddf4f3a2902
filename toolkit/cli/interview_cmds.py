"""``clausekit interview`` (the questionnaire in a terminal) and ``clausekit serve`` (in Voilà)."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..answers import load_answers_file
from ..errors import UsageError
from ..formats import FORMATS, parse_formats
from ..library import Library
from ..locales import ui_locale, ui_text
from ..questionnaire import (
    ANSWERS_FILE,
    ENV_DOC_LANG,
    ENV_LIBRARY,
    ENV_TEMPLATE,
    Flow,
    answers_yaml,
    default_formats,
    documents,
    write_all,
)
from ..questionnaire.serve import (
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_MAX_SESSIONS,
    NOTEBOOK,
    Limits,
    voila_command,
    voila_environment,
)
from ..questionnaire.terminal import Interview
from . import add_doc_lang


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    bundle = argparse.ArgumentParser(add_help=False)
    bundle.add_argument(
        "--bundle",
        metavar="PATH",
        help=words.text("cli.interview.bundle"),
    )
    interview = subparsers.add_parser("interview", parents=[common, bundle])
    interview.add_argument("template", help=words.text("cli.option.template"))
    interview.add_argument("-o", "--out", required=True, metavar="DIR", help=words.text("cli.interview.out"))
    interview.add_argument("--answers", "-a", metavar="FILE", help=words.text("cli.interview.answers"))
    interview.add_argument(
        "--to",
        metavar="FORMATS",
        help=words.text("cli.interview.to", formats=",".join(FORMATS)),
    )
    add_doc_lang(interview)
    interview.set_defaults(func=cmd_interview)
    serve = subparsers.add_parser("serve", parents=[common, bundle])
    serve.add_argument("template", help=words.text("cli.option.template"))
    serve.add_argument("--port", type=int, default=0, metavar="N", help=words.text("cli.serve.port"))
    serve.add_argument(
        "--max-sessions",
        type=_positive,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=words.text("cli.serve.max_sessions", default=DEFAULT_MAX_SESSIONS),
    )
    serve.add_argument(
        "--idle-timeout",
        type=_positive,
        default=DEFAULT_IDLE_TIMEOUT,
        metavar="SECONDS",
        help=words.text("cli.serve.idle_timeout", default=DEFAULT_IDLE_TIMEOUT),
    )
    add_doc_lang(serve)
    serve.set_defaults(func=cmd_serve)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(ui_text("cli.positive", text=repr(text)))
    return value


def _library(args: argparse.Namespace) -> Library:
    if not args.bundle:
        return Library(args.library)
    library = Library(args.bundle)
    if not library.template_ids():
        raise UsageError(
            ui_text("cli.bundle.empty", folder=args.bundle), hint=ui_text("cli.bundle.empty.hint")
        )
    return library


def cmd_interview(args: argparse.Namespace) -> int:
    library = _library(args)
    template = library.edition(args.template, args.doc_lang)
    words = ui_locale()
    formats = parse_formats(args.to) if args.to else default_formats()
    if args.answers:
        source = Path(args.answers)
        raw, locations = load_answers_file(source)
        flow = Flow.prefilled(library, template, raw, locations, source, ui=words)
    else:
        flow = Flow(library, template, ui=words)
    if sys.stdin.isatty():
        import readline  # noqa: F401  (line editing and history for input())
    try:
        answers = Interview(flow, ui=words).run()
    except (KeyboardInterrupt, EOFError) as stop:
        print("\n" + words.text("interview.stopped"), file=sys.stderr)
        return 130 if isinstance(stop, KeyboardInterrupt) else 1
    files: dict[str, bytes | str] = {ANSWERS_FILE: answers_yaml(template, answers, words)}
    files.update(documents(library, template, answers, formats))
    print("")
    print(words.text("interview.written"))
    for path in write_all(Path(args.out), files):
        print(f"  {path}")
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cmd_serve(args: argparse.Namespace) -> int:
    library = _library(args)
    template = library.edition(args.template, args.doc_lang)  # fail here, not inside the page
    if not NOTEBOOK.is_file():
        raise UsageError(
            ui_text("cli.serve.no_notebook", path=NOTEBOOK), hint=ui_text("cli.serve.no_notebook.hint")
        )
    port = args.port or free_port()
    limits = Limits(args.max_sessions, args.idle_timeout)
    chosen = {ENV_TEMPLATE: template.id, ENV_LIBRARY: str(library.root.resolve())}
    base = {key: value for key, value in os.environ.items() if key != ENV_DOC_LANG}
    if template.is_edition:
        chosen[ENV_DOC_LANG] = template.language
    env = voila_environment({**base, **chosen})
    words = ui_locale()
    url = f"http://127.0.0.1:{port}/"
    print(
        words.text("serve.address", title=template.title, id=template.id, version=template.version, url=url)
    )
    print(
        words.text(
            "serve.limits", sessions=limits.max_sessions, memory=limits.memory_mb, idle=limits.idle_timeout
        )
    )
    print(words.text("serve.stop"), flush=True)
    with subprocess.Popen(voila_command(port, limits), env=env) as server:
        # a service manager stops us with SIGTERM: stop Voilà (and its kernels) with us
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=20)
            return 0
