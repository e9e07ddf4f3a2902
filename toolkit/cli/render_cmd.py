"""``clausekit render``: one answers file, or many (``--batch``), → documents."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..answers import validate
from ..errors import UsageError
from ..formats import FORMATS, parse_formats, write_documents
from ..library import Library
from ..loader.translation import example_answers
from ..locales import ui_locale, ui_text
from ..model import Template
from . import add_doc_lang


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    parser = subparsers.add_parser("render", parents=[common])
    parser.add_argument("template", help=words.text("cli.option.template"))
    parser.add_argument("--answers", "-a", metavar="FILE", help=words.text("cli.render.answers"))
    parser.add_argument(
        "--to",
        default="md,html",
        metavar="FORMATS",
        help=words.text("cli.render.to", formats=",".join(FORMATS)),
    )
    parser.add_argument("-o", "--out", default="out", metavar="DIR", help=words.text("cli.render.out"))
    parser.add_argument(
        "--batch",
        metavar="FILE.jsonl|DIR",
        help=words.text("cli.render.batch"),
    )
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help=words.text("cli.render.jobs"))
    add_doc_lang(parser)
    parser.set_defaults(func=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    library = Library(args.library)
    template = library.edition(args.template, args.doc_lang)
    formats = parse_formats(args.to)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(
            ui_text("cli.render.out_is_file", out=out), hint=ui_text("cli.render.out_is_file.hint")
        )
    if args.batch:
        if args.answers:
            raise UsageError(
                ui_text("cli.render.answers_and_batch"), hint=ui_text("cli.render.answers_and_batch.hint")
            )
        return _batch(library.root, template, formats, out, Path(args.batch), args.jobs)
    if args.answers:
        path = Path(args.answers)
        if not path.is_file():
            raise UsageError(
                ui_text("cli.render.answers_missing", path=path),
                hint=ui_text("cli.render.answers_missing.hint"),
            )
        raw, locations = example_answers(
            template, path
        )  # an example's text answers in the document's language
        stem = path.stem
    else:
        raw, locations, path, stem = {}, {}, None, template.id
    answers = validate(template, raw, locations, source=path)
    document = library.render(template, answers)
    for target in write_documents(out, document, formats, stem):
        print(target)
    return 0


def _batch(
    library: Path, template: Template, formats: list[str], out: Path, source: Path, jobs: int | None
) -> int:
    from ..batch import Renderer, default_jobs, read_items, render_batch

    if jobs is not None and jobs < 1:
        raise UsageError(
            ui_text("cli.render.jobs_too_few", jobs=jobs), hint=ui_text("cli.render.jobs_too_few.hint")
        )
    words = ui_locale()
    items = read_items(source)
    renderer = Renderer(library, template.id, formats, out, template.language)
    progress = _Progress(
        len(items), lambda done: words.text("cli.batch.progress", done=done, total=len(items))
    )
    outcomes = render_batch(renderer, items, jobs or default_jobs(), progress.step)
    progress.end()
    failed = [outcome for outcome in outcomes if outcome.error is not None]
    for outcome in outcomes:
        for target in outcome.written:
            print(target)
    for outcome in failed:
        print(outcome.error, file=sys.stderr)
    made = len(outcomes) - len(failed)
    print(
        words.text("cli.batch.summary", made=made, total=len(outcomes), failed=len(failed)), file=sys.stderr
    )
    return 1 if failed else 0


class _Progress:
    """A counter on standard error, rewritten in place on a terminal (a line per tenth elsewhere)."""

    def __init__(self, total: int, line: Callable[[int], str]):
        self.total, self.line, self.done = total, line, 0
        self.live = sys.stderr.isatty()
        self.shown = -1

    def step(self, _outcome: object) -> None:
        self.done += 1
        tenth = self.done * 10 // max(self.total, 1)
        if self.live or tenth != self.shown:
            self.shown = tenth
            line = self.line(self.done)
            print(
                f"\r{line}" if self.live else line, end="" if self.live else "\n", file=sys.stderr, flush=True
            )

    def end(self) -> None:
        if self.live and self.done:
            print(file=sys.stderr)
