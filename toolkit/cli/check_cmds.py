"""``clausekit check`` (the linter over the answer space) and ``clausekit rules`` (its documentation)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..checks import CheckResult, check, get
from ..checks.config import load_config
from ..checks.report import FORMATS, as_github, as_json, as_text, rules_markdown, rules_text
from ..errors import LoadError, UsageError
from ..library import Library
from ..locales import ui_locale


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    parser = subparsers.add_parser("check", parents=[common], description=words.text("cli.check.description"))
    parser.add_argument("templates", nargs="*", metavar="TEMPLATE", help=words.text("cli.check.templates"))
    parser.add_argument("--format", choices=FORMATS, default="text", help=words.text("cli.check.format"))
    parser.add_argument(
        "--select", type=_codes, default=None, metavar="CODES", help=words.text("cli.check.select")
    )
    parser.add_argument(
        "--ignore", type=_codes, default=[], metavar="CODES", help=words.text("cli.check.ignore")
    )
    parser.add_argument("--bound", type=int, metavar="N", help=words.text("cli.check.bound"))
    parser.add_argument("--sample", type=int, metavar="N", help=words.text("cli.check.sample"))
    parser.add_argument("--seed", type=int, metavar="N", help=words.text("cli.check.seed"))
    parser.add_argument("--seconds", type=float, metavar="S", help=words.text("cli.check.seconds"))
    parser.set_defaults(func=cmd_check)

    rules = subparsers.add_parser("rules", parents=[common])
    rules.add_argument("codes", nargs="*", metavar="CODE", help=words.text("cli.rules.codes"))
    rules.add_argument("--markdown", action="store_true", help=words.text("cli.rules.markdown"))
    rules.set_defaults(func=cmd_rules)


def cmd_check(args: argparse.Namespace) -> int:
    library = Library(args.library)
    ids = args.templates or library.template_ids()
    known = library.template_ids()
    for template_id in ids:
        if template_id not in known:
            library.template(template_id)  # raises the usual UsageError with a suggestion
    for code in [*(args.select or []), *args.ignore]:
        if not code.startswith("CK"):
            words = ui_locale()
            raise UsageError(
                words.text("cli.check.not_a_code", code=code), hint=words.text("cli.check.not_a_code.hint")
            )
    results: list[CheckResult] = []
    for template_id in ids:
        try:
            config = load_config(library.root / template_id).with_overrides(
                bound=args.bound, sample=args.sample, seed=args.seed, seconds=args.seconds
            )
        except LoadError:
            config = None  # check() reports the broken checks.yaml as a finding
        results.append(check(library, template_id, args.select, args.ignore, config))
    render = {"text": as_text, "json": as_json, "github": as_github}[args.format]
    sys.stdout.write(render(results))
    return 1 if any(r.errors for r in results) else 0


def cmd_rules(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(rules_markdown())
        return 0
    if args.codes:
        for code in args.codes:
            try:
                rule = get(code.upper())
            except KeyError:
                words = ui_locale()
                raise UsageError(
                    words.text("cli.rules.unknown", code=code), hint=words.text("cli.rules.unknown.hint")
                ) from None
            print(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.doc}\n")
        return 0
    sys.stdout.write(rules_text())
    return 0
