"""Approvals bound to content and signed: a lock file per template with the signed sha256 of every
approved text.

``clauses/<template>/approvals.yaml`` records, for every clause variant, for ``template.yaml`` itself
and for every example answers file in ``examples/``, the sha256 of its normalised text, who approved
it, when, an optional note, the signer's principal and an SSH signature (``ssh-keygen -Y sign``,
namespace ``clausekit-approval``) over :func:`approval_message`. An edit to an approved text changes
its digest, so its approval no longer applies; an edit to the lock file breaks its signature; and a
signature counts only when the template's ``allowed_signers`` lists its key for the principal.

A template with translations (``translations: [tag]``) has one more unit per translated variant,
``clause:variant@<tag>``, and ``template.yaml@<tag>`` for the translation's template.yaml. Its record
holds the digest of the translated text and ``source_sha256``, the digest of the source unit it was
approved against (both signed). When the source changes afterwards, the unchanged translation is
``translation-out-of-date`` until someone approves it again against the new source.

What a variant's digest covers: the clause title and terms, the variant's id, label and condition
(``when``), the condition under which the template includes the clause, and the body text. All of
these change what a customer may read. Normalisation keeps exactly what changes the output: Unicode
NFC, LF line ends and no blank lines at either end; at a line's end one space is dropped (Markdown
ignores it) while two or more spaces or a tab become two spaces (a hard line break).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from . import signing
from .errors import ClauseKitError, LoadError, Location, UsageError
from .fsutil import atomic_write, present
from .library import TEMPLATE_FILE
from .loader.translation import TRANSLATIONS_DIR as TRANSLATIONS
from .loader.translation import example_translation
from .locales import ui_locale
from .model import Clause, ClauseEntry, Template, Variant, edition_tag
from .signing import SigningError as SigningError  # re-exported: callers of approve() catch it
from .signing import Verdict as Verdict  # re-exported with VariantStatus.signature
from .suggest import suggest as _suggest
from .yamlio import CommentedMap, key_location, load_yaml, read_bytes, read_source

APPROVALS_FILE = "approvals.yaml"
ALLOWED_SIGNERS = "allowed_signers"  # in the library root (every template) and in a template folder
TEMPLATE_KEY = TEMPLATE_FILE  # the clause_id under which template.yaml itself is approved
EXAMPLES = "examples"  # example answers files are approved as "examples/<file name>"
EXAMPLE_SUFFIXES = (".yaml", ".yml", ".json")
MESSAGE_HEAD = "clausekit-approval v1"
REQUIRED_KEYS = {"sha256", "approved_by", "approved_at"}
ENTRY_KEYS = REQUIRED_KEYS | {"source_sha256", "note", "signer", "signature"}
HEADER = (
    "# Approvals of this template, written by 'clausekit approve'. Do not edit by hand:\n"
    "# each sha256 binds an approval to the exact text that was approved, and each signature\n"
    "# binds the approval to a key listed in allowed_signers (see docs/publishing.md).\n"
)
_TRAILING = re.compile(r"[ \t]+$", re.M)


class ApprovalState(StrEnum):
    APPROVED = "approved"
    CHANGED = "changed"  # approved once, edited since
    NEW = "new"  # never approved
    OUTDATED = "translation-out-of-date"  # a translation, unchanged, whose source changed since


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
    signer: str | None = None
    signature: Verdict | None = None  # None: not checked (not approved, or statuses(verify=False))
    approval_location: Location | None = None  # the entry in approvals.yaml
    language: str = ""  # the edition of a translation ("" for the source's own units)
    source_digest: str | None = None  # a translation: the digest of its source unit now

    @property
    def key(self) -> str:
        """``clause:variant``, ``template.yaml`` or ``examples/<file>``, and ``@<tag>`` for a
        translation: the key in the lock file."""
        return lock_key(self.clause_id, self.variant_id, self.language)

    @property
    def publishable(self) -> bool:
        """Approved for this very text, by a signature that verifies against allowed_signers."""
        return self.state is ApprovalState.APPROVED and self.signature is Verdict.VERIFIED


@dataclass(frozen=True)
class Approval:
    sha256: str
    approved_by: str
    approved_at: str
    note: str | None = None
    signer: str | None = None
    signature: str | None = None
    location: Location | None = field(default=None, compare=False)
    source_sha256: str | None = None  # a translation: the digest of the source it was approved against


@dataclass(frozen=True)
class _Unit:
    """Something the template publishes and a lawyer approves: template.yaml, a variant, an example,
    or (with ``language``) the translation of template.yaml or of a variant."""

    clause_id: str
    variant_id: str
    location: Location
    digest: str
    language: str = ""
    source_digest: str | None = None


def normalise(text: str) -> str:
    """The text as far as it changes the output: NFC, LF line ends, no blank lines at either end, one
    final newline; a trailing single space dropped, longer trailing whitespace (a Markdown hard line
    break) kept as two spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub(lambda m: "" if m.group() == " " else "  ", text)
    return text.strip("\n") + "\n"


def lock_key(clause_id: str, variant_id: str, language: str = "") -> str:
    key = clause_id if not variant_id else f"{clause_id}:{variant_id}"
    return f"{key}@{language}" if language else key


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


def translation_digest(clause: Clause, variant: Variant, language: str) -> str:
    """The digest of a variant's translation: its own text only (title, terms, label, body). Its
    conditions are the source's, bound through the source's digest (``source_sha256``)."""
    head = {
        "clause": clause.id,
        "language": language,
        "title": clause.title,
        "terms": list(clause.terms),
        "variant": variant.id,
        "label": variant.label,
    }
    return _sha256(json.dumps(head, ensure_ascii=False, sort_keys=True) + "\n" + normalise(variant.body))


def file_digest(path: Path, within: Path | None = None) -> str:
    """The digest of a whole file (template.yaml, an example answers file) of the library ``within``."""
    try:
        return _sha256(normalise(read_source(path, within=within)))
    except OSError as exc:
        words = ui_locale()
        raise LoadError(
            words.text("approvals.unreadable", name=path.name, reason=str(exc)),
            Location(path),
            words.text("approvals.unreadable.hint"),
        ) from exc


def template_digest(template: Template) -> str:
    return file_digest(template.location.path, template.path.parent)


def approval_message(template_id: str, key: str, approval: Approval) -> bytes:
    """The exact bytes an approver signs: a fixed head line, then one ``name: JSON value`` line each
    for the template, the entry (lock key), the digest, for a translation the source's digest, who, when
    and the note. (An approval without a source digest has no such line: older records keep their bytes.)"""
    source = {} if approval.source_sha256 is None else {"source_sha256": approval.source_sha256}
    fields = {
        "template": template_id,
        "entry": key,
        "sha256": approval.sha256,
        **source,
        "approved_by": approval.approved_by,
        "approved_at": approval.approved_at,
        "note": approval.note,
    }
    lines = [
        MESSAGE_HEAD,
        *(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def lock_path(template: Template) -> Path:
    return template.path / APPROVALS_FILE


def allowed_signers_files(template: Template) -> list[Path]:
    """The library's allowed_signers (may approve every template), then the template's own."""
    candidates = [template.path.parent / ALLOWED_SIGNERS, template.path / ALLOWED_SIGNERS]
    return [path for path in candidates if present(path)]


def allowed_signers(template: Template) -> bytes:
    """Who may approve ``template``: the allowed_signers files of the library and of the template."""
    parts = []
    for path in allowed_signers_files(template):
        data = read_bytes(path, ALLOWED_SIGNERS, within=template.path.parent)
        parts.append(data if data.endswith(b"\n") or not data else data + b"\n")
    return b"".join(parts)


def example_files(template: Template) -> list[Path]:
    """The example answers files that publish renders as documents."""
    folder = template.examples_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if present(p) and p.suffix in EXAMPLE_SUFFIXES)


def _units(template: Template) -> Iterator[_Unit]:
    """Everything the source ``template`` can publish, then what each of its translations has."""
    source = [_Unit(TEMPLATE_KEY, "", template.location, template_digest(template))]
    for entry in template.entries:
        clause: Clause = entry.clause
        for variant in clause.variants:
            source.append(_Unit(clause.id, variant.id, variant.location, variant_digest(entry, variant)))
    for path in example_files(template):
        digest = file_digest(path, template.path.parent)
        source.append(_Unit(f"{EXAMPLES}/{path.name}", "", Location(path, 1), digest))
    yield from source
    digests = {(unit.clause_id, unit.variant_id): unit.digest for unit in source}  # what translations bind to
    for tag in template.translations:
        yield from _translated_units(template, template.editions[tag], digests)


def _translated_units(
    source: Template, edition: Template, digests: dict[tuple[str, str], str]
) -> Iterator[_Unit]:
    """The translated texts of ``edition``, each bound to the digest of its source unit in ``digests``;
    a text not translated yet is no unit (rule CK951 reports it, and publish refuses the edition for it)."""
    tag = edition.language
    root = source.path.parent
    strings = source.path / TRANSLATIONS / tag / TEMPLATE_FILE
    if present(strings):
        bound = digests[(TEMPLATE_KEY, "")]
        yield _Unit(TEMPLATE_KEY, "", Location(strings, 1), file_digest(strings, root), tag, bound)
    for path in example_files(source):  # an example's text answers in this language
        translated = example_translation(edition, path)
        if translated is not None:
            key = f"{EXAMPLES}/{path.name}"
            digest = file_digest(translated, root)
            yield _Unit(key, "", Location(translated, 1), digest, tag, digests[(key, "")])
    missing = {key for key, _ in edition.untranslated}
    for entry in edition.entries:
        clause = entry.clause
        if f"clause:{clause.id}" in missing:
            continue
        for variant in clause.variants:
            if f"variant:{clause.id}:{variant.id}" in missing:
                continue
            digest = translation_digest(clause, variant, tag)
            yield _Unit(
                clause.id, variant.id, variant.location, digest, tag, digests[(clause.id, variant.id)]
            )


def load_lock(template: Template) -> dict[str, Approval]:
    """The approvals recorded for ``template`` (empty when it has no lock file)."""
    path = lock_path(template)
    if not present(path):
        return {}
    data = load_yaml(read_source(path, APPROVALS_FILE, within=template.path.parent), path)
    if data is None:
        return {}
    words = ui_locale()
    hint = words.text("approvals.lock.hint")
    if not isinstance(data, CommentedMap):
        raise LoadError(words.text("approvals.lock.not_a_mapping"), Location(path, 1), hint)
    lock: dict[str, Approval] = {}
    for key, spec in data.items():
        where = key_location(data, key, path)
        if not isinstance(spec, CommentedMap) or not set(spec) >= REQUIRED_KEYS:
            raise LoadError(words.text("approvals.lock.incomplete", key=key), where, hint)
        unknown = set(spec) - ENTRY_KEYS
        if unknown:
            keys = ", ".join(sorted(map(str, unknown)))
            raise LoadError(words.text("approvals.lock.unknown_keys", key=key, keys=keys), where, hint)
        lock[str(key)] = Approval(
            sha256=str(spec["sha256"]),
            approved_by=str(spec["approved_by"]),
            approved_at=str(spec["approved_at"]),
            note=_optional(spec.get("note")),
            signer=_optional(spec.get("signer")),
            signature=_optional(spec.get("signature")),
            location=Location(path, where.line),
            source_sha256=_optional(spec.get("source_sha256")),
        )
    return lock


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def statuses(
    template: Template, lock: dict[str, Approval] | None = None, *, verify: bool = False
) -> list[VariantStatus]:
    """Every unit of ``template`` (template.yaml, each clause variant, each example, and each translated
    text of its editions) with its state; of an edition, its own translated texts only.

    ``lock`` is the template's lock file as :func:`load_lock` reads it (read here when not given).
    With ``verify``, the signature of every approval that still matches its text is checked against
    the allowed signers (``signature`` of the status); without, it is left None (no ssh-keygen runs).
    """
    lock = load_lock(template) if lock is None else lock
    result: list[VariantStatus] = []
    units = _units(template.source or template)
    for unit in (u for u in units if u.language == template.language) if template.is_edition else units:
        new = VariantStatus(
            unit.clause_id,
            unit.variant_id,
            ApprovalState.NEW,
            unit.location,
            unit.digest,
            language=unit.language,
            source_digest=unit.source_digest,
        )
        approval = lock.get(new.key)
        if approval is None:
            result.append(new)
            continue
        state = ApprovalState.APPROVED
        if approval.sha256 != unit.digest:
            state = ApprovalState.CHANGED
        elif unit.source_digest is not None and approval.source_sha256 != unit.source_digest:
            state = ApprovalState.OUTDATED
        result.append(
            replace(
                new,
                state=state,
                approved_by=approval.approved_by,
                approved_at=approval.approved_at,
                note=approval.note,
                signer=approval.signer,
                approval_location=approval.location,
            )
        )
    return _verified(template, lock, result) if verify else result


def _verified(
    template: Template, lock: dict[str, Approval], current: list[VariantStatus]
) -> list[VariantStatus]:
    allowed = allowed_signers(template)

    def check(status: VariantStatus) -> VariantStatus:
        if status.state is not ApprovalState.APPROVED:
            return status
        approval = lock[status.key]
        if not approval.signature:  # no ssh-keygen needed to see that
            return replace(status, signature=Verdict.UNSIGNED)
        message = approval_message(template.id, status.key, approval)
        verdict = signing.verify(message, approval.signature, approval.signer, allowed, approval.approved_at)
        return replace(status, signature=verdict)

    with ThreadPoolExecutor(max_workers=4) as pool:  # each verification is an ssh-keygen process
        return list(pool.map(check, current))


def unapproved(template: Template) -> list[VariantStatus]:
    """What keeps ``template`` from being published: not approved for this text, or not verifiably."""
    return [s for s in statuses(template, verify=True) if not s.publishable]


def _selected(
    template: Template, current: list[VariantStatus], targets: Sequence[str], language: str
) -> set[str]:
    """The keys ``targets`` name. A target without ``@<tag>`` names a unit of ``language`` ("" for the
    source's): ``clause``, ``clause:variant``, ``template.yaml``, ``examples``, ``examples/<file>``."""
    keys = {s.key for s in current}
    chosen: set[str] = set()
    for raw in targets:
        target = raw.strip()
        base, _, tag = target.partition("@")
        tag = _language(template, tag) if tag else language
        here = [s for s in current if s.language == tag]
        clause_ids = {s.clause_id for s in here}
        if lock_key(base, "", tag) in keys:
            chosen.add(lock_key(base, "", tag))
        elif base in clause_ids:
            chosen |= {s.key for s in here if s.clause_id == base}
        elif base.rstrip("/") == EXAMPLES and not tag:
            chosen |= {s.key for s in here if s.clause_id.startswith(EXAMPLES + "/")}
        else:
            words = ui_locale()
            clause_id = base.split(":", 1)[0]
            if clause_id in clause_ids:
                variants = ", ".join(s.variant_id for s in here if s.clause_id == clause_id)
                hint = words.text("approvals.variants_of", clause=clause_id, variants=variants)
            else:
                hint = _suggest(clause_id, sorted(clause_ids))
            raise UsageError(
                words.text("approvals.unknown_target", target=target, template=template.id), hint=hint
            )
    return chosen


def _language(template: Template, tag: str) -> str:
    """The translation ``tag`` names ("" for the source's language); a usage error if none."""
    found = edition_tag(tag, template.languages)
    if found is None:
        words = ui_locale()
        raise UsageError(
            words.text("library.no_edition", template=template.id, language=tag),
            hint=words.text("library.no_edition.hint", languages=", ".join(template.languages)),
        )
    return "" if found == template.language else found


def approve(
    template: Template,
    targets: Sequence[str] | None,
    by: str,
    note: str | None = None,
    when: dt.datetime | None = None,
    key: str | Path | None = None,
) -> list[VariantStatus]:
    """Sign approvals by ``by`` with ``key`` (default: git's ``user.signingkey``) and return the
    statuses that became approved.

    ``targets`` are ``clause`` (all its variants), ``clause:variant``, ``template.yaml``,
    ``examples/<file>`` or ``examples``, each optionally with ``@<tag>`` for its translation; None means
    everything of the edition ``template`` is. The units of an edition (``template.edition(tag)``, or a
    target with ``@<tag>``) are its translated texts, approved against the source as it is now. What is
    already approved with a signature that verifies keeps its original approval; an unsigned, invalid or
    no longer allowed approval of unchanged text is signed anew. The key must be in the template's
    allowed signers.
    """
    by = by.strip()
    if not by:
        words = ui_locale()
        raise UsageError(words.text("approvals.no_name"), hint=words.text("approvals.no_name.hint"))
    language = template.language if template.is_edition else ""
    template = template.source or template
    key_spec = signing.signing_key(key, cwd=template.path)
    lock = load_lock(template)
    current = statuses(template, lock, verify=True)
    if targets is None:
        chosen = {s.key for s in current if s.language == language}
    else:
        chosen = _selected(template, current, targets, language)
    todo = [s for s in current if s.key in chosen and not s.publishable]
    if not todo:
        return []
    allowed = allowed_signers(template)
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    stamp = moment.isoformat().replace("+00:00", "Z")
    note = note or None
    signer: str | None = None
    approved: list[VariantStatus] = []
    for status in todo:
        approval = Approval(status.digest, by, stamp, note, source_sha256=status.source_digest)
        message = approval_message(template.id, status.key, approval)
        signature = signing.sign(message, key_spec)
        if signer is None:
            signer = _signer(template, key_spec, message, signature, allowed, stamp)
        lock[status.key] = replace(approval, signer=signer, signature=signature)
        approved.append(
            replace(
                status,
                state=ApprovalState.APPROVED,
                approved_by=by,
                approved_at=stamp,
                note=note,
                signer=signer,
                signature=Verdict.VERIFIED,
            )
        )
    live = {s.key for s in current}  # forget approvals of units that no longer exist
    write_lock(template, {k: v for k, v in lock.items() if k in live})
    return approved


def _signer(template: Template, key: str, message: bytes, signature: str, allowed: bytes, at: str) -> str:
    """The principal under which allowed_signers lists ``key``, checked by verifying a signature."""
    words = ui_locale()
    where = template.path / ALLOWED_SIGNERS
    add = words.text("approvals.key_not_listed.hint", path=where, line=signing.public_key_hint(key))
    principals = signing.find_principals(signature, allowed, at)
    if not principals:
        raise SigningError(words.text("approvals.key_not_listed", key=key, template=template.id), hint=add)
    for principal in principals:
        if signing.verify(message, signature, principal, allowed, at) is Verdict.VERIFIED:
            return principal
    raise SigningError(
        words.text("approvals.key_not_for_approvals", key=key, principals=", ".join(principals)),
        hint=words.text("approvals.key_not_for_approvals.hint", namespace=signing.NAMESPACE),
    )


def dump_lock(lock: dict[str, Approval]) -> str:
    """The lock file's text: keys sorted, so that git diffs stay small; signatures as text blocks."""
    data: dict[str, Any] = {}
    for key in sorted(lock):
        approval = lock[key]
        entry: dict[str, Any] = {"sha256": approval.sha256}
        if approval.source_sha256 is not None:
            entry["source_sha256"] = approval.source_sha256
        entry |= {"approved_by": approval.approved_by, "approved_at": approval.approved_at}
        if approval.note:
            entry["note"] = approval.note
        if approval.signer:
            entry["signer"] = approval.signer
        if approval.signature:
            entry["signature"] = LiteralScalarString(approval.signature.strip() + "\n")
        data[key] = entry
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER + buffer.getvalue()


def write_lock(template: Template, lock: dict[str, Approval]) -> None:
    path = lock_path(template)
    try:
        atomic_write(path, dump_lock(lock))
    except OSError as exc:
        words = ui_locale()
        raise ClauseKitError(
            words.text("approvals.cannot_write", name=APPROVALS_FILE, reason=str(exc.strerror or exc)),
            Location(path),
            words.text("approvals.cannot_write.hint"),
        ) from exc


def approvals_record(
    template: Template, current: Sequence[VariantStatus] | None = None
) -> list[dict[str, Any]]:
    """The approvals as plain data (for a release manifest), with whether each signature verifies
    (``current``: the template's statuses, verified, when the caller has them already)."""
    return [
        {
            "clause": s.clause_id,
            "variant": s.variant_id,
            "state": s.state.value,
            "sha256": s.digest,
            **({"language": s.language, "source_sha256": s.source_digest} if s.language else {}),
            "approved_by": s.approved_by,
            "approved_at": s.approved_at,
            "note": s.note,
            "signer": s.signer,
            "signature": None if s.signature is None else s.signature.value,
        }
        for s in (statuses(template, verify=True) if current is None else current)
    ]
