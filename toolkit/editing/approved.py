"""The text a lawyer approved, for the word-level difference with the text after an edit.

approvals.yaml keeps only the sha256 of what was approved (the variant's text and its heading:
clause, title, terms, condition, label). The approved text is found by trying candidates until
one has that digest: the text as the editor opened it, then the file's versions in git (newest
first, through ``git log`` / ``git show`` with a timeout). When none matches, it says so.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..approvals import load_lock, lock_key, variant_digest
from ..errors import ClauseKitError
from ..model import ClauseEntry, Template, Variant
from ..yamlio import load_yaml
from .source import parse_text

GIT_TIMEOUT = 5.0  # seconds per git command
GIT_VERSIONS = 30  # how far back in the file's history to look


@dataclass(frozen=True)
class ApprovedText:
    """The approved body of a variant, and where it was found (``opened`` or a commit id)."""

    body: str
    source: str


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def git_versions(path: Path, limit: int = GIT_VERSIONS) -> Iterator[tuple[str, str]]:
    """(commit, text) of ``path`` in the git history, newest first (nothing outside a repository)."""
    folder = path.parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if not top:
        return
    root = Path(top.strip()).resolve()
    relative = path.resolve().relative_to(root).as_posix()
    log = _git(["log", f"-n{limit}", "--format=%H", "--", relative], root) or ""
    for commit in log.split():
        text = _git(["show", f"{commit}:{relative}"], root)
        if text is not None:
            yield commit, text


def variant_in(text: str, path: Path, current: Variant) -> Variant | None:
    """The variant ``current.id`` as written in ``text`` (a version of its clause file), or None."""
    try:
        source = parse_text(path, text)
        body = source.body(current.id)
        front = load_yaml(text[source.front.start : source.front.end], path)
    except (ClauseKitError, KeyError):
        return None
    spec = (front.get("variants") or {}).get(current.id) if isinstance(front, dict) else None
    spec = spec if isinstance(spec, dict) else {}
    when = spec.get("when")
    label = str(spec.get("label") or current.id) if source.fenced else current.label
    return replace(current, body=body, when=str(when) if when is not None else None, label=label)


def find_approved(
    template: Template, clause_id: str, variant_id: str, candidates: Iterable[Variant] = ()
) -> ApprovedText | None:
    """The approved text of a variant that has an approval, tried against ``candidates`` then git."""
    approval = load_lock(template).get(lock_key(clause_id, variant_id))
    if approval is None:
        return None
    entry: ClauseEntry = next(e for e in template.entries if e.clause.id == clause_id)
    current = entry.clause.variant(variant_id)
    for candidate in candidates:
        if variant_digest(entry, candidate) == approval.sha256:
            return ApprovedText(candidate.body, "opened")
    for commit, text in git_versions(entry.clause.path):
        old = variant_in(text, entry.clause.path, current)
        if old is not None and variant_digest(entry, old) == approval.sha256:
            return ApprovedText(old.body, commit)
    return None
