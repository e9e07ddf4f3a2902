"""``clausekit publish``: gate on approvals and checks, then build a release atomically and reproducibly.

A release is ``OUT/<template>/<version>/``::

    review.docx, review.pdf         the review edition: every article, every variant, conditions, approvals
    examples/<name>.docx, .pdf      each answers file in the template's examples/, rendered
    review.<tag>.docx, .pdf         for each translation (``translations:``), the same in that language,
    examples/<name>.<tag>.docx, …   and each example rendered in that language too
    bundle/<template>/…             the approved sources; bundle/ is a library root (Library("…/bundle"))
    redline-<old>-<version>.docx    when the template keeps an earlier release under releases/<old>/: the
    redline-<old>-<version>.html    redline from the newest such release to this one (tracked changes, HTML)
    manifest.json                   written last: hashes of sources and outputs, approvals, tool versions

It is built in a hidden temporary folder beside the target (same file system), every file and folder
is fsynced, and one rename makes it appear. A failure removes the temporary folder, so earlier releases
stay as they were and no half release is ever visible. Publishes of one template take turns (a lock
file in ``OUT/<template>/``), and each removes the hidden leftovers of publishes that were killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..approvals import (
    APPROVALS_FILE,
    ApprovalState,
    VariantStatus,
    Verdict,
    allowed_signers_files,
    approvals_record,
    example_files,
    statuses,
    unapproved,
)
from ..errors import ClauseKitError, Location
from ..formats import REGISTRY, render_documents
from ..fsutil import present
from ..library import SHARED_DIR, TEMPLATE_FILE, Library
from ..loader.translation import example_answers, example_translation
from ..locales import locale_for, ui_locale
from ..model import Finding, Template
from ..yamlio import read_bytes
from .markdown import document_meta, review_markdown, source_epoch
from .pandoc import pandoc_version
from .pdf import PDF_STANDARD, typst_version
from .redline import BUNDLE, Side, redline_docx, redline_html

MANIFEST = "manifest.json"
LOCK_FILE = ".publish.lock"
RELEASES = "releases"  # clauses/<template>/releases/<version>/{bundle/, manifest.json}: kept earlier releases
_PLAIN_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


class PublishError(ClauseKitError):
    """Publishing was refused; ``problems`` lists every reason, each with its file:line."""

    def __init__(self, message: str, problems: list[str], hint: str | None = None):
        super().__init__(message, None, hint)
        self.problems = problems

    def format(self) -> str:
        lines = [self.message, *(f"  {p}" for p in self.problems)]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Release:
    template_id: str
    version: str
    path: Path
    created: bool  # False: the identical release already existed (a no-op)


def approval_problems(template: Template, current: Sequence[VariantStatus] | None = None) -> list[str]:
    """Every unit that is not approved for its current text by a signature that verifies
    (``current``: the template's statuses, verified, when the caller has them already)."""
    problems = []
    words = ui_locale()
    for status in unapproved(template) if current is None else [s for s in current if not s.publishable]:
        if status.state is not ApprovalState.APPROVED:
            text = f"{status.location}: " + words.text(
                f"publish.state.{status.state.name.lower()}", key=status.key
            )
            if status.approved_by:
                text += words.text("publish.last_approved", who=status.approved_by, when=status.approved_at)
        else:
            where = status.approval_location or Location(template.path / APPROVALS_FILE)
            verdict = (status.signature or Verdict.UNSIGNED).name.lower()
            text = f"{where}: {status.key}: " + words.text(f"publish.signature.{verdict}")
            if status.signature is Verdict.NOT_ALLOWED:
                text += words.text("publish.signer_not_allowed", signer=status.signer, template=template.id)
        problems.append(text)
    return problems


def _gate_hint(template: Template) -> str:
    return (
        f"approve what a lawyer has reviewed: clausekit approve {template.id} --by NAME [--key KEY], with a"
        f" key listed in allowed_signers (a signature that does not verify was edited or forged: restore"
        f" {APPROVALS_FILE} from git); fix check errors: clausekit check {template.id}"
    )


def check_errors(library: Library, template: Template) -> list[Finding]:
    """Errors of the checks package, without the approval family (publish gates on approvals itself,
    and does not verify every signature twice)."""
    try:
        from ..checks import all_rules, check_template
    except ImportError:  # the checks package is optional for publishing
        return []

    approval_codes = [rule.code for rule in all_rules() if rule.family == "Approvals"]
    return [f for f in check_template(library, template, ignore=approval_codes) if f.severity == "error"]


def gate(library: Library, template: Template, current: Sequence[VariantStatus] | None = None) -> list[str]:
    """Every reason not to publish ``template`` (empty: it may be published)."""
    problems = approval_problems(template, current)
    for finding in check_errors(library, template):
        where = f"{finding.location}: " if finding.location else ""
        problems.append(f"{where}{finding.code} {finding.message}")
    return problems


def bundle_files(template: Template) -> dict[str, bytes]:
    """The approved sources by path inside the release (``bundle/<template>/…``, ``bundle/_shared/…``)."""
    folder = template.path
    files: dict[str, Path] = {TEMPLATE_FILE: folder / TEMPLATE_FILE}
    if present(folder / APPROVALS_FILE):
        files[APPROVALS_FILE] = folder / APPROVALS_FILE
    out: dict[str, bytes] = {}
    for signers in allowed_signers_files(template):  # so the bundle's approvals verify on their own
        inside = signers.name if signers.parent == folder.parent else f"{template.id}/{signers.name}"
        out[f"{BUNDLE}/{inside}"] = read_bytes(signers, signers.name, within=folder.parent)
    shared = folder.parent / SHARED_DIR
    for edition in template.editions.values() or (template,):
        if edition.is_edition and present(edition.location.path):  # translations/<tag>/template.yaml
            files[edition.location.path.relative_to(folder).as_posix()] = edition.location.path
        for path in example_files(template):
            translated = example_translation(edition, path)
            if translated is not None:
                files[translated.relative_to(folder).as_posix()] = translated
        for entry in edition.entries:
            clause = entry.clause
            if not present(clause.path):  # an edition's clause without a translation file yet
                continue
            if clause.shared:
                out[f"{BUNDLE}/{SHARED_DIR}/{clause.path.relative_to(shared).as_posix()}"] = read_bytes(
                    clause.path, clause.path.name, within=folder.parent
                )
            else:
                files[clause.path.relative_to(folder).as_posix()] = clause.path
    for example in example_files(template):
        files[example.relative_to(folder).as_posix()] = example
    for name, path in files.items():
        out[f"{BUNDLE}/{template.id}/{name}"] = read_bytes(path, name, within=folder.parent)
    return dict(sorted(out.items()))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version_key(version: str) -> tuple[int, int, int] | None:
    match = _PLAIN_VERSION.match(version)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def previous_release(template: Template) -> Path | None:
    """The newest release kept in ``<template>/releases/`` that is older than ``template.version``
    (None: no redline). Only folders named MAJOR.MINOR.PATCH count."""
    folder = template.path / RELEASES
    current = _version_key(template.version)
    if current is None or not folder.is_dir():
        return None
    kept = [(key, p) for p in folder.iterdir() if p.is_dir() and (key := _version_key(p.name)) is not None]
    older = [(key, p) for key, p in kept if key < current]
    return max(older)[1] if older else None


def kept_template(template: Template, folder: Path) -> Template:
    """The template as released in ``folder`` (``releases/<version>/``), after checking that its bundle
    holds exactly the sources its manifest lists, with their hashes: a redline against an edited copy
    of an old release would show changes that were never released."""
    manifest_path = folder / MANIFEST
    where = Location(manifest_path)
    hint = f"copy bundle/ and {MANIFEST} of the published {folder.name} unchanged into {folder}"
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = dict(data["sources"])
        version = data["version"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"{folder} is not a kept release", [f"{where}: {exc}"], hint) from exc
    found = {
        p.relative_to(folder).as_posix(): _sha256(p.read_bytes())
        for p in sorted((folder / BUNDLE).rglob("*"))
        if p.is_file()
    }
    problems = [f"{where}: version {version!r} is not {folder.name!r}"] if version != folder.name else []
    changed = [name for name in sorted(found) if listed.get(name) != found[name]]
    problems += [f"{where}: {name} differs from the manifest" for name in changed]
    problems += [f"{where}: {name} is missing" for name in sorted(set(listed) - set(found))]
    if problems:
        raise PublishError(f"the kept release {folder} does not match its manifest", problems, hint)
    return Library(folder / BUNDLE).template(template.id)


def redline_outputs(template: Template) -> Iterator[tuple[str, bytes]]:
    """(path in the release, bytes) of the redline from the newest kept earlier release, if any."""
    folder = previous_release(template)
    if folder is None:
        return
    old = Side(folder.name, kept_template(template, folder))
    new = Side(template.version, template)
    name = f"redline-{folder.name}-{template.version}"
    yield f"{name}.docx", redline_docx(old, new)
    yield f"{name}.html", redline_html(old, new).encode("utf-8")


def build_outputs(library: Library, template: Template) -> Iterator[tuple[str, bytes]]:
    """(path in the release, bytes) of every document in every released format (DOCX, PDF): the
    review edition, then each example, in the source language and then in each translation (with
    ``.<tag>`` before the extension); last the redline from a kept earlier release (source language)."""
    writers = {fmt: fmt.edition for fmt in REGISTRY.values() if fmt.edition is not None}
    epoch = source_epoch(template)
    for language in template.languages:
        edition = template.edition(language)
        suffix = f".{language}" if edition.is_edition else ""
        review = review_markdown(edition, statuses(edition))
        meta = document_meta(edition, locale_for(edition.language).text("document.review_edition"))
        for fmt, write in writers.items():
            yield f"review{suffix}.{fmt.extension}", write(review, meta, epoch)
        for path in example_files(template):  # its text answers in the edition's language, if given
            raw, locations = example_answers(edition, path)
            document = library.render(edition, library.validate(edition, raw, locations, source=path))
            yield from render_documents(document, writers, f"examples/{path.stem}{suffix}").items()
    yield from redline_outputs(template)


def manifest(
    template: Template,
    sources: dict[str, bytes],
    outputs: dict[str, bytes],
    current: Sequence[VariantStatus] | None = None,
) -> bytes:
    data: dict[str, Any] = {
        "template": template.id,
        "title": template.title,
        "version": template.version,
        "languages": list(template.languages),
        "date": template.date.isoformat() if template.date else None,
        "source_date_epoch": source_epoch(template),
        "tools": {
            "clausekit": __version__,
            "pandoc": pandoc_version(),
            "typst": typst_version(),
            "pdf_standard": PDF_STANDARD,
        },
        "sources": {name: _sha256(data) for name, data in sources.items()},
        "outputs": {name: _sha256(data) for name, data in sorted(outputs.items())},
        "approvals": approvals_record(template, current),
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _existing_sources(target: Path) -> dict[str, str] | None:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        sources = data["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sources if isinstance(sources, dict) else None


def publish(library: Library, template: Template, out: Path) -> Release:
    """Publish ``template`` into ``out``; see the module docstring. Raises PublishError when refused."""
    current = statuses(template, verify=True)  # each signature verified once: for the gate and the manifest
    problems = gate(library, template, current)
    if problems:
        raise PublishError(
            f"cannot publish {template.id} {template.version}: {len(problems)} problem(s)",
            problems,
            _gate_hint(template),
        )
    folder = out / template.id
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        return _publish_locked(library, template, folder / template.version, current)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One publish per template folder at a time; leftovers of killed publishes are removed."""
    with open(folder / LOCK_FILE, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            for stale in folder.glob(".*.partial-*"):  # no publish is running: these are torn
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _publish_locked(
    library: Library, template: Template, target: Path, current: Sequence[VariantStatus]
) -> Release:
    sources = bundle_files(template)
    if target.exists():
        published = _existing_sources(target)
        if published == {name: _sha256(data) for name, data in sources.items()}:
            return Release(template.id, template.version, target, created=False)
        raise PublishError(
            f"{template.id} {template.version} is already published in {target} with different content",
            [f"{Location(template.location.path)}: version {template.version}"],
            "raise 'version' in template.yaml (and approve template.yaml again); never edit a release",
        )
    staging = Path(tempfile.mkdtemp(prefix=f".{template.version}.partial-", dir=target.parent))
    try:
        outputs: dict[str, bytes] = {}
        for name, data in sources.items():
            _write(staging / name, data)
        for name, data in build_outputs(library, template):
            _write(staging / name, data)
            outputs[name] = data
        _write(staging / MANIFEST, manifest(template, sources, outputs, current))
        staging.chmod(0o755)  # mkdtemp makes it private; a release is for everyone to read
        for path, _, _ in os.walk(staging, topdown=False):
            _fsync_dir(Path(path))
        os.rename(staging, target)  # atomic
        _fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Release(template.id, template.version, target, created=True)
