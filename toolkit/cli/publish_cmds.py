"""``clausekit approve``, ``status``, ``publish`` and ``diff``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..approvals import ApprovalState, Verdict, approve, statuses
from ..errors import UsageError
from ..fsutil import atomic_write
from ..library import Library
from ..locales import ui_locale
from ..publish.redline import WORKING, redline_docx, redline_html, side
from ..publish.release import PublishError, publish
from ..signing import git_config
from . import add_doc_lang


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    words = ui_locale()  # the --lang of the command line (cli.build_parser), else the environment's
    parser = subparsers.add_parser(
        "approve",
        parents=[common],
    )
    parser.add_argument("template", help=words.text("cli.option.template_id"))
    parser.add_argument(
        "targets", nargs="*", metavar="CLAUSE[:VARIANT][@TAG]",
        help=words.text("cli.approve.targets"),
    )  # fmt: skip
    add_doc_lang(parser)  # approve that edition's translated texts, against the source as it is now
    parser.add_argument("--by", metavar="NAME", help=words.text("cli.approve.by"))
    parser.add_argument("--note", metavar="TEXT", help=words.text("cli.approve.note"))
    parser.add_argument(
        "--key", metavar="PATH",
        help=words.text("cli.approve.key"),
    )  # fmt: skip
    parser.set_defaults(func=cmd_approve)

    parser = subparsers.add_parser(
        "status",
        parents=[common],
    )
    parser.add_argument("template", help=words.text("cli.option.template_id"))
    parser.set_defaults(func=cmd_status)

    parser = subparsers.add_parser("publish", parents=[common])
    parser.add_argument(
        "templates", nargs="*", metavar="TEMPLATE", help=words.text("cli.option.template_ids")
    )
    parser.add_argument("--all", action="store_true", help=words.text("cli.publish.all"))
    parser.add_argument("--out", default="dist", metavar="DIR", help=words.text("cli.publish.out"))
    parser.set_defaults(func=cmd_publish)

    parser = subparsers.add_parser("diff", parents=[common])
    parser.add_argument("template", help=words.text("cli.option.template_id"))
    parser.add_argument(
        "--from", dest="old", required=True, metavar="VERSION", help=words.text("cli.diff.from")
    )
    parser.add_argument(
        "--to", dest="new", default=WORKING, metavar="VERSION",
        help=words.text("cli.diff.to"),
    )  # fmt: skip
    parser.add_argument("--dist", default="dist", metavar="DIR", help=words.text("cli.diff.dist"))
    parser.add_argument("-o", "--out", required=True, metavar="FILE", help=words.text("cli.diff.out"))
    parser.set_defaults(func=cmd_diff)


def cmd_approve(args: argparse.Namespace) -> int:
    words = ui_locale()
    by = args.by if args.by is not None else git_config("user.name")
    if not by.strip():
        raise UsageError(words.text("cli.no_approver"), hint=words.text("cli.no_approver_hint"))
    template = Library(args.library).edition(args.template, args.doc_lang)
    done = approve(template, args.targets or None, by, args.note, key=args.key)
    for status in done:
        print(words.text("cli.approved", key=status.key, location=status.location, signer=status.signer))
    if not done:
        print(words.text("cli.nothing_to_approve"))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    template = Library(args.library).template(args.template)
    current = statuses(template, verify=True)
    words = ui_locale()
    print(f"{template.id} {template.version}")
    states = {state: words.text(f"cli.state.{state.name.lower()}") for state in ApprovalState}
    verdicts = {verdict: words.text(f"cli.verdict.{verdict.name.lower()}") for verdict in Verdict}
    width = max(len(s.key) for s in current)
    column = max(len(states[s.state]) for s in current)
    for status in current:
        line = f"  {states[status.state]:<{column}}  {status.key:<{width}}  {status.location}"
        if status.approved_by:
            key = (
                "cli.status.approved_by"
                if status.state is ApprovalState.APPROVED
                else "cli.status.earlier_approved_by"
            )
            line += f"  ({words.text(key, who=status.approved_by, when=status.approved_at)})"
        if status.signature is not None:
            signer = f" {status.signer}" if status.signer else ""
            verdict = verdicts[status.signature]
            line += "  " + words.text("cli.status.signature", signer=signer, verdict=verdict)
            if status.signature is not Verdict.VERIFIED and status.approval_location:
                line += f" ({status.approval_location})"
        print(line)
    counts = {state: sum(1 for s in current if s.state is state) for state in ApprovalState}
    approved, changed, new = (
        counts[s] for s in (ApprovalState.APPROVED, ApprovalState.CHANGED, ApprovalState.NEW)
    )
    tally = words.text("cli.status.counts", approved=approved, changed=changed, new=new)
    if template.translations:
        tally += words.text("cli.status.outdated", count=counts[ApprovalState.OUTDATED])
    print(tally)
    signed = [s.signature for s in current if s.signature is not None]
    signatures = ", ".join(f"{signed.count(v)} {verdicts[v]}" for v in Verdict)
    print(words.text("cli.status.signatures", counts=signatures))
    return 0 if all(s.publishable for s in current) else 1


def cmd_publish(args: argparse.Namespace) -> int:
    library = Library(args.library)
    if args.all == bool(args.templates):
        words = ui_locale()
        raise UsageError(words.text("cli.publish.which"), hint=words.text("cli.publish.which.hint"))
    ids = library.template_ids() if args.all else list(args.templates)
    failed = 0
    for template_id in ids:
        template = library.template(template_id)
        try:
            release = publish(library, template, Path(args.out))
        except PublishError as exc:
            print(exc.format(), file=sys.stderr)
            failed += 1
            continue
        state = ui_locale().text("cli.published" if release.created else "cli.unchanged")
        print(f"{release.template_id} {release.version}: {state}: {release.path}")
    return 1 if failed else 0


def cmd_diff(args: argparse.Namespace) -> int:
    library = Library(args.library)
    dist = Path(args.dist)
    old = side(library, dist, args.template, args.old)
    new = side(library, dist, args.template, args.new)
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        words = ui_locale()
        raise UsageError(
            words.text("cli.diff.not_docx", path=out),
            hint=words.text("cli.diff.not_docx.hint", path=out.with_suffix(".docx")),
        )
    atomic_write(out, redline_docx(old, new))
    html_path = out.with_suffix(".html")
    atomic_write(html_path, redline_html(old, new))
    print(out)
    print(html_path)
    return 0
