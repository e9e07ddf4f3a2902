"""Approvals (CK8xx): clause variants changed since their approval, or never approved.

Warnings here; `clausekit publish` gates on the approvals itself and refuses them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..approvals import ApprovalState, VariantStatus, statuses
from ..model import Finding
from .context import CheckContext
from .registry import get, rule


def _name(status: VariantStatus) -> str:
    return status.clause_id if not status.variant_id else f"{status.clause_id}:{status.variant_id}"


def _findings(ctx: CheckContext, state: ApprovalState, code: str, what: str) -> Iterator[Finding]:
    for status in statuses(ctx.template):
        if status.state is state:
            by = f" by {status.approved_by}" if status.approved_by else ""
            yield get(code).finding(
                f"'{_name(status)}' {what}{by}"
                if state is ApprovalState.CHANGED
                else f"'{_name(status)}' {what}",
                status.location,
                f"review it, then: clausekit approve {ctx.template.id} {_name(status)}",
            )


@rule("CK801", "changed-since-approval", "warning")
def changed_since_approval(ctx: CheckContext) -> Iterator[Finding]:
    """A clause variant (or template.yaml) was changed after it was approved.

    Why: the approval was given for the old text; the new text has not been reviewed, and
    `clausekit publish` refuses to publish it.

    Example: a word changed in `vertrouwelijkheid.md` after `clausekit approve`.

    Fix: review the change and approve it again (`clausekit approve TEMPLATE CLAUSE:VARIANT`).
    """
    return _findings(ctx, ApprovalState.CHANGED, "CK801", "changed after it was approved")


@rule("CK802", "never-approved", "warning")
def never_approved(ctx: CheckContext) -> Iterator[Finding]:
    """A clause variant (or template.yaml) has never been approved.

    Why: `clausekit publish` only publishes approved text.

    Example: a new variant added to a clause.

    Fix: have it reviewed and approved (`clausekit approve TEMPLATE CLAUSE:VARIANT`).
    """
    return _findings(ctx, ApprovalState.NEW, "CK802", "has never been approved")
