"""Approvals bound to content: a lock file per template with the sha256 of every approved text.

``clauses/<template>/approvals.yaml`` records, per clause variant and for ``template.yaml`` itself,
the sha256 of its normalised text, who approved it, when, and an optional note. An edit to an
approved text changes its digest, so its approval no longer applies: nobody has to remember to
revoke it.

What a variant's digest covers: the clause title and terms, the variant's id, label and condition
(``when``), the condition under which the template includes the clause, and the body text. All of
these change what a customer may read. Normalisation (Unicode NFC, LF line ends, no trailing
spaces, no leading or trailing blank lines) makes the digest independent of editors and platforms.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .errors import LoadError, Location, UsageError
from .fsutil import atomic_write
from .library import TEMPLATE_FILE
from .model import Clause, ClauseEntry, Template, Variant
from .suggest import suggest as _suggest
from .yamlio import CommentedMap, key_location, load_yaml

APPROVALS_FILE = "approvals.yaml"
TEMPLATE_KEY = TEMPLATE_FILE  # the clause_id under which template.yaml itself is approved
ENTRY_KEYS = {"sha256", "approved_by", "approved_at", "note"}
HEADER = (
    "# Approvals of this template, written by 'clausekit approve'. Do not edit by hand:\n"
    "# each sha256 binds an approval to the exact text that was approved.\n"
)


class ApprovalState(StrEnum):
    APPROVED = "approved"
    CHANGED = "changed"  # approved once, edited since
    NEW = "new"  # never approved


@dataclass(frozen=True)
class VariantStatus:
    clause_id: str
    variant_id: str
    state: ApprovalState
    location: Location
    digest: str
    approved_by: str | None = None
    approved_at: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        """``clause:variant``, or ``template.yaml``: the key in the lock file."""
        return lock_key(self.clause_id, self.variant_id)


@dataclass(frozen=True)
class Approval:
    sha256: str
    approved_by: str
    approved_at: str
    note: str | None = None


def normalise(text: str) -> str:
    """NFC, LF line ends, no trailing whitespace, no blank lines at either end, one final newline."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def lock_key(clause_id: str, variant_id: str) -> str:
    return clause_id if clause_id == TEMPLATE_KEY else f"{clause_id}:{variant_id}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def variant_digest(entry: ClauseEntry, variant: Variant) -> str:
    clause = entry.clause
    head = {
        "clause": clause.id,
        "title": clause.title,
        "terms": list(clause.terms),
        "included_when": entry.when,
        "variant": variant.id,
        "label": variant.label,
        "when": variant.when,
    }
    return _sha256(json.dumps(head, ensure_ascii=False, sort_keys=True) + "\n" + normalise(variant.body))


def template_digest(template: Template) -> str:
    return _sha256(normalise(template.location.path.read_text(encoding="utf-8")))


def lock_path(template: Template) -> Path:
    return template.path / APPROVALS_FILE


def _units(template: Template) -> Iterator[tuple[str, str, Location, str]]:
    """(clause_id, variant_id, location, digest) of everything the template can render."""
    yield TEMPLATE_KEY, "", template.location, template_digest(template)
    for entry in template.entries:
        clause: Clause = entry.clause
        for variant in clause.variants:
            yield clause.id, variant.id, variant.location, variant_digest(entry, variant)


def load_lock(template: Template) -> dict[str, Approval]:
    """The approvals recorded for ``template`` (empty when it has no lock file)."""
    path = lock_path(template)
    if not path.is_file():
        return {}
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    if data is None:
        return {}
    hint = "restore the file from git, or delete it and run 'clausekit approve' again"
    if not isinstance(data, CommentedMap):
        raise LoadError("approvals.yaml must map 'clause:variant' to approvals", Location(path, 1), hint)
    lock: dict[str, Approval] = {}
    for key, spec in data.items():
        where = key_location(data, key, path)
        if not isinstance(spec, CommentedMap) or not {"sha256", "approved_by", "approved_at"} <= set(spec):
            raise LoadError(f"approval '{key}' needs sha256, approved_by and approved_at", where, hint)
        unknown = set(spec) - ENTRY_KEYS
        if unknown:
            raise LoadError(f"approval '{key}' has unknown keys: {', '.join(sorted(unknown))}", where, hint)
        note = spec.get("note")
        lock[str(key)] = Approval(
            sha256=str(spec["sha256"]),
            approved_by=str(spec["approved_by"]),
            approved_at=str(spec["approved_at"]),
            note=None if note is None else str(note),
        )
    return lock


def statuses(template: Template, lock: dict[str, Approval] | None = None) -> list[VariantStatus]:
    """Every clause variant of ``template`` (and template.yaml first) with its approval state.

    ``lock`` is the template's lock file as :func:`load_lock` reads it (read here when not given).
    """
    lock = load_lock(template) if lock is None else lock
    result: list[VariantStatus] = []
    for clause_id, variant_id, location, digest in _units(template):
        approval = lock.get(lock_key(clause_id, variant_id))
        if approval is None:
            result.append(VariantStatus(clause_id, variant_id, ApprovalState.NEW, location, digest))
            continue
        state = ApprovalState.APPROVED if approval.sha256 == digest else ApprovalState.CHANGED
        result.append(
            VariantStatus(
                clause_id,
                variant_id,
                state,
                location,
                digest,
                approval.approved_by,
                approval.approved_at,
                approval.note,
            )
        )
    return result


def unapproved(template: Template) -> list[VariantStatus]:
    return [s for s in statuses(template) if s.state is not ApprovalState.APPROVED]


def _selected(template: Template, current: list[VariantStatus], targets: Sequence[str]) -> set[str]:
    keys = {s.key for s in current}
    clause_ids = {s.clause_id for s in current}
    chosen: set[str] = set()
    for target in targets:
        target = target.strip()
        if target in keys:
            chosen.add(target)
        elif target in clause_ids:
            chosen |= {s.key for s in current if s.clause_id == target}
        else:
            clause_id = target.split(":", 1)[0]
            if clause_id in clause_ids:
                variants = [s.variant_id for s in current if s.clause_id == clause_id]
                hint = f"variants of '{clause_id}': " + ", ".join(variants)
            else:
                hint = _suggest(clause_id, sorted(clause_ids))
            raise UsageError(f"'{target}' is not a clause or clause:variant of {template.id}", hint=hint)
    return chosen


def approve(
    template: Template,
    targets: Sequence[str] | None,
    by: str,
    note: str | None = None,
    when: dt.datetime | None = None,
) -> list[VariantStatus]:
    """Record approvals by ``by`` and return the statuses that became approved.

    ``targets`` are ``clause`` (all its variants), ``clause:variant`` or ``template.yaml``; None means
    everything not yet approved. What is already approved keeps its original approval.
    """
    by = by.strip()
    if not by:
        raise UsageError(
            "an approval needs the name of the person approving",
            hint="pass --by 'Naam Achternaam' (or set git config user.name)",
        )
    lock = load_lock(template)
    current = statuses(template, lock)
    chosen = {s.key for s in current} if targets is None else _selected(template, current, targets)
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    stamp = moment.isoformat().replace("+00:00", "Z")
    note = note or None
    approved: list[VariantStatus] = []
    for status in current:
        if status.key not in chosen or status.state is ApprovalState.APPROVED:
            continue
        lock[status.key] = Approval(status.digest, by, stamp, note)
        approved.append(
            replace(status, state=ApprovalState.APPROVED, approved_by=by, approved_at=stamp, note=note)
        )
    if approved:
        live = {s.key for s in current}  # forget approvals of variants that no longer exist
        write_lock(template, {k: v for k, v in lock.items() if k in live})
    return approved


def dump_lock(lock: dict[str, Approval]) -> str:
    """The lock file's text: keys sorted, so that git diffs stay small."""
    data: dict[str, Any] = {}
    for key in sorted(lock):
        approval = lock[key]
        entry: dict[str, str] = {
            "sha256": approval.sha256,
            "approved_by": approval.approved_by,
            "approved_at": approval.approved_at,
        }
        if approval.note:
            entry["note"] = approval.note
        data[key] = entry
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER + buffer.getvalue()


def write_lock(template: Template, lock: dict[str, Approval]) -> None:
    atomic_write(lock_path(template), dump_lock(lock))


def approvals_record(template: Template) -> list[dict[str, Any]]:
    """The approvals as plain data (for a release manifest)."""
    return [
        {
            "clause": s.clause_id,
            "variant": s.variant_id,
            "state": s.state.value,
            "sha256": s.digest,
            "approved_by": s.approved_by,
            "approved_at": s.approved_at,
            "note": s.note,
        }
        for s in statuses(template)
    ]
