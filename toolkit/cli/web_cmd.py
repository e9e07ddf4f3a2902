"""``clausekit web``: the public questionnaire and HTTP API (Starlette under uvicorn), stateless."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..locales import ui_locale


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    web = subparsers.add_parser("web", parents=[common])
    web.add_argument("templates", nargs="*", metavar="TEMPLATE", help=words.text("cli.web.templates"))
    web.add_argument(
        "--bundle",
        action="append",
        default=[],
        metavar="PATH",
        help=words.text("cli.web.bundle"),
    )
    web.add_argument("--host", default="127.0.0.1", help=words.text("cli.web.host"))
    web.add_argument("--port", type=int, default=8000, metavar="N", help=words.text("cli.web.port"))
    web.add_argument("--workers", type=int, default=1, metavar="N", help=words.text("cli.web.workers"))
    web.set_defaults(func=cmd_web)


def cmd_web(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web.catalogue import Catalogue
    from ..web.settings import Settings, from_environment

    bundles = tuple(Path(b) for b in args.bundle)
    library_given = args.library != "clauses" or not bundles
    base = from_environment()  # limits and the secret (generated into its file when missing)
    settings = Settings(
        library=Path(args.library).resolve() if library_given else None,
        bundles=tuple(b.resolve() for b in bundles),
        templates=tuple(args.templates),
        secret=base.secret,
        limits=base.limits,
    )
    catalogue = Catalogue.load(settings.library, settings.bundles, settings.templates)  # fail here
    os.environ.update(settings.environment())  # every worker builds the same app from these
    words = ui_locale()
    url = f"http://{args.host}:{args.port}/"
    for served in catalogue.newest():
        template = served.template
        print(
            words.text(
                "serve.address", title=template.title, id=template.id, version=template.version, url=url
            )
        )
    print(words.text("serve.stop"), flush=True)
    uvicorn.run(
        "toolkit.web.app:from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_level="warning",
        server_header=False,
    )
    return 0
