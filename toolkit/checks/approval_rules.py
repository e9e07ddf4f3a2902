"""Approvals (CK8xx): clause variants changed since their approval, never approved, approved by a
signature that does not verify, or translations approved against a source that changed since.

Warnings here; `clausekit publish` gates on the approvals itself and refuses them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..approvals import APPROVALS_FILE, ApprovalState, SigningError, Verdict, statuses
from ..errors import Location
from ..locales import ui_locale
from ..model import Finding
from .context import CheckContext
from .registry import get, rule


def _findings(ctx: CheckContext, state: ApprovalState, code: str, key: str) -> Iterator[Finding]:
    words = ui_locale()
    for status in statuses(ctx.template):
        if status.state is state:
            if state is ApprovalState.CHANGED and status.approved_by:
                message = words.text("check.CK801.by", key=status.key, who=status.approved_by)
            else:
                message = words.text(key, key=status.key)
            hint_key = "check.CK804.hint" if state is ApprovalState.OUTDATED else "check.CK80x.hint"
            hint = words.text(hint_key, template=ctx.template.id, key=status.key)
            yield get(code).finding(message, status.location, hint)


@rule("CK801", "changed-since-approval", "warning")
def changed_since_approval(ctx: CheckContext) -> Iterator[Finding]:
    """A clause variant (or template.yaml, or an example) was changed after it was approved.

    Why: the approval was given for the old text; the new text has not been reviewed, and
    `clausekit publish` refuses to publish it.

    Example: a word changed in `vertrouwelijkheid.md` after `clausekit approve`.

    Fix: review the change and approve it again (`clausekit approve TEMPLATE CLAUSE:VARIANT`).
    """
    return _findings(ctx, ApprovalState.CHANGED, "CK801", "check.CK801")


@rule("CK802", "never-approved", "warning")
def never_approved(ctx: CheckContext) -> Iterator[Finding]:
    """A clause variant (or template.yaml, or an example answers file) has never been approved.

    Why: `clausekit publish` only publishes approved text.

    Example: a new variant added to a clause.

    Fix: have it reviewed and approved (`clausekit approve TEMPLATE CLAUSE:VARIANT`).
    """
    return _findings(ctx, ApprovalState.NEW, "CK802", "check.CK802")


_VERDICT_TEXT = {
    Verdict.UNSIGNED: "check.CK803.unsigned",
    Verdict.INVALID: "check.CK803.invalid",
    Verdict.NOT_ALLOWED: "check.CK803.not_allowed",
}


@rule("CK803", "approval-not-verified", "warning")
def approval_not_verified(ctx: CheckContext) -> Iterator[Finding]:
    """An approval of unchanged text whose SSH signature does not verify.

    Why: an approval counts only as an act of a person with a key: `clausekit publish` refuses an
    approval that is unsigned, whose signature does not fit it (someone edited the sha256, the name
    or the date in approvals.yaml), or whose key allowed_signers does not list for its signer.

    Example: `approved_by` changed by hand in `approvals.yaml`.

    Fix: restore approvals.yaml from git, or approve again with your key
    (`clausekit approve TEMPLATE CLAUSE:VARIANT --key ~/.ssh/id_ed25519`), a key listed in the
    template's allowed_signers.
    """
    lock_file = Location(ctx.template.path / APPROVALS_FILE)
    try:
        current = statuses(ctx.template, verify=True)
    except SigningError as exc:
        message = ui_locale().text("check.CK803.cannot", message=exc.message)
        yield get("CK803").finding(message, lock_file, exc.hint or "")
        return
    for status in current:
        if status.signature is None or status.signature is Verdict.VERIFIED:
            continue
        words = ui_locale()
        yield get("CK803").finding(
            words.text(_VERDICT_TEXT[status.signature], key=status.key),
            status.approval_location or lock_file,
            words.text("check.CK803.hint", template=ctx.template.id, key=status.key),
        )


@rule("CK804", "translation-out-of-date", "warning")
def translation_out_of_date(ctx: CheckContext) -> Iterator[Finding]:
    """A translation was approved, and its source text changed afterwards.

    Why: the approval of a translation binds the pair: its own text and the source text it renders
    (`source_sha256` in approvals.yaml). The translation may no longer say what the source says now,
    so `clausekit publish` refuses it until someone approves it against the new source.

    Example: a sentence of `fee.md` (the source) changed after `clausekit approve services --doc-lang
    nl-NL`: `fee:hourly@nl-NL` is out of date, even though its Dutch text did not change.

    Fix: compare the translation with the changed source, correct it where needed, and approve it
    again (`clausekit approve TEMPLATE CLAUSE:VARIANT@TAG`, or `--doc-lang TAG` for the whole edition).
    """
    return _findings(ctx, ApprovalState.OUTDATED, "CK804", "check.CK804")
