"""``clausekit render``: one answers file → documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..answers import load_answers_file, validate
from ..errors import UsageError
from ..formats import FORMATS, parse_formats, write_documents
from ..library import Library


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("render", parents=[common])
    parser.add_argument("template", help="template id (see 'clausekit list')")
    parser.add_argument(
        "--answers", "-a", metavar="FILE", help="answers as YAML or JSON (default: only defaults)"
    )
    parser.add_argument(
        "--to", default="md,html", metavar="FORMATS", help="comma-separated: " + ",".join(FORMATS)
    )
    parser.add_argument("-o", "--out", default="out", metavar="DIR", help="output folder (default: ./out)")
    parser.set_defaults(func=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    library = Library(args.library)
    template = library.template(args.template)
    formats = parse_formats(args.to)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"-o {out} is a file, not a folder", hint="give -o a folder (it is created if missing)"
        )
    if args.answers:
        path = Path(args.answers)
        if not path.is_file():
            raise UsageError(f"answers file not found: {path}", hint="check the path given to --answers")
        raw, locations = load_answers_file(path)
        stem = path.stem
    else:
        raw, locations, path, stem = {}, {}, None, template.id
    answers = validate(template, raw, locations, source=path)
    document = library.render(template, answers)
    for target in write_documents(out, document, formats, stem):
        print(target)
    return 0
