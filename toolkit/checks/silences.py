"""Inline silences: `{# clausekit: ignore CK503 reden: … #}` on the line of a finding (or just above)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from ..locales import ui_locale
from ..model import Finding, Template
from .config import CheckConfig
from .registry import declare

_SILENCE = re.compile(
    r"clausekit:\s*ignore\s+(?P<codes>CK\d{3}(?:\s*,\s*CK\d{3})*)(?:\s+(?:reden|reason)\s*:\s*(?P<reason>[^#}]*))?",
    re.IGNORECASE,
)
_COMMENT_ONLY = re.compile(r"^\s*(\{#.*#\}|#.*)\s*$")

NO_REASON = declare(
    "CK901",
    "silence-without-reason",
    "warning",
    """A silence comment gives no reason.

    Why: a finding that is silenced without a reason cannot be reviewed; the next editor does not
    know whether the silence still holds. A silence without a reason silences nothing.

    Example: `{# clausekit: ignore CK503 #}`

    Fix: add the reason: `{# clausekit: ignore CK503 reden: dubbele spatie staat in de wettekst #}`.
    """,
)

UNUSED = declare(
    "CK902",
    "unused-silence",
    "info",
    """A silence comment silences no finding.

    Why: the problem it was written for is gone (or the code is wrong), and a stale silence would
    hide a new problem of that kind on the same line.

    Example: `{# clausekit: ignore CK702 reden: … #}` on a line without "en/of".

    Fix: remove the comment.
    """,
)


@dataclass(frozen=True)
class Silence:
    location: Location
    codes: tuple[str, ...]
    reason: str
    covers: tuple[int, ...]  # the lines it applies to


def silences_in(path: Path) -> list[Silence]:
    """The silence comments in one source file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for number, line in enumerate(lines, start=1):
        match = _SILENCE.search(line)
        if not match:
            continue
        codes = tuple(c.strip().upper() for c in match["codes"].split(","))
        covers = (number, number + 1) if _COMMENT_ONLY.match(line) else (number,)
        found.append(
            Silence(Location(path, number, match.start() + 1), codes, (match["reason"] or "").strip(), covers)
        )
    return found


def source_files(template: Template, config: CheckConfig) -> list[Path]:
    files = [template.location.path, *(e.clause.path for e in template.entries)]
    if config.path is not None:
        files.append(config.path)
    return list(dict.fromkeys(files))


def apply_silences(
    template: Template, findings: Iterable[Finding], config: CheckConfig, ran: set[str]
) -> list[Finding]:
    """Drop silenced findings; report silences without a reason and silences that silence nothing."""
    silences = [s for path in source_files(template, config) for s in silences_in(path)]
    kept: list[Finding] = []
    used: set[Silence] = set()
    for finding in findings:
        match = _matching(finding, silences)
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
    words = ui_locale()
    for silence in silences:
        if not silence.reason:
            kept.append(
                NO_REASON.finding(
                    words.text("check.CK901"),
                    silence.location,
                    words.text("check.CK901.hint", code=silence.codes[0]),
                )
            )
        elif silence not in used and set(silence.codes) <= ran:
            kept.append(
                UNUSED.finding(
                    words.text("check.CK902", codes=", ".join(silence.codes)),
                    silence.location,
                    words.text("check.CK902.hint"),
                )
            )
    return kept


def _matching(finding: Finding, silences: list[Silence]) -> Silence | None:
    loc = finding.location
    if loc is None or loc.line is None:
        return None
    for silence in silences:
        if (
            silence.reason
            and silence.location.path == loc.path
            and loc.line in silence.covers
            and finding.code in silence.codes
        ):
            return silence
    return None
